// Package parallel spreads independent pieces of work over goroutines.
package parallel

import (
	"sync"
	"sync/atomic"
)

// Each calls, for every index below n, the function that mk made for the
// worker taking it; there are workers workers (at least one, at most n),
// each making its function once, so it can hold scratch space. Indices
// are handed out in order, one at a time. Each returns when all are done.
func Each(n, workers int, mk func() func(int)) {
	if n <= 0 {
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, n)) {
		wg.Go(func() {
			f := mk()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
