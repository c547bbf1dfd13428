package route

import (
	"fmt"

	"github.com/saavu/saavu/internal/transit"
)

// Range computes travel times from one origin to every target for each
// departure time dep_m = from + m*step, m = 0..M-1, M = (to-from)/step (the
// window [from, to)), and writes the travel time of minute m to target t at
// out[m*numTargets+t].
//
// The travel time is the arrival at the target minus dep_m: it counts the
// access walk, the wait at the first stop (the passenger leaves the origin
// at dep_m), rides, waits, transfer walks and the egress walk, as R5 does.
// A target is reached either by walking all the way (direct[t] seconds;
// -1 or a nil direct when it cannot be walked) or by a journey of one to
// MaxRides vehicles: an access walk to a stop (access), rides each followed
// by at most one transfer walk from the day's transfer lists, and an egress
// walk from the stop where the last vehicle was left (eg). Travel times of
// MaxTime or more are Unreachable (-1).
//
// Departure times are processed from the latest to the earliest, keeping
// the labels of later departures as upper bounds (range RAPTOR). The result
// for each minute equals a separate RAPTOR search for that minute. Range
// allocates nothing once the Raptor has seen as many targets before.
//
// It returns an error wrapping ErrInvalidRaptorQuery when the arguments do
// not fit the day or each other; out is then left unspecified.
func (r *Raptor) Range(access []StopTime, direct []transit.Seconds, eg *Egress, numTargets int, from, to, step transit.Seconds, out []transit.Seconds) error {
	m, err := r.checkRange(access, direct, eg, numTargets, from, to, step, len(out))
	if err != nil {
		return err
	}
	if cap(r.arrT) < numTargets {
		r.arrT = make([]transit.Seconds, numTargets)
	}
	arrT := r.arrT[:numTargets]
	accIn := r.internal(access, &r.accIn)
	toOrig := r.tt.toOrig
	r.resetLabels()
	fillSeconds(arrT, raptorInf)
	maxT := r.opts.MaxTime
	for mi := m - 1; mi >= 0; mi-- {
		dep := from + transit.Seconds(mi)*step
		if r.noReuse {
			r.resetLabels()
			fillSeconds(arrT, raptorInf)
		}
		r.runMinute(dep, accIn)
		if eg != nil {
			for _, s := range r.egList {
				a := r.vbest[s]
				o := toOrig[s]
				lo, hi := eg.Start[o], eg.Start[o+1]
				targets, times := eg.Target[lo:hi], eg.Time[lo:hi]
				for i, t := range targets {
					if c := a + times[i]; c < arrT[t] {
						arrT[t] = c
					}
				}
			}
		}
		row := out[mi*numTargets : (mi+1)*numTargets]
		for t, a := range arrT {
			v := a - dep
			if v >= maxT {
				v = Unreachable
			}
			if direct != nil {
				if w := direct[t]; w >= 0 && w < maxT && (v < 0 || w < v) {
					v = w
				}
			}
			row[t] = v
		}
	}
	return nil
}

// checkRange validates the arguments of Range and returns the number of
// departure minutes.
func (r *Raptor) checkRange(access []StopTime, direct []transit.Seconds, eg *Egress, numTargets int, from, to, step transit.Seconds, outLen int) (int, error) {
	bad := func(format string, args ...any) (int, error) {
		return 0, fmt.Errorf("%w: "+format, append([]any{ErrInvalidRaptorQuery}, args...)...)
	}
	if step <= 0 {
		return bad("step %d s is not positive", step)
	}
	if from < 0 || to < from || to >= raptorMaxClock {
		return bad("window %d..%d s is not within 0..%d", from, to, raptorMaxClock-1)
	}
	if numTargets < 0 {
		return bad("%d targets", numTargets)
	}
	if direct != nil && len(direct) != numTargets {
		return bad("direct has %d entries for %d targets", len(direct), numTargets)
	}
	if err := r.checkAccess(access); err != nil {
		return 0, err
	}
	if eg != nil {
		if err := eg.check(r.numStops, numTargets); err != nil {
			return 0, err
		}
	}
	m := int((to - from) / step)
	if outLen < m*numTargets {
		return bad("out has %d entries, want %d minutes x %d targets", outLen, m, numTargets)
	}
	return m, nil
}

// checkAccess validates a list of walks between a place and stops.
func (r *Raptor) checkAccess(access []StopTime) error {
	for i, a := range access {
		if a.Stop < 0 || int(a.Stop) >= r.numStops {
			return fmt.Errorf("%w: walk %d: stop %d outside 0..%d", ErrInvalidRaptorQuery, i, a.Stop, r.numStops-1)
		}
		if a.Time < 0 || a.Time >= raptorMaxClock {
			return fmt.Errorf("%w: walk %d to stop %d: %d s out of range", ErrInvalidRaptorQuery, i, a.Stop, a.Time)
		}
	}
	return nil
}

// internal copies walks to or from stops into *buf with the stops in
// internal numbers.
func (r *Raptor) internal(walks []StopTime, buf *[]StopTime) []StopTime {
	b := (*buf)[:0]
	for _, w := range walks {
		b = append(b, StopTime{Stop: r.tt.toIn[w.Stop], Time: w.Time})
	}
	*buf = b
	return b
}

func fillSeconds(s []transit.Seconds, v transit.Seconds) {
	for i := range s {
		s[i] = v
	}
}
