package route

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/internal/testutil"
	"github.com/saavu/saavu/internal/transit"
)

// The Porto Alegre workload: the r5r sample feeds (EPTC buses and the
// Trensurb metro) on Monday 2019-05-13 and the 1,227 points of the H3 grid
// as origins and targets, with the settings of the published r5r timing
// (departures 14:00 to 16:00 every minute, trips of at most 120 min, walks
// of at most 1,000 m, transfers of at most 1,000 m as R5's
// TRANSFER_DISTANCE_LIMIT_METERS). Walks are straight lines lengthened by a
// detour factor of 1.3 instead of street paths, at 3.6 km/h, so travel
// times differ from R5's; the amount of work per origin is what these
// benchmarks measure.

type rtPOA struct {
	day     *transit.Day
	access  [][]StopTime // per grid point: stops within 1 km
	direct  [][]transit.Seconds
	eg      *Egress
	targets int
}

var rtPOAOnce struct {
	sync.Once
	w   *rtPOA
	err error
}

// rtSharedData returns the path of a file of the shared real data, or
// skips.
func rtSharedData(tb testing.TB, rel string) string { return testutil.SharedData(tb, rel) }

func rtLoadPOA(tb testing.TB) *rtPOA {
	tb.Helper()
	paths := []string{
		rtSharedData(tb, "porto-alegre/poa_eptc.zip"),
		rtSharedData(tb, "porto-alegre/poa_trensurb.zip"),
		rtSharedData(tb, "porto-alegre/poa_hexgrid.csv"),
	}
	rtPOAOnce.Do(func() { rtPOAOnce.w, rtPOAOnce.err = rtBuildPOA(paths) })
	if rtPOAOnce.err != nil {
		tb.Fatal(rtPOAOnce.err)
	}
	return rtPOAOnce.w
}

