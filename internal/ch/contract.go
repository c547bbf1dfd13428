package ch

import (
	"errors"
	"fmt"
	"slices"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/keyheap"
)

// noTime marks an unreached vertex and a path too long to keep: sums are
// kept below it, as route.Dijkstra keeps them below route.Unreached.
const noTime = graph.NoTime

// arc is an arc of the graph being contracted: towards to (or, in an in
// list, from to), with its time and the range of lengths of the paths of
// that time it stands for.
type arc struct {
	to         int32
	t          uint32
	hops       int32 // most edges of the graph among the paths
	lmin, lmax float64
}

// Options tune the preprocessing.
type Options struct {
	// WitnessSettled bounds the vertices a witness search settles before
	// it gives up (and a shortcut is added). 0 means 100.
	WitnessSettled int
}

// Hierarchy is a contracted graph: the upward arcs of each vertex in
// compressed sparse row form, in both directions.
type Hierarchy struct {
	// Rank is the position of each vertex in the contraction order.
	Rank []int32
	// Order lists the vertices by rank, first contracted first.
	Order []int32
	// Up holds the arcs u -> v with Rank[v] > Rank[u], listed at u.
	Up csr
	// Down holds the arcs u -> v with Rank[u] > Rank[v], listed at v
	// (Head is then u): the upward arcs of the reversed graph.
	Down csr
	// Shortcuts counts the arcs that stand for two or more edges.
	Shortcuts int

	// sweep is Down renumbered by rank, for OneToAll: the arcs into the
	// vertex of rank r from vertices of higher rank, as (rank, time).
	sweepFirst []int32
	sweepHead  []int32
	sweepTime  []uint32
}

// csr is one star of a hierarchy.
type csr struct {
	First      []int32
	Head       []int32
	Time       []uint32
	Hops       []int32
	Lmin, Lmax []float64
}

// NumVertices returns the number of vertices.
func (h *Hierarchy) NumVertices() int { return len(h.Rank) }

// Bytes is an estimate of the memory the hierarchy holds.
func (h *Hierarchy) Bytes() int {
	b := 4*len(h.Rank) + 4*len(h.Order) + 4*len(h.sweepFirst) + 4*len(h.sweepHead) + 4*len(h.sweepTime)
	for _, c := range []*csr{&h.Up, &h.Down} {
		b += 4*len(c.First) + 4*len(c.Head) + 4*len(c.Time) + 4*len(c.Hops) + 8*len(c.Lmin) + 8*len(c.Lmax)
	}
	return b
}

// contractor is the state of a contraction.
type contractor struct {
	out, in    [][]arc
	done       []bool
	dirty      []bool  // a neighbour was contracted since the priority was computed
	deleted    []int32 // contracted neighbours
	depth      []int32
	settledCap int
	simCap     int // settledCap of the first estimate of each priority

	mark  []uint32 // out-neighbours of the vertex being contracted
	stamp uint32

	// witness search state
	dist    []uint32
	touched []int32
	heap    keyheap.Heap
}

// ErrZeroTime is returned for a graph with an edge of no time but some
// length: its length ranges could grow without end around a cycle.
// graph.Build makes no such edge (a non-zero length takes at least 1 ms).
var ErrZeroTime = errors.New("ch: an edge of no time has a length")

