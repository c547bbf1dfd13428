package graph

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/saavu/saavu/data/osm"
)

// Expected values for testdata/osm/town.osm. Lengths were computed
// independently of this package with the atan2 (Vincenty) form of the
// great-circle distance on a sphere of radius 6,371,008.8 m:
//
//	nodes 1-4, 2-5, 3-6 (0.001 deg of latitude): 111.195080 m
//	nodes 1-2 (0.002 deg of longitude at 61.500): 106.115413 m
//	nodes 4-5 (at 61.501): 106.112002 m; 7-8 and 9-10 (at 61.502): 106.108591 m
//	nodes 12-9: 168.595131 m; 13-14: 424.420719 m; 11-13: 76.848611 m
//	ferry A 3-19-20: 307.412106 m; ferry B 1-22-23: 239.599077 m
//
// and times = length / speed in ms, rounded.
const (
	lenNS   = 111.195080
	len12   = 106.115413
	len45   = 106.112002
	len78   = 106.108591
	len129  = 168.595131
	len1314 = 424.420719
	len1113 = 76.848611
	lenFA   = 307.412106
	lenFB   = 239.599077
)

func TestBuildTownCounts(t *testing.T) {
	ext := readTown(t)
	cases := []struct {
		mode                      Mode
		vertices, edges, segments int
		ferries                   int
		components                []int32
		used                      map[string]int
		dropped                   map[DropReason]int
	}{
		// Counted by hand from the fixture, see its comments.
		{Walk, 24, 58, 27, 2, []int32{21, 3},
			map[string]int{"ferry": 2, "footway": 2, "living_street": 1, "pedestrian": 1, "primary": 1, "residential": 7, "secondary": 1, "service": 1, "steps": 1, "tertiary": 1},
			map[DropReason]int{DropClass: 3, DropAccess: 1}},
		{Bike, 23, 50, 26, 2, []int32{20, 3},
			map[string]int{"cycleway": 1, "ferry": 2, "footway": 2, "living_street": 1, "pedestrian": 1, "primary": 1, "residential": 7, "secondary": 1, "tertiary": 1},
			map[DropReason]int{DropClass: 4, DropAccess: 1}},
		{Car, 19, 39, 22, 1, []int32{16, 3},
			map[string]int{"ferry": 1, "living_street": 1, "motorway": 1, "motorway_link": 1, "primary": 1, "residential": 7, "secondary": 1, "tertiary": 1},
			map[DropReason]int{DropClass: 6, DropAccess: 2}},
	}
	for _, c := range cases {
		t.Run(c.mode.String(), func(t *testing.T) {
			g, st, err := Build(ext, c.mode, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			checkGraph(t, g)
			if g.NumVertices() != c.vertices || g.NumEdges() != c.edges || len(g.SegU) != c.segments || len(g.Ferries) != c.ferries {
				t.Errorf("%d vertices, %d edges, %d segments, %d ferries; want %d, %d, %d, %d",
					g.NumVertices(), g.NumEdges(), len(g.SegU), len(g.Ferries), c.vertices, c.edges, c.segments, c.ferries)
			}
			if st.Vertices != g.NumVertices() || st.Edges != g.NumEdges() || st.Segments != len(g.SegU) || st.Ferries != len(g.Ferries) {
				t.Errorf("stats %+v disagree with the graph", st)
			}
			if !reflect.DeepEqual(st.WaysUsed, c.used) {
				t.Errorf("ways used %v, want %v", st.WaysUsed, c.used)
			}
			if !reflect.DeepEqual(st.WaysDropped, c.dropped) {
				t.Errorf("ways dropped %v, want %v", st.WaysDropped, c.dropped)
			}
			comp, sizes := g.Components()
			if !slices.Equal(sizes, c.components) {
				t.Errorf("component sizes %v, want %v", sizes, c.components)
			}
			// The island without a ferry is the second component.
			if comp[vertex(t, g, 25)] != 1 || comp[vertex(t, g, 1)] != 0 {
				t.Error("island 25-27 not in its own component")
			}
			// Ferry islands join the main component.
			if comp[vertex(t, g, 21)] != 0 {
				t.Error("island A not joined by its ferry")
			}
			// Ferry water nodes are never vertices.
			for _, n := range []int64{19, 22} {
				if _, ok := slices.BinarySearch(g.NodeID, n); ok {
					t.Errorf("ferry node %d is a vertex", n)
				}
			}
			if !strings.HasPrefix(st.String(), c.mode.String()+": ") {
				t.Errorf("stats string %q", st.String())
			}
		})
	}
}

// anyTime marks an expected edge whose time is not checked.
const anyTime = math.MaxUint32 - 1

func TestBuildTownEdges(t *testing.T) {
	p := DefaultParams()
	walk, bike, car := buildTown(t, Walk, p), buildTown(t, Bike, p), buildTown(t, Car, p)
	msAt := func(lenM, kmh float64) uint32 { return uint32(math.Round(lenM / (kmh / 3.6) * 1000)) }
	cases := []struct {
		name   string
		g      *Graph
		a, b   int64
		wantMs uint32 // 0: no edge; anyTime: the edge exists, time not checked
		lenM   float64
	}{
		{"walk 1-4 at 1.2 m/s", walk, 1, 4, 92663, lenNS},
		{"walk 4-1", walk, 4, 1, 92663, lenNS},
		{"walk 1-2", walk, 1, 2, 88430, len12},
		{"walk against one-way 5-4", walk, 5, 4, 88427, len45},
		{"walk private service 5-15 with foot=yes", walk, 5, 15, anyTime, 0},
		{"bike 1-2 at 4.2 m/s", bike, 1, 2, 25266, len12},
		{"bike one-way 4-5", bike, 4, 5, 25265, len45},
		{"bike against one-way 5-4", bike, 5, 4, 0, 0},
		{"bike cycleway with foot=no", bike, 7, 18, anyTime, 0},
		{"car FI:zone30 1-4", car, 1, 4, 13343, lenNS},
		{"car FI:urban one-way 4-5", car, 4, 5, 7640, len45},
		{"car against one-way 5-4", car, 5, 4, 0, 0},
		{"car 30 mph 7-8", car, 7, 8, msAt(len78, 30*1.609344), len78},
		{"car 50;60 2-5", car, 2, 5, 8006, lenNS},
		{"car default residential 3-6", car, 3, 6, 10008, lenNS},
		{"car maxspeed=none secondary 9-10", car, 9, 10, 4775, len78},
		{"car oneway=-1 12-9 at walk", car, 12, 9, 101157, len129},
		{"car oneway=-1 9-12", car, 9, 12, 0, 0},
		{"car motorway 13-14", car, 13, 14, 12733, len1314},
		{"car motorway 14-13", car, 14, 13, 0, 0},
		{"car motorway_link 11-13", car, 11, 13, 3458, len1113},
		{"car motorway_link 13-11", car, 13, 11, 3458, len1113},
		{"car roundabout 11-10", car, 11, 10, 0, 0},
		{"car roundabout 12-10", car, 12, 10, msAt(haversineM(23.707, 61.5015, 23.706, 61.502), 80), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms, lenM, ok := edgeBetween(t, c.g, c.a, c.b)
			if c.wantMs == 0 {
				if ok {
					t.Errorf("edge %d->%d exists (%d ms)", c.a, c.b, ms)
				}
				return
			}
			if !ok {
				t.Fatalf("no edge %d->%d", c.a, c.b)
			}
			if c.wantMs != anyTime && ms != c.wantMs {
				t.Errorf("time %d ms, want %d", ms, c.wantMs)
			}
			if c.lenM > 0 && !near(float64(lenM), c.lenM, 1e-4) {
				t.Errorf("length %v m, want %v", lenM, c.lenM)
			}
		})
	}
	// Modes that must not reach a way at all.
	for _, c := range []struct {
		g    *Graph
		node int64
	}{{walk, 13}, {walk, 18}, {bike, 17}, {bike, 15}, {car, 15}, {car, 16}, {car, 23}} {
		if _, ok := slices.BinarySearch(c.g.NodeID, c.node); ok {
			t.Errorf("%s graph has node %d", c.g.Mode, c.node)
		}
	}
}

