package ptaccess

import (
	"context"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// The expected times below are worked out by hand from testdata/ptaccess:
// 0.001 degree takes 100 s on foot; O is at lon 25.000, stop S1 at 25.005
// (500 s from O), S5 at 25.010, S2 at 25.030; line 1 leaves S1 at 08:05,
// 08:15, 08:25, 08:35, is at S5 2 minutes later and at S2 10 minutes
// later; line 2 leaves S3 (100 s north of S2) at 08:28, 08:38, 08:48 and
// reaches S4 5 minutes later. A vehicle is boarded only if it leaves more
// than 60 s after the passenger reaches the stop.

func TestFixtureMatrix(t *testing.T) {
	f := newFixture(t, Options{})
	dests := []graph.Snap{f.d1, f.d2, f.d3, f.d5}
	ps := []int{5, 25, 50, 75, 95}
	cases := []struct {
		name string
		dest int
		win  Window
		want []transit.Seconds // per percentile
	}{
		// Walk 500 s to S1 (08:08:20), wait for 08:15 (08:09:20 is the
		// earliest boardable), ride to S2 (08:25), walk 500 s to D1.
		{"one ride at 08:00", 0, Window{Depart: hms(8, 0, 0)}, rep(2000)},
		// Leaving at 08:05: ready at S1 08:14:20, 08:15 still boardable.
		{"one ride at 08:05", 0, Window{Depart: hms(8, 5, 0)}, rep(1700)},
		// Leaving at 08:06: ready at 08:15:20, so the 08:25 trip: 08:43:20.
		{"one ride at 08:06", 0, Window{Depart: hms(8, 6, 0)}, rep(2240)},
		// Ten departures 08:00..08:09 give 2000, 1940, 1880, 1820, 1760,
		// 1700, 2240, 2180, 2120, 2060; sorted, the p-th percentile is the
		// value at index ceil(p/10)-1: 1700, 1820, 1940, 2120, 2240.
		{"one ride over a window", 0, Window{Depart: hms(8, 0, 0), Minutes: 10}, []transit.Seconds{1700, 1820, 1940, 2120, 2240}},
		// Transfer: at S2 08:25, walk 100 s to S3 (08:26:40), board 08:28
		// (after 08:27:40), reach S4 = D2 at 08:33.
		{"transfer", 1, Window{Depart: hms(8, 0, 0)}, rep(1980)},
		// Walk only: D3 is 200 s from O on the same street.
		{"walk only", 2, Window{Depart: hms(8, 0, 0), Minutes: 10}, rep(200)},
		// D5 is 1100 s from O on foot, or ride S1 -> S5 and walk 100 s: at
		// 08:00 transit takes 1120 s and walking wins; from 08:01 to 08:05
		// transit takes 1060, 1000, 940, 880, 820; from 08:06 the next
		// trip is too late and walking wins with 1100. Sorted: 820, 880,
		// 940, 1000, 1060, 1100 x 5.
		{"walk beats transit at 08:00", 3, Window{Depart: hms(8, 0, 0)}, rep(1100)},
		{"walk or transit over a window", 3, Window{Depart: hms(8, 0, 0), Minutes: 10}, []transit.Seconds{820, 940, 1060, 1100, 1100}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := f.net.Matrix(context.Background(), []graph.Snap{f.o}, dests, c.win, ps)
			if err != nil {
				t.Fatal(err)
			}
			for k := range ps {
				if got := m.At(0, c.dest, k); got != c.want[k] {
					t.Errorf("p%d = %d s, want %d s", ps[k], got, c.want[k])
				}
			}
		})
	}
}

func rep(v transit.Seconds) []transit.Seconds { return []transit.Seconds{v, v, v, v, v} }

