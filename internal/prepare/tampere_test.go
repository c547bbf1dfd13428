package prepare

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/netfile"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/transit"
)

// The Tampere test clips the Tampere extract (18 x 12 km) and feed to a
// central box of 6 x 4 km (testdata/prepare/tampere-centre.geojson,
// EPSG:3067 E 324.6-330.6 km, N 6820.5-6824.5 km) with a 1 km buffer,
// and checks that travel between points of the box is unchanged.
//
// The points lie 500 m or more inside the box. Walking paths between them
// stay in the box; some car paths do not: with no buffer, 12 of the 400
// car pairs come out slower (a main road just outside the box is faster
// than the streets inside). With the 1 km buffer every walk and car pair
// is the same, and so is public transport between the 8 most central
// points (the ride between two stops of the box keeps its times even when
// the line leaves the area in between; see ClipTimetable).
const (
	tampereDate   = "20220110" // a Monday within the feed's calendar
	tampereBuffer = 1.0        // km
)

// tampereGrid returns points every kilometre inside the central box, from
// 500 m in from its edges: 6 x 4 = 24 points.
func tampereGrid() [][2]float64 {
	var pts [][2]float64
	for n := 6_821_000.0; n <= 6_824_000; n += 1000 {
		for e := 325_100.0; e <= 330_100; e += 1000 {
			lon, lat := geo.FromTM35(e, n)
			pts = append(pts, [2]float64{lon, lat})
		}
	}
	return pts
}

// snapBoth snaps the points on both graphs, keeping those that snap on
// the full one; the clipped one must snap them to the same place, since
// every street near a point of the box is kept.
func snapBoth(t *testing.T, full, clipped *graph.Graph, pts [][2]float64) (a, b []graph.Snap) {
	t.Helper()
	for _, p := range pts {
		sf, ok := full.Snap(p[0], p[1], 300)
		if !ok {
			continue
		}
		sc, ok := clipped.Snap(p[0], p[1], 300)
		if !ok || sc.Lon != sf.Lon || sc.Lat != sf.Lat || sc.ConnMs != sf.ConnMs {
			t.Errorf("%s: point %v snaps to %v,%v on the full graph and to %v,%v (%v) on the clipped one",
				full.Mode, p, sf.Lon, sf.Lat, sc.Lon, sc.Lat, ok)
			continue
		}
		a, b = append(a, sf), append(b, sc)
	}
	return a, b
}

