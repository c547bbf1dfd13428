package ptaccess

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/saavu/saavu/data/openinghours"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/transit"
)

// The round-trip fixture (testdata/roundtrip, see grid.osm) is a village
// and a town on one street: home O at lon 25.000, stop V "Kyla" at 25.001
// (100 s on foot from O), the village's weekly desk S2 at 25.003 (300 s
// from O), stop T "Tori" at 25.099, the town's office S at 25.100 (100 s
// from T) and home W at 25.102 (200 s from S). O and S are 10,000 s
// apart on foot, beyond the 20-minute walk limit.
//
// Line E (an errand line) runs on Tuesdays only: V 09:00 -> T 09:30 and
// T 14:00 -> V 14:30. Line F runs on Saturdays, V -> T at 07:10, 08:40,
// 10:10, 11:40, 13:10, 14:40, 16:10, 17:40 and T -> V at 07:50, 09:20,
// 10:50, 12:20, 13:50, 15:20, 16:50, 18:20, 19:50, 30 minutes a ride.
// A vehicle is boarded only if it leaves more than 60 s after the
// passenger reaches the stop.

// Dates of the fixture.
const (
	monday    = "20240108"
	tuesday   = "20240109"
	wednesday = "20240110"
	saturday  = "20240113"
)

// rtFixture is the round-trip network of one date.
type rtFixture struct {
	net      *Network
	o, w     graph.Snap
	s, s2    graph.Snap
	services []graph.Snap
}

func newRTFixture(t testing.TB, date string, opts Options) *rtFixture {
	t.Helper()
	root := repoRoot(t)
	g := buildWalk(t, filepath.Join(root, "testdata", "roundtrip", "grid.osm"), fixtureSpeed)
	tt, day := compileDay(t, date, filepath.Join(root, "testdata", "roundtrip", "gtfs"))
	net, err := NewNetwork(g, tt, day, opts)
	if err != nil {
		t.Fatal(err)
	}
	snap := func(lon float64) graph.Snap {
		s, ok := net.Snap(lon, 0, 50)
		if !ok {
			t.Fatalf("lon %v does not snap", lon)
		}
		return s
	}
	f := &rtFixture{net: net, o: snap(25.000), w: snap(25.102), s: snap(25.100), s2: snap(25.003)}
	f.services = []graph.Snap{f.s, f.s2}
	return f
}

