package route_test

import (
	"fmt"

	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// exampleDay is one line over stops 0, 1 and 2, with trips leaving stop 0
// at 08:05 and 08:20 and taking five minutes between stops.
func exampleDay() *transit.Day {
	t := func(h, m int) transit.Seconds { return transit.Seconds(h*3600 + m*60) }
	times := []transit.Seconds{t(8, 5), t(8, 10), t(8, 15), t(8, 20), t(8, 25), t(8, 30)}
	return &transit.Day{
		Date:          "20190513",
		NumStops:      3,
		PatStopStart:  []int32{0, 3},
		PatStops:      []int32{0, 1, 2},
		PatRoute:      []int32{0},
		PatTripStart:  []int32{0, 2},
		TripTimes:     []int32{0, 3},
		TripRef:       []int32{0, 1},
		Arr:           times,
		Dep:           times,
		StopPatStart:  []int32{0, 1, 2, 3},
		StopPat:       []int32{0, 0, 0},
		StopPatPos:    []int32{0, 1, 2},
		TransferStart: []int32{0, 0, 0, 0},
	}
}

func clock(s transit.Seconds) string { return fmt.Sprintf("%02d:%02d", s/3600, s/60%60) }

func ExampleRaptor_Range() {
	r, err := route.NewRaptor(exampleDay(), route.RaptorOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The origin is a 2-minute walk from stop 0; the one target a 1-minute
	// walk from stop 2.
	access := []route.StopTime{{Stop: 0, Time: 120}}
	eg, err := route.NewEgress(3, []route.EgressEntry{{Stop: 2, Target: 0, Time: 60}})
	if err != nil {
		fmt.Println(err)
		return
	}
	from := transit.Seconds(8 * 3600)
	out := make([]transit.Seconds, 3)
	if err := r.Range(access, nil, eg, 1, from, from+180, 60, out); err != nil {
		fmt.Println(err)
		return
	}
	for m, tt := range out {
		fmt.Printf("leave %s: %d min\n", clock(from+transit.Seconds(60*m)), tt/60)
	}
	med := make([]transit.Seconds, 1)
	route.Percentiles(out, []int{50}, med)
	fmt.Printf("median: %d min\n", med[0]/60)
	// Output:
	// leave 08:00: 16 min
	// leave 08:01: 15 min
	// leave 08:02: 29 min
	// median: 16 min
}

func ExampleRaptor_Journey() {
	r, err := route.NewRaptor(exampleDay(), route.RaptorOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	it, ok := r.Journey([]route.StopTime{{Stop: 0, Time: 120}}, -1, []route.StopTime{{Stop: 2, Time: 60}}, 8*3600)
	if !ok {
		fmt.Println("unreachable")
		return
	}
	for _, l := range it.Legs {
		fmt.Printf("%s-%s %-5s %d -> %d\n", clock(l.Start), clock(l.End), l.Kind, l.From, l.To)
	}
	// Output:
	// 08:00-08:02 walk  -1 -> 0
	// 08:02-08:05 wait  0 -> 0
	// 08:05-08:15 ride  0 -> 2
	// 08:15-08:16 walk  2 -> -2
}