func TestBuildTownSegments(t *testing.T) {
	car := buildTown(t, Car, DefaultParams())
	// Segments follow the ways in id order: way 101 gives segments 0 (1-2)
	// and 1 (2-3), way 102 segments 2 (4-5) and 3 (5-6).
	if car.NodeID[car.SegU[2]] != 4 || car.NodeID[car.SegV[2]] != 5 || car.SegWay[2] != 102 {
		t.Fatalf("segment 2 is %d-%d of way %d", car.NodeID[car.SegU[2]], car.NodeID[car.SegV[2]], car.SegWay[2])
	}
	if car.SegFwdMs[2] != 7640 || car.SegBwdMs[2] != NoTime {
		t.Errorf("one-way segment times %d, %d", car.SegFwdMs[2], car.SegBwdMs[2])
	}
	if !near(float64(car.SegLenM[2]), len45, 1e-4) {
		t.Errorf("segment length %v", car.SegLenM[2])
	}
	// The one-way living street is drawn 9 -> 12 and open 12 -> 9 only.
	for s := range car.SegU {
		if car.SegWay[s] == 122 {
			if car.NodeID[car.SegU[s]] != 9 || car.SegFwdMs[s] != NoTime || car.SegBwdMs[s] != 101157 {
				t.Errorf("way 122 segment: u %d fwd %d bwd %d", car.NodeID[car.SegU[s]], car.SegFwdMs[s], car.SegBwdMs[s])
			}
		}
	}
}

