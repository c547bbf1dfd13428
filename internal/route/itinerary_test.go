package route

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/transit"
)

func TestJourneyHandMade(t *testing.T) {
	// Slow A 0 -> 1 -> 2 (08:05, 08:10, 08:40), fast B 3 -> 4 (08:11 and
	// 08:14, six minutes), a 2-minute walk from 1 to 3, and C 0 -> 4 at
	// 08:03 that one cannot catch (at 0 at 08:02, 08:03 is not after 08:03).
	day := rtDay(5, []rtPattern{
		rtLine([]int32{0, 1, 2}, []transit.Seconds{hm(8, 5), hm(8, 10), hm(8, 40)}),
		rtLine([]int32{3, 4}, []transit.Seconds{hm(8, 11), hm(8, 17)}, []transit.Seconds{hm(8, 14), hm(8, 20)}),
		rtLine([]int32{0, 4}, []transit.Seconds{hm(8, 3), hm(8, 7)}),
	}, []rtTransfer{{1, 3, 120}})
	r, err := NewRaptor(day, RaptorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	access := []StopTime{{0, 120}}
	egress := []StopTime{{2, 0}, {4, 60}}
	it, ok := r.Journey(access, -1, egress, hm(8, 0))
	if !ok {
		t.Fatal("no journey")
	}
	// Trip 1 of the day is B's 08:11 trip, trip 2 its 08:14 one.
	want := Itinerary{Depart: hm(8, 0), Arrive: hm(8, 21), Rides: 2, Legs: []Leg{
		walkLeg(LegWalk, AtOrigin, 0, hm(8, 0), hm(8, 2)),
		walkLeg(LegWait, 0, 0, hm(8, 2), hm(8, 5)),
		{Kind: LegRide, From: 0, To: 1, Start: hm(8, 5), End: hm(8, 10), Pattern: 0, Trip: 0, FromPos: 0, ToPos: 1},
		walkLeg(LegTransfer, 1, 3, hm(8, 10), hm(8, 12)),
		walkLeg(LegWait, 3, 3, hm(8, 12), hm(8, 14)),
		{Kind: LegRide, From: 3, To: 4, Start: hm(8, 14), End: hm(8, 20), Pattern: 1, Trip: 2, FromPos: 0, ToPos: 1},
		walkLeg(LegWalk, 4, AtDestination, hm(8, 20), hm(8, 21)),
	}}
	if !rtSameItinerary(it, want) {
		t.Errorf("Journey =\n%s\nwant\n%s", rtFormat(it), rtFormat(want))
	}
	if it.Seconds() != 21*60 {
		t.Errorf("Seconds() = %d, want 1260", it.Seconds())
	}
	// Range agrees: 21 min.
	eg := rtEgress(t, 5, EgressEntry{2, 0, 0}, EgressEntry{4, 0, 60})
	out := make([]transit.Seconds, 1)
	if err := r.Range(access, nil, eg, 1, hm(8, 0), hm(8, 1), 60, out); err != nil {
		t.Fatal(err)
	}
	if out[0] != 21*60 {
		t.Errorf("Range = %d, want 1260", out[0])
	}

	// Leaving at 07:59 C is caught (at 0 at 08:01, 08:03 > 08:02): at 4 at
	// 08:07, destination 08:08, one ride.
	it, ok = r.Journey(access, -1, egress, hm(7, 59))
	if !ok || it.Arrive != hm(8, 8) || it.Rides != 1 || len(it.Legs) != 4 || it.Legs[2].Pattern != 2 {
		t.Errorf("07:59: Journey =\n%s\nwant C arriving 08:08", rtFormat(it))
	}

	// Walking 20 min beats 21 min.
	it, ok = r.Journey(access, 20*60, egress, hm(8, 0))
	want = Itinerary{Depart: hm(8, 0), Arrive: hm(8, 20), Legs: []Leg{walkLeg(LegWalk, AtOrigin, AtDestination, hm(8, 0), hm(8, 20))}}
	if !ok || !rtSameItinerary(it, want) {
		t.Errorf("walk: Journey =\n%s\nwant\n%s", rtFormat(it), rtFormat(want))
	}
	// Walking 21 min ties with transit and wins: no rides.
	if it, ok = r.Journey(access, 21*60, egress, hm(8, 0)); !ok || it.Rides != 0 {
		t.Errorf("tie with walking: Journey =\n%s\nwant walking", rtFormat(it))
	}
	// Nothing reaches stop 2 or 4 from stop 3.
	if it, ok = r.Journey([]StopTime{{4, 0}}, -1, egress, hm(8, 0)); ok {
		t.Errorf("from stop 4: Journey =\n%s\nwant none", rtFormat(it))
	}
	// Bad input gives false, not a panic.
	if _, ok = r.Journey([]StopTime{{9, 0}}, -1, egress, hm(8, 0)); ok {
		t.Error("access to stop 9 accepted")
	}
}

func TestJourneyFewestRides(t *testing.T) {
	// Both D (0 -> 2 direct) and E then F (0 -> 1, 1 -> 2) reach 2 at 08:30.
	day := rtDay(3, []rtPattern{
		rtLine([]int32{0, 1}, []transit.Seconds{hm(8, 5), hm(8, 10)}),
		rtLine([]int32{1, 2}, []transit.Seconds{hm(8, 15), hm(8, 30)}),
		rtLine([]int32{0, 2}, []transit.Seconds{hm(8, 10), hm(8, 30)}),
	}, nil)
	r, err := NewRaptor(day, RaptorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it, ok := r.Journey([]StopTime{{0, 0}}, -1, []StopTime{{2, 0}}, hm(8, 0))
	if !ok || it.Arrive != hm(8, 30) || it.Rides != 1 || it.Legs[2].Pattern != 2 {
		t.Errorf("Journey =\n%s\nwant one ride on pattern 2", rtFormat(it))
	}
}

func TestJourneyMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(99, 5))
	found := 0
	for iter := range 1500 {
		c := rtRandomQuery(rng)
		r, err := NewRaptor(c.day, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		opts := r.Options()
		dep := c.from
		want, rides := naiveRaptor(c.day, c.opts, c.access, c.direct, c.egress, c.numTargets, dep)
		for tg := range c.numTargets {
			var egress []StopTime
			for _, e := range c.egress {
				if int(e.Target) == tg {
					egress = append(egress, StopTime{e.Stop, e.Time})
				}
			}
			direct := transit.Seconds(-1)
			if c.direct != nil {
				direct = c.direct[tg]
			}
			it, ok := r.Journey(c.access, direct, egress, dep)
			if !ok {
				if want[tg] != Unreachable {
					t.Fatalf("case %d target %d: no journey, naive %d s", iter, tg, want[tg])
				}
				continue
			}
			found++
			if it.Seconds() != want[tg] || it.Rides != rides[tg] {
				t.Fatalf("case %d target %d: %d s with %d rides, naive %d s with %d\n%s\n%s",
					iter, tg, it.Seconds(), it.Rides, want[tg], rides[tg], rtFormat(it), rtDescribe(c))
			}
			if err := rtCheckItinerary(c.day, opts, c.access, direct, egress, it); err != nil {
				t.Fatalf("case %d target %d: %v\n%s\n%s", iter, tg, err, rtFormat(it), rtDescribe(c))
			}
		}
	}
	if found < 500 {
		t.Errorf("only %d journeys found: the random cases are too sparse", found)
	}
}

// rtCheckItinerary verifies an itinerary against the day and the query:
// legs back to back from Depart to Arrive, walks taken from the access,
// egress and transfer lists, rides that follow a trip of the day, every
// boarding after the board slack, Rides rides at most MaxRides.
func rtCheckItinerary(d *transit.Day, o RaptorOptions, access []StopTime, direct transit.Seconds, egress []StopTime, it Itinerary) error {
	if len(it.Legs) == 0 {
		return fmt.Errorf("no legs")
	}
	at := it.Depart
	rides := 0
	for i, l := range it.Legs {
		if l.Start != at || l.End < l.Start {
			return fmt.Errorf("leg %d runs %d..%d, expected to start at %d", i, l.Start, l.End, at)
		}
		at = l.End
		switch l.Kind {
		case LegWalk:
			switch {
			case l.From == AtOrigin && l.To == AtDestination:
				if l.Seconds() != direct || len(it.Legs) != 1 {
					return fmt.Errorf("walk all the way in %d s, direct is %d", l.Seconds(), direct)
				}
			case l.From == AtOrigin:
				if i != 0 || !slices.Contains(access, StopTime{l.To, l.Seconds()}) {
					return fmt.Errorf("access walk to %d in %d s not in the access list", l.To, l.Seconds())
				}
			case l.To == AtDestination:
				if i != len(it.Legs)-1 || !slices.Contains(egress, StopTime{l.From, l.Seconds()}) {
					return fmt.Errorf("egress walk from %d in %d s not in the egress list", l.From, l.Seconds())
				}
				if it.Legs[i-1].Kind != LegRide {
					return fmt.Errorf("egress walk not right after a ride")
				}
			default:
				return fmt.Errorf("walk leg %d between stops", i)
			}
		case LegTransfer:
			ok := false
			for j := d.TransferStart[l.From]; j < d.TransferStart[l.From+1]; j++ {
				ok = ok || (d.TransferTo[j] == l.To && d.TransferTime[j] == l.Seconds())
			}
			if !ok || i == 0 || it.Legs[i-1].Kind != LegRide {
				return fmt.Errorf("transfer %d -> %d in %d s is not a transfer after a ride", l.From, l.To, l.Seconds())
			}
		case LegWait:
			if l.From != l.To || i+1 >= len(it.Legs) || it.Legs[i+1].Kind != LegRide {
				return fmt.Errorf("wait leg %d not before a ride at its stop", i)
			}
		case LegRide:
			rides++
			p, trip := l.Pattern, l.Trip
			if trip < d.PatTripStart[p] || trip >= d.PatTripStart[p+1] || l.FromPos >= l.ToPos {
				return fmt.Errorf("ride leg %d: trip %d not of pattern %d or positions %d..%d", i, trip, p, l.FromPos, l.ToPos)
			}
			stops := d.PatStops[d.PatStopStart[p]:d.PatStopStart[p+1]]
			off := d.TripTimes[trip]
			if stops[l.FromPos] != l.From || stops[l.ToPos] != l.To ||
				d.Dep[off+l.FromPos] != l.Start || d.Arr[off+l.ToPos] != l.End {
				return fmt.Errorf("ride leg %d does not follow trip %d", i, trip)
			}
			// The passenger is at the stop since the end of the previous
			// non-wait leg.
			ready := l.Start
			if i > 0 {
				ready = it.Legs[i-1].Start
				if it.Legs[i-1].Kind != LegWait {
					ready = it.Legs[i-1].End
				}
			}
			if o.BoardSlack >= 0 && l.Start <= ready+o.BoardSlack || l.Start < ready {
				return fmt.Errorf("ride leg %d boards at %d, passenger ready at %d", i, l.Start, ready)
			}
		}
	}
	if at != it.Arrive || rides != it.Rides || rides > o.MaxRides {
		return fmt.Errorf("arrive %d (legs end %d), %d rides (legs have %d, max %d)", it.Arrive, at, it.Rides, rides, o.MaxRides)
	}
	return nil
}

func rtSameItinerary(a, b Itinerary) bool {
	return a.Depart == b.Depart && a.Arrive == b.Arrive && a.Rides == b.Rides && slices.Equal(a.Legs, b.Legs)
}

func rtFormat(it Itinerary) string {
	s := fmt.Sprintf("depart %d arrive %d rides %d", it.Depart, it.Arrive, it.Rides)
	for _, l := range it.Legs {
		s += fmt.Sprintf("\n  %-8s %d -> %d  %d..%d  pattern %d trip %d pos %d..%d", l.Kind, l.From, l.To, l.Start, l.End, l.Pattern, l.Trip, l.FromPos, l.ToPos)
	}
	return s
}
