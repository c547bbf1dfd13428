package geo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func square(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

func TestLocate(t *testing.T) {
	a := orb.MultiPolygon{square(0, 0, 10, 10)}
	b := orb.MultiPolygon{square(10, 0, 20, 10)}
	c := orb.MultiPolygon{square(0, 10, 10, 20)}
	// d is drawn clockwise: orientation must not matter.
	d := orb.MultiPolygon{{{{10, 10}, {10, 20}, {20, 20}, {20, 10}, {10, 10}}}}
	// e has a hole at [32,38]x[2,8]; f fills exactly that hole.
	e := orb.MultiPolygon{{square(30, 0, 40, 10)[0], {{32, 2}, {32, 8}, {38, 8}, {38, 2}, {32, 2}}}}
	f := orb.MultiPolygon{square(32, 2, 38, 8)}
	// g overlaps a; a has the lower index and wins. g also has a second
	// part far away.
	g := orb.MultiPolygon{square(5, 5, 8, 8), square(100, 100, 110, 110)}
	ix := NewPolygonIndex([]orb.MultiPolygon{a, b, c, d, e, f, g})
	cases := []struct {
		name string
		p    orb.Point
		want int
	}{
		{"inside a", orb.Point{3, 3}, 0},
		{"inside d", orb.Point{15, 15}, 3},
		{"shared vertical edge goes east", orb.Point{10, 5}, 1},
		{"shared horizontal edge goes north", orb.Point{5, 10}, 2},
		{"shared corner goes north-east", orb.Point{10, 10}, 3},
		{"west outer boundary belongs", orb.Point{0, 5}, 0},
		{"south outer boundary belongs", orb.Point{5, 0}, 0},
		{"east outer boundary does not", orb.Point{20, 5}, -1},
		{"north outer boundary does not", orb.Point{5, 20}, -1},
		{"lower-left corner belongs", orb.Point{0, 0}, 0},
		{"in hole of e: f", orb.Point{35, 5}, 5},
		{"in e outside hole", orb.Point{31, 5}, 4},
		{"hole edge west side goes to f", orb.Point{32, 5}, 5},
		{"hole edge east side goes to e", orb.Point{38, 5}, 4},
		{"overlap: lowest index", orb.Point{6, 6}, 0},
		{"second part of g", orb.Point{105, 101}, 6},
		{"outside everything", orb.Point{50, 50}, -1},
		{"NaN", orb.Point{math.NaN(), 5}, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ix.Locate(c.p); got != c.want {
				t.Errorf("Locate(%v) = %d, want %d", c.p, got, c.want)
			}
		})
	}
	var nilIx *PolygonIndex
	if nilIx.Locate(orb.Point{1, 1}) != -1 || NewPolygonIndex(nil).Locate(orb.Point{1, 1}) != -1 {
		t.Error("empty index should find nothing")
	}
}

// tiling returns nx*ny quadrilaterals over a jittered grid of spacing
// 100, each edge subdivided into sub pieces with small bumps; neighbours
// share identical edge coordinates. Polygon k is at column k%nx, row k/nx.
func tiling(rng *rand.Rand, nx, ny, sub int) []orb.MultiPolygon {
	v := make([][]orb.Point, nx+1)
	for i := range v {
		v[i] = make([]orb.Point, ny+1)
		for j := range v[i] {
			v[i][j] = orb.Point{500000 + float64(i)*100 + 20*rng.Float64() - 10, 6900000 + float64(j)*100 + 20*rng.Float64() - 10}
		}
	}
	// edgePts returns the points strictly between p and q, generated from
	// the canonical (smaller-first) order so both sides agree.
	cache := map[[4]float64][]orb.Point{}
	edgePts := func(p, q orb.Point) []orb.Point {
		rev := q[0] < p[0] || (q[0] == p[0] && q[1] < p[1])
		if rev {
			p, q = q, p
		}
		key := [4]float64{p[0], p[1], q[0], q[1]}
		pts, ok := cache[key]
		if !ok {
			nx, ny := -(q[1] - p[1]), q[0]-p[0]
			l := math.Hypot(nx, ny)
			for s := 1; s < sub; s++ {
				tt := float64(s) / float64(sub)
				off := 3 * (rng.Float64() - 0.5)
				pts = append(pts, orb.Point{p[0] + tt*(q[0]-p[0]) + off*nx/l, p[1] + tt*(q[1]-p[1]) + off*ny/l})
			}
			cache[key] = pts
		}
		if rev {
			pts = slices.Clone(pts)
			slices.Reverse(pts)
		}
		return pts
	}
	out := make([]orb.MultiPolygon, 0, nx*ny)
	for j := range ny {
		for i := range nx {
			corners := []orb.Point{v[i][j], v[i+1][j], v[i+1][j+1], v[i][j+1]}
			var r orb.Ring
			for k := range 4 {
				r = append(r, corners[k])
				r = append(r, edgePts(corners[k], corners[(k+1)%4])...)
			}
			r = append(r, r[0])
			out = append(out, orb.MultiPolygon{{r}})
		}
	}
	return out
}

