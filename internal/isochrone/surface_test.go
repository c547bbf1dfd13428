package isochrone

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/graph"
)

// The straight road runs along N = 6820000 m; the start is at E = 331750 m
// in the middle of a 500 m segment.
const startE, startN = 331750.0, 6820000.0

// extent returns how far the band reaches from the start east, west, north
// and south, in metres.
func extent(b Band) (east, west, north, south float64) {
	bd := b.Geom.Bound()
	return bd.Max[0] - startE, startE - bd.Min[0], bd.Max[1] - startN, startN - bd.Min[1]
}

func TestStraightRoadExtents(t *testing.T) {
	// The road runs along a cell edge, so the nearest cell centres lie
	// res/2 beside it and cost that walk: along the road the band reaches
	// the x where v (T - res/2 sqrt(1/w² - 1/v²)) = x for the speed v on
	// the road and w on foot, plus the half cell beyond that centre.
	// Graph lengths are haversine lengths on a sphere, about 0.4% shorter
	// than EPSG:3067 lengths east-west at 61.5 N; the tolerance of a
	// raster cell covers that as well as the staircase of the cells.
	const res = 4.0
	const walk = 1.2
	alongRoad := func(v, cutoffMin float64) float64 {
		return v*(cutoffMin*60-res/2*math.Sqrt(max(0, 1/(walk*walk)-1/(v*v)))) + res/2
	}
	cases := []struct {
		name        string
		mode        graph.Mode
		cutoff      float64 // minutes
		offNetwork  float64
		along, side float64 // expected reach along and beside the road, m
	}{
		// 60 s on foot at 1.2 m/s: 72 m in every direction.
		{"walk 1 min", graph.Walk, 1, 0, 72, 72},
		// By bicycle at 4.2 m/s: 252 m along the road (247.3 m to the
		// last cell edge); beside it the walk starts at the start: 72 m.
		{"bike 1 min", graph.Bike, 1, 0, alongRoad(4.2, 1), 72},
		// By car at the road's 36 km/h (10 m/s): 600 m along the road.
		{"car 1 min", graph.Car, 1, 0, alongRoad(10, 1), 72},
		// Ten minutes on foot with at most 50 m off the road: 720 m
		// along it, 50 m beside it.
		{"walk 10 min, 50 m off the road", graph.Walk, 10, 50, 720, 50},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := fixtureGraph(t, "straight.osm", c.mode)
			r, err := Times(context.Background(), g, []Start{startTM(t, g, startE, startN)},
				Options{LimitMin: c.cutoff, ResolutionM: res, OffNetworkM: c.offNetwork})
			if err != nil {
				t.Fatal(err)
			}
			bands, err := Bands(r, []float64{c.cutoff})
			if err != nil {
				t.Fatal(err)
			}
			e, w, n, s := extent(bands[0])
			tol := res + 0.005*c.along
			for _, v := range []struct {
				what      string
				got, want float64
			}{{"east", e, c.along}, {"west", w, c.along}, {"north", n, c.side}, {"south", s, c.side}} {
				if !near(v.got, v.want, tol) {
					t.Errorf("reach %s %.1f m, want %.1f ± %.1f", v.what, v.got, v.want, tol)
				}
			}
			if len(bands[0].Geom) != 1 || len(bands[0].Geom[0]) != 1 {
				t.Errorf("want one polygon without holes, got %d polygons", len(bands[0].Geom))
			}
		})
	}
}

// Times at cell centres by bicycle, worked out by hand: ride along the
// road, then walk at the angle whose cosine is the ratio of the paces.
func TestStraightRoadBikeTimes(t *testing.T) {
	g := fixtureGraph(t, "straight.osm", graph.Bike)
	const res = 10.0
	r, err := Times(context.Background(), g, []Start{startTM(t, g, startE, startN)}, Options{LimitMin: 8, ResolutionM: res})
	if err != nil {
		t.Fatal(err)
	}
	a, b := 1/4.2, 1/1.2 // seconds per metre
	cases := []struct{ dx, dy float64 }{{200, 30}, {-200, 30}, {600, -100}, {-60, 45}, {0, 5}, {1000, 200}}
	for _, c := range cases {
		x, y := cellCentre(r, startE+c.dx, startN+c.dy)
		dx, dy := math.Abs(x-startE), math.Abs(y-startN)
		want := b * math.Hypot(dx, dy) // walking straight from the start
		if dx >= dy*a/math.Sqrt(b*b-a*a) {
			want = a*dx + dy*math.Sqrt(b*b-a*a)
		}
		got := valueAt(r, x, y) * 60
		if !near(got, want, 0.005*want+0.05) {
			t.Errorf("(%+.0f, %+.0f) m: %.2f s, want %.2f s", x-startE, y-startN, got, want)
		}
	}
	// 300 m beside the road is beyond the 250 m walk.
	if v := valueAt(r, startE+500, startN+300); !math.IsNaN(v) {
		t.Errorf("300 m off the road: %v, want NaN", v)
	}
}

