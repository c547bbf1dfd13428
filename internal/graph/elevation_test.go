package graph

import (
	"math"
	"testing"

	"github.com/saavu/saavu/data/geotiff"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/geo"
)

// rampElevation rises grade metres per metre eastwards of lon 25 along
// R5's flat projection at the equator, up to lon maxLon (unknown beyond).
type rampElevation struct{ grade, maxLon float64 }

func (r rampElevation) At(lon, lat float64) (float64, bool) {
	if lon > r.maxLon {
		return 0, false
	}
	return r.grade * (lon - 25) * metersPerDegreeLat, true
}

// On a constant grade every 10 m piece has the same slope, so the factor
// is Tobler's at that slope: 5% up 1/(1.2 e^-0.35) = 1.18256, 5% down
// 1/1.2, flat 1/(1.2 e^-0.175) = 0.99278.
func TestSlopeFactors(t *testing.T) {
	up := 1 / (1.2 * math.Exp(-0.35))
	flat := 1 / (1.2 * math.Exp(-0.175))
	deg := func(m float64) float64 { return m / metersPerDegreeLat }
	cases := []struct {
		name     string
		lon      []float64
		elev     Elevation
		fwd, bwd float64
		ok       bool
	}{
		// 55 m in two pieces of way: 10, 10, 10, 10, 10 and 5 m.
		{"5% up", []float64{25, 25 + deg(32), 25 + deg(55)}, rampElevation{0.05, 90}, up, 1 / 1.2, true},
		{"flat", []float64{25, 25 + deg(55)}, rampElevation{0, 90}, flat, flat, true},
		{"shorter than a sample", []float64{25, 25 + deg(4)}, rampElevation{0.05, 90}, up, 1 / 1.2, true},
		{"off the raster", []float64{25, 25 + deg(55)}, rampElevation{0.05, 25 + deg(30)}, 1, 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lat := make([]float64, len(c.lon))
			f, b, ok := slopeFactors(c.lon, lat, nil, nil, c.elev)
			if ok != c.ok || math.Abs(f-c.fwd) > 1e-7 || math.Abs(b-c.bwd) > 1e-7 {
				t.Errorf("factors %v %v %v, want %v %v %v", f, b, ok, c.fwd, c.bwd, c.ok)
			}
		})
	}
}

// stepElevation is flat (0 m) west of lon 25.001 and rises 10% east of it.
type stepElevation struct{}

func (stepElevation) At(lon, lat float64) (float64, bool) {
	return max(0, lon-25.001) * metersPerDegreeLat * 0.10, true
}

// TestBuildSlopes builds a street of three nodes, 1 -> 2 flat and 2 -> 3
// up 10%, crossed at node 2 by a second street: the two stretches get
// their own factors, in both directions, for walking and cycling; cars
// keep their times.
func TestBuildSlopes(t *testing.T) {
	d := 0.001 // about 111 m
	ext := &osm.Extract{
		NodeIDs: []int64{1, 2, 3, 4},
		Lon:     []float64{25, 25 + d, 25 + 2*d, 25 + d},
		Lat:     []float64{0, 0, 0, d},
		Ways: []osm.Way{
			{ID: 10, Nodes: []int64{1, 2, 3}, Tags: osm.Tags{{Key: "highway", Value: "residential"}}},
			{ID: 11, Nodes: []int64{2, 4}, Tags: osm.Tags{{Key: "highway", Value: "residential"}}},
		},
	}
	up10 := 1 / (1.2 * math.Exp(-3.5*0.15))
	down10 := 1 / (1.2 * math.Exp(-3.5*0.05))
	flat := 1 / (1.2 * math.Exp(-0.175))
	for _, m := range []Mode{Walk, Bike, Car} {
		p := DefaultParams()
		base, _, err := Build(ext, m, p)
		if err != nil {
			t.Fatal(err)
		}
		p.Elevation = stepElevation{}
		g, st, err := Build(ext, m, p)
		if err != nil {
			t.Fatal(err)
		}
		want := map[[2]int64]float64{{1, 2}: flat, {2, 1}: flat, {2, 3}: up10, {3, 2}: down10, {2, 4}: flat, {4, 2}: flat}
		for k, f := range want {
			if m == Car {
				f = 1
			}
			a, b := vertex(t, g, k[0]), vertex(t, g, k[1])
			got, ref := edgeMs(t, g, a, b), edgeMs(t, base, a, b)
			if math.Abs(float64(got)-math.Round(float64(ref)*f)) > 0.5 {
				t.Errorf("%s %d -> %d: %d ms, want %d ms x %.5f", m, k[0], k[1], got, ref, f)
			}
		}
		if m != Car && (st.SlopeSegments != 3 || st.SlopeMissing != 0) {
			t.Errorf("%s: %d segments with slopes, %d missing; want 3 and 0", m, st.SlopeSegments, st.SlopeMissing)
		}
	}
}

