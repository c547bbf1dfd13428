package route

import (
	"container/heap"
	"slices"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
)

// turnRef is a plain reference for drives under turn restrictions: a
// search over the segment direction a car arrives by (edge-based), on the
// segments of a graph built without restrictions, with the restrictions
// read straight from the extract. It shares no code with the node
// splitting of package graph.
type turnRef struct {
	g     *graph.Graph
	leave [][]int32 // per vertex: segment directions (2*seg, +1 backward) leaving it
	rules map[int32][]refRule
}

type refRule struct {
	depart []int32
	only   bool
}

func newTurnRef(g *graph.Graph, ext *osm.Extract) *turnRef {
	r := &turnRef{g: g, leave: make([][]int32, g.NumVertices()), rules: map[int32][]refRule{}}
	for s := range g.SegU {
		if g.SegFwdMs[s] != graph.NoTime {
			r.leave[g.SegU[s]] = append(r.leave[g.SegU[s]], int32(2*s))
		}
		if g.SegBwdMs[s] != graph.NoTime {
			r.leave[g.SegV[s]] = append(r.leave[g.SegV[s]], int32(2*s+1))
		}
	}
	wayEnds := func(id int64) (first, last int32, ok bool) {
		first, last = -1, -1
		for s, w := range g.SegWay {
			if w == id {
				if first < 0 {
					first = int32(s)
				}
				last = int32(s)
			}
		}
		return first, last, first >= 0
	}
	for _, x := range ext.Restrictions {
		if x.ViaIsWay {
			continue
		}
		f0, f1, okF := wayEnds(x.From)
		t0, t1, okT := wayEnds(x.To)
		v, okV := slices.BinarySearch(g.NodeID, x.Via[0])
		if !okF || !okT || !okV {
			continue
		}
		var arrive, depart []int32
		if g.SegU[f0] == int32(v) {
			arrive = append(arrive, 2*f0+1)
		}
		if g.SegV[f1] == int32(v) {
			arrive = append(arrive, 2*f1)
		}
		if g.SegU[t0] == int32(v) {
			depart = append(depart, 2*t0)
		}
		if g.SegV[t1] == int32(v) {
			depart = append(depart, 2*t1+1)
		}
		if len(depart) == 0 {
			continue
		}
		for _, a := range arrive {
			r.rules[a] = append(r.rules[a], refRule{depart, x.Only})
		}
	}
	return r
}

func (r *turnRef) allowed(arrive, depart int32) bool {
	rules := r.rules[arrive]
	only, inOnly := false, false
	for _, x := range rules {
		if slices.Contains(x.depart, depart) {
			if !x.only {
				return false
			}
			inOnly = true
		}
		only = only || x.only
	}
	return !only || inOnly
}

type refItem struct {
	ms    uint64
	state int32
}
type refHeap []refItem

func (h refHeap) Len() int           { return len(h) }
func (h refHeap) Less(i, j int) bool { return h[i].ms < h[j].ms }
func (h refHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *refHeap) Push(x any)        { *h = append(*h, x.(refItem)) }
func (h *refHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// times returns the fastest drive from vertex src to every vertex.
// States are segment directions arrived by (2*seg, +1 backward) and, from
// 2*segments on, vertices arrived at without restriction (the start, or
// off a ferry).
func (r *turnRef) times(src int32) []uint32 {
	g := r.g
	ns := int32(2 * len(g.SegU))
	dist := make([]uint64, int(ns)+g.NumVertices())
	for i := range dist {
		dist[i] = 1 << 62
	}
	out := make([]uint32, g.NumVertices())
	for i := range out {
		out[i] = Unreached
	}
	h := &refHeap{{0, ns + src}}
	dist[ns+src] = 0
	for h.Len() > 0 {
		it := heap.Pop(h).(refItem)
		if it.ms != dist[it.state] {
			continue
		}
		var v int32
		if it.state >= ns {
			v = it.state - ns
		} else if s := it.state / 2; it.state%2 == 0 {
			v = g.SegV[s]
		} else {
			v = g.SegU[s]
		}
		out[v] = min(out[v], uint32(it.ms))
		relax := func(state int32, ms uint32) {
			if t := it.ms + uint64(ms); t < dist[state] {
				dist[state] = t
				heap.Push(h, refItem{t, state})
			}
		}
		restricted := it.state < ns && len(r.rules[it.state]) > 0
		for _, d := range r.leave[v] {
			if restricted && !r.allowed(it.state, d) {
				continue
			}
			ms := g.SegFwdMs[d/2]
			if d%2 == 1 {
				ms = g.SegBwdMs[d/2]
			}
			relax(d, ms)
		}
		for _, f := range g.Ferries {
			if restricted && !r.allowed(it.state, -1) {
				continue
			}
			if f.U == v {
				relax(ns+f.V, f.TimeMs)
			}
			if f.V == v {
				relax(ns+f.U, f.TimeMs)
			}
		}
	}
	return out
}
