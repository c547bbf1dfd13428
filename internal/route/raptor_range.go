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
	m, err := r.checkRange(access, direct, eg, numTargets, from, to, step)
	if err != nil {
		return err
	}
	if len(out) < m*numTargets {
		return fmt.Errorf("%w: out has %d entries, want %d minutes x %d targets", ErrInvalidRaptorQuery, len(out), m, numTargets)
	}
	r.rangeEvents(access, eg, numTargets, from, step, m)
	for t := range numTargets {
		times := r.series(t, direct, from, step, m)
		if len(times) == 1 {
			for mi := range m {
				out[mi*numTargets+t] = times[0]
			}
			continue
		}
		for mi, v := range times {
			out[mi*numTargets+t] = v
		}
	}
	return nil
}

// rangeEvents runs the departure minutes m-1 down to 0 and records, for
// each target, the minutes at which its earliest arrival improved: event e
// says that at minute evMinute[e] the target's arrival fell to evArr[e],
// and so it stays for the earlier minutes down to the target's previous
// event in minute order. The events of target t form a list from
// evHead[t] along evNext in increasing minute order, since minutes are
// run from the latest and each event is put at the head.
func (r *Raptor) rangeEvents(access []StopTime, eg *Egress, numTargets int, from, step transit.Seconds, m int) {
	if cap(r.arrT) < numTargets {
		r.arrT = make([]transit.Seconds, numTargets)
		r.evHead = make([]int32, numTargets)
		r.evLast = make([]int32, numTargets)
	}
	arrT := r.arrT[:numTargets]
	head, last := r.evHead[:numTargets], r.evLast[:numTargets]
	fillSeconds(arrT, raptorInf)
	for i := range head {
		head[i] = -1
		last[i] = -1
	}
	evT, evMin, evArr, evNext := r.evTarget[:0], r.evMinute[:0], r.evArr[:0], r.evNext[:0]
	accIn := r.internal(access, &r.accIn)
	toOrig := r.tt.toOrig
	r.resetLabels()
	for mi := m - 1; mi >= 0; mi-- {
		dep := from + transit.Seconds(mi)*step
		if r.noReuse {
			r.resetLabels()
			fillSeconds(arrT, raptorInf)
		}
		r.runMinute(dep, accIn)
		if eg == nil {
			continue
		}
		// Lower the targets' arrivals and list the lowered ones without a
		// branch on the outcome (it is hard to predict): every target is
		// written to cand, and the count advances only when it improved.
		nc := 0
		for _, s := range r.egList {
			a := r.vbest[s]
			o := toOrig[s]
			lo, hi := eg.Start[o], eg.Start[o+1]
			if need := nc + int(hi-lo); need > len(r.cand) {
				r.cand = append(r.cand[:nc], make([]int32, need-nc+len(r.cand))...)
			}
			targets, times := eg.Target[lo:hi], eg.Time[lo:hi]
			cand := r.cand
			for i, t := range targets {
				c, old := a+times[i], arrT[t]
				arrT[t] = min(c, old)
				cand[nc] = t
				inc := 0
				if c < old {
					inc = 1
				}
				nc += inc
			}
		}
		first := len(evT)
		for _, t := range r.cand[:nc] {
			if last[t] != int32(mi) {
				last[t] = int32(mi)
				evT = append(evT, t)
			}
		}
		for _, t := range evT[first:] {
			evMin = append(evMin, int32(mi))
			evArr = append(evArr, arrT[t])
			evNext = append(evNext, head[t])
			head[t] = int32(len(evNext) - 1)
		}
	}
	r.evTarget, r.evMinute, r.evArr, r.evNext = evT, evMin, evArr, evNext
}

// series returns the travel times of target t over the m minutes from the
// events of rangeEvents, merged with the direct walk; a single entry when
// they are all the same.
func (r *Raptor) series(t int, direct []transit.Seconds, from, step transit.Seconds, m int) []transit.Seconds {
	maxT := r.opts.MaxTime
	w := r.walkOnly(direct, t)
	e := r.evHead[t]
	if e < 0 {
		r.one[0] = w
		return r.one[:]
	}
	if w >= 0 {
		// The shortest ride of each stretch is at its last minute; when
		// none beats the walk, the walk is the time of every minute.
		beaten := false
		for f := e; f >= 0; f = r.evNext[f] {
			if r.evArr[f]-(from+transit.Seconds(r.evMinute[f])*step) < w {
				beaten = true
				break
			}
		}
		if !beaten {
			r.one[0] = w
			return r.one[:]
		}
	}
	if cap(r.times) < m {
		r.times = make([]transit.Seconds, m)
	}
	out := r.times[:m]
	mi := 0
	for ; e >= 0; e = r.evNext[e] {
		a := r.evArr[e] - from
		for end := int(r.evMinute[e]); mi <= end; mi++ {
			v := a - transit.Seconds(mi)*step
			if v >= maxT {
				v = Unreachable
			}
			if w >= 0 && (v < 0 || w < v) {
				v = w
			}
			out[mi] = v
		}
	}
	for ; mi < m; mi++ {
		out[mi] = w
	}
	return out
}

// walkOnly is target t's walk-only time when it is below MaxTime, else
// Unreachable (direct nil: no walks).
func (r *Raptor) walkOnly(direct []transit.Seconds, t int) transit.Seconds {
	if direct != nil {
		if d := direct[t]; d >= 0 && d < r.opts.MaxTime {
			return d
		}
	}
	return Unreachable
}

// checkRange validates the arguments of Range and RangePercentiles (all
// but their output) and returns the number of departure minutes.
func (r *Raptor) checkRange(access []StopTime, direct []transit.Seconds, eg *Egress, numTargets int, from, to, step transit.Seconds) (int, error) {
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
	return int((to - from) / step), nil
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