// mustHours parses opening hours.
func mustHours(t testing.TB, specs ...string) []openinghours.Schedule {
	t.Helper()
	out := make([]openinghours.Schedule, len(specs))
	for i, s := range specs {
		var err error
		if out[i], err = openinghours.Parse(s); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// trip builds an expected feasible round trip.
func trip(svc int32, depart, arrive, start, ret transit.Seconds) RoundTrip {
	return RoundTrip{Feasible: true, Service: svc, Depart: depart, Arrive: arrive, Start: start, Return: ret}
}

const (
	sHours  = "Mo-Fr 08:00-16:00; Sa 10:00-14:00"
	s2Hours = "Mo 10:00-12:00"
)

func TestRoundTripsFixture(t *testing.T) {
	// O on Tuesday by line E: the latest departure that catches the
	// 09:00 bus leaves home at 08:57 (at V 08:58:40, 09:00 is more than
	// 60 s later; leaving at 08:58 is too late); at S 09:31:40, stay
	// until 10:31:40, leave at 10:32 (the first whole minute), at T
	// 10:33:40, bus at 14:00, at V 14:30, home 14:31:40.
	oTuesday := trip(0, hms(8, 57, 0), hms(9, 31, 40), hms(9, 31, 40), hms(14, 31, 40))
	// W walks 200 s to S, which opens at 08:00: leave at 07:56 (at S
	// 07:59:20; 07:57 would arrive at 08:00:20 and return 20 s later),
	// stay 08:00-09:00, home at 09:03:20.
	wWeekday := trip(0, hms(7, 56, 0), hms(7, 59, 20), hms(8, 0, 0), hms(9, 3, 20))
	cases := []struct {
		name  string
		date  string
		hours []string // of S and S2
		p     RoundTripParams
		o, w  RoundTrip
	}{
		{"errand line on its Tuesday", tuesday, []string{sHours, s2Hours}, RoundTripParams{}, oTuesday, wWeekday},
		{"no errand line on Wednesday", wednesday, []string{sHours, s2Hours}, RoundTripParams{}, noTrip, wWeekday},
		// Monday: S2 is open 10:00-12:00, 300 s on foot from O: leave at
		// 09:55, stay 10:00-11:00, home at 11:05.
		{"village desk on Monday", monday, []string{sHours, s2Hours}, RoundTripParams{}, trip(1, hms(9, 55, 0), hms(10, 0, 0), hms(10, 0, 0), hms(11, 5, 0)), wWeekday},
		// Saturday by line F: S opens at 10:00; the stay must end at 11:00
		// or later, so the 10:50 bus back is missed and 12:20 is the
		// first (home 12:51:40). The 10:10 bus still makes it (at S
		// 10:41:40, stay until 11:41:40, at T 11:43:40): leave home at
		// 10:07 rather than for an earlier bus.
		{"Saturday line", saturday, []string{sHours, s2Hours}, RoundTripParams{},
			trip(0, hms(10, 7, 0), hms(10, 41, 40), hms(10, 41, 40), hms(12, 51, 40)),
			trip(0, hms(9, 56, 0), hms(9, 59, 20), hms(10, 0, 0), hms(11, 3, 20))},
		// Opening hours.
		// (W, on foot, arrives just before the opening.)
		{"opens after arrival", tuesday, []string{"Tu 12:00-16:00", s2Hours}, RoundTripParams{},
			trip(0, hms(8, 57, 0), hms(9, 31, 40), hms(12, 0, 0), hms(14, 31, 40)),
			trip(0, hms(11, 56, 0), hms(11, 59, 20), hms(12, 0, 0), hms(13, 3, 20))},
		{"closed at arrival", tuesday, []string{"Tu 06:00-09:00", s2Hours}, RoundTripParams{},
			noTrip, trip(0, hms(6, 0, 0), hms(6, 3, 20), hms(6, 3, 20), hms(7, 6, 40))},
		{"opens too late for the bus back", tuesday, []string{"Tu 13:30-16:00", s2Hours}, RoundTripParams{},
			noTrip, trip(0, hms(13, 26, 0), hms(13, 29, 20), hms(13, 30, 0), hms(14, 33, 20))},
		// 09:31:40 to 10:00 is too short for an hour: wait for 10:45.
		{"stay fits the second interval", tuesday, []string{"Tu 09:00-10:00,10:45-16:00", s2Hours}, RoundTripParams{},
			trip(0, hms(8, 57, 0), hms(9, 31, 40), hms(10, 45, 0), hms(14, 31, 40)),
			trip(0, hms(8, 56, 0), hms(8, 59, 20), hms(9, 0, 0), hms(10, 3, 20))},
		// Dwell: the stay ends at 09:31:40 + dwell; leaving S at the next
		// whole minute, T is 100 s later and the 14:00 bus needs more
		// than 60 s there. 4h25m: leave 13:57, at T 13:58:40: fits.
		{"dwell 4h25m fits", tuesday, []string{sHours, s2Hours}, RoundTripParams{Dwell: hms(4, 25, 0)},
			oTuesday, trip(0, hms(7, 56, 0), hms(7, 59, 20), hms(8, 0, 0), hms(12, 28, 20))},
		// 4h26m: leave 13:58, at T 13:59:40: the bus leaves too soon.
		{"dwell 4h26m misses the last bus", tuesday, []string{sHours, s2Hours}, RoundTripParams{Dwell: hms(4, 26, 0)},
			noTrip, trip(0, hms(7, 56, 0), hms(7, 59, 20), hms(8, 0, 0), hms(12, 29, 20))},
		{"dwell longer than the opening", tuesday, []string{sHours, s2Hours}, RoundTripParams{Dwell: hms(8, 1, 0)}, noTrip, noTrip},
		// Time limits.
		{"home by 14:32", tuesday, []string{sHours, s2Hours}, RoundTripParams{Latest: hms(14, 32, 0)}, oTuesday, wWeekday},
		{"home by 14:31", tuesday, []string{sHours, s2Hours}, RoundTripParams{Latest: hms(14, 31, 0)}, noTrip, wWeekday},
		{"leave at 08:57", tuesday, []string{sHours, s2Hours}, RoundTripParams{Earliest: hms(8, 57, 0)}, oTuesday,
			trip(0, hms(8, 57, 0), hms(9, 0, 20), hms(9, 0, 20), hms(10, 3, 40))},
		{"leave at 08:58", tuesday, []string{sHours, s2Hours}, RoundTripParams{Earliest: hms(8, 58, 0)}, noTrip,
			trip(0, hms(8, 58, 0), hms(9, 1, 20), hms(9, 1, 20), hms(10, 4, 40))},
		// A 30-minute stay between 08:00 and 09:00 at W: home 08:33:20.
		{"home by 09:00 on foot", tuesday, []string{sHours, s2Hours}, RoundTripParams{Latest: hms(9, 0, 0), Dwell: 30 * 60},
			noTrip, trip(0, hms(7, 56, 0), hms(7, 59, 20), hms(8, 0, 0), hms(8, 33, 20))},
		// Without opening hours both are always open: O walks to S2.
		{"no opening hours given", tuesday, nil, RoundTripParams{},
			trip(1, hms(6, 0, 0), hms(6, 5, 0), hms(6, 5, 0), hms(7, 10, 0)),
			trip(0, hms(6, 0, 0), hms(6, 3, 20), hms(6, 3, 20), hms(7, 6, 40))},
	}
	nets := map[string]*rtFixture{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := nets[c.date]
			if f == nil {
				f = newRTFixture(t, c.date, Options{})
				nets[c.date] = f
			}
			var hours []openinghours.Schedule
			if c.hours != nil {
				hours = mustHours(t, c.hours...)
			}
			res, err := f.net.RoundTrips(context.Background(), []graph.Snap{f.o, f.w}, f.services, []int32{0, 0}, 1, hours, c.p)
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range []RoundTrip{c.o, c.w} {
				got := res.At(i, 0)
				if got != want {
					t.Errorf("origin %s: got %s, want %s", []string{"O", "W"}[i], fmtTrip(got), fmtTrip(want))
				}
				if got.Feasible && got.Away() != got.Return-got.Depart || !got.Feasible && got.Away() != -1 {
					t.Errorf("origin %d: away %d", i, got.Away())
				}
			}
		})
	}
}