// TestLocateTiling: every point of the tiling's interior, including points
// exactly at shared vertices, is found in exactly one polygon, and away
// from boundaries that polygon agrees with orb's planar containment test.
func TestLocateTiling(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	const nx, ny = 12, 9
	polys := tiling(rng, nx, ny, 6)
	ix := NewPolygonIndex(polys)
	count := func(p orb.Point) (n int) {
		for _, part := range ix.parts {
			if part.contains(p[0], p[1]) {
				n++
			}
		}
		return n
	}
	// All vertices not on the tiling's outer boundary.
	for k, mp := range polys {
		i, j := k%nx, k/nx
		ring := mp[0][0]
		for vi, v := range ring[:len(ring)-1] {
			onOuter := (i == 0 && vi >= 3*6 && vi <= 4*6) || (j == 0 && vi <= 6) ||
				(i == nx-1 && vi >= 6 && vi <= 2*6) || (j == ny-1 && vi >= 2*6 && vi <= 3*6)
			if onOuter {
				continue
			}
			if n := count(v); n != 1 {
				t.Fatalf("vertex %v of polygon %d is in %d polygons", v, k, n)
			}
			if got := ix.Locate(v); got < 0 {
				t.Fatalf("vertex %v of polygon %d located nowhere", v, k)
			}
		}
	}
	b := orb.Bound{Min: orb.Point{500000 + 20, 6900000 + 20}, Max: orb.Point{500000 + nx*100 - 20, 6900000 + ny*100 - 20}}
	for range 8000 {
		p := orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
		if n := count(p); n != 1 {
			t.Fatalf("point %v is in %d polygons", p, n)
		}
		got := ix.Locate(p)
		var want []int
		for k, mp := range polys {
			if planar.MultiPolygonContains(mp, p) {
				want = append(want, k)
			}
		}
		if len(want) == 1 && got != want[0] {
			t.Fatalf("Locate(%v) = %d, planar says %d", p, got, want[0])
		}
	}
}

func BenchmarkLocate(b *testing.B) {
	for _, size := range []struct{ nx, ny, sub int }{{30, 30, 25}, {100, 100, 10}, {300, 300, 4}} {
		rng := rand.New(rand.NewPCG(1, 1))
		polys := tiling(rng, size.nx, size.ny, size.sub)
		ix := NewPolygonIndex(polys)
		pts := make([]orb.Point, 4096)
		for i := range pts {
			pts[i] = orb.Point{500000 + rng.Float64()*float64(size.nx)*100, 6900000 + rng.Float64()*float64(size.ny)*100}
		}
		name := fmt.Sprintf("polys=%d/vertices=%d", len(polys), 4*size.sub)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			i, hits := 0, 0
			for b.Loop() {
				if ix.Locate(pts[i&4095]) >= 0 {
					hits++
				}
				i++
			}
			sinkF += float64(hits)
		})
		if len(polys) <= 900 {
			b.Run(name+"/naive", func(b *testing.B) {
				b.ReportAllocs()
				i, hits := 0, 0
				for b.Loop() {
					p := pts[i&4095]
					for k, mp := range polys {
						if planar.MultiPolygonContains(mp, p) {
							hits += k
							break
						}
					}
					i++
				}
				sinkF += float64(hits)
			})
		}
	}
}

func BenchmarkNewPolygonIndex(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	polys := tiling(rng, 100, 100, 10)
	b.ReportAllocs()
	for b.Loop() {
		sinkF += float64(NewPolygonIndex(polys).Len())
	}
}

// TestLocateConcurrent: the index is read-only, so parallel lookups agree
// with sequential ones (run with -race to check for data races).
func TestLocateConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(71, 72))
	polys := tiling(rng, 10, 10, 4)
	ix := NewPolygonIndex(polys)
	pts := make([]orb.Point, 2000)
	want := make([]int, len(pts))
	for i := range pts {
		pts[i] = orb.Point{500000 + rng.Float64()*1000, 6900000 + rng.Float64()*1000}
		want[i] = ix.Locate(pts[i])
	}
	errs := make(chan string, 4)
	for w := range 4 {
		go func() {
			for i := w; i < len(pts); i += 4 {
				if got := ix.Locate(pts[i]); got != want[i] {
					errs <- fmt.Sprintf("point %d: %d, sequential %d", i, got, want[i])
					return
				}
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
