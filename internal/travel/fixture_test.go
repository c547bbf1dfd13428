package travel

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/testutil"
	"github.com/saavu/saavu/internal/transit"
)

// The fixture is testdata/ptaccess (see grid.osm there): a main street
// along the equator and a path north from lon 25.030, walked at a speed
// that takes exactly 100 s per 0.001 degree. Line 1 leaves stop S1
// (25.005) at 08:05, 08:15, 08:25 and 08:35, is at S5 (25.010) 2 minutes
// later and at S2 (25.030) 10 minutes later; line 2 leaves S3 (25.030,
// 0.001) at 08:28, 08:38, 08:48 and reaches S4 (25.030, 0.020) 5 minutes
// later. Nothing runs back.
//
// Origins: O at (25.000, 0) and R at (25.030, 0.010), halfway up the path.
// Services: 0 = D5 (25.011, 0), clinic, capacity 2; 1 = D1 (25.035, 0),
// clinic, capacity 1; 2 = D2 (25.030, 0.020) at S4, office, capacity 3.
//
// The window is ten departures, 08:00 to 08:09; the p-th percentile of
// ten times is the value at index ceil(p/10)-1 of the sorted times.
// Worked out by hand:
//
//	O -> D5: walk 1100 s; by line 1 from 08:01..08:05 (ready at S1 by
//	  08:13:59 for the 08:15 trip): 1060, 1000, 940, 880, 820; at 08:00
//	  transit takes 1120 and walking wins; from 08:06 the next trip is
//	  too late: 1100. Sorted 820 880 940 1000 1060 1100 x5.
//	O -> D1: walk 3500 s (beyond transit's 20-minute walk); by line 1:
//	  2000 1940 1880 1820 1760 1700 2240 2180 2120 2060.
//	O -> D2: walk 5000 s; line 1, transfer S2 -> S3 (100 s), line 2:
//	  08:00..08:05 arrive 08:33 (1980 .. 1680), 08:06..08:09 arrive 08:43
//	  (2220 .. 2040).
//	R -> D2: walk 1000 s (within 20 minutes, faster than any ride).
//	R -> D1: walk 1500 s, beyond 20 minutes, and no line goes there from
//	  R: unreachable by transit. R -> D5: walk 2900 s, unreachable by
//	  transit.
type fixture struct {
	walk    *Street
	transit *Transit
	nocar   *NoCar
}

const (
	clinic = 0
	office = 1
)

var fixturePcts = []int{5, 50, 95}

func newFixture(t testing.TB) *fixture { return newFixtureWith(t, ptaccess.Options{Workers: 2}) }

// newFixtureWith builds the fixture with other transit options.
func newFixtureWith(t testing.TB, opts ptaccess.Options) *fixture {
	t.Helper()
	root := testutil.RepoRoot(t)
	ext, err := osm.Read(context.Background(), filepath.Join(root, "testdata", "ptaccess", "grid.osm"), osm.Options{SkipPOIs: true})
	if err != nil {
		t.Fatal(err)
	}
	p := graph.DefaultParams()
	p.WalkSpeed = 6371008.8 * math.Pi / 180 * 0.001 / 100
	g, _, err := graph.Build(ext, graph.Walk, p)
	if err != nil {
		t.Fatal(err)
	}
	feed, err := gtfs.Load(context.Background(), filepath.Join(root, "testdata", "ptaccess", "gtfs"), gtfs.Options{Prefix: "a"})
	if err != nil {
		t.Fatal(err)
	}
	tt, err := transit.Compile([]*gtfs.Feed{feed}, nil)
	if err != nil {
		t.Fatal(err)
	}
	day, err := tt.Day("20240108", transit.DayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	net, err := ptaccess.NewNetwork(g, tt, day, opts)
	if err != nil {
		t.Fatal(err)
	}
	snap := func(lon, lat float64) graph.Snap {
		s, ok := net.Snap(lon, lat, 50)
		if !ok {
			t.Fatalf("point %v,%v does not snap", lon, lat)
		}
		return s
	}
	origins := []graph.Snap{snap(25.000, 0), snap(25.030, 0.010)}
	svc := Services{
		Snaps:      []graph.Snap{snap(25.011, 0), snap(25.035, 0), snap(25.030, 0.020)},
		Category:   []int32{clinic, clinic, office},
		Categories: 2,
	}
	walk := &Street{G: g, Origins: origins, Services: svc, LimitMs: 120 * 60000, Workers: 2}
	tr := &Transit{Net: net, Origins: origins, Services: svc, Pcts: fixturePcts, MainPct: 1,
		Window: ptaccess.Window{Depart: 8 * 3600, Minutes: 10}}
	return &fixture{walk: walk, transit: tr, nocar: &NoCar{Walk: walk, Transit: tr}}
}

// s is seconds as milliseconds.
func s(v uint32) uint32 { return v * 1000 }

const un = Unreachable
