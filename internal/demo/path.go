package demo

import (
	"container/heap"
	"errors"
	"fmt"
)

// roadGraph is the undirected road graph of the network (ferries and lakes
// left out), in compressed sparse row form, for timetable distances.
type roadGraph struct {
	pts   []xy
	first []int32
	head  []int32
	lenM  []float64
}

func newRoadGraph(nw *network) *roadGraph {
	n := len(nw.pts)
	deg := make([]int32, n+1)
	for _, w := range nw.ways {
		if w.kind != road {
			continue
		}
		for i := 0; i+1 < len(w.nodes); i++ {
			deg[w.nodes[i]]++
			deg[w.nodes[i+1]]++
		}
	}
	g := &roadGraph{pts: nw.pts, first: make([]int32, n+1)}
	for v := range n {
		g.first[v+1] = g.first[v] + deg[v]
	}
	g.head = make([]int32, g.first[n])
	g.lenM = make([]float64, g.first[n])
	fill := append([]int32(nil), g.first[:n]...)
	add := func(a, b int32) {
		g.head[fill[a]] = b
		g.lenM[fill[a]] = nw.pts[a].dist(nw.pts[b])
		fill[a]++
	}
	for _, w := range nw.ways {
		if w.kind != road {
			continue
		}
		for i := 0; i+1 < len(w.nodes); i++ {
			add(w.nodes[i], w.nodes[i+1])
			add(w.nodes[i+1], w.nodes[i])
		}
	}
	return g
}

var errNoPath = errors.New("demo: no road path")

type pqItem struct {
	v int32
	f float64
}

type pq []pqItem

func (q pq) Len() int { return len(q) }
func (q pq) Less(i, j int) bool {
	if q[i].f != q[j].f {
		return q[i].f < q[j].f
	}
	return q[i].v < q[j].v
}
func (q pq) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *pq) Push(x any)   { *q = append(*q, x.(pqItem)) }
func (q *pq) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

// path returns the shortest road path from a to b (A* with the straight
// line as the estimate) as nodes from a to b.
func (g *roadGraph) path(a, b int32) ([]int32, error) {
	dist := make(map[int32]float64, 1024)
	prev := make(map[int32]int32, 1024)
	done := make(map[int32]bool, 1024)
	dist[a] = 0
	q := &pq{{a, g.pts[a].dist(g.pts[b])}}
	for q.Len() > 0 {
		it := heap.Pop(q).(pqItem)
		v := it.v
		if done[v] {
			continue
		}
		done[v] = true
		if v == b {
			var p []int32
			for u := b; ; u = prev[u] {
				p = append(p, u)
				if u == a {
					break
				}
			}
			for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
				p[i], p[j] = p[j], p[i]
			}
			return p, nil
		}
		for e := g.first[v]; e < g.first[v+1]; e++ {
			u := g.head[e]
			d := dist[v] + g.lenM[e]
			if old, ok := dist[u]; !ok || d < old {
				dist[u] = d
				prev[u] = v
				heap.Push(q, pqItem{u, d + g.pts[u].dist(g.pts[b])})
			}
		}
	}
	return nil, fmt.Errorf("%w from node %d to %d", errNoPath, a+1, b+1)
}