func fmtTrip(t RoundTrip) string {
	if !t.Feasible {
		return "infeasible"
	}
	c := func(s transit.Seconds) string { return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60) }
	return fmt.Sprintf("service %d leave %s arrive %s start %s home %s", t.Service, c(t.Depart), c(t.Arrive), c(t.Start), c(t.Return))
}

func TestRoundTripsCategories(t *testing.T) {
	f := newRTFixture(t, tuesday, Options{})
	// Each service in its own category, a third category without
	// services, and a service left out (category -1); an origin off the
	// graph reaches nothing.
	off := graph.Snap{Seg: -1}
	services := []graph.Snap{f.s, f.s2, f.s}
	res, err := f.net.RoundTrips(context.Background(), []graph.Snap{f.o, off}, services, []int32{0, 1, -1}, 3,
		mustHours(t, sHours, "Tu 10:00-11:00", ""), RoundTripParams{Date: tuesday})
	if err != nil {
		t.Fatal(err)
	}
	if res.Params.Earliest != DefaultRoundTripEarliest || res.Params.Latest != DefaultRoundTripLatest || res.Params.Dwell != DefaultRoundTripDwell {
		t.Errorf("params %+v", res.Params)
	}
	// O to S2 on foot: leave 09:55, stay 10:00-11:00, home 11:05.
	want := [][]RoundTrip{
		{trip(0, hms(8, 57, 0), hms(9, 31, 40), hms(9, 31, 40), hms(14, 31, 40)), trip(1, hms(9, 55, 0), hms(10, 0, 0), hms(10, 0, 0), hms(11, 5, 0)), noTrip},
		{noTrip, noTrip, noTrip},
	}
	for o := range want {
		for c := range want[o] {
			if got := res.At(o, c); got != want[o][c] {
				t.Errorf("origin %d category %d: got %s, want %s", o, c, fmtTrip(got), fmtTrip(want[o][c]))
			}
		}
	}
}

