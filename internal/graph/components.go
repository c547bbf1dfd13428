package graph

// Components labels the weakly connected components: comp[v] is the
// component of vertex v, numbered 0, 1, ... in order of each component's
// lowest vertex; sizes[c] is the number of vertices of component c.
func (g *Graph) Components() (comp []int32, sizes []int32) {
	n := g.NumVertices()
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for v := range n {
		for e := g.FirstOut[v]; e < g.FirstOut[v+1]; e++ {
			a, b := find(int32(v)), find(g.Head[e])
			if a != b {
				// The lower root wins, so roots are lowest vertices.
				if a < b {
					parent[b] = a
				} else {
					parent[a] = b
				}
			}
		}
	}
	comp = make([]int32, n)
	label := make([]int32, n)
	for i := range label {
		label[i] = -1
	}
	for v := range n {
		r := find(int32(v))
		if label[r] < 0 {
			label[r] = int32(len(sizes))
			sizes = append(sizes, 0)
		}
		comp[v] = label[r]
		sizes[label[r]]++
	}
	return comp, sizes
}