func TestBuildTownFerries(t *testing.T) {
	p := DefaultParams()
	walk := buildTown(t, Walk, p)
	want := []struct {
		way  int64
		u, v int64 // OSM nodes
		ms   uint32
		lenM float64
		name string
	}{
		// 20 minutes by its duration tag + 10 minutes wait.
		{115, 3, 20, 30 * 60 * 1000, lenFA, "Saarilautta"},
		// No duration: 239.599077 m at 5 m/s = 47920 ms, + 10 minutes.
		{117, 1, 23, 47920 + 600000, lenFB, ""},
	}
	if len(walk.Ferries) != len(want) {
		t.Fatalf("ferries %+v", walk.Ferries)
	}
	for i, w := range want {
		f := walk.Ferries[i]
		if f.WayID != w.way || walk.NodeID[f.U] != w.u || walk.NodeID[f.V] != w.v || f.TimeMs != w.ms || f.Name != w.name || !near(float64(f.LenM), w.lenM, 1e-3) {
			t.Errorf("ferry %d: %+v, want %+v", i, f, w)
		}
		for _, d := range [][2]int64{{w.u, w.v}, {w.v, w.u}} {
			ms, _, ok := edgeBetween(t, walk, d[0], d[1])
			if !ok || ms != w.ms {
				t.Errorf("ferry edge %d->%d: %d ms, %v", d[0], d[1], ms, ok)
			}
		}
	}
	// The car graph has only the car ferry.
	car := buildTown(t, Car, p)
	if len(car.Ferries) != 1 || car.Ferries[0].WayID != 115 {
		t.Errorf("car ferries %+v", car.Ferries)
	}
	// Closing the car ferry cuts island A off; a longer wait is added.
	p2 := DefaultParams()
	p2.ClosedFerries[115] = true
	p2.FerryWait = 15 * time.Minute
	g, st, err := Build(readTown(t), Walk, p2)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Ferries) != 1 || g.Ferries[0].WayID != 117 || g.Ferries[0].TimeMs != 47920+900000 {
		t.Errorf("ferries with 115 closed: %+v", g.Ferries)
	}
	if st.WaysDropped[DropFerryClose] != 1 {
		t.Errorf("dropped %v", st.WaysDropped)
	}
	_, sizes := g.Components()
	// Components in order of their lowest vertex: the town, island A
	// (nodes 20, 21), the island without a ferry (25-27).
	if !slices.Equal(sizes, []int32{19, 2, 3}) {
		t.Errorf("components with the ferry closed: %v", sizes)
	}
}

