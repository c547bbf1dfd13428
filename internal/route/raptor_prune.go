package route

import (
	"slices"

	"github.com/saavu/saavu/internal/transit"
)

// pruneAhead is how many stops down a pattern PruneEgress looks for a stop
// whose walk to the target makes up for the ride.
const pruneAhead = 8

// PruneEgress returns the egress table eg of day without the walks that
// cannot give any target's earliest arrival, so that range queries fan out
// over fewer walks; arrival times are the same with either table.
//
// A walk from stop s to target t (w seconds) is left out when every
// vehicle that can leave a passenger at s runs on to a stop s2 (at most
// pruneAhead stops further) with a walk to t of w2 seconds and
// gets there at most w - w2 seconds later, on every trip of its pattern.
// Whoever is left at s then reaches t at least as early by staying on to
// s2. If the walk from s2 is left out too, the same holds further down the
// same trip; positions only grow along it, so the last such stop keeps its
// walk. Vehicles leave passengers only at positions after the first of a
// pattern, and a stop served at none of them keeps no walk at all.
//
// Only a table built by NewEgress for day's stops is pruned (others are
// returned as they are); the result is a new table, eg is not changed. Journey's itineraries should use the full
// table: with ties the pruned one may name a different last stop.
func PruneEgress(day *transit.Day, eg *Egress) *Egress {
	ns := day.NumStops
	if eg == nil || !eg.checked || eg.numStops != ns {
		return eg
	}
	// ride[p][i*pruneAhead+d-1] is the longest ride over trips of pattern
	// p from position i to position i+d (arrival to arrival).
	ride := make([][]transit.Seconds, day.NumPatterns())
	rideOf := func(p int32) []transit.Seconds {
		if ride[p] != nil {
			return ride[p]
		}
		s0, s1 := day.PatStopStart[p], day.PatStopStart[p+1]
		l := int(s1 - s0)
		r := make([]transit.Seconds, l*pruneAhead)
		for i := range r {
			r[i] = -1 // no trip: nothing to compare
		}
		for t := day.PatTripStart[p]; t < day.PatTripStart[p+1]; t++ {
			arr := day.Arr[day.TripTimes[t]:][:l]
			for i := range l {
				for d := 1; d <= pruneAhead && i+d < l; d++ {
					r[i*pruneAhead+d-1] = max(r[i*pruneAhead+d-1], arr[i+d]-arr[i])
				}
			}
		}
		ride[p] = r
		return r
	}
	// walkTo is the walk from stop s to target t, or -1 for none.
	walkTo := func(s, t int32) transit.Seconds {
		lo, hi := eg.Start[s], eg.Start[s+1]
		targets := eg.Target[lo:hi]
		if i, ok := slices.BinarySearch(targets, t); ok {
			return eg.Time[int(lo)+i]
		}
		return -1
	}
	dominated := func(s, t int32, w transit.Seconds) bool {
		for k := day.StopPatStart[s]; k < day.StopPatStart[s+1]; k++ {
			p, i := day.StopPat[k], int(day.StopPatPos[k])
			if i == 0 {
				continue // nobody is left at the first stop
			}
			stops := day.PatStops[day.PatStopStart[p]:day.PatStopStart[p+1]]
			r := rideOf(p)
			ok := false
			for d := 1; d <= pruneAhead && i+d < len(stops) && !ok; d++ {
				s2 := stops[i+d]
				rd := r[i*pruneAhead+d-1]
				if rd < 0 {
					continue
				}
				w2 := walkTo(s2, t)
				if w2 < 0 {
					continue
				}
				ok = rd+w2 <= w
			}
			if !ok {
				return false
			}
		}
		return true
	}
	out := &Egress{Start: make([]int32, ns+1), checked: eg.checked, numStops: eg.numStops, maxTarget: -1}
	for s := range int32(ns) {
		for i := eg.Start[s]; i < eg.Start[s+1]; i++ {
			t, w := eg.Target[i], eg.Time[i]
			if dominated(s, t, w) {
				continue
			}
			out.Target = append(out.Target, t)
			out.Time = append(out.Time, w)
			out.maxTarget = max(out.maxTarget, t)
		}
		out.Start[s+1] = int32(len(out.Target))
	}
	// A pruned table still fits the targets the full one was checked for.
	out.maxTarget = max(out.maxTarget, eg.maxTarget)
	return out
}
