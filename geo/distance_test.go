package geo

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestHaversine(t *testing.T) {
	// Expected values worked out by hand from the arc length R*θ:
	// one degree of arc is 6371008.8 * π/180 = 111195.0802 m.
	const deg = 111195.08023353292
	cases := []struct {
		name                   string
		lon1, lat1, lon2, lat2 float64
		want, tol              float64
	}{
		{"same point", 25, 61, 25, 61, 0, 0},
		{"1 deg along equator", 0, 0, 1, 0, deg, 1e-6},
		{"1 deg along meridian", 27, 60, 27, 61, deg, 1e-6},
		{"quarter equator", -45, 0, 45, 0, 90 * deg, 1e-5},
		{"pole to pole", 10, -90, 170, 90, 180 * deg, 1e-5},
		{"antipodes on equator", 0, 0, 180, 0, 180 * deg, 1e-5},
		{"across the pole", 0, 89, 180, 89, 2 * deg, 1e-6},
		// Along the 60th parallel the great circle between lon 0 and 60
		// closes a spherical triangle with the pole whose sides are 30°,
		// 30° and angle 60° at the pole: cos c = cos²30 + sin²30·cos60
		// = 3/4 + 1/8 = 7/8, so c = acos(7/8) = 28.955024°.
		{"60th parallel 60 deg", 0, 60, 60, 60, 28.955024371859849 * deg, 1e-4},
		{"date line", 179.5, 0, -179.5, 0, deg, 1e-6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Haversine(c.lon1, c.lat1, c.lon2, c.lat2)
			if math.Abs(got-c.want) > c.tol {
				t.Errorf("got %.6f, want %.6f", got, c.want)
			}
			if back := Haversine(c.lon2, c.lat2, c.lon1, c.lat1); math.Abs(back-got) > 1e-9 {
				t.Errorf("not symmetric: %v vs %v", got, back)
			}
		})
	}
}

// TestHaversineVsLawOfCosines compares with the spherical law of cosines,
// an independent formula that is accurate for distances over a few km.
func TestHaversineVsLawOfCosines(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	const rad = math.Pi / 180
	for range 1000 {
		lon1, lat1 := 360*rng.Float64()-180, 180*rng.Float64()-90
		lon2, lat2 := 360*rng.Float64()-180, 180*rng.Float64()-90
		c := math.Sin(lat1*rad)*math.Sin(lat2*rad) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Cos((lon2-lon1)*rad)
		want := EarthRadius * math.Acos(min(max(c, -1), 1))
		if want < 10000 {
			continue
		}
		if got := Haversine(lon1, lat1, lon2, lat2); math.Abs(got-want) > 1e-3 {
			t.Fatalf("(%v,%v)-(%v,%v): %v vs %v", lon1, lat1, lon2, lat2, got, want)
		}
	}
}

func BenchmarkHaversine(b *testing.B) {
	b.ReportAllocs()
	x := 0.0
	for b.Loop() {
		sinkF += Haversine(24.9+x, 60.1, 27.2, 61.7)
		x += 1e-9
	}
}
