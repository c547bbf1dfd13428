package geo

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestRingArea(t *testing.T) {
	cases := []struct {
		name string
		r    orb.Ring
		want float64
	}{
		{"unit square ccw", orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, 1},
		{"unit square cw", orb.Ring{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}, -1},
		{"unclosed", orb.Ring{{0, 0}, {2, 0}, {2, 3}, {0, 3}}, 6},
		// Triangle base 4, height 3: 6.
		{"triangle far from origin", orb.Ring{{386000, 6671750}, {386004, 6671750}, {386001, 6671753}, {386000, 6671750}}, 6},
		{"degenerate", orb.Ring{{0, 0}, {1, 1}, {2, 2}, {0, 0}}, 0},
		{"too short", orb.Ring{{0, 0}, {1, 1}}, 0},
		// L-shape: 2x2 square minus 1x1 corner = 3.
		{"L shape", orb.Ring{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}, {0, 0}}, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := RingArea(c.r); math.Abs(got-c.want) > 1e-9 {
				t.Errorf("RingArea = %v, want %v", got, c.want)
			}
		})
	}
}

func TestOrient(t *testing.T) {
	cwShell := orb.Ring{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}}
	ccwHole := orb.Ring{{2, 2}, {4, 2}, {4, 4}, {2, 4}, {2, 2}}
	in := orb.MultiPolygon{{cwShell, ccwHole}, {{{20, 0}, {21, 0}, {21, 1}, {20, 0}}}}
	orig := orb.Clone(in).(orb.MultiPolygon)
	out := Orient(in)
	if !orb.Equal(in, orig) {
		t.Fatal("Orient modified its input")
	}
	for i, p := range out {
		for j, r := range p {
			a := RingArea(r)
			if (j == 0) != (a > 0) {
				t.Errorf("polygon %d ring %d has area %v", i, j, a)
			}
			if math.Abs(a) != math.Abs(RingArea(in[i][j])) {
				t.Errorf("polygon %d ring %d area changed", i, j)
			}
		}
	}
	if out[1][0][1] != (orb.Point{21, 0}) {
		t.Errorf("already correct ring was changed: %v", out[1][0])
	}
	if Orient(nil) != nil {
		t.Error("Orient(nil) != nil")
	}
}

func TestValidate(t *testing.T) {
	sq := orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}
	cases := []struct {
		name               string
		mp                 orb.MultiPolygon
		poly, ring, vertex int
		reason             string // substring; "" = valid
	}{
		{"valid square", orb.MultiPolygon{{sq}}, 0, 0, 0, ""},
		{"valid with repeated point", orb.MultiPolygon{{{{0, 0}, {10, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}}, 0, 0, 0, ""},
		{"NaN", orb.MultiPolygon{{sq}, {sq, {{1, 1}, {2, 1}, {math.NaN(), 2}, {1, 1}}}}, 1, 1, 2, "non-finite"},
		{"Inf", orb.MultiPolygon{{{{0, 0}, {math.Inf(1), 0}, {1, 1}, {0, 0}}}}, 0, 0, 1, "non-finite"},
		{"too few points", orb.MultiPolygon{{{{0, 0}, {1, 0}, {0, 0}}}}, 0, 0, -1, "at least 4"},
		{"unclosed", orb.MultiPolygon{{sq}, {{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}}, 1, 0, 3, "not closed"},
		{"bow tie", orb.MultiPolygon{{{{0, 0}, {10, 10}, {10, 0}, {0, 10}, {0, 0}}}}, 0, 0, 0, "self-intersection"},
		// Vertex 4 (5,0) touches edge 0 (0,0)-(10,0) from above.
		{"touching vertex", orb.MultiPolygon{{{{0, 0}, {10, 0}, {10, 10}, {6, 10}, {5, 0}, {4, 10}, {0, 10}, {0, 0}}}}, 0, 0, 0, "self-intersection"},
		{"spike", orb.MultiPolygon{{{{0, 0}, {10, 0}, {10, 10}, {10, 5}, {0, 10}, {0, 0}}}}, 0, 0, 1, "self-intersection"},
		{"collinear zero area", orb.MultiPolygon{{{{0, 0}, {1, 0}, {2, 0}, {0, 0}}}}, 0, 0, 0, "self-intersection"},
		{"only two distinct", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 0}, {0, 0}}}}, 0, 0, -1, "distinct"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Validate(c.mp)
			if c.reason == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var ge *GeometryError
			if !errors.As(err, &ge) || !errors.Is(err, ErrInvalidGeometry) {
				t.Fatalf("error %v is not a *GeometryError wrapping ErrInvalidGeometry", err)
			}
			if ge.Polygon != c.poly || ge.Ring != c.ring || ge.Vertex != c.vertex || !strings.Contains(ge.Reason, c.reason) {
				t.Errorf("got %+v (%v), want polygon %d ring %d vertex %d reason ~%q",
					ge, err, c.poly, c.ring, c.vertex, c.reason)
			}
		})
	}
}

