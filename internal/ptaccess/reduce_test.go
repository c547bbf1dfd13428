package ptaccess

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// TestReduceMatchesPercentiles checks the shortcuts of reduce (never
// reached, always the same) against route.Percentiles on random columns.
func TestReduceMatchesPercentiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ps := []int{1, 5, 25, 50, 75, 95, 100}
	const numTargets, count = 7, 30
	for trial := range 2000 {
		out := make([]transit.Seconds, numTargets*count)
		for i := range out {
			switch trial % 4 {
			case 0: // mixed
				out[i] = transit.Seconds(rng.IntN(4000)) - 1000
			case 1: // a few values
				out[i] = transit.Seconds(rng.IntN(3)*600 - 600)
			case 2: // constant per target
				out[i] = transit.Seconds(300 * (i % numTargets))
			case 3: // unreachable
				out[i] = Unreachable
			}
			if out[i] < 0 {
				out[i] = Unreachable
			}
		}
		for tg := range numTargets {
			got := make([]transit.Seconds, len(ps))
			col := make([]transit.Seconds, count)
			for k := range count {
				col[k] = out[k*numTargets+tg]
			}
			reduce(slices.Clone(col), ps, got)
			want := make([]transit.Seconds, len(ps))
			route.Percentiles(col, ps, want)
			if !slices.Equal(got, want) {
				t.Fatalf("trial %d target %d: %v, want %v (column %v)", trial, tg, got, want, col)
			}
		}
	}
}
