// Package keyheap is the priority queue of the street searches: a binary
// min-heap of uint64 keys. The searches pack a time or priority in the
// high 32 bits and a vertex in the low 32, so equal times come out by
// vertex id and the order never depends on insertion.
package keyheap

// Heap is a binary min-heap of keys. The zero value is empty; reslice it
// to [:0] to reuse its storage.
type Heap []uint64

// Push adds k.
func (h *Heap) Push(k uint64) {
	a := append(*h, k)
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if a[p] <= k {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = k
	*h = a
}

// Pop removes and returns the smallest key; the heap must not be empty.
func (h *Heap) Pop() uint64 {
	a := *h
	top := a[0]
	n := len(a) - 1
	k := a[n]
	a = a[:n]
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && a[c+1] < a[c] {
			c++
		}
		if k <= a[c] {
			break
		}
		a[i] = a[c]
		i = c
	}
	if n > 0 {
		a[i] = k
	}
	*h = a
	return top
}
