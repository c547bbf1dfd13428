package plan

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// benchProblem is 5,000 origins and 5,000 candidate sites scattered over a
// 150 km square, times at 1 km/min with a detour factor of 1-1.4 and kept
// within 30 min: about 2 million pairs. A fixed service reaches part of
// the origins.
func benchProblem(b *testing.B, n int, obj Objective) Problem {
	b.Helper()
	rng := rand.New(rand.NewPCG(2024, 1))
	// Smaller instances shrink the square to keep the density.
	side := 150 * math.Sqrt(float64(n)/5000)
	p := randomProblem(rng, n, n, side, 30, obj, true)
	p.ThresholdMs = 15 * minute
	return p
}

func BenchmarkAdd(b *testing.B) {
	for _, obj := range []Objective{Coverage, Median} {
		p := benchProblem(b, 5000, obj)
		for _, starts := range []int{1, DefaultStarts} {
			b.Run(fmt.Sprintf("size=5000/pairs=%d/%s/k=3/starts=%d", len(p.Sites.Origin), obj, starts), func(b *testing.B) {
				var sol Solution
				benchLoop(b, func() {
					var err error
					if sol, err = Add(p, 3, Options{Starts: starts}); err != nil {
						b.Fatal(err)
					}
				})
				b.ReportMetric(float64(sol.Swaps), "swaps")
			})
		}
	}
}

func BenchmarkAddNaive(b *testing.B) {
	// The plain evaluation of every greedy step and swap, one start,
	// beside the fast interchange on the same instance.
	for _, n := range []int{1000, 5000} {
		p := benchProblem(b, n, Median)
		b.Run(fmt.Sprintf("size=%d/pairs=%d/median/k=3/fast", n, len(p.Sites.Origin)), func(b *testing.B) {
			benchLoop(b, func() {
				if _, err := Add(p, 3, Options{Starts: 1}); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("size=%d/pairs=%d/median/k=3/naive", n, len(p.Sites.Origin)), func(b *testing.B) {
			benchLoop(b, func() { naiveSolve(p, 3) })
		})
	}
}

func BenchmarkRemove(b *testing.B) {
	// Close 3 of 200 existing sites serving 5,000 origins.
	rng := rand.New(rand.NewPCG(7, 7))
	p := randomProblem(rng, 200, 5000, 150, 30, Coverage, false)
	p.ThresholdMs = 15 * minute
	b.Run(fmt.Sprintf("sites=200/origins=5000/pairs=%d/coverage/k=3", len(p.Sites.Origin)), func(b *testing.B) {
		benchLoop(b, func() {
			if _, err := Remove(p, 3, Options{}); err != nil {
				b.Fatal(err)
			}
		})
	})
}