func TestTampereClipKeepsTravelTimes(t *testing.T) {
	osmPath := sharedData(t, "tampere/tampere.osm.pbf")
	feedPath := sharedData(t, "tampere/tampere-gtfs.zip")
	ctx := context.Background()

	// The whole extract and feed.
	ext, err := osm.Read(ctx, osmPath, osm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	params := graph.DefaultParams()
	feed, err := gtfs.Load(ctx, feedPath, gtfs.Options{Prefix: "tampere"})
	if err != nil {
		t.Fatal(err)
	}
	fullTT, err := transit.Compile([]*gtfs.Feed{feed}, nil)
	if err != nil {
		t.Fatal(err)
	}

	// The prepared network, through the file.
	o := &Options{OSM: osmPath, Feeds: []Source{{Name: "tampere", Path: feedPath}}, Regions: fixture(t, "tampere-centre.geojson"),
		BufferKm: tampereBuffer, Modes: []graph.Mode{graph.Walk, graph.Car}, Graph: params,
		Out: filepath.Join(t.TempDir(), "tampere.saavu"), Version: "test"}
	sum, err := Run(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	net, err := netfile.Read(o.Out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("kept %d of %d ways, walk %d vertices, car %d, %d of %d stops, %d of %d trips (%d cut), file %d bytes",
		sum.Ways, len(ext.Ways), sum.Vertices[graph.Walk], sum.Vertices[graph.Car], sum.Transit.StopsKept, sum.Transit.Stops,
		sum.Transit.TripsKept, sum.Transit.Trips, sum.Transit.TripsCut, sum.FileBytes)
	if sum.Ways*2 > len(ext.Ways) {
		t.Errorf("the clip kept %d of %d ways: the box is a small part of the extract", sum.Ways, len(ext.Ways))
	}

	pts := tampereGrid()
	for _, mode := range []graph.Mode{graph.Walk, graph.Car} {
		full, _, err := graph.Build(ext, mode, params)
		if err != nil {
			t.Fatal(err)
		}
		clipped := net.Graphs[mode]
		if clipped.NumVertices() >= full.NumVertices() {
			t.Errorf("%s: clipped graph has %d vertices, the full one %d", mode, clipped.NumVertices(), full.NumVertices())
		}
		sf, sc := snapBoth(t, full, clipped, pts)
		if len(sf) < 20 {
			t.Fatalf("%s: only %d of %d points snap", mode, len(sf), len(pts))
		}
		mf := access.StreetMatrix(full, sf, sf, 0, 2)
		mc := access.StreetMatrix(clipped, sc, sc, 0, 2)
		same, reached := 0, 0
		for k := range mf.TimeMs {
			if mf.TimeMs[k] != access.Unreachable {
				reached++
			}
			switch {
			case mc.TimeMs[k] == mf.TimeMs[k]:
				same++
			case mc.TimeMs[k] < mf.TimeMs[k]:
				// The clipped graph is part of the full one.
				t.Errorf("%s: pair %d is faster on the clipped graph: %d ms < %d ms", mode, k, mc.TimeMs[k], mf.TimeMs[k])
			default:
				t.Errorf("%s: pair %d (%d -> %d): %d ms on the clipped graph, %d ms on the full one",
					mode, k, k/mf.Cols, k%mf.Cols, mc.TimeMs[k], mf.TimeMs[k])
			}
		}
		t.Logf("%s: %d of %d pairs equal (%d reachable)", mode, same, len(mf.TimeMs), reached)
		if reached < len(mf.TimeMs)*9/10 {
			t.Errorf("%s: only %d of %d pairs reachable: the comparison says little", mode, reached, len(mf.TimeMs))
		}
	}

	// The timetable: every run of the date at stops inside the area, at
	// the same times.
	sameDays(t, fullTT, net.Timetable, net.Header.Area.Contains, []string{tampereDate})

	// Public transport between points near the middle of the box, over
	// ten departures from 08:00.
	fullWalk, _, err := graph.Build(ext, graph.Walk, params)
	if err != nil {
		t.Fatal(err)
	}
	popts := ptaccess.Options{MaxTime: 60 * time.Minute, Workers: 2}
	build := func(g *graph.Graph, tt *transit.Timetable) *ptaccess.Network {
		day, err := tt.Day(tampereDate, transit.DayOptions{})
		if err != nil {
			t.Fatal(err)
		}
		n, err := ptaccess.NewNetwork(g, tt, day, popts)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	nf, nc := build(fullWalk, fullTT), build(net.Graphs[graph.Walk], net.Timetable)
	var inner [][2]float64
	for i, p := range pts {
		if row, col := i/6, i%6; row >= 1 && row <= 2 && col >= 1 && col <= 4 {
			inner = append(inner, p)
		}
	}
	var of, oc []graph.Snap
	for _, p := range inner {
		a, okA := nf.Snap(p[0], p[1], 300)
		b, okB := nc.Snap(p[0], p[1], 300)
		if okA && okB {
			of, oc = append(of, a), append(oc, b)
		}
	}
	win := ptaccess.Window{Date: tampereDate, Depart: 8 * 3600, Minutes: 10}
	pct := []int{25, 50, 100}
	mf, err := nf.Matrix(ctx, of, of, win, pct)
	if err != nil {
		t.Fatal(err)
	}
	mc, err := nc.Matrix(ctx, oc, oc, win, pct)
	if err != nil {
		t.Fatal(err)
	}
	rides := 0
	for i := range of {
		for j := range of {
			for k := range pct {
				if a, b := mf.At(i, j, k), mc.At(i, j, k); a != b {
					t.Errorf("transit %d -> %d, p%d: %d s on the full network, %d s on the clipped one", i, j, pct[k], a, b)
				}
			}
			if it, ok := nf.Itinerary(of[i], of[j], 8*3600); ok && it.Rides > 0 {
				rides++
			}
		}
	}
	t.Logf("transit: %d x %d pairs compared, %d with a ride at 08:00", len(of), len(of), rides)
	if len(of) < 6 || rides == 0 {
		t.Errorf("%d points and %d pairs riding: the transit comparison says little", len(of), rides)
	}
}
