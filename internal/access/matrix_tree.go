package access

import (
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
)

// treeLength returns the length route.Dijkstra records (and ToPoint
// reports) for the point dst after a search from the sources src, given
// the exact shortest times from those sources to every vertex, vertex v's
// in dist[rank[v]] (as ch.OneToAll writes them). ok is
// false when it cannot tell: when the order in which Dijkstra would
// settle two tied vertices depends on edges of no time.
//
// It walks back the path that search keeps. A Dijkstra search settles
// vertices by time, then by vertex id among those queued before that
// time is reached, and a vertex keeps the label of the first vertex
// settled that reaches it in its shortest time (or its source's, when a
// source starts there at that time). So the path to v comes from the
// tight predecessor u of v of least (time, id); the id order holds when
// every tied candidate was queued from an earlier time (by an edge that
// takes time, or as a source). The lengths are then added in the order
// the search adds them, so the result is equal to the last bit.
func treeLength(g *graph.Graph, dist []uint32, rank []int32, src []route.Source, dst graph.Snap, wantMs uint32, path []float32) (float64, bool, []float32) {
	best, found := uint64(route.Unreached), false
	var at graph.Anchor
	for _, a := range dst.In {
		if a.V < 0 || a.TimeMs == graph.NoTime || dist[rank[a.V]] == route.Unreached {
			continue
		}
		if t := uint64(dist[rank[a.V]]) + uint64(a.TimeMs) + uint64(dst.ConnMs); t < best {
			best, at, found = t, a, true
		}
	}
	if !found || best != uint64(wantMs) {
		return 0, false, path
	}
	sourceLen := func(v int32) (float64, bool) {
		for _, s := range src {
			if s.V == v && s.TimeMs == dist[rank[v]] {
				return s.LenM, true
			}
		}
		return 0, false
	}
	// queuedEarly reports whether u was queued before the search reached
	// its time: a source starts there, or a tight edge that takes time
	// leads to it.
	queuedEarly := func(u int32) bool {
		if _, ok := sourceLen(u); ok {
			return true
		}
		for e := g.RevFirstOut[u]; e < g.RevFirstOut[u+1]; e++ {
			x, w := g.RevHead[e], g.RevTimeMs[e]
			if w > 0 && dist[rank[x]] != route.Unreached && uint64(dist[rank[x]])+uint64(w) == uint64(dist[rank[u]]) {
				return true
			}
		}
		return false
	}
	path = path[:0]
	v := at.V
	start := 0.0
	for steps := 0; ; steps++ {
		if steps > g.NumVertices() {
			return 0, false, path
		}
		if l, ok := sourceLen(v); ok {
			start = l
			break
		}
		tv := uint64(dist[rank[v]])
		bu, bt, be, tied := int32(-1), uint32(0), int32(0), false
		for e := g.RevFirstOut[v]; e < g.RevFirstOut[v+1]; e++ {
			u := g.RevHead[e]
			du := dist[rank[u]]
			if du == route.Unreached || uint64(du)+uint64(g.RevTimeMs[e]) != tv {
				continue
			}
			switch {
			case bu < 0 || du < bt:
				bu, bt, be, tied = u, du, e, false
			case du == bt:
				tied = true
				if u < bu {
					bu, be = u, e
				}
			}
		}
		if bu < 0 {
			return 0, false, path
		}
		if tied {
			for e := g.RevFirstOut[v]; e < g.RevFirstOut[v+1]; e++ {
				u := g.RevHead[e]
				if dist[rank[u]] == bt && uint64(bt)+uint64(g.RevTimeMs[e]) == tv && !queuedEarly(u) {
					return 0, false, path
				}
			}
		}
		path = append(path, g.RevLenM[be])
		v = bu
	}
	l := start
	for i := len(path) - 1; i >= 0; i-- {
		l += float64(path[i])
	}
	return l + float64(at.LenM) + dst.ConnM, true, path
}
