package graph

import (
	"math"
	"testing"

	"github.com/saavu/saavu/data/osm"
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
			f, b, ok := slopeFactors(c.lon, lat, c.elev)
			if ok != c.ok || math.Abs(f-c.fwd) > 1e-9 || math.Abs(b-c.bwd) > 1e-9 {
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
