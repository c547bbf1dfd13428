package geo

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func mps(ps ...orb.Polygon) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, len(ps))
	for i, p := range ps {
		out[i] = orb.MultiPolygon{p}
	}
	return out
}

func TestDissolvePolygons(t *testing.T) {
	// b is clockwise and starts at another corner: orientation and start
	// must not matter.
	b := orb.Polygon{{{20, 10}, {20, 0}, {10, 0}, {10, 10}, {20, 10}}}
	frame := orb.Polygon{square(0, 0, 30, 30)[0], {{10, 10}, {10, 20}, {20, 20}, {20, 10}, {10, 10}}}
	cases := []struct {
		name  string
		parts []orb.MultiPolygon
		want  orb.MultiPolygon
	}{
		{"two adjacent squares: one rectangle", mps(square(0, 0, 10, 10), b),
			orb.MultiPolygon{{{{0, 0}, {20, 0}, {20, 10}, {0, 10}, {0, 0}}}}},
		{"2x2 squares", mps(square(0, 0, 10, 10), square(10, 0, 20, 10), square(0, 10, 10, 20), square(10, 10, 20, 20)),
			orb.MultiPolygon{square(0, 0, 20, 20)}},
		{"ring of 8 squares: hole", mps(
			square(0, 0, 10, 10), square(10, 0, 20, 10), square(20, 0, 30, 10), square(0, 10, 10, 20),
			square(20, 10, 30, 20), square(0, 20, 10, 30), square(10, 20, 20, 30), square(20, 20, 30, 30)),
			orb.MultiPolygon{frame}},
		{"frame plus its hole: filled", mps(frame, square(10, 10, 20, 20)),
			orb.MultiPolygon{square(0, 0, 30, 30)}},
		{"corner touch: two polygons", mps(square(10, 10, 20, 20), square(0, 0, 10, 10)),
			orb.MultiPolygon{square(0, 0, 10, 10), square(10, 10, 20, 20)}},
		// Triangles sharing a diagonal: the result's start vertex and
		// orientation follow the conventions.
		{"two triangles", mps(orb.Polygon{{{0, 0}, {4, 0}, {4, 3}, {0, 0}}}, orb.Polygon{{{0, 0}, {4, 3}, {0, 3}, {0, 0}}}),
			orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 3}, {0, 3}, {0, 0}}}}},
		// Lon/lat parts whose shared corners differ below 1e-7 degree.
		{"rounding", mps(orb.Polygon{{{25, 61}, {25.100000001, 61}, {25.100000001, 61.1}, {25, 61.1}, {25, 61}}},
			orb.Polygon{{{25.100000004, 61}, {25.2, 61}, {25.2, 61.1}, {25.100000004, 61.1}, {25.100000004, 61}}}),
			orb.MultiPolygon{{{{25, 61}, {25.2, 61}, {25.2, 61.1}, {25, 61.1}, {25, 61}}}}},
		{"nothing", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := DissolvePolygonsStrict(c.parts)
			if err != nil {
				t.Fatal(err)
			}
			if !orb.Equal(got, c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
			if !orb.Equal(DissolvePolygons(c.parts), c.want) {
				t.Error("DissolvePolygons differs from DissolvePolygonsStrict")
			}
		})
	}
}

func TestDissolvePolygonsFallback(t *testing.T) {
	cases := []struct {
		name  string
		parts []orb.MultiPolygon
	}{
		// b's west edge has a vertex at (10,5) that a's east edge lacks.
		{"non-matching vertices", mps(square(0, 0, 10, 10), orb.Polygon{{{10, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 5}, {10, 0}}})},
		{"overlap", mps(square(0, 0, 10, 10), square(5, 0, 15, 10))},
		{"same square twice", mps(square(0, 0, 10, 10), square(0, 0, 10, 10))},
		{"gap sliver", mps(square(0, 0, 10, 10), square(10.001, 0, 20, 10), orb.Polygon{{{10, 0}, {10.001, 0}, {10.001, 10}, {10, 10}, {10, 5}, {10, 0}}})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := DissolvePolygonsStrict(c.parts)
			if !errors.Is(err, ErrDissolve) {
				t.Fatalf("error %v, want ErrDissolve", err)
			}
			got := DissolvePolygons(c.parts)
			var want orb.MultiPolygon
			for _, mp := range c.parts {
				want = append(want, mp...)
			}
			if !orb.Equal(got, want) {
				t.Errorf("fallback %v, want the parts %v", got, want)
			}
		})
	}
}

// TestDissolvePolygonsTiling merges a jittered tiling with wiggly shared
// edges into column groups and checks area, validity, conventions and
// point containment against the parts.
func TestDissolvePolygonsTiling(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	const nx, ny = 8, 6
	polys := tiling(rng, nx, ny, 5)
	orig := make([]orb.MultiPolygon, len(polys))
	for i := range polys {
		orig[i] = orb.Clone(polys[i]).(orb.MultiPolygon)
	}
	all, err := DissolvePolygonsStrict(polys)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || len(all[0]) != 1 {
		t.Fatalf("whole tiling gave %d polygons / %d rings, want 1 / 1", len(all), len(all[0]))
	}
	checkConventions(t, all)
	// Pairs of columns, with the middle tile of the pair left out so that
	// a hole can form; one group per column pair.
	for g := 0; g < nx/2; g++ {
		var parts []orb.MultiPolygon
		for k, mp := range polys {
			i, j := k%nx, k/nx
			if i/2 == g && !(j == ny/2 && i%2 == 0) {
				parts = append(parts, mp)
			}
		}
		got, err := DissolvePolygonsStrict(parts)
		if err != nil {
			t.Fatalf("group %d: %v", g, err)
		}
		checkConventions(t, got)
		want := 0.0
		for _, p := range parts {
			want += Area(p)
		}
		if a := Area(got); a < want*(1-1e-12) || a > want*(1+1e-12) {
			t.Errorf("group %d: area %v, want %v", g, a, want)
		}
		for range 500 {
			p := orb.Point{500000 + rng.Float64()*nx*100, 6900000 + rng.Float64()*ny*100}
			in := false
			for _, mp := range parts {
				in = in || planar.MultiPolygonContains(mp, p)
			}
			if planar.MultiPolygonContains(got, p) != in {
				t.Fatalf("group %d: point %v in parts %v, in result %v", g, p, in, !in)
			}
		}
	}
	for i := range polys {
		if !orb.Equal(polys[i], orig[i]) {
			t.Fatal("input modified")
		}
	}
}

func BenchmarkDissolvePolygons(b *testing.B) {
	for _, n := range []int{10, 30} {
		rng := rand.New(rand.NewPCG(1, 2))
		polys := tiling(rng, n, n, 50)
		b.Run(fmt.Sprintf("parts=%d/vertices=%d", n*n, 200*n*n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				mp, err := DissolvePolygonsStrict(polys)
				if err != nil {
					b.Fatal(err)
				}
				sinkF += float64(len(mp))
			}
		})
	}
}
