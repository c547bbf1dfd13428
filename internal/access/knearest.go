package access

import (
	"slices"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
)

// NearestKResult holds, per origin, the times to its K nearest distinct
// services, nearest first. Rank r of origin i is at index i*K+r. Ranks an
// origin does not fill (fewer than K services within reach) hold
// Unreachable and service -1.
//
// Services are ordered by (time, service index): of two services at the
// same time the lower index ranks first.
type NearestKResult struct {
	K       int
	TimeMs  []uint32
	Service []int32
}

// At returns the time and service index of rank r (0 = nearest) of
// origin i.
func (r NearestKResult) At(i, rank int) (uint32, int32) {
	return r.TimeMs[i*r.K+rank], r.Service[i*r.K+rank]
}

// Len returns the number of origins.
func (r NearestKResult) Len() int {
	if r.K <= 0 {
		return 0
	}
	return len(r.TimeMs) / r.K
}

func newNearestK(n, k int) NearestKResult {
	r := NearestKResult{K: k, TimeMs: make([]uint32, n*k), Service: make([]int32, n*k)}
	for i := range r.TimeMs {
		r.TimeMs[i] = Unreachable
		r.Service[i] = -1
	}
	return r
}

// NearestK returns, for every origin, the times to its k nearest distinct
// services (the n-th nearest for n = 1..k), with one k-label multi-source
// search over the reversed graph instead of one search per origin.
// limitMs bounds the search (0 = none); k <= 0 gives a result without
// ranks. Unsnapped origins and services (Seg < 0) take no part.
//
// The search keeps up to k labels per vertex, each from a different
// service. Labels are settled in (time, service) order and a vertex is
// settled at most once per service and at most k times in all; only
// settled labels are propagated. This is exact: if service s is among the
// k nearest of v, it is among the k nearest of every vertex on the
// shortest path from v to s, for otherwise k services nearer to that
// vertex would also be nearer to v. The same argument carries a vertex's
// labels to the snapped origins beside it; travel along a single segment
// from an origin to a service on it is added directly, as in
// NearestService.
func NearestK(g *graph.Graph, origins, services []graph.Snap, k int, limitMs uint32) NearestKResult {
	var src []route.Source
	bySeg := map[int32][]int32{}
	nSnapped := 0
	for i, s := range services {
		if s.Seg < 0 {
			continue
		}
		nSnapped++
		src = route.InSources(s, int32(i), src)
		bySeg[s.Seg] = append(bySeg[s.Seg], int32(i))
	}
	k = max(k, 0)
	res := newNearestK(len(origins), k)
	// An origin cannot have more distinct services than there are.
	kk := min(k, nSnapped)
	if kk == 0 {
		return res
	}
	if limitMs == 0 {
		limitMs = Unreachable - 1
	}
	ks := newKSearch(g, kk)
	ks.run(src, limitMs)

	var cand []kLabel
	for i, o := range origins {
		if o.Seg < 0 {
			continue
		}
		cand = cand[:0]
		for _, a := range o.Out {
			if a.V < 0 || a.TimeMs == graph.NoTime {
				continue
			}
			base := uint64(a.TimeMs) + uint64(o.ConnMs)
			v := int(a.V)
			for j := range int(ks.cnt[v]) {
				if t := uint64(ks.time[v*kk+j]) + base; t <= uint64(limitMs) {
					cand = append(cand, kLabel{uint32(t), ks.svc[v*kk+j]})
				}
			}
		}
		for _, si := range bySeg[o.Seg] {
			if t, _, ok := direct(g, o, services[si]); ok && t <= limitMs {
				cand = append(cand, kLabel{t, si})
			}
		}
		row := i * k
		for r, l := range bestDistinct(cand, kk) {
			res.TimeMs[row+r], res.Service[row+r] = l.t, l.s
		}
	}
	return res
}

// kLabel is a time to a service.
type kLabel struct {
	t uint32
	s int32
}