func TestRingRoadHoleAndNesting(t *testing.T) {
	g := fixtureGraph(t, "ring.osm", graph.Walk)
	r, err := Times(context.Background(), g, []Start{startTM(t, g, 340000, 6830000)}, Options{LimitMin: 45, ResolutionM: 25})
	if err != nil {
		t.Fatal(err)
	}
	bands, err := Bands(r, []float64{45, 10, 20, 30})
	if err != nil {
		t.Fatal(err)
	}
	if len(bands) != 4 || bands[0].CutoffMin != 10 || bands[3].CutoffMin != 45 {
		t.Fatalf("bands not sorted by cut-off: %v", cutoffs(bands))
	}
	// The whole ring is within 33.3 min (2400 m each way): at 45 min the
	// band is one polygon with a hole over the middle of the lake.
	full := bands[3]
	if len(full.Geom) != 1 || len(full.Geom[0]) != 2 {
		t.Fatalf("45 min: want one polygon with one hole, got %d polygons, rings %v", len(full.Geom), ringCounts(full.Geom))
	}
	ix := geo.NewPolygonIndex([]orb.MultiPolygon{full.Geom})
	if ix.Locate(orb.Point{340600, 6830600}) >= 0 {
		t.Error("the middle of the lake is inside the 45 min band")
	}
	for _, p := range []orb.Point{{341200, 6830600}, {340600, 6831200}, {340600, 6830100}, {340600, 6831400}} {
		if ix.Locate(p) < 0 {
			t.Errorf("%v, by the ring road, is outside the 45 min band", p)
		}
	}
	// The hole: the square more than 250 m from the ring, 700 m a side,
	// give or take a cell along its edge.
	hole := math.Abs(geo.RingArea(full.Geom[0][1]))
	if hole < 650*650 || hole > 750*750 {
		t.Errorf("hole of %.0f m², want about 700 x 700 m", hole)
	}
	// Each band lies inside the next: check on a grid of points.
	idx := make([]*geo.PolygonIndex, len(bands))
	for i, b := range bands {
		idx[i] = geo.NewPolygonIndex([]orb.MultiPolygon{b.Geom})
	}
	inside := make([]int, len(bands))
	for x := 339500.0; x <= 341700; x += 7 {
		for y := 6829500.0; y <= 6831700; y += 7 {
			p := orb.Point{x, y}
			for i := range bands {
				if idx[i].Locate(p) < 0 {
					continue
				}
				inside[i]++
				for j := i + 1; j < len(bands); j++ {
					if idx[j].Locate(p) < 0 {
						t.Fatalf("%v is in the %g min band but not the %g min band", p, bands[i].CutoffMin, bands[j].CutoffMin)
					}
				}
			}
		}
	}
	for i := 1; i < len(bands); i++ {
		if inside[i] <= inside[i-1] || bands[i].AreaKm2 <= bands[i-1].AreaKm2 {
			t.Errorf("%g min band (%d points, %.3f km²) not larger than %g min band (%d, %.3f km²)",
				bands[i].CutoffMin, inside[i], bands[i].AreaKm2, bands[i-1].CutoffMin, inside[i-1], bands[i-1].AreaKm2)
		}
	}
}

func TestTwoStartsGiveTwoPolygons(t *testing.T) {
	g := fixtureGraph(t, "straight.osm", graph.Walk)
	starts := []Start{startTM(t, g, 330500, startN), startTM(t, g, 333500, startN)}
	r, err := Times(context.Background(), g, starts, Options{LimitMin: 5, ResolutionM: 10})
	if err != nil {
		t.Fatal(err)
	}
	bands, _ := Bands(r, []float64{5, 30})
	if len(bands[0].Geom) != 2 {
		t.Errorf("5 min from two points 3 km apart: %d polygons, want 2", len(bands[0].Geom))
	}
	// The 30 min band is empty: the limit was 5 min.
	if len(bands[1].Geom) != len(bands[0].Geom) {
		t.Errorf("cells beyond the limit counted: %d polygons at 30 min", len(bands[1].Geom))
	}
}

