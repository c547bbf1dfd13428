package keyheap

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// Keys come out in ascending order, however they went in and however
// pushes and pops interleave.
func TestHeapOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		var h Heap
		var in, out []uint64
		for range 1 + r.IntN(300) {
			k := r.Uint64N(64) // many equal keys
			h.Push(k)
			in = append(in, k)
			if r.IntN(4) == 0 {
				x := h.Pop()
				out = append(out, x)
				// The key popped is the smallest of those still held.
				i := slices.Index(in, slices.Min(in))
				if in[i] != x {
					t.Fatalf("round %d: popped %d, smallest held %d", round, x, in[i])
				}
				in = slices.Delete(in, i, i+1)
			}
		}
		for len(h) > 0 {
			out = append(out, h.Pop())
		}
		tail := out[len(out)-len(in):]
		if !slices.IsSorted(tail) || len(tail) != len(in) {
			t.Fatalf("round %d: drained %v", round, tail)
		}
	}
}
