package graph

// layout fills the forward and reverse stars from an edge list. Edges are
// ordered by (tail, head, time, length); of several edges with the same
// tail and head only the first (fastest) is kept. It returns how many
// edges were dropped that way. The edge list is reordered in place.
func (g *Graph) layout(nv int, edges []edge) (dropped int) {
	// Counting sort by tail into the forward arrays' order.
	first := make([]int32, nv+1)
	for _, e := range edges {
		first[e.tail+1]++
	}
	for v := range nv {
		first[v+1] += first[v]
	}
	sorted := make([]edge, len(edges))
	next := make([]int32, nv)
	copy(next, first[:nv])
	for _, e := range edges {
		sorted[next[e.tail]] = e
		next[e.tail]++
	}
	// Within a tail (a handful of edges) order by head, time, length, and
	// drop parallel edges.
	m := 0
	g.FirstOut = make([]int32, nv+1)
	for v := range nv {
		b := sorted[first[v]:first[v+1]]
		insertionSortEdges(b)
		for i, e := range b {
			if i > 0 && e.head == b[i-1].head {
				continue
			}
			sorted[m] = e
			m++
		}
		g.FirstOut[v+1] = int32(m)
	}
	dropped = len(edges) - m
	sorted = sorted[:m]
	g.Head = make([]int32, m)
	g.TimeMs = make([]uint32, m)
	g.LenM = make([]float32, m)
	for i, e := range sorted {
		g.Head[i], g.TimeMs[i], g.LenM[i] = e.head, e.ms, e.lenM
	}

	// Reverse star: a stable counting sort by head of edges already in
	// tail order gives (head, tail) order; (head, tail) pairs are unique.
	g.RevFirstOut = make([]int32, nv+1)
	for _, e := range sorted {
		g.RevFirstOut[e.head+1]++
	}
	for v := range nv {
		g.RevFirstOut[v+1] += g.RevFirstOut[v]
	}
	copy(next, g.RevFirstOut[:nv])
	g.RevHead = make([]int32, m)
	g.RevTimeMs = make([]uint32, m)
	g.RevLenM = make([]float32, m)
	for _, e := range sorted {
		i := next[e.head]
		next[e.head]++
		g.RevHead[i], g.RevTimeMs[i], g.RevLenM[i] = e.tail, e.ms, e.lenM
	}
	return dropped
}

func edgeLess(a, b edge) bool {
	if a.head != b.head {
		return a.head < b.head
	}
	if a.ms != b.ms {
		return a.ms < b.ms
	}
	return a.lenM < b.lenM
}

func insertionSortEdges(b []edge) {
	for i := 1; i < len(b); i++ {
		e := b[i]
		j := i
		for j > 0 && edgeLess(e, b[j-1]) {
			b[j] = b[j-1]
			j--
		}
		b[j] = e
	}
}
