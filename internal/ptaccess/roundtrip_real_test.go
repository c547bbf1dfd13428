package ptaccess

import (
	"context"
	"testing"
	"time"

	"github.com/saavu/saavu/internal/graph"
)

// TestRoundTripsTampere runs round trips on the real Tampere feed (trips
// 06:00-12:00) from points near stops to two "services" (points near
// other stops, one open from 07:00 on weekdays): checks every reported
// trip for consistency, checks a few origins against the Matrix brute
// force, and checks that a weekday allows at least as many round trips
// as a Sunday with its thinner timetable.
func TestRoundTripsTampere(t *testing.T) {
	if testing.Short() {
		t.Skip("real feed in -short mode")
	}
	osmPath := sharedData(t, "tampere/tampere.osm.pbf")
	feed := sharedData(t, "tampere/tampere-gtfs.zip")
	g := buildWalk(t, osmPath, graph.DefaultParams().WalkSpeed)
	hours := mustHours(t, "", "Mo-Fr 07:00-11:00; Su 07:30-11:00")
	// Home by 08:30: Sunday buses start later than weekday ones.
	p := RoundTripParams{Earliest: hms(6, 0, 0), Latest: hms(8, 30, 0), Dwell: 30 * 60}
	feasible := map[string]int{}
	for _, date := range []string{"20220112", "20220116"} { // Wednesday, Sunday
		tt, day := compileDay(t, date, feed)
		net, err := NewNetwork(g, tt, day, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var pts []graph.Snap
		step := max(1, len(net.stops.ids)/40)
		for i := 0; i < len(net.stops.ids); i += step {
			s := tt.Stops[net.stops.ids[i]]
			if q, ok := net.Snap(s.Lon+0.0004, s.Lat+0.0003, 500); ok {
				pts = append(pts, q)
			}
		}
		services := []graph.Snap{pts[len(pts)/2], pts[len(pts)/3]}
		origins := pts
		res, err := net.RoundTrips(context.Background(), origins, services, []int32{0, 0}, 1, hours, p)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := time.Parse("20060102", date)
		for o := range origins {
			tr := res.At(o, 0)
			if !tr.Feasible {
				continue
			}
			feasible[date]++
			open := hours[tr.Service].OpenIntervals(d.Weekday())
			inside := false
			for _, iv := range open {
				if int(tr.Start) >= iv[0] && int(tr.Start+p.Dwell) <= iv[1] {
					inside = true
				}
			}
			if tr.Depart < p.Earliest || tr.Depart%60 != 0 || tr.Arrive < tr.Depart || tr.Start < tr.Arrive ||
				tr.Return < tr.Start+p.Dwell || tr.Return > p.Latest || !inside {
				t.Errorf("%s origin %d: inconsistent trip %s", date, o, fmtTrip(tr))
			}
		}
		// The brute force on a few origins.
		var few []graph.Snap
		var idx []int
		for o := 0; o < len(origins); o += 7 {
			few = append(few, origins[o])
			idx = append(idx, o)
		}
		want := bruteRoundTrips(t, net, few, services, hours, res.Params)
		for k, o := range idx {
			if got := res.At(o, 0); got != want[k] {
				t.Errorf("%s origin %d: got %s, brute force %s", date, o, fmtTrip(got), fmtTrip(want[k]))
			}
			if !want[k].Feasible {
				t.Logf("%s origin %d: no round trip (brute force agrees)", date, o)
			}
		}
		t.Logf("%s: %d of %d origins feasible", date, feasible[date], len(origins))
	}
	if feasible["20220112"] == 0 || feasible["20220112"] < feasible["20220116"] {
		t.Errorf("feasible on Wednesday %d, on Sunday %d", feasible["20220112"], feasible["20220116"])
	}
}
