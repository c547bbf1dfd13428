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
// returned as they are); the result is a new table, eg is not changed.
// Journey's itineraries should use the full table: with ties the pruned
// one may name a different last stop.
func PruneEgress(day *transit.Day, eg *Egress) *Egress {
	ns := day.NumStops
	if eg == nil || !eg.checked || eg.numStops != ns {
		return eg
	}
	rides := newRideBounds(day)
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
		return rides.everyRideOn(s, func(s2 int32, rd transit.Seconds) bool {
			w2 := walkTo(s2, t)
			return w2 >= 0 && rd+w2 <= w
		})
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

// rideBounds holds, per pattern, the longest ride over its trips from each
// position to each of the pruneAhead positions after it (arrival to
// arrival), computed when first asked.
type rideBounds struct {
	day  *transit.Day
	ride [][]transit.Seconds // [p][i*pruneAhead+d-1]; -1: no trip
}

func newRideBounds(day *transit.Day) *rideBounds {
	return &rideBounds{day: day, ride: make([][]transit.Seconds, day.NumPatterns())}
}

func (b *rideBounds) of(p int32) []transit.Seconds {
	if b.ride[p] != nil {
		return b.ride[p]
	}
	day := b.day
	l := int(day.PatStopStart[p+1] - day.PatStopStart[p])
	r := make([]transit.Seconds, l*pruneAhead)
	for i := range r {
		r[i] = -1
	}
	for t := day.PatTripStart[p]; t < day.PatTripStart[p+1]; t++ {
		arr := day.Arr[day.TripTimes[t]:][:l]
		for i := range l {
			for d := 1; d <= pruneAhead && i+d < l; d++ {
				r[i*pruneAhead+d-1] = max(r[i*pruneAhead+d-1], arr[i+d]-arr[i])
			}
		}
	}
	b.ride[p] = r
	return r
}

// everyRideOn reports whether every vehicle that can leave a passenger at
// stop s (at any position but the first of a pattern) reaches, within
// pruneAhead stops, a stop s2 for which ok(s2, longest ride from s to s2)
// holds. A stop served at no such position has nothing to check: true.
func (b *rideBounds) everyRideOn(s int32, ok func(s2 int32, ride transit.Seconds) bool) bool {
	day := b.day
	for k := day.StopPatStart[s]; k < day.StopPatStart[s+1]; k++ {
		p, i := day.StopPat[k], int(day.StopPatPos[k])
		if i == 0 {
			continue // nobody is left at the first stop
		}
		stops := day.PatStops[day.PatStopStart[p]:day.PatStopStart[p+1]]
		r := b.of(p)
		found := false
		for d := 1; d <= pruneAhead && i+d < len(stops) && !found; d++ {
			if rd := r[i*pruneAhead+d-1]; rd >= 0 {
				found = ok(stops[i+d], rd)
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// pruneTransfers leaves out the transfers that staying on the vehicle
// always matches, by the rule of PruneEgress: a transfer from s to u of x
// seconds goes when every vehicle that can leave a passenger at s reaches,
// within pruneAhead stops, u itself at most x seconds later, or a stop s2
// with a transfer to u of x2 seconds at most x - x2 seconds later. A
// vehicle arrival at u sets u's board label as a transfer would, so board
// labels, and everything after them, stay the same. Journey uses the same
// lists: where getting off to walk and staying on arrive together, its
// itinerary stays on.
func (tt *raptorTimetable) pruneTransfers() {
	d := tt.day
	rides := newRideBounds(d)
	walk := func(s, u int32) transit.Seconds {
		if s == u {
			return 0
		}
		for _, x := range tt.xfer[tt.xferStart[s]:tt.xferStart[s+1]] {
			if x.to == u {
				return x.time
			}
		}
		return -1
	}
	start := make([]int32, d.NumStops+1)
	kept := make([]raptorXfer, 0, len(tt.xfer))
	for s := range int32(d.NumStops) {
		for _, x := range tt.xfer[tt.xferStart[s]:tt.xferStart[s+1]] {
			if !rides.everyRideOn(s, func(s2 int32, rd transit.Seconds) bool {
				w := walk(s2, x.to)
				return w >= 0 && rd+w <= x.time
			}) {
				kept = append(kept, x)
			}
		}
		start[s+1] = int32(len(kept))
	}
	tt.xfer, tt.xferStart = kept, start
}