func TestRoundTripsErrors(t *testing.T) {
	f := newRTFixture(t, tuesday, Options{})
	ctx := context.Background()
	two := []int32{0, 0}
	cases := []struct {
		name string
		run  func() error
	}{
		{"other date", func() error {
			_, err := f.net.RoundTrips(ctx, nil, f.services, two, 1, nil, RoundTripParams{Date: wednesday})
			return err
		}},
		{"hours for fewer services", func() error {
			_, err := f.net.RoundTrips(ctx, nil, f.services, two, 1, mustHours(t, ""), RoundTripParams{})
			return err
		}},
		{"categories for fewer services", func() error {
			_, err := f.net.RoundTrips(ctx, nil, f.services, []int32{0}, 1, nil, RoundTripParams{})
			return err
		}},
		{"category out of range", func() error {
			_, err := f.net.RoundTrips(ctx, nil, f.services, []int32{0, 1}, 1, nil, RoundTripParams{})
			return err
		}},
		{"latest before earliest", func() error {
			_, err := f.net.RoundTrips(ctx, nil, f.services, two, 1, nil, RoundTripParams{Earliest: hms(10, 0, 0), Latest: hms(9, 0, 0)})
			return err
		}},
		{"latest after midnight", func() error {
			_, err := f.net.RoundTrips(ctx, nil, f.services, two, 1, nil, RoundTripParams{Latest: hms(25, 0, 0)})
			return err
		}},
		{"negative dwell", func() error {
			_, err := f.net.RoundTrips(ctx, nil, f.services, two, 1, nil, RoundTripParams{Dwell: -1})
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.run(); !errors.Is(err, ErrInput) {
				t.Errorf("error %v, want ErrInput", err)
			}
		})
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := f.net.RoundTrips(cctx, []graph.Snap{f.o}, f.services, two, 1, nil, RoundTripParams{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestRoundTripsBruteForce checks RoundTrips against a direct evaluation
// with Matrix: every departure minute from home to every service, the
// stay placed by scanning the opening intervals, and every departure
// minute back from the service (or walking straight home, timed by a
// Matrix query at night when no vehicle runs).
func TestRoundTripsBruteForce(t *testing.T) {
	if testing.Short() {
		t.Skip("brute force in -short mode")
	}
	lons := []float64{25.000, 25.002, 25.006, 25.010, 25.050, 25.095, 25.1005, 25.102, 25.108}
	hourSets := [][]string{{sHours, s2Hours}, {"Tu,Sa 10:30-11:45,12:15-15:00", "Tu,Sa 06:00-07:30"}, {"", "Sa 07:00-09:00"}, {"Tu,Sa 13:00-15:00", s2Hours}}
	for _, date := range []string{tuesday, saturday} {
		f := newRTFixture(t, date, Options{Workers: 3})
		var origins []graph.Snap
		for _, lon := range lons {
			s, ok := f.net.Snap(lon, 0, 50)
			if !ok {
				t.Fatal("no snap")
			}
			origins = append(origins, s)
		}
		for hi, hs := range hourSets {
			// The town's office alone, or with the village desk.
			for ns := 1; ns <= 2; ns++ {
				services := f.services[:ns]
				hours := mustHours(t, hs[:ns]...)
				for _, p := range []RoundTripParams{{Dwell: 30 * 60}, {Dwell: 75 * 60, Earliest: hms(7, 0, 0), Latest: hms(16, 0, 0)}} {
					name := fmt.Sprintf("%s/hours%d/services%d/dwell%d", date, hi, ns, p.Dwell/60)
					t.Run(name, func(t *testing.T) {
						res, err := f.net.RoundTrips(context.Background(), origins, services, make([]int32, ns), 1, hours, p)
						if err != nil {
							t.Fatal(err)
						}
						want := bruteRoundTrips(t, f.net, origins, services, hours, res.Params)
						feasible := 0
						for o := range origins {
							if got := res.At(o, 0); got != want[o] {
								t.Errorf("origin lon %v: got %s, want %s", lons[o], fmtTrip(got), fmtTrip(want[o]))
							}
							if want[o].Feasible {
								feasible++
							}
						}
						t.Logf("%d of %d origins feasible", feasible, len(origins))
					})
				}
			}
		}
	}
}

// bruteRoundTrips evaluates round trips to one category made of services
// minute by minute with Matrix queries.
func bruteRoundTrips(t *testing.T, net *Network, origins, services []graph.Snap, hours []openinghours.Schedule, p RoundTripParams) []RoundTrip {
	ctx := context.Background()
	d, _ := time.Parse("20060102", net.Day().Date)
	wd := d.Weekday()
	at := func(from, to []graph.Snap, dep transit.Seconds) *Matrix {
		m, err := net.Matrix(ctx, from, to, Window{Depart: dep}, []int{50})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	// Walking times from services to origins: at 23:00 nothing runs.
	walk := make([]*Matrix, len(services))
	// back[s][k]: from service s leaving at return minute k.
	back := make([][]*Matrix, len(services))
	retFrom := p.Earliest + p.Dwell
	for s := range services {
		walk[s] = at(services[s:s+1], origins, hms(23, 0, 0))
		for dep := retFrom; dep < p.Latest; dep += 60 {
			back[s] = append(back[s], at(services[s:s+1], origins, dep))
		}
	}
	var out []*Matrix
	for dep := p.Earliest; dep < p.Latest-p.Dwell; dep += 60 {
		out = append(out, at(origins, services, dep))
	}
	// stayStart tries the arrival, then every later opening, and keeps
	// the first at which the service is open for the whole stay.
	stayStart := func(s int, a transit.Seconds) (transit.Seconds, bool) {
		ivs := hours[s].OpenIntervals(wd)
		cands := []transit.Seconds{a}
		for _, iv := range ivs {
			if transit.Seconds(iv[0]) > a {
				cands = append(cands, transit.Seconds(iv[0]))
			}
		}
		for _, x := range cands {
			for _, iv := range ivs {
				if transit.Seconds(iv[0]) <= x && x+p.Dwell <= transit.Seconds(iv[1]) {
					return x, true
				}
			}
		}
		return 0, false
	}
	res := make([]RoundTrip, len(origins))
	for o := range origins {
		best := noTrip
		for s := range services {
			for k, m := range out {
				dep := p.Earliest + transit.Seconds(k*60)
				tt := m.At(o, s, 0)
				if tt < 0 {
					continue
				}
				arr := dep + tt
				start, ok := stayStart(s, arr)
				if !ok {
					continue
				}
				end := start + p.Dwell
				ret := transit.Seconds(1 << 30)
				if w := walk[s].At(0, o, 0); w >= 0 {
					ret = end + w
				}
				for r, bm := range back[s] {
					rdep := retFrom + transit.Seconds(r*60)
					if rdep < end {
						continue
					}
					if v := bm.At(0, o, 0); v >= 0 {
						ret = min(ret, rdep+v)
					}
				}
				if ret > p.Latest {
					continue
				}
				if !best.Feasible || ret < best.Return || ret == best.Return && dep > best.Depart {
					best = trip(int32(s), dep, arr, start, ret)
				}
			}
		}
		res[o] = best
	}
	return res
}

func TestRoundTripsWorkers(t *testing.T) {
	var first *RoundTripResult
	for _, workers := range []int{1, 4} {
		f := newRTFixture(t, saturday, Options{Workers: workers})
		var origins []graph.Snap
		for lon := 25.0; lon <= 25.11; lon += 0.0037 {
			if s, ok := f.net.Snap(lon, 0, 50); ok {
				origins = append(origins, s)
			}
		}
		res, err := f.net.RoundTrips(context.Background(), origins, f.services, []int32{0, 1}, 2, mustHours(t, sHours, "Sa 06:00-09:00"), RoundTripParams{Dwell: 20 * 60})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
			continue
		}
		for i := range res.Trips {
			if res.Trips[i] != first.Trips[i] {
				t.Fatalf("trip %d with %d workers: %s, with 1: %s", i, workers, fmtTrip(res.Trips[i]), fmtTrip(first.Trips[i]))
			}
		}
	}
}

func TestRoundTripsTies(t *testing.T) {
	f := newRTFixture(t, saturday, Options{})
	ctx := context.Background()
	// Two desks at S's place. Closing at 11:40, the first needs the 08:40
	// bus (leave 08:37, at S 09:11:40, stay 10:00-11:00); the second,
	// open until 14:00, also allows the 10:10 bus (leave 10:07, stay
	// 10:41:40-11:41:40). Both bring O home at 12:51:40: the later
	// departure wins.
	res, err := f.net.RoundTrips(ctx, []graph.Snap{f.o}, []graph.Snap{f.s, f.s}, []int32{0, 0}, 1,
		mustHours(t, "Sa 10:00-11:40", "Sa 10:00-14:00"), RoundTripParams{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.At(0, 0), trip(1, hms(10, 7, 0), hms(10, 41, 40), hms(10, 41, 40), hms(12, 51, 40)); got != want {
		t.Errorf("got %s, want %s", fmtTrip(got), fmtTrip(want))
	}
	// Equal in everything: the first service given.
	res, err = f.net.RoundTrips(ctx, []graph.Snap{f.o}, []graph.Snap{f.s, f.s}, []int32{0, 0}, 1, nil, RoundTripParams{})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.At(0, 0); got.Service != 0 || !got.Feasible {
		t.Errorf("got %s, want service 0", fmtTrip(got))
	}
}