// Build contracts g. It is deterministic: the same graph gives the same
// hierarchy.
func Build(g *graph.Graph, opt Options) (*Hierarchy, error) {
	n := g.NumVertices()
	for e, t := range g.TimeMs {
		if t == 0 && g.LenM[e] != 0 {
			return nil, fmt.Errorf("%w: edge %d", ErrZeroTime, e)
		}
	}
	c := &contractor{
		out:        make([][]arc, n),
		in:         make([][]arc, n),
		done:       make([]bool, n),
		dirty:      make([]bool, n),
		deleted:    make([]int32, n),
		depth:      make([]int32, n),
		settledCap: opt.WitnessSettled,
		dist:       make([]uint32, n),
		mark:       make([]uint32, n),
	}
	if c.settledCap <= 0 {
		c.settledCap = 100
	}
	c.simCap = min(c.settledCap, 25)
	for i := range c.dist {
		c.dist[i] = noTime
	}
	outDeg := make([]int32, n)
	inDeg := make([]int32, n)
	for u := range n {
		for e := g.FirstOut[u]; e < g.FirstOut[u+1]; e++ {
			if v := g.Head[e]; v != int32(u) && g.TimeMs[e] != graph.NoTime {
				outDeg[u]++
				inDeg[v]++
			}
		}
	}
	for u := range n {
		c.out[u] = make([]arc, 0, outDeg[u])
		c.in[u] = make([]arc, 0, inDeg[u])
	}
	for u := range n {
		for e := g.FirstOut[u]; e < g.FirstOut[u+1]; e++ {
			v := g.Head[e]
			if v == int32(u) || g.TimeMs[e] == graph.NoTime {
				continue
			}
			l := float64(g.LenM[e])
			c.addArc(int32(u), v, arc{v, g.TimeMs[e], 1, l, l})
		}
	}

	h := &Hierarchy{Rank: make([]int32, n), Order: make([]int32, 0, n)}
	upArcs := make([][]arc, n)
	downArcs := make([][]arc, n)

	var q keyheap.Heap
	for v := range n {
		q.Push(key(c.priority(int32(v), c.simCap, nil), int32(v)))
	}
	rank := int32(0)
	var add []shortcut
	for len(q) > 0 {
		k := q.Pop()
		v := int32(uint32(k))
		if c.done[v] {
			continue
		}
		// Lazy update: contract v only if its priority, recomputed if a
		// neighbour was contracted since it was queued, is still no worse
		// than the best in the queue.
		if c.dirty[v] {
			c.dirty[v] = false
			if p := c.priority(v, c.simCap, nil); len(q) > 0 && key(p, v) > q[0] {
				q.Push(key(p, v))
				continue
			}
		}
		add = add[:0]
		c.shortcuts(v, c.settledCap, &add)
		upArcs[v] = slices.Clone(c.out[v])
		downArcs[v] = slices.Clone(c.in[v])
		c.contract(v, add)
		h.Shortcuts += len(add)
		h.Rank[v] = rank
		h.Order = append(h.Order, v)
		rank++
	}
	h.Up = freeze(upArcs)
	h.Down = freeze(downArcs)
	h.layoutSweep()
	return h, nil
}

// layoutSweep fills the rank-ordered copy of Down that OneToAll sweeps
// in order.
func (h *Hierarchy) layoutSweep() {
	n := len(h.Order)
	h.sweepFirst = make([]int32, n+1)
	h.sweepHead = make([]int32, 0, len(h.Down.Head))
	h.sweepTime = make([]uint32, 0, len(h.Down.Head))
	for r, v := range h.Order {
		for e := h.Down.First[v]; e < h.Down.First[v+1]; e++ {
			h.sweepHead = append(h.sweepHead, h.Rank[h.Down.Head[e]])
			h.sweepTime = append(h.sweepTime, h.Down.Time[e])
		}
		h.sweepFirst[r+1] = int32(len(h.sweepHead))
	}
}

// key packs a priority and a vertex into a heap key ordered by priority,
// then vertex.
func key(p int32, v int32) uint64 {
	return uint64(uint32(p)+1<<31)<<32 | uint64(uint32(v))
}

// shortcut is an arc to add from u.
type shortcut struct {
	u int32
	a arc
}

// priority is the order heuristic: shortcuts added minus arcs removed,
// plus contracted neighbours and depth, which spread the contraction
// evenly over the graph. Witness searches settle at most settledCap
// vertices; the shortcuts are appended to add when it is set.
func (c *contractor) priority(v int32, settledCap int, add *[]shortcut) int32 {
	added := c.shortcuts(v, settledCap, add)
	removed := len(c.in[v]) + len(c.out[v])
	return int32(2*(added-removed)) + c.deleted[v] + c.depth[v]
}

// contract removes v and adds the shortcuts its removal needs.
func (c *contractor) contract(v int32, add []shortcut) {
	c.done[v] = true
	for _, a := range c.in[v] {
		c.out[a.to] = removeTo(c.out[a.to], v)
	}
	for _, a := range c.out[v] {
		c.in[a.to] = removeTo(c.in[a.to], v)
	}
	for _, nb := range [][]arc{c.in[v], c.out[v]} {
		for _, a := range nb {
			c.dirty[a.to] = true
			c.deleted[a.to]++
			c.depth[a.to] = max(c.depth[a.to], c.depth[v]+1)
		}
	}
	c.in[v], c.out[v] = nil, nil
	for _, s := range add {
		c.addArc(s.u, s.a.to, s.a)
	}
}

