package analyse

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/testutil"

	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
)

// sharedData returns ../shared/data/<parts> from the repository root, or
// skips the test when it is absent.
func sharedData(t testing.TB, parts ...string) string {
	return testutil.SharedData(t, filepath.Join(parts...))
}

func tampereOptions(t testing.TB, out string) *Options {
	return &Options{
		OSM:           sharedData(t, "tampere", "tampere.osm.pbf"),
		ServicesOSM:   []OSMRule{{"amenity", "pharmacy", "pharmacy"}, {"amenity", "doctors", "doctors"}},
		CellSize:      250,
		Modes:         []graph.Mode{graph.Walk, graph.Car},
		Graph:         graph.DefaultParams(),
		MaxSnapM:      1000,
		ThresholdsMin: DefaultThresholds,
		GapMin:        30,
		Out:           out,
		Version:       "test",
	}
}

func TestTampere(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data run skipped in -short mode")
	}
	o := tampereOptions(t, filepath.Join(t.TempDir(), "out"))
	res, err := Compute(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Categories) != 2 || res.Categories[0] != "doctors" || res.Categories[1] != "pharmacy" {
		t.Fatalf("categories %v", res.Categories)
	}
	// The extract's box (about 18 x 12.5 km) holds some 3,500 cells of 250 m.
	if n := len(res.Cells.Cell); n < 3000 || n > 4000 {
		t.Fatalf("%d cells", n)
	}
	perCat := map[string]int{}
	for _, s := range res.Services {
		perCat[s.Category]++
	}
	if perCat["pharmacy"] < 10 || perCat["doctors"] < 5 {
		t.Fatalf("services per category: %v", perCat)
	}
	// The multi-source search agrees with one search per cell, on a sample
	// of cells spread over the grid.
	var sample []graph.Snap
	var idx []int
	for mi, m := range res.Modes {
		g := res.Graphs[m]
		for ci, cat := range res.Categories {
			var svcs []graph.Snap
			for _, s := range res.Services {
				sn, ok := g.Snap(s.Lon, s.Lat, o.MaxSnapM)
				if !ok || s.Category != cat {
					sn = graph.Snap{Seg: -1}
				}
				svcs = append(svcs, sn)
			}
			sample, idx = sample[:0], idx[:0]
			for i := 0; i < len(res.Cells.Cell); i += 73 {
				c := res.Cells.Cell[i].Center()
				lon, lat := lonlat(c[0], c[1])
				sn, ok := g.Snap(lon, lat, o.MaxSnapM)
				if !ok {
					sn = graph.Snap{Seg: -1}
				}
				sample = append(sample, sn)
				idx = append(idx, i)
			}
			ref := access.NearestServicePerOrigin(g, sample, svcs, 0)
			for k, i := range idx {
				if got, want := res.Nearest[mi][ci].TimeMs[i], ref.TimeMs[k]; got != want {
					t.Fatalf("%s %s cell %d: %d ms, per-cell search %d ms", m, cat, i, got, want)
				}
			}
		}
	}
	// Driving beats walking for cells more than 20 minutes' walk away.
	walk, car := res.Nearest[0][1].TimeMs, res.Nearest[1][1].TimeMs
	far, faster := 0, 0
	for i := range walk {
		if walk[i] != access.Unreachable && walk[i] > 20*60000 && car[i] != access.Unreachable {
			far++
			if car[i] < walk[i] {
				faster++
			}
		}
	}
	if far < 100 || float64(faster) < 0.95*float64(far) {
		t.Errorf("car faster than walking in %d of %d far cells", faster, far)
	}
	// Most of the box is reachable; the unreachable part is lake.
	st := res.Stats[1][1][0][0]
	if st.Unreachable/st.Population > 0.3 {
		t.Errorf("car: %.0f of %.0f cells unreachable", st.Unreachable, st.Population)
	}
	if !(st.Median > 1 && st.Median < 15) {
		t.Errorf("car median to a pharmacy %.1f min", st.Median)
	}
}