// edgeMs returns the time of the edge a -> b.
func edgeMs(t *testing.T, g *Graph, a, b int32) uint32 {
	t.Helper()
	for e := g.FirstOut[a]; e < g.FirstOut[a+1]; e++ {
		if g.Head[e] == b {
			return g.TimeMs[e]
		}
	}
	t.Fatalf("%s graph: no edge %d -> %d", g.Mode, a, b)
	return 0
}

// hillsRaster is a synthetic 10 m elevation model in EPSG:3067 over the
// box of ext (plus 1 km), rolling hills of 40 m every 2 km, as the
// National Land Survey's 10 m model would cover a Finnish town.
func hillsRaster(ext *osm.Extract) *geotiff.Raster {
	minE, minN, maxE, maxN := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range ext.Lon {
		e, n := geo.ToTM35(ext.Lon[i], ext.Lat[i])
		minE, minN, maxE, maxN = min(minE, e), min(minN, n), max(maxE, e), max(maxN, n)
	}
	const px = 10.0
	x0, y0 := math.Floor(minE/px)*px-1000, math.Ceil(maxN/px)*px+1000
	w, h := int((maxE-x0)/px)+200, int((y0-minN)/px)+200
	r := geotiff.New(w, h, geotiff.EPSG3067, x0, y0, px, px, make([]float32, w*h))
	for row := range h {
		for c := range w {
			x, y := float64(c)*px, float64(row)*px
			r.Values[row*w+c] = float32(100 + 20*math.Sin(x/318)*math.Cos(y/318))
		}
	}
	return r
}

// BenchmarkBuildTampereElevation builds the walk graph of Tampere with and
// without slope factors from a 10 m elevation model (the raster is made
// once, in memory).
func BenchmarkBuildTampereElevation(b *testing.B) {
	ext := readTampere(b)
	elev := hillsRaster(ext)
	for _, c := range []struct {
		name string
		elev Elevation
	}{{"elevation=none", nil}, {"elevation=10m", elev}} {
		b.Run(c.name, func(b *testing.B) {
			p := DefaultParams()
			p.Elevation = c.elev
			b.ReportAllocs()
			sloped := 0
			for b.Loop() {
				_, st, err := Build(ext, Walk, p)
				if err != nil {
					b.Fatal(err)
				}
				sloped = st.SlopeSegments
			}
			if c.elev != nil && sloped == 0 {
				b.Fatal("no segment got a slope factor")
			}
		})
	}
}

// The table agrees with the function.
func TestToblerFast(t *testing.T) {
	for s := -1.5; s <= 1.5; s += 0.000731 {
		if a, b := Tobler(10, 10*s), toblerFast(10, 10*s); math.Abs(a-b) > 3e-8*a {
			t.Fatalf("slope %v: table %v, function %v", s, b, a)
		}
	}
}

// The interpolated projection stays within a centimetre of the exact one
// (EPSG:3067) over regions of Finland, from its west edge, far from the
// projection's central meridian, to Lapland.
func TestGridProjector(t *testing.T) {
	for _, box := range [][4]float64{{20, 60, 22, 61}, {24, 60.5, 26, 61.5}, {27, 68, 29, 69.5}} {
		ext := &osm.Extract{NodeIDs: []int64{1, 2}, Lon: []float64{box[0], box[2]}, Lat: []float64{box[1], box[3]}}
		g := newGridProjector(ext, []bool{true, true}, geo.ToTM35)
		if g.w == 0 {
			t.Fatalf("%v: no grid", box)
		}
		worst := 0.0
		for lon := box[0]; lon < box[2]; lon += 0.00371 {
			for lat := box[1]; lat < box[3]; lat += 0.00293 {
				x, y := g.project(lon, lat)
				ex, ey := geo.ToTM35(lon, lat)
				worst = max(worst, math.Hypot(x-ex, y-ey))
			}
		}
		if worst > 0.01 {
			t.Errorf("%v: interpolated projection off by up to %.4f m", box, worst)
		}
		t.Logf("%v: largest error %.5f m", box, worst)
	}
}