func rtBuildPOA(paths []string) (*rtPOA, error) {
	var feeds []*gtfs.Feed
	for i, p := range paths[:2] {
		f, err := gtfs.Load(context.Background(), p, gtfs.Options{Prefix: string(rune('a' + i))})
		if err != nil {
			return nil, err
		}
		feeds = append(feeds, f)
	}
	tt, err := transit.Compile(feeds, nil)
	if err != nil {
		return nil, err
	}
	day, err := tt.Day("20190513", transit.DayOptions{})
	if err != nil {
		return nil, err
	}
	const speed = 1.0 / 1.3 // 3.6 km/h along streets 1.3 times the straight line
	const maxWalk = 1000.0 / 1.3
	// Stops and grid points in local metres.
	lat0 := -30.05 * math.Pi / 180
	xy := func(lon, lat float64) [2]float64 {
		return [2]float64{lon * math.Pi / 180 * 6371000 * math.Cos(lat0), lat * math.Pi / 180 * 6371000}
	}
	stops := make([][2]float64, len(tt.Stops))
	for i, s := range tt.Stops {
		stops[i] = xy(s.Lon, s.Lat)
	}
	city := &rtCity{stops: stops, grid: map[[2]int][]int32{}}
	for i, p := range stops {
		k := [2]int{int(math.Floor(p[0] / rtCityCell)), int(math.Floor(p[1] / rtCityCell))}
		city.grid[k] = append(city.grid[k], int32(i))
	}
	dist := func(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }
	var from, to []int32
	var secs []transit.Seconds
	for i, p := range stops {
		for _, u := range rtNearFloor(city, p, maxWalk) {
			if int(u) != i {
				from, to, secs = append(from, int32(i)), append(to, u), append(secs, transit.Seconds(dist(p, stops[u])/speed))
			}
		}
	}
	if err := day.SetTransfers(from, to, secs); err != nil {
		return nil, err
	}
	f, err := os.Open(paths[2])
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	var points [][2]float64
	for _, row := range rows[1:] {
		lon, err1 := strconv.ParseFloat(row[1], 64)
		lat, err2 := strconv.ParseFloat(row[2], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		points = append(points, xy(lon, lat))
	}
	w := &rtPOA{day: day, targets: len(points)}
	var entries []EgressEntry
	for t, p := range points {
		var acc []StopTime
		for _, s := range rtNearFloor(city, p, maxWalk) {
			walk := transit.Seconds(dist(p, stops[s]) / speed)
			acc = append(acc, StopTime{s, walk})
			entries = append(entries, EgressEntry{s, int32(t), walk})
		}
		w.access = append(w.access, acc)
		direct := make([]transit.Seconds, len(points))
		for u, q := range points {
			direct[u] = -1
			if d := dist(p, q); d <= maxWalk {
				direct[u] = transit.Seconds(d / speed)
			}
		}
		w.direct = append(w.direct, direct)
	}
	if w.eg, err = NewEgress(day.NumStops, entries); err != nil {
		return nil, err
	}
	return w, nil
}

// rtNearFloor is rtCity.near for coordinates that may be negative.
func rtNearFloor(c *rtCity, p [2]float64, radius float64) []int32 {
	var out []int32
	cx, cy := int(math.Floor(p[0]/rtCityCell)), int(math.Floor(p[1]/rtCityCell))
	r := int(radius/rtCityCell) + 1
	for x := cx - r; x <= cx+r; x++ {
		for y := cy - r; y <= cy+r; y++ {
			for _, s := range c.grid[[2]int{x, y}] {
				q := c.stops[s]
				if math.Hypot(p[0]-q[0], p[1]-q[1]) <= radius {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// BenchmarkRaptorPortoAlegre times one origin of the Porto Alegre grid
// (range query to all 1,227 points and R5's five percentiles per point):
// "origin" with RangePercentiles, "origin-columns" the baseline that lists
// every minute's times with Range and takes Percentiles of each target's
// column; "grid" runs all origins with two workers, as the whole matrix
// would. With 3 rides (r5r's default and the setting of the R5 reference)
// and 4.
//
//	go test -run XXX -bench RaptorPortoAlegre -benchtime 20x ./internal/route
func BenchmarkRaptorPortoAlegre(b *testing.B) {
	w := rtLoadPOA(b)
	from, to := hm(14, 0), hm(16, 0)
	ps := []int{5, 25, 50, 75, 95}
	np := len(ps)
	pruned := PruneEgress(w.day, w.eg)
	originWith := func(eg *Egress, r *Raptor, o int, pct []transit.Seconds) int {
		if err := r.RangePercentiles(w.access[o], w.direct[o], eg, w.targets, from, to, 60, ps, pct); err != nil {
			b.Fatal(err)
		}
		reached := 0
		for t := range w.targets {
			if pct[t*np+2] >= 0 {
				reached++
			}
		}
		return reached
	}
	origin := func(r *Raptor, o int, pct []transit.Seconds) int { return originWith(w.eg, r, o, pct) }
	columns := func(r *Raptor, o int, out, col, pct []transit.Seconds) int {
		if err := r.Range(w.access[o], w.direct[o], w.eg, w.targets, from, to, 60, out); err != nil {
			b.Fatal(err)
		}
		reached := 0
		for t := range w.targets {
			for m := range 120 {
				col[m] = out[m*w.targets+t]
			}
			Percentiles(col, ps, pct)
			if pct[2] >= 0 {
				reached++
			}
		}
		return reached
	}
	for _, rides := range []int{3, 4} {
		opts := RaptorOptions{MaxRides: rides}
		// origin-pruned-egress uses the walks PruneEgress keeps; origin
		// is its baseline.
		for _, v := range []struct {
			name string
			eg   *Egress
		}{{"origin", w.eg}, {"origin-pruned-egress", pruned}} {
			b.Run(fmt.Sprintf("%s/rides=%d", v.name, rides), func(b *testing.B) {
				r, err := NewRaptor(w.day, opts)
				if err != nil {
					b.Fatal(err)
				}
				pct := make([]transit.Seconds, w.targets*np)
				b.ReportAllocs()
				o, reached := 0, 0
				for b.Loop() {
					reached += originWith(v.eg, r, o%w.targets, pct)
					o++
				}
				b.ReportMetric(float64(reached)/float64(o), "reached/origin")
			})
		}
		b.Run(fmt.Sprintf("origin-columns/rides=%d", rides), func(b *testing.B) {
			r, err := NewRaptor(w.day, opts)
			if err != nil {
				b.Fatal(err)
			}
			out := make([]transit.Seconds, 120*w.targets)
			col, pct := make([]transit.Seconds, 120), make([]transit.Seconds, np)
			b.ReportAllocs()
			o, reached := 0, 0
			for b.Loop() {
				reached += columns(r, o%w.targets, out, col, pct)
				o++
			}
			b.ReportMetric(float64(reached)/float64(o), "reached/origin")
		})
		b.Run(fmt.Sprintf("grid/rides=%d", rides), func(b *testing.B) {
			r0, err := NewRaptor(w.day, opts)
			if err != nil {
				b.Fatal(err)
			}
			const workers = 2
			for b.Loop() {
				var wg sync.WaitGroup
				for k := range workers {
					r := r0.Clone()
					wg.Go(func() {
						pct := make([]transit.Seconds, w.targets*np)
						for o := k; o < w.targets; o += workers {
							origin(r, o, pct)
						}
					})
				}
				wg.Wait()
			}
		})
	}
}

// TestRangeMatchesNaivePortoAlegre checks range RAPTOR against the naive
// reference on the real network, for a few origins and departure minutes.
func TestRangeMatchesNaivePortoAlegre(t *testing.T) {
	if testing.Short() {
		t.Skip("slow reference search")
	}
	w := rtLoadPOA(t)
	var entries []EgressEntry
	for s := range w.day.NumStops {
		for i := w.eg.Start[s]; i < w.eg.Start[s+1]; i++ {
			entries = append(entries, EgressEntry{int32(s), w.eg.Target[i], w.eg.Time[i]})
		}
	}
	r, err := NewRaptor(w.day, RaptorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	from, to := hm(14, 0), hm(16, 0)
	out := make([]transit.Seconds, 120*w.targets)
	for _, o := range []int{0, 137, 411, 650, 1000, 1226} {
		if err := r.Range(w.access[o], w.direct[o], w.eg, w.targets, from, to, 60, out); err != nil {
			t.Fatal(err)
		}
		// RangePercentiles gives the percentiles of Range's columns.
		ps := []int{5, 25, 50, 75, 95}
		pct := make([]transit.Seconds, w.targets*len(ps))
		if err := r.RangePercentiles(w.access[o], w.direct[o], w.eg, w.targets, from, to, 60, ps, pct); err != nil {
			t.Fatal(err)
		}
		col, want := make([]transit.Seconds, 120), make([]transit.Seconds, len(ps))
		for tg := range w.targets {
			for m := range 120 {
				col[m] = out[m*w.targets+tg]
			}
			Percentiles(col, ps, want)
			if got := pct[tg*len(ps) : (tg+1)*len(ps)]; !slices.Equal(got, want) {
				t.Fatalf("origin %d target %d: RangePercentiles %v, Percentiles of Range %v", o, tg, got, want)
			}
		}
		for _, m := range []int{0, 1, 37, 60, 119} {
			want, _ := naiveRaptor(w.day, RaptorOptions{}, w.access[o], w.direct[o], entries, w.targets, from+transit.Seconds(m*60))
			got := out[m*w.targets : (m+1)*w.targets]
			for tg := range want {
				if got[tg] != want[tg] {
					t.Errorf("origin %d minute %d target %d: Range %d, naive %d", o, m, tg, got[tg], want[tg])
				}
			}
		}
	}
}