func BenchmarkTampereAnalyse(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		o := tampereOptions(b, filepath.Join(dir, "out"))
		res, err := Compute(context.Background(), o)
		if err != nil {
			b.Fatal(err)
		}
		if err := Write(res, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTampereNearest compares the multi-source search (one reverse
// search per category) with one forward search per cell, on the walk
// graph of the Tampere extract, pharmacies as services. The per-cell
// reference runs on every 10th cell; its cost grows linearly with the
// number of cells.
func BenchmarkTampereNearest(b *testing.B) {
	o := tampereOptions(b, b.TempDir())
	o.Modes = []graph.Mode{graph.Walk}
	res, err := Compute(context.Background(), o)
	if err != nil {
		b.Fatal(err)
	}
	g := res.Graphs[graph.Walk]
	var cells, svcs []graph.Snap
	for _, c := range res.Cells.Cell {
		ctr := c.Center()
		lon, lat := lonlat(ctr[0], ctr[1])
		sn, ok := g.Snap(lon, lat, o.MaxSnapM)
		if !ok {
			sn = graph.Snap{Seg: -1}
		}
		cells = append(cells, sn)
	}
	for _, s := range res.Services {
		sn, ok := g.Snap(s.Lon, s.Lat, o.MaxSnapM)
		if !ok || s.Category != "pharmacy" {
			sn = graph.Snap{Seg: -1}
		}
		svcs = append(svcs, sn)
	}
	var tenth []graph.Snap
	for i := 0; i < len(cells); i += 10 {
		tenth = append(tenth, cells[i])
	}
	b.Run(fmt.Sprintf("multi-source/cells=%d", len(cells)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			access.NearestService(g, cells, svcs, 0)
		}
	})
	b.Run(fmt.Sprintf("per-cell/cells=%d", len(tenth)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			access.NearestServicePerOrigin(g, tenth, svcs, 0)
		}
	})
}

func TestTampereTransit(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data run skipped in -short mode")
	}
	o := tampereOptions(t, filepath.Join(t.TempDir(), "out"))
	o.Modes = []graph.Mode{graph.Walk, graph.Transit}
	o.Transit = tampereTransit(t, "20220110", 10, []int{25, 50, 75})
	res, err := Compute(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	walk, pct := res.Nearest[0][1].TimeMs, res.Pct[1][1]
	better, reached := 0, 0
	for i := range walk {
		p25, p50, p75 := pct[0][i], pct[1][i], pct[2][i]
		if p25 > p50 || p50 > p75 {
			t.Fatalf("cell %d: percentiles not ordered: %d %d %d", i, p25, p50, p75)
		}
		if res.Nearest[1][1].TimeMs[i] != p50 {
			t.Fatalf("cell %d: summary time %d is not the median %d", i, res.Nearest[1][1].TimeMs[i], p50)
		}
		// Walking all the way is one of transit's options within the
		// 20-minute walk limit.
		if walk[i] != access.Unreachable && walk[i] <= 20*60000 && p75 > walk[i]+1000 {
			t.Fatalf("cell %d: transit p75 %d ms is slower than walking %d ms", i, p75, walk[i])
		}
		if p50 != access.Unreachable {
			reached++
			if walk[i] == access.Unreachable || p50+60000 < walk[i] {
				better++
			}
		}
	}
	if reached < len(walk)/2 || better < len(walk)/4 {
		t.Errorf("transit reaches %d of %d cells, beats walking by a minute in %d", reached, len(walk), better)
	}
	// Another percentile for the summaries and measures.
	o.Transit.Main = 75
	res, err = Compute(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Nearest[1][1].TimeMs, res.Pct[1][1][2]) || slices.Equal(res.Pct[1][1][2], res.Pct[1][1][1]) {
		t.Error("with Main 75 the summary times are not the 75th percentiles (or those equal the medians)")
	}
}