func TestBuildDeterministic(t *testing.T) {
	ext := readTown(t)
	for _, m := range []Mode{Walk, Bike, Car} {
		a, _, err := Build(ext, m, DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := Build(ext, m, DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two builds differ", m)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	ext := readTown(t)
	bad := func(f func(*Params)) Params {
		p := DefaultParams()
		f(&p)
		return p
	}
	cases := []struct {
		name string
		ext  *osm.Extract
		mode Mode
		p    Params
		msg  string
	}{
		{"nil extract", nil, Walk, DefaultParams(), "nil extract"},
		{"zero walk speed", ext, Walk, bad(func(p *Params) { p.WalkSpeed = 0 }), "WalkSpeed"},
		{"NaN bike speed", ext, Bike, bad(func(p *Params) { p.BikeSpeed = math.NaN() }), "BikeSpeed"},
		{"negative ferry wait", ext, Car, bad(func(p *Params) { p.FerryWait = -time.Second }), "FerryWait"},
		{"missing class speed", ext, Car, bad(func(p *Params) { delete(p.CarSpeedKmh, "trunk_link") }), "CarSpeedKmh[trunk_link]"},
		{"unknown mode", ext, Mode(9), DefaultParams(), "no street graph for mode unknown"},
		{"transit", ext, Transit, DefaultParams(), "no street graph for mode transit"},
		{"ragged extract", &osm.Extract{NodeIDs: []int64{1, 2}, Lon: []float64{1}}, Walk, DefaultParams(), "coordinates"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := Build(c.ext, c.mode, c.p)
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %v, want one mentioning %q", err, c.msg)
			}
		})
	}
	// A walk graph does not need car speeds.
	if _, _, err := Build(ext, Walk, bad(func(p *Params) { p.CarSpeedKmh = nil })); err != nil {
		t.Errorf("walk build needs car speeds: %v", err)
	}
}

func TestBuildEmptyAndDegenerate(t *testing.T) {
	ext := &osm.Extract{
		NodeIDs: []int64{1, 2, 3},
		Lon:     []float64{23.7, 23.7, 23.701},
		Lat:     []float64{61.5, 61.501, 61.5},
		Ways: []osm.Way{
			{ID: 1, Nodes: []int64{1, 1}, Tags: tags("highway", "residential")},                // no segment
			{ID: 2, Nodes: []int64{2, 2}, Tags: tags("route", "ferry")},                        // ferry loop
			{ID: 3, Nodes: []int64{1, 2, 2, 3}, Tags: tags("highway", "residential")},          // repeated node skipped
			{ID: 4, Nodes: []int64{1, 3}, Tags: tags("highway", "residential", "area", "yes")}, // car: area
		},
	}
	g, st, err := Build(ext, Car, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	checkGraph(t, g)
	if len(g.SegU) != 2 || g.NumEdges() != 4 || st.WaysDropped[DropNoSegment] != 1 || st.WaysDropped[DropFerryLoop] != 1 || st.WaysDropped[DropArea] != 1 {
		t.Errorf("segments %d edges %d dropped %v", len(g.SegU), g.NumEdges(), st.WaysDropped)
	}
	empty, _, err := Build(&osm.Extract{}, Walk, DefaultParams())
	if err != nil || empty.NumVertices() != 0 || len(empty.FirstOut) != 1 {
		t.Fatalf("empty extract: %v %+v", err, empty)
	}
	if _, ok := empty.Snap(23.7, 61.5, 1000); ok {
		t.Error("snapped onto an empty graph")
	}
	if comp, sizes := empty.Components(); len(comp) != 0 || len(sizes) != 0 {
		t.Error("components of an empty graph")
	}
}

func TestParallelEdgesKeepFastest(t *testing.T) {
	// Two ways between the same nodes: a residential street (40 km/h) and
	// a tertiary one (60 km/h). Both segments stay; one edge per direction.
	ext := &osm.Extract{
		NodeIDs: []int64{1, 2},
		Lon:     []float64{23.7, 23.7},
		Lat:     []float64{61.5, 61.501},
		Ways: []osm.Way{
			{ID: 1, Nodes: []int64{1, 2}, Tags: tags("highway", "residential")},
			{ID: 2, Nodes: []int64{2, 1}, Tags: tags("highway", "tertiary")},
		},
	}
	g, st, err := Build(ext, Car, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	checkGraph(t, g)
	if len(g.SegU) != 2 || g.NumEdges() != 2 || st.ParallelEdges != 2 {
		t.Fatalf("segments %d edges %d parallel %d", len(g.SegU), g.NumEdges(), st.ParallelEdges)
	}
	want := uint32(math.Round(lenNS / (60 / 3.6) * 1000)) // 6672 ms
	if g.TimeMs[0] != want || g.TimeMs[1] != want {
		t.Errorf("edge times %v, want %d", g.TimeMs, want)
	}
}