func (a kLabel) less(b kLabel) bool { return a.t < b.t || (a.t == b.t && a.s < b.s) }

// bestDistinct sorts the labels by (time, service) in place and returns
// the first k with distinct services: each service's best time, nearest
// first.
func bestDistinct(c []kLabel, k int) []kLabel {
	slices.SortFunc(c, func(a, b kLabel) int {
		if a.less(b) {
			return -1
		}
		if b.less(a) {
			return 1
		}
		return 0
	})
	n := 0
	for _, l := range c {
		if n == k {
			break
		}
		dup := false
		for _, p := range c[:n] {
			if p.s == l.s {
				dup = true
				break
			}
		}
		if !dup {
			c[n] = l
			n++
		}
	}
	return c[:n]
}

// kSearch is the state of a k-label search: per vertex up to k settled
// labels (time and service), in the order they were settled.
type kSearch struct {
	g    *graph.Graph
	k    int
	cnt  []uint32 // settled labels per vertex
	time []uint32 // vertex v's labels at v*k .. v*k+cnt[v]-1
	svc  []int32
	heap kHeap
}

func newKSearch(g *graph.Graph, k int) *kSearch {
	n := g.NumVertices()
	return &kSearch{g: g, k: k, cnt: make([]uint32, n), time: make([]uint32, n*k), svc: make([]int32, n*k)}
}

// settled reports whether v holds a settled label of service s.
func (ks *kSearch) settled(v int32, s int32) bool {
	base := int(v) * ks.k
	for j := range int(ks.cnt[v]) {
		if ks.svc[base+j] == s {
			return true
		}
	}
	return false
}

// run performs the search over the reverse star from the sources, whose
// tags are service indices. Labels beyond limitMs are not kept.
func (ks *kSearch) run(sources []route.Source, limitMs uint32) {
	g := ks.g
	n := int32(g.NumVertices())
	for _, s := range sources {
		if s.V < 0 || s.V >= n || s.TimeMs > limitMs {
			continue
		}
		ks.heap.push(kItem{key: kKey(s.TimeMs, s.Tag), v: s.V})
	}
	first, head, tm := g.RevFirstOut, g.RevHead, g.RevTimeMs
	k := uint32(ks.k)
	for len(ks.heap) > 0 {
		it := ks.heap.pop()
		u := it.v
		tu, s := uint32(it.key>>32), int32(uint32(it.key))
		if ks.cnt[u] == k || ks.settled(u, s) {
			continue
		}
		p := int(u)*ks.k + int(ks.cnt[u])
		ks.time[p], ks.svc[p] = tu, s
		ks.cnt[u]++
		for e := first[u]; e < first[u+1]; e++ {
			v := head[e]
			t := uint64(tu) + uint64(tm[e])
			if t > uint64(limitMs) || ks.cnt[v] == k || ks.settled(v, s) {
				continue
			}
			ks.heap.push(kItem{key: kKey(uint32(t), s), v: v})
		}
	}
}

// kKey packs (time, service) so that keys order by time, then service.
func kKey(t uint32, s int32) uint64 { return uint64(t)<<32 | uint64(uint32(s)) }

// kItem is a heap entry: a tentative label of vertex v.
type kItem struct {
	key uint64
	v   int32
}

func (a kItem) less(b kItem) bool { return a.key < b.key || (a.key == b.key && a.v < b.v) }

// kHeap is a binary min-heap of items ordered by (time, service, vertex).
type kHeap []kItem

func (h *kHeap) push(x kItem) {
	a := append(*h, x)
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !x.less(a[p]) {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = x
	*h = a
}

func (h *kHeap) pop() kItem {
	a := *h
	top := a[0]
	n := len(a) - 1
	x := a[n]
	a = a[:n]
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && a[c+1].less(a[c]) {
			c++
		}
		if !a[c].less(x) {
			break
		}
		a[i] = a[c]
		i = c
	}
	if n > 0 {
		a[i] = x
	}
	*h = a
	return top
}
