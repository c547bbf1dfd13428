package ch

// keyHeap is a binary min-heap of packed uint64 keys (time or priority in
// the high half, vertex in the low half, so ties break by vertex id).
type keyHeap []uint64

func (h *keyHeap) push(k uint64) {
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

func (h *keyHeap) pop() uint64 {
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
