package route

import (
	"cmp"
	"slices"

	"github.com/saavu/saavu/internal/transit"
)

// Helpers that build valid transit.Days by hand for the RAPTOR tests.

// rtTrip is one trip of an rtPattern: its arrival and departure at every
// stop of the pattern.
type rtTrip struct {
	arr, dep []transit.Seconds
}

// rtPattern is a pattern with its stops and trips (in any order: rtDay
// sorts them by first departure).
type rtPattern struct {
	stops []int32
	trips []rtTrip
}

// rtTransfer is a walk between two stops.
type rtTransfer struct {
	from, to int32
	time     transit.Seconds
}

// hm returns the clock time h:m:00.
func hm(h, m int) transit.Seconds { return transit.Seconds(h*3600 + m*60) }

// hms returns the clock time h:m:s.
func hms(h, m, s int) transit.Seconds { return transit.Seconds(h*3600 + m*60 + s) }

// rtSame is a trip that arrives and departs at the same time at each stop.
func rtSame(times ...transit.Seconds) rtTrip {
	return rtTrip{arr: slices.Clone(times), dep: slices.Clone(times)}
}

// rtDay builds the Day of numStops stops, computing every index array:
// patterns in the given order, their trips sorted by first departure and
// numbered consecutively, TripRef numbering trips in the order given
// (pattern by pattern), the stop-to-pattern index and the transfer lists
// sorted by origin stop then destination.
func rtDay(numStops int, pats []rtPattern, xfers []rtTransfer) *transit.Day {
	d := &transit.Day{Date: "20190513", NumStops: numStops}
	d.PatStopStart = []int32{0}
	d.PatTripStart = []int32{0}
	ref := int32(0)
	type stopPos struct{ stop, pat, pos int32 }
	var sp []stopPos
	for p, pat := range pats {
		d.PatStops = append(d.PatStops, pat.stops...)
		d.PatStopStart = append(d.PatStopStart, int32(len(d.PatStops)))
		d.PatRoute = append(d.PatRoute, int32(p))
		for i, s := range pat.stops {
			sp = append(sp, stopPos{s, int32(p), int32(i)})
		}
		order := make([]int, len(pat.trips))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			return cmp.Compare(pat.trips[a].dep[0], pat.trips[b].dep[0])
		})
		for _, i := range order {
			tr := pat.trips[i]
			d.TripTimes = append(d.TripTimes, int32(len(d.Arr)))
			d.TripRef = append(d.TripRef, ref+int32(i))
			d.Arr = append(d.Arr, tr.arr...)
			d.Dep = append(d.Dep, tr.dep...)
		}
		ref += int32(len(pat.trips))
		d.PatTripStart = append(d.PatTripStart, int32(len(d.TripTimes)))
	}
	slices.SortFunc(sp, func(a, b stopPos) int {
		return cmp.Or(cmp.Compare(a.stop, b.stop), cmp.Compare(a.pat, b.pat), cmp.Compare(a.pos, b.pos))
	})
	d.StopPatStart = make([]int32, numStops+1)
	for _, x := range sp {
		d.StopPatStart[x.stop+1]++
		d.StopPat = append(d.StopPat, x.pat)
		d.StopPatPos = append(d.StopPatPos, x.pos)
	}
	xs := slices.Clone(xfers)
	slices.SortFunc(xs, func(a, b rtTransfer) int {
		return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to))
	})
	d.TransferStart = make([]int32, numStops+1)
	for _, x := range xs {
		d.TransferStart[x.from+1]++
		d.TransferTo = append(d.TransferTo, x.to)
		d.TransferTime = append(d.TransferTime, x.time)
	}
	for s := range numStops {
		d.StopPatStart[s+1] += d.StopPatStart[s]
		d.TransferStart[s+1] += d.TransferStart[s]
	}
	return d
}

// rtEgress builds an Egress or fails the test.
func rtEgress(tb interface{ Fatal(...any) }, numStops int, entries ...EgressEntry) *Egress {
	eg, err := NewEgress(numStops, entries)
	if err != nil {
		tb.Fatal(err)
	}
	return eg
}
