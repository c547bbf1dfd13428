package parallel

import (
	"sync/atomic"
	"testing"
)

// Every index is done exactly once, by at most the given number of
// workers, each of which makes its function once.
func TestEach(t *testing.T) {
	for _, c := range []struct{ n, workers, wantMade int }{{0, 4, 0}, {1, 4, 1}, {100, 3, 3}, {5, 0, 1}} {
		done := make([]atomic.Int32, c.n)
		var made atomic.Int32
		Each(c.n, c.workers, func() func(int) {
			made.Add(1)
			return func(i int) { done[i].Add(1) }
		})
		for i := range done {
			if v := done[i].Load(); v != 1 {
				t.Errorf("n=%d workers=%d: index %d done %d times", c.n, c.workers, i, v)
			}
		}
		if int(made.Load()) != c.wantMade {
			t.Errorf("n=%d workers=%d: %d functions made, want %d", c.n, c.workers, made.Load(), c.wantMade)
		}
	}
}
