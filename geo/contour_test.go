package geo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

var nan = math.NaN()

func TestContour(t *testing.T) {
	o := orb.Point{300000, 6800000}
	cases := []struct {
		name      string
		r         Raster
		threshold float64
		want      orb.MultiPolygon
	}{
		{"centre cell", Raster{o, 250, 3, 3, []float64{
			9, 9, 9,
			9, 1, 9,
			9, 9, 9}}, 5,
			orb.MultiPolygon{square(300250, 6800250, 300500, 6800500)}},
		// Rows start from the south: the low value is in the top-left cell.
		{"row order", Raster{o, 100, 2, 2, []float64{
			9, 9,
			1, 9}}, 5,
			orb.MultiPolygon{square(300000, 6800100, 300100, 6800200)}},
		{"ring around unreachable centre", Raster{o, 250, 3, 3, []float64{
			1, 2, 3,
			4, nan, 5,
			6, 7, 8}}, 8,
			orb.MultiPolygon{{
				square(300000, 6800000, 300750, 6800750)[0],
				{{300250, 6800250}, {300250, 6800500}, {300500, 6800500}, {300500, 6800250}, {300250, 6800250}},
			}}},
		{"threshold is inclusive", Raster{o, 10, 2, 1, []float64{5, 5.0000001}}, 5,
			orb.MultiPolygon{square(300000, 6800000, 300010, 6800010)}},
		{"diagonal cells stay apart", Raster{o, 10, 2, 2, []float64{
			1, 9,
			9, 1}}, 5,
			orb.MultiPolygon{square(300000, 6800000, 300010, 6800010), square(300010, 6800010, 300020, 6800020)}},
		{"nothing below", Raster{o, 10, 2, 1, []float64{5, nan}}, 4, nil},
		{"all NaN", Raster{o, 10, 1, 1, []float64{nan}}, math.Inf(1), nil},
		{"bad length", Raster{o, 10, 2, 2, []float64{1, 2, 3}}, 5, nil},
		{"bad cell size", Raster{o, 0, 1, 1, []float64{1}}, 5, nil},
		{"NaN threshold", Raster{o, 10, 1, 1, []float64{1}}, nan, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Contour(c.r, c.threshold)
			if len(got) == 0 && len(c.want) == 0 {
				return
			}
			if !orb.Equal(got, c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

// travelRaster is a travel-time-like field: distance to the nearest of a
// few sources, scaled by a noisy speed, with some unreachable cells.
func travelRaster(rng *rand.Rand, w, h int) Raster {
	src := [][2]float64{}
	for range 3 {
		src = append(src, [2]float64{rng.Float64() * float64(w), rng.Float64() * float64(h)})
	}
	vals := make([]float64, w*h)
	for y := range h {
		for x := range w {
			d := math.Inf(1)
			for _, s := range src {
				d = min(d, math.Hypot(float64(x)-s[0], float64(y)-s[1]))
			}
			vals[y*w+x] = d * (1 + 0.5*rng.Float64())
			if rng.IntN(40) == 0 {
				vals[y*w+x] = nan
			}
		}
	}
	return Raster{orb.Point{400000, 7000000}, 250, w, h, vals}
}

// TestContourNested: for increasing thresholds the contours are nested,
// cover exactly the cells at or below the threshold, and keep the output
// conventions.
func TestContourNested(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	for it := range 20 {
		r := travelRaster(rng, 5+rng.IntN(30), 5+rng.IntN(30))
		var prev orb.MultiPolygon
		for _, th := range []float64{2, 5, 8, 13, 21} {
			mp := Contour(r, th)
			checkConventions(t, mp)
			n := 0
			for y := range r.H {
				for x := range r.W {
					v := r.Values[y*r.W+x]
					p := orb.Point{r.Origin[0] + (float64(x)+0.5)*r.CellSize, r.Origin[1] + (float64(y)+0.5)*r.CellSize}
					in := planar.MultiPolygonContains(mp, p)
					if in != (v <= th) {
						t.Fatalf("iteration %d threshold %v: cell (%d,%d) value %v, in contour %v", it, th, x, y, v, in)
					}
					if in {
						n++
					}
					if prev != nil && planar.MultiPolygonContains(prev, p) && !in {
						t.Fatalf("iteration %d threshold %v: cell (%d,%d) in the smaller contour only", it, th, x, y)
					}
				}
			}
			if a := Area(mp); a != float64(n)*r.CellSize*r.CellSize {
				t.Fatalf("iteration %d threshold %v: area %v, want %d cells", it, th, a, n)
			}
			prev = mp
		}
	}
}

func BenchmarkContour(b *testing.B) {
	for _, n := range []int{100, 400} {
		r := travelRaster(rand.New(rand.NewPCG(1, 2)), n, n)
		b.Run(fmt.Sprintf("raster=%dx%d", n, n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkF += float64(len(Contour(r, float64(n)/4)))
			}
		})
	}
}
