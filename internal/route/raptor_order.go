package route

import (
	"github.com/saavu/saavu/internal/transit"
)

// renumberStops returns a copy of day whose stops are numbered so that
// stops linked by a transfer or by consecutive positions of a pattern get
// nearby numbers, with the maps between the two numberings. The labels of
// stops that a round touches together then share cache lines, and so do
// their transfer lists. Patterns, trips and times keep their indices; the
// copy shares the trip arrays with day.
//
// The order is a breadth-first search over those links, started from the
// lowest unnumbered stop, visiting the neighbours of a stop in the order of
// its transfer list, then of its patterns: deterministic for a given day.
func renumberStops(day *transit.Day) (in *transit.Day, toIn, toOrig []int32) {
	n := day.NumStops
	toIn = make([]int32, n)
	for i := range toIn {
		toIn[i] = -1
	}
	toOrig = make([]int32, 0, n)
	visit := func(s int32) {
		if toIn[s] < 0 {
			toIn[s] = int32(len(toOrig))
			toOrig = append(toOrig, s)
		}
	}
	for root := range int32(n) {
		if toIn[root] >= 0 {
			continue
		}
		head := len(toOrig)
		visit(root)
		for ; head < len(toOrig); head++ {
			s := toOrig[head]
			for i := day.TransferStart[s]; i < day.TransferStart[s+1]; i++ {
				visit(day.TransferTo[i])
			}
			for i := day.StopPatStart[s]; i < day.StopPatStart[s+1]; i++ {
				p, pos := day.StopPat[i], day.StopPatPos[i]
				at := day.PatStopStart[p] + pos
				if pos > 0 {
					visit(day.PatStops[at-1])
				}
				if at+1 < day.PatStopStart[p+1] {
					visit(day.PatStops[at+1])
				}
			}
		}
	}

	in = &transit.Day{
		Date:         day.Date,
		NumStops:     n,
		PatStopStart: day.PatStopStart,
		PatRoute:     day.PatRoute,
		PatTripStart: day.PatTripStart,
		TripTimes:    day.TripTimes,
		TripRef:      day.TripRef,
		Arr:          day.Arr,
		Dep:          day.Dep,
	}
	in.PatStops = make([]int32, len(day.PatStops))
	for i, s := range day.PatStops {
		in.PatStops[i] = toIn[s]
	}
	in.StopPatStart = make([]int32, n+1)
	in.StopPat = make([]int32, 0, len(day.StopPat))
	in.StopPatPos = make([]int32, 0, len(day.StopPatPos))
	in.TransferStart = make([]int32, n+1)
	in.TransferTo = make([]int32, 0, len(day.TransferTo))
	in.TransferTime = make([]transit.Seconds, 0, len(day.TransferTime))
	for s, o := range toOrig {
		lo, hi := day.StopPatStart[o], day.StopPatStart[o+1]
		in.StopPat = append(in.StopPat, day.StopPat[lo:hi]...)
		in.StopPatPos = append(in.StopPatPos, day.StopPatPos[lo:hi]...)
		in.StopPatStart[s+1] = int32(len(in.StopPat))
		for i := day.TransferStart[o]; i < day.TransferStart[o+1]; i++ {
			in.TransferTo = append(in.TransferTo, toIn[day.TransferTo[i]])
			in.TransferTime = append(in.TransferTime, day.TransferTime[i])
		}
		in.TransferStart[s+1] = int32(len(in.TransferTo))
	}
	return in, toIn, toOrig
}
