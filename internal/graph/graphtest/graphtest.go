// Package graphtest makes graphs for tests of the searches: random
// directed graphs where equal-time paths are common.
package graphtest

import (
	"cmp"
	"math/rand/v2"
	"slices"

	"github.com/saavu/saavu/internal/graph"
)

// Random makes a directed graph of n vertices with about deg edges per
// vertex, forward and reverse stars both filled. Times are drawn from 1 to
// maxT ms, so that equal-time paths are common; one edge in zeroIn (none
// when zeroIn is 0) takes no time and has no length, like the edges
// between turn copies. Lengths grow with the time but not in proportion,
// so paths of equal time can differ in length.
func Random(rng *rand.Rand, n, deg, maxT, zeroIn int) *graph.Graph {
	type e struct {
		u, v int32
		t    uint32
		l    float32
	}
	var es []e
	seen := map[[2]int32]bool{}
	for range n * deg {
		u, v := int32(rng.IntN(n)), int32(rng.IntN(n))
		if u == v || seen[[2]int32{u, v}] {
			continue
		}
		seen[[2]int32{u, v}] = true
		t := uint32(1 + rng.IntN(maxT))
		l := float32(t)*0.7 + float32(rng.IntN(5))*0.31
		if zeroIn > 0 && rng.IntN(zeroIn) == 0 {
			t, l = 0, 0
		}
		es = append(es, e{u, v, t, l})
	}
	g := &graph.Graph{Lon: make([]float64, n), Lat: make([]float64, n), FirstOut: make([]int32, n+1), RevFirstOut: make([]int32, n+1)}
	slices.SortFunc(es, func(a, b e) int { return cmp.Or(cmp.Compare(a.u, b.u), cmp.Compare(a.v, b.v)) })
	for _, x := range es {
		g.FirstOut[x.u+1]++
		g.Head, g.TimeMs, g.LenM = append(g.Head, x.v), append(g.TimeMs, x.t), append(g.LenM, x.l)
	}
	slices.SortFunc(es, func(a, b e) int { return cmp.Or(cmp.Compare(a.v, b.v), cmp.Compare(a.u, b.u)) })
	for _, x := range es {
		g.RevFirstOut[x.v+1]++
		g.RevHead, g.RevTimeMs, g.RevLenM = append(g.RevHead, x.u), append(g.RevTimeMs, x.t), append(g.RevLenM, x.l)
	}
	for v := range n {
		g.FirstOut[v+1] += g.FirstOut[v]
		g.RevFirstOut[v+1] += g.RevFirstOut[v]
	}
	return g
}
