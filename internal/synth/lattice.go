package synth

import "slices"

// latticeGraph is the rural road lattice as a graph of its junctions:
// the roads a bus may take (tracks left out), for routing lines between
// towns.
type latticeGraph struct {
	c   *Country
	adj [][]latticeEdge // per junction (node id - 1)

	// BFS scratch, reused: stamp marks the junctions seen in search
	// number epoch.
	from  []int32
	stamp []uint32
	epoch uint32
	queue []int32
}

type latticeEdge struct {
	to  int32 // junction index (node id - 1)
	way int32 // index into Extract.Ways
}

func newLatticeGraph(c *Country) *latticeGraph {
	n := c.cols * c.rows
	lg := &latticeGraph{c: c, adj: make([][]latticeEdge, n), from: make([]int32, n), stamp: make([]uint32, n)}
	for w := c.RuralWays.From; w < c.RuralWays.To; w++ {
		way := &c.Extract.Ways[w]
		if way.Tags.Get("highway") == "track" {
			continue
		}
		a, b := int32(way.Nodes[0]-1), int32(way.Nodes[len(way.Nodes)-1]-1)
		lg.adj[a] = append(lg.adj[a], latticeEdge{b, int32(w)})
		lg.adj[b] = append(lg.adj[b], latticeEdge{a, int32(w)})
	}
	return lg
}

// path returns the junctions of a fewest-hops path from junction a to
// junction b, both ends included, or nil when b cannot be reached.
// Neighbours are tried in lattice order, so the path is deterministic.
func (lg *latticeGraph) path(a, b int32) []int32 {
	lg.epoch++
	lg.queue = append(lg.queue[:0], a)
	lg.stamp[a], lg.from[a] = lg.epoch, -1
	for k := 0; k < len(lg.queue); k++ {
		u := lg.queue[k]
		if u == b {
			var out []int32
			for v := b; v >= 0; v = lg.from[v] {
				out = append(out, v)
			}
			slices.Reverse(out)
			return out
		}
		for _, e := range lg.adj[u] {
			if lg.stamp[e.to] != lg.epoch {
				lg.stamp[e.to], lg.from[e.to] = lg.epoch, u
				lg.queue = append(lg.queue, e.to)
			}
		}
	}
	return nil
}

// way returns the road between adjacent junctions a and b.
func (lg *latticeGraph) way(a, b int32) int32 {
	for _, e := range lg.adj[a] {
		if e.to == b {
			return e.way
		}
	}
	return -1
}
