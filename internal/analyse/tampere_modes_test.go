package analyse

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saavu/saavu/data/gpkg"
	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/testutil"
	"github.com/saavu/saavu/internal/transit"
	_ "modernc.org/sqlite"
)

// tampereEveryMeasure is the run of the Tampere extract with every mode
// and every measure: walk, car, transit and nocar; 2nd nearest,
// cumulative 30 min, Gaussian 2SFCA, exponential gravity and all within
// 45 min; 08:00-09:00 on Tuesday 11 January 2022.
func tampereEveryMeasure(t testing.TB, out string, modes []graph.Mode) *Options {
	o := tampereOptions(t, out)
	o.Modes = modes
	o.Transit = tampereTransit(t, "20220111", 60, []int{25, 50, 75})
	gauss := access.Decay{Kind: access.DecayGaussian, CatchmentMin: 30}
	o.Measures = Measures{NthNearest: 2, CumulativeMin: []float64{30}, FCA: &gauss,
		Gravity: &access.Impedance{Kind: access.ImpedanceExponential, Beta: 0.1}, GravityMaxMin: 60, AllWithinMin: 45}
	return o
}

// tampereTransit is the Tampere feed's day date, departures from 08:00
// for window minutes, 20-minute walks, trips under two hours, 4 rides.
func tampereTransit(t testing.TB, date string, window int, pcts []int) *TransitOptions {
	feed, err := gtfs.Load(context.Background(), sharedData(t, "tampere", "tampere-gtfs.zip"), gtfs.Options{Prefix: "tampere"})
	if err != nil {
		t.Fatal(err)
	}
	tt, err := transit.Compile([]*gtfs.Feed{feed}, nil)
	if err != nil {
		t.Fatal(err)
	}
	day, err := tt.Day(date, transit.DayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return &TransitOptions{Timetable: tt, Day: day,
		Network:     ptaccess.Options{MaxWalk: 20 * time.Minute, MaxTime: 120 * time.Minute, MaxRides: 4},
		Window:      ptaccess.Window{Date: date, Depart: 8 * 3600, Minutes: window},
		Percentiles: pcts}
}

func TestTampereEveryMeasureByTransit(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data run skipped in -short mode")
	}
	out := filepath.Join(t.TempDir(), "out")
	modes := []graph.Mode{graph.Walk, graph.Car, graph.Transit, graph.NoCar}
	o := tampereEveryMeasure(t, out, modes)
	o.Transit.Journeys = true
	res, err := Compute(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(res, o); err != nil {
		t.Fatal(err)
	}
	const walkM, transitM, nocarM = 0, 2, 3
	maxMs := uint32(120 * 60000)
	// nocar is the lower of walking (up to the trip limit) and transit,
	// for every cell, category and percentile; and it is one of them.
	helped := 0
	for c := range res.Categories {
		walk := res.Nearest[walkM][c].TimeMs
		for k := range o.Transit.Percentiles {
			tr, nc := res.Pct[transitM][c][k], res.Pct[nocarM][c][k]
			for i := range walk {
				w := walk[i]
				if w >= maxMs {
					w = access.Unreachable
				}
				if nc[i] != min(w, tr[i]) {
					t.Fatalf("%s p%d cell %d: nocar %d, walk %d, transit %d", res.Categories[c], o.Transit.Percentiles[k], i, nc[i], w, tr[i])
				}
				if tr[i] == access.Unreachable && w != access.Unreachable {
					helped++
				}
			}
		}
		// The measures read the median.
		if !slices.Equal(res.Nearest[nocarM][c].TimeMs, res.Pct[nocarM][c][1]) {
			t.Errorf("%s: nocar's summary times are not its medians", res.Categories[c])
		}
	}
	// Walking beyond transit's 20-minute walk limit reaches cells transit
	// does not: nocar must differ from transit somewhere.
	if helped == 0 {
		t.Error("nocar reaches no cell that transit leaves unreachable")
	}
	for _, m := range []int{transitM, nocarM} {
		for c, cat := range res.Categories {
			ms := res.Measures[m][c]
			if len(ms.NthMs) != 1 || len(ms.Cumulative) != 1 || ms.FCA == nil || ms.Gravity == nil {
				t.Fatalf("%s %s: measures missing: %d nth, %d cumulative, fca %v, gravity %v", res.Modes[m], cat, len(ms.NthMs), len(ms.Cumulative), ms.FCA != nil, ms.Gravity != nil)
			}
			// 2SFCA shares out at most the capacity, and most of it.
			var shared, capacity float64
			for i, a := range ms.FCA {
				shared += a * res.Cells.Weight[0][i]
			}
			for _, s := range res.Services {
				if s.Category == cat {
					capacity += s.Capacity
				}
			}
			if shared > capacity*(1+1e-9) || shared < 0.5*capacity {
				t.Errorf("%s %s: 2SFCA shares out %.3f of a capacity of %.0f", res.Modes[m], cat, shared, capacity)
			}
			// The second nearest is never nearer than the first, and a
			// cell that counts a service within 30 minutes reaches one.
			for i := range ms.NthMs[0] {
				if first, second := res.Nearest[m][c].TimeMs[i], ms.NthMs[0][i]; second != access.Unreachable && second < first {
					t.Fatalf("%s %s cell %d: second nearest %d ms, nearest %d ms", res.Modes[m], cat, i, second, first)
				}
				if ms.Cumulative[0][i] > 0 && res.Nearest[m][c].TimeMs[i] == access.Unreachable {
					t.Fatalf("%s %s cell %d counts %v services within 30 min but reaches none", res.Modes[m], cat, i, ms.Cumulative[0][i])
				}
			}
		}
		for i, ok := range res.AllWithin[m] {
			if ok && (res.Nearest[m][0].TimeMs[i] > 45*60000 || res.Nearest[m][1].TimeMs[i] > 45*60000) {
				t.Fatalf("%s cell %d: all within 45 min with times %d and %d ms", res.Modes[m], i, res.Nearest[m][0].TimeMs[i], res.Nearest[m][1].TimeMs[i])
			}
		}
	}

	// The median journey's walk, wait and ride add up to the median
	// time, and it rides when walking would not do.
	rode := 0
	for _, m := range []int{transitM, nocarM} {
		for c := range res.Categories {
			for i, j := range res.Journeys[m][c] {
				tm := res.Nearest[m][c].TimeMs[i]
				if j.Reached() != (tm != access.Unreachable) {
					t.Fatalf("%s cell %d: journey %+v for a time of %d ms", res.Modes[m], i, j, tm)
				}
				if !j.Reached() {
					continue
				}
				if sum := int64(j.Walk+j.Wait+j.Ride) * 1000; math.Abs(float64(sum)-float64(tm)) > 500 {
					t.Fatalf("%s %s cell %d: walk %d + wait %d + ride %d s, median %d ms", res.Modes[m], res.Categories[c], i, j.Walk, j.Wait, j.Ride, tm)
				}
				if j.Rides > 0 {
					rode++
				}
			}
		}
	}
	if rode == 0 {
		t.Error("no median journey rides")
	}

	// The files carry every measure for every mode.
	var cells struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	b, err := os.ReadFile(filepath.Join(out, CellsFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &cells); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, cat := range res.Categories {
		for _, m := range []string{"walk", "car", "transit", "nocar"} {
			for _, s := range []string{"min", "km", "service", "why", "min_2", "within_30", "fca_per_1000", "gravity"} {
				want = append(want, cat+"_"+m+"_"+s)
			}
		}
		for _, m := range []string{"transit", "nocar"} {
			want = append(want, cat+"_"+m+"_p25_min", cat+"_"+m+"_p50_min", cat+"_"+m+"_p75_min",
				cat+"_"+m+"_rides", cat+"_"+m+"_walk_min", cat+"_"+m+"_wait_min", cat+"_"+m+"_ride_min")
		}
	}
	want = append(want, "all_transit_within_45", "all_nocar_within_45")
	for _, k := range want {
		if _, ok := cells.Features[0].Properties[k]; !ok {
			t.Errorf("cells.geojson lacks %s", k)
		}
	}
	rows := csvRows(t, filepath.Join(out, MeasuresFile))
	for _, m := range []string{"transit", "nocar"} {
		for _, meas := range []string{"median_min_2", "mean_within_30", "fca_per_1000", "gravity"} {
			if !slices.ContainsFunc(rows, func(r []string) bool { return r[4] == m && r[5] == meas && r[3] == "pharmacy" }) {
				t.Errorf("measures.csv has no %s %s row", m, meas)
			}
		}
		if !slices.ContainsFunc(rows, func(r []string) bool { return r[4] == m && r[5] == "share_all_within_45" }) {
			t.Errorf("measures.csv has no %s share_all_within_45 row", m)
		}
	}
	summary := csvRows(t, filepath.Join(out, SummaryFile))
	// The unreachable population is split by reason, and the reasons add
	// up to it.
	reasons := 0.0
	for _, r := range summary[1:] {
		var sum float64
		for _, v := range r[13:] {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("summary reason %q in %v", v, r)
			}
			sum += x
		}
		un, _ := strconv.ParseFloat(r[9], 64)
		if math.Abs(sum-un) > 0.5 {
			t.Fatalf("summary row %v: reasons add up to %.1f, unreachable %.1f", r, sum, un)
		}
		reasons += sum
	}
	if reasons == 0 {
		t.Error("no unreachable population in any summary row")
	}
	if !slices.ContainsFunc(summary, func(r []string) bool { return r[4] == "nocar" && r[5] == "30" }) {
		t.Error("summary.csv has no nocar row")
	}
	cols := gpkgColumns(t, filepath.Join(out, GeoPackageFile), "cells")
	for _, k := range want {
		if !slices.Contains(cols, k) {
			t.Errorf("results.gpkg cells lacks %s", k)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Without a car") {
		t.Error("the report does not show the nocar mode")
	}
}

func csvRows(t *testing.T, path string) [][]string { return testutil.ReadCSV(t, path) }

// gpkgColumns lists the columns of a GeoPackage table.
func gpkgColumns(t *testing.T, path, table string) []string {
	t.Helper()
	c, err := gpkg.Read(path, table)
	if err != nil {
		t.Fatal(err)
	}
	return c.Columns
}

// BenchmarkTampereEveryMeasure runs the whole analysis (compute and write)
// with every measure, street modes only and with transit and nocar.
func BenchmarkTampereEveryMeasure(b *testing.B) {
	for _, c := range []struct {
		name  string
		modes []graph.Mode
	}{
		{"modes=walk,car", []graph.Mode{graph.Walk, graph.Car}},
		{"modes=walk,car,transit,nocar", []graph.Mode{graph.Walk, graph.Car, graph.Transit, graph.NoCar}},
	} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			o := tampereEveryMeasure(b, filepath.Join(dir, "out"), c.modes)
			b.ReportAllocs()
			for b.Loop() {
				oo := *o
				res, err := Compute(context.Background(), &oo)
				if err != nil {
					b.Fatal(err)
				}
				if err := Write(res, &oo); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
