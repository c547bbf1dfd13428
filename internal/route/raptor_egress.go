package route

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/saavu/saavu/internal/transit"
)

// EgressEntry says that target Target is reached from stop Stop by walking
// Time seconds.
type EgressEntry struct {
	Stop   int32
	Target int32
	Time   transit.Seconds
}

// Egress holds the walks from stops to targets in compressed sparse row
// form: the targets reached from stop s are Target[Start[s]:Start[s+1]],
// each after walking the matching Time. Stops are those of the
// transit.Day, targets numbered 0..numTargets-1 by the caller. An Egress
// built by NewEgress is checked once; do not modify its arrays afterwards.
// One built by hand is checked by every query.
type Egress struct {
	Start  []int32 // len = stops+1
	Target []int32
	Time   []transit.Seconds

	// Set by NewEgress, so that queries need not check the arrays again.
	checked   bool
	numStops  int
	maxTarget int32
}

// NewEgress builds the egress table of numStops stops from entries in any
// order. Entries are sorted by stop, then target; of several entries for
// the same stop and target only the shortest walk is kept, so the result
// does not depend on the order of entries. It returns an error for a stop
// outside 0..numStops-1, a negative target or a negative walk.
func NewEgress(numStops int, entries []EgressEntry) (*Egress, error) {
	if numStops < 0 {
		return nil, fmt.Errorf("%w: egress for %d stops", ErrInvalidRaptorQuery, numStops)
	}
	for i, e := range entries {
		switch {
		case e.Stop < 0 || int(e.Stop) >= numStops:
			return nil, fmt.Errorf("%w: egress entry %d: stop %d outside 0..%d", ErrInvalidRaptorQuery, i, e.Stop, numStops-1)
		case e.Target < 0:
			return nil, fmt.Errorf("%w: egress entry %d: negative target %d", ErrInvalidRaptorQuery, i, e.Target)
		case e.Time < 0 || e.Time >= raptorMaxClock:
			return nil, fmt.Errorf("%w: egress entry %d: walk %d s out of range", ErrInvalidRaptorQuery, i, e.Time)
		}
	}
	sorted := slices.Clone(entries)
	slices.SortFunc(sorted, func(a, b EgressEntry) int {
		return cmp.Or(cmp.Compare(a.Stop, b.Stop), cmp.Compare(a.Target, b.Target), cmp.Compare(a.Time, b.Time))
	})
	eg := &Egress{Start: make([]int32, numStops+1), checked: true, numStops: numStops, maxTarget: -1}
	for i, e := range sorted {
		if i > 0 && sorted[i-1].Stop == e.Stop && sorted[i-1].Target == e.Target {
			continue // a longer walk for the same pair
		}
		eg.Start[e.Stop+1]++
		eg.Target = append(eg.Target, e.Target)
		eg.Time = append(eg.Time, e.Time)
		eg.maxTarget = max(eg.maxTarget, e.Target)
	}
	for s := range numStops {
		eg.Start[s+1] += eg.Start[s]
	}
	return eg, nil
}

// check verifies that the table fits numStops stops and numTargets targets.
// Tables built by NewEgress are checked in constant time.
func (e *Egress) check(numStops, numTargets int) error {
	if e.checked {
		if e.numStops != numStops {
			return fmt.Errorf("%w: egress built for %d stops, day has %d", ErrInvalidRaptorQuery, e.numStops, numStops)
		}
		if int(e.maxTarget) >= numTargets {
			return fmt.Errorf("%w: egress reaches target %d of %d", ErrInvalidRaptorQuery, e.maxTarget, numTargets)
		}
		return nil
	}
	if len(e.Start) != numStops+1 {
		return fmt.Errorf("%w: egress Start has %d entries, want %d", ErrInvalidRaptorQuery, len(e.Start), numStops+1)
	}
	if err := checkCSR(e.Start, len(e.Target)); err != nil {
		return fmt.Errorf("%w: egress Start: %v", ErrInvalidRaptorQuery, err)
	}
	if len(e.Time) != len(e.Target) {
		return fmt.Errorf("%w: egress Time has %d entries, Target %d", ErrInvalidRaptorQuery, len(e.Time), len(e.Target))
	}
	for i, t := range e.Target {
		if t < 0 || int(t) >= numTargets {
			return fmt.Errorf("%w: egress Target[%d] = %d outside 0..%d", ErrInvalidRaptorQuery, i, t, numTargets-1)
		}
		if w := e.Time[i]; w < 0 || w >= raptorMaxClock {
			return fmt.Errorf("%w: egress Time[%d] = %d out of range", ErrInvalidRaptorQuery, i, w)
		}
	}
	return nil
}