// bruteSimple is the O(n²) reference: every pair of edges of the closed
// ring pts (no repeated points) checked directly.
func bruteSimple(pts []orb.Point) bool {
	m := len(pts) - 1
	for i := 0; i < m; i++ {
		for j := i + 1; j < m; j++ {
			adj := j == i+1 || (i == 0 && j == m-1)
			if edgesConflict(pts[i], pts[i+1], pts[j], pts[j+1], adj, i == 0 && j == m-1) {
				return false
			}
		}
	}
	return true
}

func TestValidateMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	simple, notSimple := 0, 0
	for range 3000 {
		n := 3 + rng.IntN(8)
		r := make(orb.Ring, 0, n+1)
		for range n {
			// Integer coordinates on a small grid make touching and
			// collinear cases common.
			r = append(r, orb.Point{float64(rng.IntN(6)), float64(rng.IntN(6))})
		}
		r = append(r, r[0])
		pts := []orb.Point{r[0]}
		for _, p := range r[1:] {
			if p != pts[len(pts)-1] {
				pts = append(pts, p)
			}
		}
		if len(pts) < 4 {
			continue
		}
		want := bruteSimple(pts)
		err := Validate(orb.MultiPolygon{{r}})
		if want != (err == nil) {
			t.Fatalf("ring %v: brute force simple=%v, Validate %v", r, want, err)
		}
		if want {
			simple++
		} else {
			notSimple++
		}
	}
	if simple < 100 || notSimple < 100 {
		t.Errorf("weak sample: %d simple, %d not", simple, notSimple)
	}
}

// starRing makes a simple star-shaped ring of n vertices around (cx, cy)
// shaped like a municipality boundary: a wavy outline with edges of tens of
// metres and a little jitter at each vertex.
func starRing(rng *rand.Rand, n int, cx, cy, r float64) orb.Ring {
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		rad := r * (1 + 0.25*math.Sin(7*a) + 0.1*math.Sin(23*a) + 0.001*rng.Float64())
		ring = append(ring, orb.Point{cx + rad*math.Cos(a), cy + rad*math.Sin(a)})
	}
	return append(ring, ring[0])
}

// urchinRing is a worst case for bounding-box methods: every edge is a
// long spike across a third of the radius.
func urchinRing(rng *rand.Rand, n int, cx, cy, r float64) orb.Ring {
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		rad := r * (0.6 + 0.4*rng.Float64())
		ring = append(ring, orb.Point{cx + rad*math.Cos(a), cy + rad*math.Sin(a)})
	}
	return append(ring, ring[0])
}

