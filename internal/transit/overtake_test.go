package transit

import (
	"math/rand/v2"
	"testing"

	"github.com/saavu/saavu/data/gtfs"
)

// TestOvertakingRandom builds random trips on one route and checks that
// every run of the day is kept exactly once and that no pattern holds an
// overtaking pair (checkDay).
func TestOvertakingRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		nStops := 2 + rng.IntN(5)
		nTrips := 1 + rng.IntN(30)
		f := &gtfs.Feed{Name: "random", Services: []gtfs.Service{{ID: "all", HasCalendar: true, Weekdays: 0x7f, Start: 0, End: 1 << 20}}}
		f.Routes = []gtfs.Route{{ID: "r", Agency: -1, Type: 3}}
		for s := range nStops {
			f.Stops = append(f.Stops, gtfs.Stop{ID: string(rune('a' + s)), Lon: 27, Lat: 61 + float64(s)/100, Parent: -1})
		}
		st := &f.StopTimes
		st.Start = []int32{0}
		for k := range nTrips {
			f.Trips = append(f.Trips, gtfs.Trip{ID: string(rune('A' + k)), Route: 0, Service: 0, Direction: -1})
			tm := gtfs.Seconds(rng.IntN(3600*30)) - 3600*2
			tm = max(tm, 0)
			for s := range nStops {
				dwell := gtfs.Seconds(rng.IntN(60))
				st.Stop = append(st.Stop, int32(s))
				st.Arr = append(st.Arr, tm)
				st.Dep = append(st.Dep, tm+dwell)
				st.Dist = append(st.Dist, float32(s))
				st.Pickup = append(st.Pickup, 0)
				st.DropOff = append(st.DropOff, 0)
				tm += dwell + gtfs.Seconds(60+rng.IntN(900))
			}
			st.Start = append(st.Start, int32(len(st.Stop)))
		}
		tt, err := Compile([]*gtfs.Feed{f}, nil)
		if err != nil {
			t.Fatal(err)
		}
		d, err := tt.Day("20240110", DayOptions{})
		if err != nil {
			t.Fatal(err)
		}
		checkDay(t, tt, d)
		// Every trip runs today, and those past midnight run again from
		// yesterday when two stops remain after 24:00.
		want := nTrips
		for k := range nTrips {
			_, dep := tt.TripTimes(int32(k))
			after := 0
			for j := range dep {
				if dep[j] >= 86400 {
					after++
				}
			}
			if after >= 2 {
				want++
			}
		}
		if d.NumTrips() != want {
			t.Fatalf("round %d: %d runs, want %d", round, d.NumTrips(), want)
		}
	}
}
