package ptaccess

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/saavu/saavu/internal/testutil"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/transit"
)

// repoRoot is the folder holding go.mod.
func repoRoot(tb testing.TB) string { return testutil.RepoRoot(tb) }

// sharedData returns a path under ../shared/data, skipping the test when absent.
func sharedData(tb testing.TB, rel string) string { return testutil.SharedData(tb, rel) }

// fixtureSpeed walks 0.001 degree along the equator or a meridian of the
// graph's sphere in exactly 100 s.
var fixtureSpeed = 6371008.8 * math.Pi / 180 * 0.001 / 100

// buildWalk reads an OSM file and builds its walk graph at speed m/s.
func buildWalk(tb testing.TB, path string, speed float64) *graph.Graph {
	tb.Helper()
	return buildWalkWith(tb, path, speed, nil)
}

// buildWalkWith is buildWalk with slope factors from elev (nil: none).
func buildWalkWith(tb testing.TB, path string, speed float64, elev graph.Elevation) *graph.Graph {
	tb.Helper()
	ext, err := osm.Read(context.Background(), path, osm.Options{SkipPOIs: true})
	if err != nil {
		tb.Fatal(err)
	}
	p := graph.DefaultParams()
	p.WalkSpeed = speed
	if elev != nil {
		p.Elevation = elev
	}
	g, _, err := graph.Build(ext, graph.Walk, p)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// compileDay loads feeds (prefixed a, b, ...) and flattens date.
func compileDay(tb testing.TB, date string, paths ...string) (*transit.Timetable, *transit.Day) {
	tb.Helper()
	var feeds []*gtfs.Feed
	for i, p := range paths {
		f, err := gtfs.Load(context.Background(), p, gtfs.Options{Prefix: string(rune('a' + i))})
		if err != nil {
			tb.Fatal(err)
		}
		feeds = append(feeds, f)
	}
	tt, err := transit.Compile(feeds, nil)
	if err != nil {
		tb.Fatal(err)
	}
	day, err := tt.Day(date, transit.DayOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return tt, day
}

// fixture is the hand-made network of testdata/ptaccess (see grid.osm).
type fixture struct {
	net               *Network
	o, d1, d2, d3, d5 graph.Snap
	stopByID          map[string]int32
}

func newFixture(t testing.TB, opts Options) *fixture {
	t.Helper()
	root := repoRoot(t)
	g := buildWalk(t, filepath.Join(root, "testdata", "ptaccess", "grid.osm"), fixtureSpeed)
	tt, day := compileDay(t, "20240108", filepath.Join(root, "testdata", "ptaccess", "gtfs"))
	net, err := NewNetwork(g, tt, day, opts)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{net: net, stopByID: map[string]int32{}}
	for i, s := range tt.Stops {
		f.stopByID[s.ID] = int32(i)
	}
	snap := func(lon, lat float64) graph.Snap {
		s, ok := net.Snap(lon, lat, 50)
		if !ok {
			t.Fatalf("point %v,%v does not snap", lon, lat)
		}
		return s
	}
	f.o = snap(25.000, 0)
	f.d1 = snap(25.035, 0)
	f.d2 = snap(25.030, 0.020)
	f.d3 = snap(25.002, 0)
	f.d5 = snap(25.011, 0)
	return f
}

// hms is the clock time h:m:s in seconds.
func hms(h, m, s int) transit.Seconds { return transit.Seconds(h*3600 + m*60 + s) }
