package analyse

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/travel"
)

// The fixture is laid out on the EPSG:3067 grid so that every 1 km cell
// centre is a road node and times can be worked out by hand:
//
//	N 6821200:          w ──── n                      (detour road)
//	                    │      │
//	N 6820500:  c0 ─ c1 ─ c2 ─ c3 ─→ c4 ≈≈ferry≈≈ c6    c8 ─ x    c11
//	            svc                  (one-way c3→c4)   (island) (no road)
//
// The islands have a 300 m street each, eastwards from c6 and c8.
//
// c0..c4 lie on a residential street with maxspeed 36 (10 m/s); c3→c4 is
// one-way eastwards, so a car from c4 goes back through n and w (the
// detour). The ferry (5 min, plus the default 10 min wait) joins c4 to the
// island node c6. c8 is on a road of its own (an island without a ferry).
// c11 is 2.5 km from any road: beyond the 1 km snapping distance.
// Cells c0..c2 are in region "west", the rest in "east"; both belong to
// county "X".

const fixN = 6820500

func cellE(k int) float64 { return 330500 + 1000*float64(k) }

func lonlat(e, n float64) (float64, float64) { return geo.FromTM35(e, n) }

type fixNode struct {
	id   int
	e, n float64
}

var fixNodes = []fixNode{
	{1, cellE(0), fixN}, {2, cellE(1), fixN}, {3, cellE(2), fixN}, {4, cellE(3), fixN}, {5, cellE(4), fixN},
	{6, cellE(3), 6821200}, {7, cellE(4), 6821200}, // detour w, n
	{8, cellE(6), fixN}, {11, cellE(6) + 300, fixN}, // island with ferry
	{9, cellE(8), fixN}, {10, cellE(8) + 300, fixN}, // island without ferry
}

func nodeLL(id int) (float64, float64) {
	for _, n := range fixNodes {
		if n.id == id {
			return lonlat(n.e, n.n)
		}
	}
	panic("no node")
}

func hav(a, b int) float64 {
	lon1, lat1 := nodeLL(a)
	lon2, lat2 := nodeLL(b)
	return geo.Haversine(lon1, lat1, lon2, lat2)
}