// A start beyond snapping distance reaches only the disc it can walk.
func TestUnsnappedStart(t *testing.T) {
	g := fixtureGraph(t, "straight.osm", graph.Walk)
	lon, lat := geo.FromTM35(startE, startN+2000)
	r, err := Times(context.Background(), g, []Start{{Lon: lon, Lat: lat, Snap: graph.Snap{Seg: -1}}}, Options{LimitMin: 10, ResolutionM: 5})
	if err != nil {
		t.Fatal(err)
	}
	bands, _ := Bands(r, []float64{10})
	// 10 minutes would walk 720 m, but only 250 m off the network count.
	area := bands[0].AreaKm2 * 1e6
	want := math.Pi * 250 * 250
	if !near(area, want, 0.03*want) {
		t.Errorf("area %.0f m², want about %.0f", area, want)
	}
}

// The raster equals the plain evaluation of every piece at every cell.
func TestFillAgainstEveryPiece(t *testing.T) {
	for _, c := range []struct {
		file string
		mode graph.Mode
		e, n float64
	}{
		{"ring.osm", graph.Walk, 340300, 6830050},
		{"ring.osm", graph.Bike, 341200, 6831000},
		{"straight.osm", graph.Car, startE, startN + 100},
	} {
		g := fixtureGraph(t, c.file, c.mode)
		o, _ := Options{LimitMin: 12, ResolutionM: 20}.withDefaults(g)
		starts := []Start{startTM(t, g, c.e, c.n)}
		r, err := Times(context.Background(), g, starts, o)
		if err != nil {
			t.Fatal(err)
		}
		pieces := networkPieces(g, starts, nil, uint32(o.LimitMin*60000))
		w := walker{b: 1000 / o.WalkSpeed, r: o.OffNetworkM}
		reached := 0
		for row := range r.H {
			for col := range r.W {
				x := r.Origin[0] + (float64(col)+0.5)*r.CellSize
				y := r.Origin[1] + (float64(row)+0.5)*r.CellSize
				best := math.Inf(1)
				for i := range pieces {
					p := pieces[i]
					if p.trim(o.LimitMin * 60000) {
						w.prepare(&p)
						best = min(best, w.time(&p, x, y))
					}
				}
				got := r.Values[row*r.W+col]
				if best > o.LimitMin*60000 {
					if !math.IsNaN(got) {
						t.Fatalf("%s %s cell (%d, %d): %v, want NaN", c.file, c.mode, col, row, got)
					}
					continue
				}
				reached++
				if got != best/60000 {
					t.Fatalf("%s %s cell (%d, %d): %v min, want %v", c.file, c.mode, col, row, got, best/60000)
				}
			}
		}
		if reached == 0 {
			t.Fatalf("%s %s: no cell reached", c.file, c.mode)
		}
	}
}

func TestOptionErrors(t *testing.T) {
	g := fixtureGraph(t, "straight.osm", graph.Walk)
	st := []Start{startTM(t, g, startE, startN)}
	cases := []struct {
		name   string
		starts []Start
		o      Options
		want   error
	}{
		{"no limit", st, Options{}, ErrOptions},
		{"NaN limit", st, Options{LimitMin: math.NaN()}, ErrOptions},
		{"negative resolution", st, Options{LimitMin: 5, ResolutionM: -1}, ErrOptions},
		{"negative off-network", st, Options{LimitMin: 5, OffNetworkM: -3}, ErrOptions},
		{"no starts", nil, Options{LimitMin: 5}, ErrOptions},
		{"bad start", []Start{{Lon: math.Inf(1), Lat: 61}}, Options{LimitMin: 5}, ErrOptions},
		{"too many cells", st, Options{LimitMin: 60, ResolutionM: 1, MaxCells: 1000}, ErrTooBig},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Times(context.Background(), g, c.starts, c.o); !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
		})
	}
	if _, err := Bands(geo.Raster{}, []float64{5}); !errors.Is(err, ErrOptions) {
		t.Errorf("empty raster: %v", err)
	}
	ok := geo.Raster{CellSize: 1, W: 1, H: 1, Values: []float64{1}}
	for _, cs := range [][]float64{nil, {0}, {-5}, {math.Inf(1)}, {math.NaN()}} {
		if _, err := Bands(ok, cs); !errors.Is(err, ErrOptions) {
			t.Errorf("cut-offs %v: %v", cs, err)
		}
	}
}

func TestCancelled(t *testing.T) {
	g := fixtureGraph(t, "straight.osm", graph.Walk)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Times(ctx, g, []Start{startTM(t, g, startE, startN)}, Options{LimitMin: 5}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func cutoffs(bs []Band) []float64 {
	var out []float64
	for _, b := range bs {
		out = append(out, b.CutoffMin)
	}
	return out
}

func ringCounts(mp orb.MultiPolygon) []int {
	var out []int
	for _, p := range mp {
		out = append(out, len(p))
	}
	return out
}