func TestFixtureLimits(t *testing.T) {
	cases := []struct {
		name string
		opts Options
		dest int
		want transit.Seconds
	}{
		// D1 is 3500 s from O on foot: beyond the default 20 minutes, so
		// only transit (2000 s) reaches it.
		{"default max walk", Options{}, 0, 2000},
		// With a 10-minute walk cap S1 (500 s) is still in reach, the
		// egress S2 -> D1 (500 s) too.
		{"10 min max walk", Options{MaxWalk: 10 * 60e9}, 0, 2000},
		// With 8 minutes neither O -> S1 nor S2 -> D1 is allowed.
		{"8 min max walk", Options{MaxWalk: 8 * 60e9}, 0, Unreachable},
		// One ride cannot reach D2, which needs two.
		{"one ride", Options{MaxRides: 1}, 1, Unreachable},
		// A 30-minute cap: D1 takes 33:20.
		{"max time", Options{MaxTime: 30 * 60e9}, 0, Unreachable},
		// Exactly the travel time is still too long (R5 drops times of
		// MaxTime or more); 33:21 lets it through.
		{"max time equal", Options{MaxTime: 2000e9}, 0, Unreachable},
		{"max time above", Options{MaxTime: 2001e9}, 0, 2000},
		// Without board slack the passenger at S1 at 08:08:20 still waits
		// for 08:15; at S3 at 08:26:40 the 08:28 trip, the same.
		{"no slack", Options{BoardSlack: -1}, 1, 1980},
		// With 2 minutes of slack S3 is left at 08:38: D2 at 08:43.
		{"slack 2 min", Options{BoardSlack: 120e9}, 1, 2580},
		// Transfers of at most 100 m: S2 -> S3 is 111 m, so no transfer.
		{"short transfers", Options{MaxTransferM: 100}, 1, Unreachable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, c.opts)
			dests := []graph.Snap{f.d1, f.d2}
			m, err := f.net.Matrix(context.Background(), []graph.Snap{f.o}, dests, Window{Depart: hms(8, 0, 0)}, []int{50})
			if err != nil {
				t.Fatal(err)
			}
			if got := m.At(0, c.dest, 0); got != c.want {
				t.Errorf("got %d s, want %d s", got, c.want)
			}
		})
	}
}

func TestFixtureTransfers(t *testing.T) {
	f := newFixture(t, Options{})
	d := f.net.Day()
	find := func(a, b string) transit.Seconds {
		s, u := f.stopByID[a], f.stopByID[b]
		for i := d.TransferStart[s]; i < d.TransferStart[s+1]; i++ {
			if d.TransferTo[i] == u {
				return d.TransferTime[i]
			}
		}
		return -1
	}
	cases := []struct {
		from, to string
		want     transit.Seconds
	}{
		{"a:S2", "a:S3", 100},
		{"a:S3", "a:S2", 100},
		{"a:S1", "a:S5", 500}, // 556 m, within 1 km
		{"a:S5", "a:S1", 500},
		{"a:S5", "a:S2", -1}, // 2.2 km
		{"a:S3", "a:S4", -1}, // 2.1 km
	}
	for _, c := range cases {
		if got := find(c.from, c.to); got != c.want {
			t.Errorf("transfer %s -> %s = %d s, want %d", c.from, c.to, got, c.want)
		}
	}
	if st := f.net.Stats(); st.LinkedStops != 5 || st.Transfers != 4 {
		t.Errorf("stats %+v, want 5 linked stops and 4 transfers", st)
	}
}

func TestFixtureItinerary(t *testing.T) {
	f := newFixture(t, Options{})
	it, ok := f.net.Itinerary(f.o, f.d2, hms(8, 0, 0))
	if !ok {
		t.Fatal("no itinerary")
	}
	type leg struct {
		kind       route.LegKind
		from, to   string
		start, end transit.Seconds
		route      string
	}
	want := []leg{
		{route.LegWalk, OriginName, "Aukio", hms(8, 0, 0), hms(8, 8, 20), ""},
		{route.LegWait, "Aukio", "Aukio", hms(8, 8, 20), hms(8, 15, 0), ""},
		{route.LegRide, "Aukio", "Risteys", hms(8, 15, 0), hms(8, 25, 0), "1"},
		{route.LegTransfer, "Risteys", "Risteys pohjoinen", hms(8, 25, 0), hms(8, 26, 40), ""},
		{route.LegWait, "Risteys pohjoinen", "Risteys pohjoinen", hms(8, 26, 40), hms(8, 28, 0), ""},
		{route.LegRide, "Risteys pohjoinen", "Paate", hms(8, 28, 0), hms(8, 33, 0), "2"},
		{route.LegWalk, "Paate", DestinationName, hms(8, 33, 0), hms(8, 33, 0), ""},
	}
	var got []leg
	for _, l := range it.Legs {
		got = append(got, leg{l.Kind, l.From, l.To, l.Start, l.End, l.Route})
	}
	if !slices.Equal(got, want) {
		t.Errorf("legs:\n got %v\nwant %v", got, want)
	}
	if it.Seconds() != 1980 || it.Rides != 2 {
		t.Errorf("itinerary %d s, %d rides; want 1980 s, 2 rides", it.Seconds(), it.Rides)
	}
	if it.Legs[2].Headsign != "Risteys" || it.Legs[2].Trip != "a:L1b" {
		t.Errorf("first ride headsign %q trip %q, want Risteys, a:L1b", it.Legs[2].Headsign, it.Legs[2].Trip)
	}
	// Walking only.
	it, ok = f.net.Itinerary(f.o, f.d3, hms(8, 0, 0))
	if !ok || len(it.Legs) != 1 || it.Legs[0].Kind != route.LegWalk || it.Seconds() != 200 {
		t.Errorf("walk-only itinerary %+v %v, want one 200 s walk", it, ok)
	}
	// Out of reach.
	if _, ok := f.net.Itinerary(f.o, f.d2, hms(8, 50, 0)); ok {
		t.Error("itinerary after the last trip found")
	}
}