func writeFixture(t *testing.T, dir string) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n")
	for _, n := range fixNodes {
		lon, lat := lonlat(n.e, n.n)
		fmt.Fprintf(&b, " <node id=\"%d\" lat=\"%.9f\" lon=\"%.9f\"/>\n", n.id, lat, lon)
	}
	way := func(id int, nodes []int, tags ...string) {
		fmt.Fprintf(&b, " <way id=\"%d\">", id)
		for _, n := range nodes {
			fmt.Fprintf(&b, "<nd ref=\"%d\"/>", n)
		}
		for i := 0; i < len(tags); i += 2 {
			fmt.Fprintf(&b, "<tag k=\"%s\" v=\"%s\"/>", tags[i], tags[i+1])
		}
		b.WriteString("</way>\n")
	}
	way(100, []int{1, 2, 3, 4}, "highway", "residential", "maxspeed", "36")
	way(101, []int{4, 5}, "highway", "residential", "maxspeed", "36", "oneway", "yes")
	way(102, []int{5, 7, 6, 4}, "highway", "residential", "maxspeed", "36")
	way(103, []int{5, 8}, "route", "ferry", "duration", "00:05")
	way(104, []int{9, 10}, "highway", "residential", "maxspeed", "36")
	way(105, []int{8, 11}, "highway", "residential", "maxspeed", "36")
	b.WriteString("</osm>\n")
	must(t, os.WriteFile(filepath.Join(dir, "roads.osm"), b.Bytes(), 0o644))

	// Regions as WGS84 rectangles (corners projected from EPSG:3067).
	rect := func(e0, e1 float64) string {
		var pts []string
		for _, c := range [][2]float64{{e0, 6819000}, {e1, 6819000}, {e1, 6822000}, {e0, 6822000}, {e0, 6819000}} {
			lon, lat := lonlat(c[0], c[1])
			pts = append(pts, fmt.Sprintf("[%.9f,%.9f]", lon, lat))
		}
		return "[[" + strings.Join(pts, ",") + "]]"
	}
	regions := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"W","name":"west","county":"X"},"geometry":{"type":"Polygon","coordinates":` + rect(330000, 333000) + `}},
{"type":"Feature","properties":{"code":"E","name":"east","county":"X"},"geometry":{"type":"Polygon","coordinates":` + rect(333000, 342000) + `}}]}`
	must(t, os.WriteFile(filepath.Join(dir, "regions.geojson"), []byte(regions), 0o644))

	var pop strings.Builder
	pop.WriteString("lon,lat,population,old\n")
	for _, k := range popCells {
		lon, lat := lonlat(cellE(k)+100, fixN-200) // inside cell k, not at its centre
		fmt.Fprintf(&pop, "%.9f,%.9f,%d,%d\n", lon, lat, popOf(k), k%2)
	}
	must(t, os.WriteFile(filepath.Join(dir, "population.csv"), []byte(pop.String()), 0o644))

	slon, slat := nodeLL(1)
	svc := fmt.Sprintf("name,category,lon,lat\nhealth station,health,%.9f,%.9f\n", slon, slat)
	must(t, os.WriteFile(filepath.Join(dir, "services.csv"), []byte(svc), 0o644))
}

var popCells = []int{0, 1, 2, 3, 4, 6, 8, 11}

func popOf(k int) int { return 10 * (k + 1) }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func fixtureOptions(dir, out string) *Options {
	return &Options{
		Regions:       filepath.Join(dir, "regions.geojson"),
		RegionID:      "code",
		Population:    filepath.Join(dir, "population.csv"),
		Groups:        []Group{{Name: "old", Field: "old"}},
		CellSize:      1000,
		Services:      filepath.Join(dir, "services.csv"),
		OSM:           filepath.Join(dir, "roads.osm"),
		Modes:         []graph.Mode{graph.Walk, graph.Car},
		Graph:         graph.DefaultParams(),
		MaxSnapM:      1000,
		ThresholdsMin: []float64{5, 10, 30},
		GapMin:        10,
		Out:           out,
		Workers:       2,
		Version:       "test",
	}
}

// expectedMs gives the hand-worked time from cell k to the service.
func expectedMs(k int, mode graph.Mode) float64 {
	speed := 10.0 // car: maxspeed 36 km/h
	if mode == graph.Walk {
		speed = 1.2
	}
	main := []float64{0, hav(1, 2), hav(2, 3), hav(3, 4)}
	along := func(k int) float64 { // c0 .. ck on the main street
		s := 0.0
		for i := 1; i <= k; i++ {
			s += main[i]
		}
		return s
	}
	ferry := 5*60 + 10*60.0
	switch k {
	case 0, 1, 2, 3:
		return along(k) / speed * 1000
	case 4:
		if mode == graph.Walk {
			return (along(3) + hav(4, 5)) / speed * 1000
		}
		return (along(3) + hav(5, 7) + hav(7, 6) + hav(6, 4)) / speed * 1000
	case 6:
		return expectedMs(4, mode) + ferry*1000
	}
	return math.Inf(1)
}

func TestComputeFixture(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	o := fixtureOptions(dir, filepath.Join(dir, "out"))
	res, err := Compute(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Regions) != 2 || res.Regions[0].ID != "W" || res.Regions[1].Name != "east" {
		t.Fatalf("regions: %+v", res.Regions)
	}
	if got := len(res.Cells.Cell); got != len(popCells) {
		t.Fatalf("%d cells, want %d", got, len(popCells))
	}
	for mi, mode := range res.Modes {
		n := res.Nearest[mi][0]
		for i, cell := range res.Cells.Cell {
			k := int((float64(cell.E) + 500 - 330500) / 1000)
			want := expectedMs(k, mode)
			got := float64(n.TimeMs[i])
			if math.IsInf(want, 1) {
				if n.TimeMs[i] != Unreachable {
					t.Errorf("%s cell c%d: reached in %v ms, want unreachable", mode, k, got)
				}
				continue
			}
			if math.Abs(got-want) > 4 { // each edge rounds to the millisecond
				t.Errorf("%s cell c%d: %v ms, want %.1f", mode, k, got, want)
			}
		}
	}
	if res.Counts.CellsUnsnapped["car"] != 1 || res.Counts.CellsUnsnapped["walk"] != 1 {
		t.Errorf("cells beyond snap: %v, want c11 for each mode", res.Counts.CellsUnsnapped)
	}
	// Region summaries by hand for car, threshold 5 min: west holds c0..c2
	// (all within a few seconds); east holds c3 (2.5 min), c4 (~5.6 min by
	// the detour), c6 (20+ min), c8 and c11 (unreachable).
	car := 1
	west, east := res.Stats[car][0][0][0], res.Stats[car][0][0][1]
	if west.Population != 10+20+30 || west.Within[0] != 60 {
		t.Errorf("west: %+v", west)
	}
	if east.Population != 40+50+70+90+120 || east.Unreachable != 90+120 {
		t.Errorf("east population %v unreachable %v", east.Population, east.Unreachable)
	}
	c4car := expectedMs(4, graph.Car) / 60000
	if c4car < 5 || c4car > 10 {
		t.Fatalf("fixture assumption broken: c4 by car %.2f min", c4car)
	}
	if east.Within[0] != 40 || east.Within[1] != 40+50 || east.Within[2] != 40+50+70 {
		t.Errorf("east within 5/10/30 min: %v", east.Within)
	}
	// Median of east: cumulative 40 (c3), 90 (c4), 160 (c6), 370 of 370:
	// half is 185, which falls on an unreachable cell.
	if !math.IsInf(east.Median, 1) {
		t.Errorf("east median %v, want +Inf", east.Median)
	}
	// Group "old": odd cells weigh 1.
	old := res.Stats[car][0][1][1]
	if old.Population != 2 { // c3 and c11
		t.Errorf("old in east: %v, want 2", old.Population)
	}
	// Gap areas (10 min) by car in east: c6 alone, then c8 alone (c11 is
	// not adjacent to c8). c8 and c11 reach nothing.
	gaps := res.Gaps[car][0]
	if len(gaps) != 3 {
		t.Fatalf("car gap areas: %d, want 3: %+v", len(gaps), gaps)
	}
	if gaps[0].Population != 70 || gaps[1].Population != 90 || gaps[1].Unreachable != 90 || gaps[2].Population != 120 {
		t.Errorf("car gap areas: %+v", gaps)
	}
}

func TestComputeGroupBy(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	o := fixtureOptions(dir, filepath.Join(dir, "out"))
	o.GroupBy = "county"
	o.Modes = []graph.Mode{graph.Car}
	res, err := Compute(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Regions) != 1 || res.Regions[0].ID != "X" {
		t.Fatalf("grouped regions: %+v", res.Regions)
	}
	if got := strings.Join(res.Regions[0].Members, ","); got != "E,W" {
		t.Errorf("members %q", got)
	}
	// The two rectangles share an edge: dissolved into one polygon whose
	// area is the sum of both.
	if len(res.Regions[0].Geom) != 1 {
		t.Errorf("dissolved region has %d polygons, want 1", len(res.Regions[0].Geom))
	}
	if st := res.Stats[0][0][0][0]; st.Population != 10+20+30+40+50+70+90+120 {
		t.Errorf("population %v", st.Population)
	}
}

func readAll(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	ents, err := os.ReadDir(dir)
	must(t, err)
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		must(t, err)
		out[e.Name()] = b
	}
	return out
}

func TestWriteDeterministicAcrossWorkers(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	var runs []map[string][]byte
	for i, w := range []int{1, 4, 4} {
		o := fixtureOptions(dir, filepath.Join(dir, fmt.Sprintf("out%d", i)))
		o.Workers = w
		res, err := Compute(context.Background(), o)
		must(t, err)
		must(t, Write(res, o))
		runs = append(runs, readAll(t, o.Out))
	}
	for _, name := range []string{CellsFile, RegionsFile, SummaryFile, GapsFile, ServicesFile, MeasuresFile, RunFile, GeoPackageFile, ReportFile} {
		if len(runs[0][name]) == 0 {
			t.Fatalf("%s is empty", name)
		}
		for i := 1; i < len(runs); i++ {
			if !bytes.Equal(runs[0][name], runs[i][name]) {
				t.Errorf("%s differs between run 0 and run %d", name, i)
			}
		}
	}
	if len(runs[0]) != 10 {
		t.Errorf("output files: %d, want 10", len(runs[0]))
	}
	// The GeoPackage in ETRS-TM35FIN is as deterministic.
	var tm [][]byte
	for i, w := range []int{1, 4} {
		o := fixtureOptions(dir, filepath.Join(dir, fmt.Sprintf("tm%d", i)))
		o.Workers, o.OutCRS = w, "EPSG:3067"
		res, err := Compute(context.Background(), o)
		must(t, err)
		must(t, Write(res, o))
		b, err := os.ReadFile(filepath.Join(o.Out, GeoPackageFile))
		must(t, err)
		tm = append(tm, b)
	}
	if !bytes.Equal(tm[0], tm[1]) {
		t.Errorf("%s in EPSG:3067 differs between 1 and 4 workers", GeoPackageFile)
	}
	if bytes.Equal(tm[0], runs[0][GeoPackageFile]) {
		t.Errorf("%s in EPSG:3067 is the WGS84 one", GeoPackageFile)
	}
	// summary.csv: one row per region x group x category x mode x threshold.
	rows, err := csv.NewReader(bytes.NewReader(runs[0][SummaryFile])).ReadAll()
	must(t, err)
	if len(rows) != 1+2*2*1*2*3 {
		t.Fatalf("summary rows: %d", len(rows))
	}
	if strings.Join(rows[0], ",") != strings.Join(SummaryHeader, ",") {
		t.Errorf("header %v", rows[0])
	}
	// The row of west, population, health, car, 5 min: all 60 within.
	found := false
	for _, r := range rows[1:] {
		if r[0] == "W" && r[2] == "population" && r[4] == "car" && r[5] == "5" {
			found = true
			if r[7] != "60" || r[8] != "1" {
				t.Errorf("west car 5 min row: %v", r)
			}
		}
	}
	if !found {
		t.Error("no row for west / car / 5 min")
	}
}

func TestWriteLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	out := filepath.Join(dir, "out")
	must(t, os.MkdirAll(out, 0o755))
	must(t, os.WriteFile(filepath.Join(out, "keep.txt"), []byte("x"), 0o644))
	o := fixtureOptions(dir, out)
	res, err := Compute(context.Background(), o)
	must(t, err)
	// Make run.json impossible to write: an input file vanishes before
	// its checksum is taken.
	must(t, os.Remove(o.Services))
	if err := Write(res, o); err == nil {
		t.Fatal("Write succeeded without its input")
	}
	ents, err := os.ReadDir(out)
	must(t, err)
	if len(ents) != 1 || ents[0].Name() != "keep.txt" {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Fatalf("output folder after a failed write: %v", names)
	}
}

func TestComputeCancelled(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Compute(ctx, fixtureOptions(dir, filepath.Join(dir, "out")))
	if err == nil {
		t.Fatal("cancelled run succeeded")
	}
	_ = time.Second
	_ = strconv.Itoa
}

func TestComputeMeasuresFixture(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	o := fixtureOptions(dir, filepath.Join(dir, "out"))
	o.Modes = []graph.Mode{graph.Car}
	o.Measures = Measures{NthNearest: 2, CumulativeMin: []float64{5},
		FCA: &access.Decay{Kind: access.DecayStep, CatchmentMin: 30}, AllWithinMin: 5}
	res, err := Compute(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	ms := res.Measures[0][0]
	c6 := expectedMs(6, graph.Car) / 60000
	if c6 > 30 {
		t.Fatalf("fixture assumption broken: c6 by car %.1f min", c6)
	}
	// Within the 30-minute catchment: c0..c4 and c6 (population 220);
	// the one service of capacity 1 is shared among them.
	var served float64
	for i, cell := range res.Cells.Cell {
		k := int((float64(cell.E) + 500 - 330500) / 1000)
		want := 0.0
		if k <= 4 || k == 6 {
			want = 1.0 / 220
		}
		if math.Abs(ms.FCA[i]-want) > 1e-12 {
			t.Errorf("c%d: 2SFCA %v, want %v", k, ms.FCA[i], want)
		}
		served += res.Cells.Weight[0][i] * ms.FCA[i]
		// One service only: no second nearest.
		if ms.NthMs[0][i] != Unreachable {
			t.Errorf("c%d: second nearest at %d ms", k, ms.NthMs[0][i])
		}
		// Cumulative within 5 min: c0..c3 (c4 needs the 5.6-minute detour).
		wantCount := 0.0
		if k <= 3 {
			wantCount = 1
		}
		if ms.Cumulative[0][i] != wantCount {
			t.Errorf("c%d: %v services within 5 min, want %v", k, ms.Cumulative[0][i], wantCount)
		}
		if res.AllWithin[0][i] != (wantCount == 1) {
			t.Errorf("c%d: all within 5 min = %v", k, res.AllWithin[0][i])
		}
	}
	// Sum of population x access equals the supply shared out.
	if math.Abs(served-1) > 1e-9 {
		t.Errorf("sum of P_i A_i = %v, want the capacity 1", served)
	}
}

// With MinIsland, the cell next to the island without a ferry (c8, a
// 2-vertex piece) is not attached to it: no other street lies within the
// snapping distance, so it counts as beyond snapping distance. The ferry
// island (c6) belongs to the largest piece through the ferry and keeps
// its time.
func TestComputeFixtureMinIsland(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	o := fixtureOptions(dir, filepath.Join(dir, "out"))
	o.Modes = []graph.Mode{graph.Car}
	o.MinIsland = graph.DefaultMinIsland
	res, err := Compute(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Counts.CellsUnsnapped["car"]; n != 2 {
		t.Errorf("cells beyond snap: %d, want 2 (c8 and c11)", n)
	}
	// c8 and c11 are not attached: a warning says how much of their
	// region's population that is.
	if !slices.ContainsFunc(res.Warnings, func(w string) bool {
		return strings.HasPrefix(w, "car: ") && strings.Contains(w, "farther than --max-snap (1000 m) from any car street")
	}) {
		t.Errorf("no warning of the unattached population: %q", res.Warnings)
	}
	for i, cell := range res.Cells.Cell {
		k := int((float64(cell.E) + 500 - 330500) / 1000)
		got := res.Nearest[0][0].TimeMs[i]
		if k == 6 && math.Abs(float64(got)-expectedMs(6, graph.Car)) > 4 {
			t.Errorf("c6: %d ms, want %.0f", got, expectedMs(6, graph.Car))
		}
		if k == 8 && got != Unreachable {
			t.Errorf("c8 reached in %d ms", got)
		}
		// Why they are unreached: c8 lies beside a small cut-off
		// piece of road, c11 far from any road.
		want := map[int]travel.Why{6: travel.Reached, 8: travel.Island, 11: travel.BeyondSnap}
		if w, ok := want[k]; ok && res.why(0, 0, i) != w {
			t.Errorf("c%d: reason %q, want %q", k, res.why(0, 0, i), w)
		}
	}
	// Without the island rule, c8 snaps to its road, which no ferry
	// joins to the service: the network does not connect it.
	o = fixtureOptions(dir, filepath.Join(dir, "out2"))
	o.Modes = []graph.Mode{graph.Car}
	o.MinIsland = 1
	res, err = Compute(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	for i, cell := range res.Cells.Cell {
		if k := int((float64(cell.E) + 500 - 330500) / 1000); k == 8 && res.why(0, 0, i) != travel.NoPath {
			t.Errorf("c8 without the island rule: reason %q, want no_path", res.why(0, 0, i))
		}
	}
}

// Origins given as a point set (firms with employees) instead of
// population: each point is its own origin, placed exactly at the
// fixture's road nodes, so its time is the hand-worked one with no
// connector; the output holds points and no gap areas.
func TestComputePointOrigins(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	var b strings.Builder
	b.WriteString("id,lon,lat,employees\n")
	for _, k := range []int{0, 2, 4} {
		lon, lat := lonlat(cellE(k), fixN)
		fmt.Fprintf(&b, "firm%d,%.9f,%.9f,%d\n", k, lon, lat, 5*(k+1))
	}
	pts := filepath.Join(dir, "firms.csv")
	must(t, os.WriteFile(pts, []byte(b.String()), 0o644))
	o := fixtureOptions(dir, filepath.Join(dir, "out"))
	o.Population, o.Groups = "", nil
	o.Origins, o.OriginWeight = pts, "employees"
	o.Modes = []graph.Mode{graph.Car}
	res, err := Compute(context.Background(), o)
	must(t, err)
	if len(res.Cells.Points) != 3 || res.Cells.IDs[1] != "firm2" {
		t.Fatalf("origins: %v %v", res.Cells.Points, res.Cells.IDs)
	}
	for i, k := range []int{0, 2, 4} {
		got := float64(res.Nearest[0][0].TimeMs[i])
		if want := expectedMs(k, graph.Car); math.Abs(got-want) > 4 {
			t.Errorf("firm%d: %v ms, want %.1f", k, got, want)
		}
		if w := res.Cells.Weight[0][i]; w != float64(5*(k+1)) {
			t.Errorf("firm%d weighs %v", k, w)
		}
	}
	if len(res.Gaps[0][0]) != 0 {
		t.Errorf("gap areas from points: %d", len(res.Gaps[0][0]))
	}
	must(t, Write(res, o))
	cells, err := os.ReadFile(filepath.Join(o.Out, CellsFile))
	must(t, err)
	if strings.Count(string(cells), `"type":"Point"`) != 3 || !strings.Contains(string(cells), `"id":"firm4"`) {
		t.Errorf("cells.geojson does not hold the 3 firms as points:\n%s", cells)
	}
	// A missing weight column is bad input naming the file.
	o.OriginWeight = "staff"
	if _, err := Compute(context.Background(), o); err == nil || !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "firms.csv") {
		t.Errorf("missing weight column: %v", err)
	}
}

// A --services-osm rule that matches nothing is a warning naming the
// tag meant.
func TestUnmatchedOSMRules(t *testing.T) {
	pois := []osm.POI{{ID: 1, Kind: "amenity=pharmacy"}, {ID: 2, Kind: "amenity=doctors"}}
	rules := []OSMRule{{"amenity", "pharmacie", "pharmacy"}, {"amenity", "doctors", "doctors"}, {"shop", "bakery", "bakery"}}
	svcs, matched := servicesFromOSMCounted(pois, rules)
	if len(svcs) != 1 || !slices.Equal(matched, []int{0, 1, 0}) {
		t.Fatalf("services %v, matched %v", svcs, matched)
	}
	ws := unmatchedOSMRules(pois, rules, matched, "x.pbf")
	if len(ws) != 2 || !strings.Contains(ws[0], "amenity=pharmacie") || !strings.Contains(ws[0], "did you mean amenity=pharmacy?") ||
		!strings.Contains(ws[1], "shop=bakery") || strings.Contains(ws[1], "did you mean") {
		t.Errorf("warnings %q", ws)
	}
}

// Nearest services more than six hours away are a warning with the
// population concerned and the longest time.
func TestLongTimeWarnings(t *testing.T) {
	res := &Result{
		Modes:      []graph.Mode{graph.Walk},
		Categories: []string{"kela"},
		Cells:      &Cells{Weight: [][]float64{{10, 20, 30}}},
		Nearest: [][]access.Nearest{{{TimeMs: []uint32{
			60 * 60000,          // one hour
			7 * 3600000,         // seven hours
			uint32(Unreachable), // none
		}}}},
	}
	ws := longTimeWarnings(res, &Options{})
	if len(ws) != 1 || !strings.Contains(ws[0], "walk to kela: 20 people are more than 6 hours") || !strings.Contains(ws[0], "up to 7.0 hours") ||
		strings.Contains(ws[0], "count trips of") {
		t.Errorf("warnings %q", ws)
	}
	// With public transport among the modes the warning names its limit,
	// which already makes longer trips unreachable.
	res.Modes = []graph.Mode{graph.Walk, graph.Transit, graph.NoCar}
	far := access.Nearest{TimeMs: []uint32{uint32(Unreachable), uint32(Unreachable), uint32(Unreachable)}}
	res.Nearest = append(res.Nearest, []access.Nearest{far}, []access.Nearest{far})
	tr := &TransitOptions{}
	tr.Network.MaxTime = 2 * time.Hour
	ws = longTimeWarnings(res, &Options{Transit: tr})
	if len(ws) != 1 || !strings.HasSuffix(ws[0], "(transit and nocar count trips of 120 min or more as unreachable)") {
		t.Errorf("warnings with transit %q", ws)
	}
	res.Modes, res.Nearest = res.Modes[:1], res.Nearest[:1]
	res.Nearest[0][0].TimeMs[1] = 6 * 3600000 // exactly six hours: no warning
	if ws := longTimeWarnings(res, &Options{}); len(ws) != 0 {
		t.Errorf("warnings %q for six hours", ws)
	}
}

// A region where (nearly) no one has a stop with departures within reach
// is one the feeds do not cover; a region where many have none is not
// warned of.
func TestCoverWarnings(t *testing.T) {
	u8 := func(ws ...travel.Why) []uint8 {
		out := make([]uint8, len(ws))
		for i, w := range ws {
			out[i] = uint8(w)
		}
		return out
	}
	res := &Result{
		Modes:   []graph.Mode{graph.Walk, graph.Transit},
		Regions: []Region{{Name: "Town"}, {Name: "Lakes"}},
		Cells:   &Cells{Weight: [][]float64{{50, 50, 30, 70}}, Region: []int32{0, 0, 1, 1}},
		Why: [][][]uint8{
			{u8(0, 0, 0, 0)},
			{u8(travel.Reached, travel.NoStop, travel.NoTrip, travel.NoStop)},
		},
	}
	ws := coverWarnings(res, &Options{})
	if len(ws) != 1 || !strings.HasPrefix(ws[0], "transit: 100.0% of the population of Lakes has no stop") ||
		!strings.Contains(ws[0], "do the feeds cover Lakes") {
		t.Errorf("warnings %q", ws)
	}
	res.Why[1][0][2] = uint8(travel.BeyondMaxTime) // 30 of 100 have a stop in Lakes
	if ws := coverWarnings(res, &Options{}); len(ws) != 0 {
		t.Errorf("warnings %q, want none", ws)
	}
	// Without a car alone: everyone walks to a service, but the reasons
	// of its transit part still show Lakes without a stop.
	res.Modes = []graph.Mode{graph.Walk, graph.NoCar}
	res.Why[1][0] = u8(0, 0, 0, 0)
	res.transitWhy = [][]uint8{u8(travel.Reached, travel.NoStop, travel.NoTrip, travel.NoStop)}
	if ws := coverWarnings(res, &Options{}); len(ws) != 1 || !strings.Contains(ws[0], "of the population of Lakes has no stop") {
		t.Errorf("nocar alone: warnings %q", ws)
	}
}