// shortcuts finds the shortcuts contracting v needs, appending them to add
// when it is set, and returns their number.
func (c *contractor) shortcuts(v int32, settledCap int, add *[]shortcut) int {
	n := 0
	if len(c.out[v]) == 0 {
		return 0
	}
	for _, ia := range c.in[v] {
		u := ia.to
		maxT := uint64(0)
		for _, oa := range c.out[v] {
			if oa.to != u {
				maxT = max(maxT, uint64(ia.t)+uint64(oa.t))
			}
		}
		c.witness(u, v, maxT, settledCap)
		for _, oa := range c.out[v] {
			w := oa.to
			if w == u {
				continue
			}
			t := uint64(ia.t) + uint64(oa.t)
			if t >= noTime {
				continue // longer than any search goes
			}
			if uint64(c.dist[w]) < t {
				continue // a strictly faster witness
			}
			n++
			if add != nil {
				*add = append(*add, shortcut{u, arc{w, uint32(t), ia.hops + oa.hops, ia.lmin + oa.lmin, ia.lmax + oa.lmax}})
			}
		}
	}
	return n
}

// witness runs a bounded Dijkstra search from u avoiding v over the
// remaining graph, up to time limit, settling at most settledCap vertices
// and stopping once the out-neighbours of v are settled; c.dist holds its
// labels until the next call.
func (c *contractor) witness(u, v int32, limit uint64, settledCap int) {
	for _, x := range c.touched {
		c.dist[x] = noTime
	}
	c.touched = c.touched[:0]
	c.heap = c.heap[:0]
	c.stamp++
	if c.stamp == 0 { // wrapped: no mark may survive from before
		clear(c.mark)
		c.stamp = 1
	}
	left := 0
	for _, a := range c.out[v] {
		if a.to != u && c.mark[a.to] != c.stamp {
			c.mark[a.to] = c.stamp
			left++
		}
	}
	c.dist[u] = 0
	c.touched = append(c.touched, u)
	c.heap.Push(uint64(u))
	settled := 0
	for len(c.heap) > 0 && settled < settledCap && left > 0 {
		k := c.heap.Pop()
		x := int32(uint32(k))
		tx := uint32(k >> 32)
		if tx != c.dist[x] {
			continue
		}
		settled++
		if c.mark[x] == c.stamp {
			c.mark[x] = 0
			left--
		}
		for _, a := range c.out[x] {
			if a.to == v {
				continue
			}
			t := uint64(tx) + uint64(a.t)
			if t > limit || t >= uint64(c.dist[a.to]) {
				continue
			}
			if c.dist[a.to] == noTime {
				c.touched = append(c.touched, a.to)
			}
			c.dist[a.to] = uint32(t)
			c.heap.Push(t<<32 | uint64(uint32(a.to)))
		}
	}
}

// addArc adds u -> w or improves the arc there: a faster arc replaces
// it, one of the same time widens its length range.
func (c *contractor) addArc(u, w int32, n arc) {
	for i := range c.out[u] {
		a := &c.out[u][i]
		if a.to != w {
			continue
		}
		switch {
		case n.t < a.t:
			*a = n
		case n.t == a.t:
			a.lmin, a.lmax, a.hops = min(a.lmin, n.lmin), max(a.lmax, n.lmax), max(a.hops, n.hops)
		default:
			return
		}
		for j := range c.in[w] {
			if b := &c.in[w][j]; b.to == u {
				*b = *a
				b.to = u
			}
		}
		return
	}
	c.out[u] = append(c.out[u], n)
	n.to = u
	c.in[w] = append(c.in[w], n)
}

func removeTo(as []arc, v int32) []arc {
	for i, a := range as {
		if a.to == v {
			as[i] = as[len(as)-1]
			return as[:len(as)-1]
		}
	}
	return as
}

// freeze lays per-vertex arc lists out as a csr, each list sorted by head
// so that the layout does not depend on the order arcs were added.
func freeze(lists [][]arc) csr {
	var c csr
	c.First = make([]int32, len(lists)+1)
	m := 0
	for v, l := range lists {
		m += len(l)
		c.First[v+1] = int32(m)
	}
	c.Head = make([]int32, 0, m)
	c.Time = make([]uint32, 0, m)
	c.Hops = make([]int32, 0, m)
	c.Lmin = make([]float64, 0, m)
	c.Lmax = make([]float64, 0, m)
	for _, l := range lists {
		slices.SortFunc(l, func(a, b arc) int { return int(a.to) - int(b.to) })
		for _, a := range l {
			c.Head = append(c.Head, a.to)
			c.Time = append(c.Time, a.t)
			c.Hops = append(c.Hops, a.hops)
			c.Lmin = append(c.Lmin, a.lmin)
			c.Lmax = append(c.Lmax, a.lmax)
		}
	}
	return c
}