func TestFixtureNearestCategory(t *testing.T) {
	f := newFixture(t, Options{})
	services := []graph.Snap{f.d1, f.d2, f.d5, {Seg: -1}}
	cats := []int32{0, 0, 1, 1}
	win := Window{Depart: hms(8, 0, 0), Minutes: 10}
	ps := []int{25, 50, 100}
	got, err := f.net.NearestCategory(context.Background(), []graph.Snap{f.o, {Seg: -1}}, services, cats, 2, win, ps)
	if err != nil {
		t.Fatal(err)
	}
	// Independent check: the per-minute matrix to each service, the
	// minimum per category at each minute, then percentiles.
	for c := range 2 {
		times := make([]transit.Seconds, 10)
		for m := range 10 {
			w := Window{Depart: win.Depart + transit.Seconds(60*m)}
			mx, err := f.net.Matrix(context.Background(), []graph.Snap{f.o}, services, w, []int{50})
			if err != nil {
				t.Fatal(err)
			}
			best := Unreachable
			for s, sc := range cats {
				if int(sc) == c {
					if v := mx.At(0, s, 0); v >= 0 && (best < 0 || v < best) {
						best = v
					}
				}
			}
			times[m] = best
		}
		want := make([]transit.Seconds, len(ps))
		route.Percentiles(times, ps, want)
		for k := range ps {
			if g := got.At(0, c, k); g != want[k] {
				t.Errorf("category %d p%d = %d, want %d (minutes %v)", c, ps[k], g, want[k], times)
			}
			if g := got.At(1, c, k); g != Unreachable {
				t.Errorf("origin off the graph: category %d p%d = %d, want unreachable", c, ps[k], g)
			}
		}
	}
	// By hand: category 1 is D5 alone (see TestFixtureMatrix).
	if g := got.At(0, 1, 1); g != 1060 {
		t.Errorf("category 1 median %d, want 1060", g)
	}
}

func TestWorkersAgree(t *testing.T) {
	f := newFixture(t, Options{Workers: 1})
	f4 := newFixture(t, Options{Workers: 4})
	pts := []graph.Snap{f.o, f.d1, f.d2, f.d3, f.d5}
	win := Window{Depart: hms(8, 0, 0), Minutes: 30}
	a, err := f.net.Matrix(context.Background(), pts, pts, win, []int{25, 50, 75})
	if err != nil {
		t.Fatal(err)
	}
	b, err := f4.net.Matrix(context.Background(), pts, pts, win, []int{25, 50, 75})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Seconds, b.Seconds) {
		t.Errorf("1 worker %v\n4 workers %v", a.Seconds, b.Seconds)
	}
}

func TestInputErrors(t *testing.T) {
	f := newFixture(t, Options{})
	pts := []graph.Snap{f.o}
	cases := []struct {
		name string
		win  Window
		ps   []int
	}{
		{"no percentiles", Window{Depart: hms(8, 0, 0)}, nil},
		{"percentile 0", Window{Depart: hms(8, 0, 0)}, []int{0}},
		{"percentile 101", Window{Depart: hms(8, 0, 0)}, []int{101}},
		{"other date", Window{Date: "20240109", Depart: hms(8, 0, 0)}, []int{50}},
		{"negative departure", Window{Depart: -1}, []int{50}},
		{"negative window", Window{Depart: hms(8, 0, 0), Minutes: -5}, []int{50}},
		{"step too long", Window{Depart: hms(8, 0, 0), Minutes: 1, Step: 120}, []int{50}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := f.net.Matrix(context.Background(), pts, pts, c.win, c.ps); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, err := NewNetwork(nil, nil, nil, Options{}); err == nil {
		t.Error("NewNetwork(nil) gave no error")
	}
	if _, err := NewNetwork(f.net.Walk(), f.net.Timetable(), f.net.Day(), Options{MaxRides: -2}); err == nil {
		t.Error("MaxRides -2 gave no error")
	}
}

func TestCancelled(t *testing.T) {
	f := newFixture(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pts := []graph.Snap{f.o, f.d1}
	if _, err := f.net.Matrix(ctx, pts, pts, Window{Depart: hms(8, 0, 0)}, []int{50}); err != context.Canceled {
		t.Errorf("Matrix: %v, want context.Canceled", err)
	}
	if _, err := f.net.NearestCategory(ctx, pts, pts, []int32{0, 0}, 1, Window{Depart: hms(8, 0, 0)}, []int{50}); err != context.Canceled {
		t.Errorf("NearestCategory: %v, want context.Canceled", err)
	}
}
