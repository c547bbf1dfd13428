package isochrone

import (
	"math"
	"math/rand/v2"
	"testing"
)

// bruteTime minimises t0 + a s + b |p - q(s)| over n+1 evenly spaced
// points q(s) of the piece within the walking limit.
func bruteTime(w walker, p piece, x, y float64, n int) float64 {
	best := math.Inf(1)
	for i := 0; i <= n; i++ {
		s := p.l * float64(i) / float64(n)
		qx, qy := p.ax+p.dx*s, p.ay+p.dy*s
		d := math.Hypot(x-qx, y-qy)
		if d > w.r {
			continue
		}
		best = min(best, p.t0+p.a*s+w.b*d)
	}
	return best
}

func TestPieceTimeAgainstSampling(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 20000
	for trial := range 3000 {
		w := walker{b: 1000 / 1.2, r: 50 + 300*rng.Float64()}
		ax, ay := 1000*rng.Float64(), 1000*rng.Float64()
		bx, by := ax+600*(rng.Float64()-0.5), ay+600*(rng.Float64()-0.5)
		if trial%10 == 0 {
			bx, by = ax, ay // a start point
		}
		// Paces from a car at 100 km/h to slower than walking.
		speed := []float64{27.8, 11.1, 4.2, 1.2, 0.8}[trial%5]
		l := math.Hypot(bx-ax, by-ay)
		p := newPiece(ax, ay, bx, by, 5000*rng.Float64(), l/speed*1000)
		x, y := ax+800*(rng.Float64()-0.5), ay+800*(rng.Float64()-0.5)
		w.prepare(&p)
		got := w.time(&p, x, y)
		want := bruteTime(w, p, x, y, n)
		// The sampled minimum is at most one step's worth above the true one.
		step := p.l / n * (p.a + w.b)
		switch {
		case math.IsInf(want, 1) && math.IsInf(got, 1):
		case math.IsInf(got, 1):
			// Only a place right at the walking limit may be missed by one side.
			t.Fatalf("trial %d: closed form unreachable, sampling %.3f ms", trial, want)
		case got > want+1e-6 || got < want-step-1e-6:
			t.Fatalf("trial %d: closed form %.6f ms, sampling %.6f ms (step %.3g)", trial, got, want, step)
		}
	}
}

// A bicycle at 4.2 m/s on a road along the x axis, walking at 1.2 m/s:
// worked out by hand.
func TestPieceTimeByHand(t *testing.T) {
	w := walker{b: 1000 / 1.2, r: 250}
	p := newPiece(0, 0, 1000, 0, 0, 1000/4.2*1000)
	w.prepare(&p)
	a, b := 1000/4.2, 1000/1.2
	cases := []struct {
		name string
		x, y float64
		want float64 // ms
	}{
		{"on the road", 300, 0, 300 * a},
		{"behind the start walks straight", -30, 40, 50 * b},
		{"beside the start walks straight", 0, 72, 72 * b},
		// Ahead of the start: ride, then walk at the angle where
		// cos = a/b; time a x + y sqrt(b^2 - a^2).
		{"ahead rides then walks", 200, 30, 200*a + 30*math.Sqrt(b*b-a*a)},
		// Past the end, the best is the end of the road, then straight.
		{"past the end", 1100, 0, 1000*a + 100*b},
		{"beyond the walking limit", 500, 251, math.Inf(1)},
		// At the limit sideways the walk must be perpendicular.
		{"at the walking limit", 500, 250, 500*a + 250*b},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := w.time(&p, c.x, c.y)
			if !(math.IsInf(c.want, 1) && math.IsInf(got, 1)) && !near(got, c.want, 1e-6*c.want+1e-9) {
				t.Errorf("time at (%g, %g) = %.4f ms, want %.4f", c.x, c.y, got, c.want)
			}
		})
	}
}

func TestPieceTrim(t *testing.T) {
	p := newPiece(0, 0, 100, 0, 1000, 10000) // 100 ms per metre
	if !p.trim(6000) || !near(p.l, 50, 1e-9) {
		t.Fatalf("trimmed length %g, want 50", p.l)
	}
	q := newPiece(0, 0, 100, 0, 7000, 10000)
	if q.trim(6000) {
		t.Fatal("a piece reached after the limit was kept")
	}
}
