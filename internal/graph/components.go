package graph

import "slices"

// Components labels the weakly connected components: comp[v] is the
// component of vertex v, numbered 0, 1, ... in order of each component's
// lowest vertex; sizes[c] is the number of vertices of component c. The
// turn copies of a via node (Graph.TurnVia) lie in its component and
// count among its vertices.
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

// Junctions reports, per vertex, whether it is a junction or an end: a
// vertex with other than two distinct neighbours. The others are the
// shape points of a street. R5 makes its vertices of the former only (the
// nodes shared by ways and the ends of ways) and measures the size of an
// island in them (StreetLayer.MIN_SUBGRAPH_SIZE).
//
// Turn copies (see Graph.TurnVia) are no junctions of their own: a via
// node's neighbours are those of the node and its copies together, each
// counted as the way node it stands for, so that restrictions change no
// count.
func (g *Graph) Junctions() []bool {
	n := g.NumVertices()
	nn := g.NumNodeVertices()
	out := make([]bool, n)
	copies := func(v int) (int32, int32) { return 0, 0 }
	if nn < n {
		copies = func(v int) (int32, int32) {
			i, ok := slices.BinarySearch(g.TurnVia, int32(v))
			if !ok {
				return 0, 0
			}
			return int32(nn) + g.TurnFirst[i], int32(nn) + g.TurnFirst[i+1]
		}
	}
	for v := range nn {
		var a, b int32 = -1, -1
		count := 0
		add := func(u int32) {
			if u >= int32(nn) {
				u = g.NodeVertex(u)
			}
			if u == int32(v) || u == a || u == b {
				return
			}
			count++
			if a < 0 {
				a = u
			} else if b < 0 {
				b = u
			}
		}
		scan := func(x int32) {
			for e := g.FirstOut[x]; e < g.FirstOut[x+1] && count <= 2; e++ {
				add(g.Head[e])
			}
			for e := g.RevFirstOut[x]; e < g.RevFirstOut[x+1] && count <= 2; e++ {
				add(g.RevHead[e])
			}
		}
		scan(int32(v))
		lo, hi := copies(v)
		for c := lo; c < hi; c++ {
			scan(c)
		}
		out[v] = count != 2
	}
	return out
}