func TestValidateLargeRing(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	r := starRing(rng, 20000, 500000, 6900000, 30000)
	if err := Validate(orb.MultiPolygon{{r}}); err != nil {
		t.Fatalf("star ring: %v", err)
	}
	if err := Validate(orb.MultiPolygon{{urchinRing(rng, 2000, 0, 0, 1000)}}); err != nil {
		t.Fatalf("urchin ring: %v", err)
	}
	// Swap two far-apart vertices: that makes the ring cross itself.
	r[100], r[10100] = r[10100], r[100]
	err := Validate(orb.MultiPolygon{{r}})
	var ge *GeometryError
	if !errors.As(err, &ge) || !strings.Contains(ge.Reason, "self-intersection") {
		t.Fatalf("crossed star ring: got %v", err)
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{1000, 20000, 100000} {
		rng := rand.New(rand.NewPCG(5, 6))
		mp := orb.MultiPolygon{{starRing(rng, n, 500000, 6900000, 30000)}}
		b.Run(fmt.Sprintf("boundary/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Validate(mp); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, n := range []int{1000, 20000} {
		rng := rand.New(rand.NewPCG(5, 6))
		mp := orb.MultiPolygon{{urchinRing(rng, n, 500000, 6900000, 30000)}}
		b.Run(fmt.Sprintf("urchin/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Validate(mp); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestSegmentsOverlapOrCross(t *testing.T) {
	p := func(x, y float64) orb.Point { return orb.Point{x, y} }
	cases := []struct {
		name       string
		a, b, c, d orb.Point
		want       bool
	}{
		{"cross", p(0, 0), p(2, 2), p(0, 2), p(2, 0), true},
		{"apart", p(0, 0), p(1, 0), p(0, 1), p(1, 1), false},
		{"share endpoint at an angle", p(0, 0), p(1, 0), p(1, 0), p(1, 1), false},
		{"share start, opposite ways", p(1, 0), p(0, 0), p(1, 0), p(2, 0), false},
		{"share endpoint, run along", p(0, 0), p(2, 0), p(0, 0), p(1, 0), true},
		{"same segment reversed", p(0, 0), p(1, 1), p(1, 1), p(0, 0), true},
		{"T touch without shared vertex", p(0, 0), p(2, 0), p(1, 0), p(1, 1), true},
		{"collinear overlap, no shared vertex", p(0, 0), p(2, 0), p(1, 0), p(3, 0), true},
		{"collinear apart", p(0, 0), p(1, 0), p(2, 0), p(3, 0), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := segmentsOverlapOrCross(c.a, c.b, c.c, c.d); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
			if got := segmentsOverlapOrCross(c.c, c.d, c.a, c.b); got != c.want {
				t.Errorf("swapped: got %v, want %v", got, c.want)
			}
		})
	}
}

// FuzzValidate builds a ring from pairs of small integers and checks that
// Validate agrees with the brute-force simplicity test and never panics.
func FuzzValidate(f *testing.F) {
	f.Add([]byte{0, 0, 4, 0, 4, 4, 0, 4})
	f.Add([]byte{0, 0, 4, 4, 4, 0, 0, 4})
	f.Add([]byte{1, 1, 1, 1, 2, 2})
	f.Fuzz(func(t *testing.T, b []byte) {
		r := orb.Ring{}
		for i := 0; i+1 < len(b) && len(r) < 40; i += 2 {
			r = append(r, orb.Point{float64(b[i] % 16), float64(b[i+1] % 16)})
		}
		if len(r) == 0 {
			return
		}
		r = append(r, r[0])
		err := Validate(orb.MultiPolygon{{r}})
		pts := []orb.Point{r[0]}
		for _, p := range r[1:] {
			if p != pts[len(pts)-1] {
				pts = append(pts, p)
			}
		}
		if len(r) < 4 || len(pts) < 4 {
			if err == nil {
				t.Fatalf("ring %v: want an error", r)
			}
			return
		}
		if want := bruteSimple(pts); want != (err == nil) {
			t.Fatalf("ring %v: brute force simple=%v, Validate %v", r, want, err)
		}
	})
}

func BenchmarkValidateNaive(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	r := starRing(rng, 1000, 500000, 6900000, 30000)
	b.ReportAllocs()
	for b.Loop() {
		if !bruteSimple(r) {
			b.Fatal("not simple")
		}
	}
}
