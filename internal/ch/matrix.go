package ch

import (
	"math"

	"github.com/saavu/saavu/internal/keyheap"
	"github.com/saavu/saavu/internal/parallel"
	"github.com/saavu/saavu/internal/route"
)

// Table is the result of Matrix, row-major by origin: entry o*Cols+t.
type Table struct {
	Rows, Cols int
	// TimeMs is the shortest time, route.Unreached where there is no path.
	TimeMs []uint32
	// Lmin and Lmax bound the lengths of the shortest paths (equal when
	// all of them have one length), each summed in its own order.
	Lmin, Lmax []float64
	// Hops is the most edges of the graph on any of those paths: with
	// it, callers bound the rounding error of the sums (see ErrBound).
	Hops []int32
}

// label is a vertex reached by an upward search.
type label struct {
	v          int32
	t          uint32
	hops       int32
	lmin, lmax float64
}

// entry is a target's label stored in a bucket.
type entry struct {
	target     int32
	t          uint32
	hops       int32
	lmin, lmax float64
}

// search is the reusable state of upward searches.
type search struct {
	dist       []uint32
	stalled    []bool
	hops       []int32
	lmin, lmax []float64
	touched    []int32
	heap       keyheap.Heap
}

func newSearch(n int) *search {
	s := &search{dist: make([]uint32, n), stalled: make([]bool, n), hops: make([]int32, n), lmin: make([]float64, n), lmax: make([]float64, n)}
	for i := range s.dist {
		s.dist[i] = noTime
	}
	return s
}

// relax offers v the time t and length range [lo, hi]: a faster time
// replaces its label, an equal one widens the range (and v is searched
// again from, so the wider range spreads).
func (s *search) relax(v int32, t uint32, hops int32, lo, hi float64) {
	switch {
	case t < s.dist[v]:
		if s.dist[v] == noTime {
			s.touched = append(s.touched, v)
		}
		s.dist[v], s.hops[v], s.lmin[v], s.lmax[v] = t, hops, lo, hi
	case t == s.dist[v] && (lo < s.lmin[v] || hi > s.lmax[v] || hops > s.hops[v]):
		s.lmin[v], s.lmax[v], s.hops[v] = min(s.lmin[v], lo), max(s.lmax[v], hi), max(s.hops[v], hops)
	default:
		return
	}
	s.heap.Push(uint64(t)<<32 | uint64(uint32(v)))
}

// run searches c upward from the sources to the end and returns the
// labels reached, in the order first reached, less those stalled: a
// vertex whose label an arc of opp (the reversed upward arcs) beats
// strictly from a vertex above it lies on no shortest path from the
// sources in its label (stall-on-demand), so it is neither searched from
// nor returned.
func (s *search) run(c, opp *csr, src []route.Source, out []label) []label {
	for _, v := range s.touched {
		s.dist[v] = noTime
		s.stalled[v] = false
	}
	s.touched = s.touched[:0]
	s.heap = s.heap[:0]
	for _, x := range src {
		if x.V >= 0 && int(x.V) < len(s.dist) && x.TimeMs < noTime {
			s.relax(x.V, x.TimeMs, 0, x.LenM, x.LenM)
		}
	}
	for len(s.heap) > 0 {
		k := s.heap.Pop()
		u := int32(uint32(k))
		tu := uint32(k >> 32)
		if tu != s.dist[u] || s.stalled[u] {
			continue
		}
		for e := opp.First[u]; e < opp.First[u+1]; e++ {
			if dw := s.dist[opp.Head[e]]; dw != noTime && uint64(dw)+uint64(opp.Time[e]) < uint64(tu) {
				s.stalled[u] = true
				break
			}
		}
		if s.stalled[u] {
			continue
		}
		lo, hi, hu := s.lmin[u], s.lmax[u], s.hops[u]
		for e := c.First[u]; e < c.First[u+1]; e++ {
			t := uint64(tu) + uint64(c.Time[e])
			if t >= noTime {
				continue
			}
			s.relax(c.Head[e], uint32(t), hu+c.Hops[e], lo+c.Lmin[e], hi+c.Lmax[e])
		}
	}
	for _, v := range s.touched {
		if !s.stalled[v] {
			out = append(out, label{v, s.dist[v], s.hops[v], s.lmin[v], s.lmax[v]})
		}
	}
	return out
}

// Matrix computes the shortest times from each origin to each target.
// An origin is given by the sources of a forward search (route.OutSources
// of a snapped point), a target by those of a reverse search
// (route.InSources); the time of a pair is the least over the ways from
// an origin source to a target source of the source times plus the path
// between, as route.Dijkstra and its ToPoint find it. Work is spread over
// workers goroutines; the result does not depend on their number.
func (h *Hierarchy) Matrix(origins, targets [][]route.Source, workers int) Table {
	n := h.NumVertices()
	workers = max(1, workers)
	// Reverse upward searches from the targets.
	spaces := make([][]label, len(targets))
	parallel.Each(len(targets), workers, func() func(int) {
		s := newSearch(n)
		return func(j int) { spaces[j] = s.run(&h.Down, &h.Up, targets[j], nil) }
	})
	// Buckets: the labels of the targets by vertex, in target order.
	first := make([]int32, n+1)
	for _, sp := range spaces {
		for _, l := range sp {
			first[l.v+1]++
		}
	}
	for v := range n {
		first[v+1] += first[v]
	}
	fill := make([]int32, n)
	copy(fill, first[:n])
	buckets := make([]entry, first[n])
	for j, sp := range spaces {
		for _, l := range sp {
			buckets[fill[l.v]] = entry{int32(j), l.t, l.hops, l.lmin, l.lmax}
			fill[l.v]++
		}
		spaces[j] = nil
	}
	fill = nil

	cols := len(targets)
	tab := Table{Rows: len(origins), Cols: cols,
		TimeMs: make([]uint32, len(origins)*cols),
		Lmin:   make([]float64, len(origins)*cols),
		Lmax:   make([]float64, len(origins)*cols),
		Hops:   make([]int32, len(origins)*cols)}
	parallel.Each(len(origins), workers, func() func(int) {
		s := newSearch(n)
		var labels []label
		best := make([]uint64, cols)
		return func(i int) {
			for j := range best {
				best[j] = noTime
			}
			row := i * cols
			lo, hi, hp := tab.Lmin[row:row+cols], tab.Lmax[row:row+cols], tab.Hops[row:row+cols]
			labels = s.run(&h.Up, &h.Down, origins[i], labels[:0])
			for _, l := range labels {
				for _, b := range buckets[first[l.v]:first[l.v+1]] {
					t := uint64(l.t) + uint64(b.t)
					j := b.target
					switch {
					case t < best[j]:
						best[j], lo[j], hi[j], hp[j] = t, l.lmin+b.lmin, l.lmax+b.lmax, l.hops+b.hops
					case t == best[j]:
						lo[j], hi[j], hp[j] = min(lo[j], l.lmin+b.lmin), max(hi[j], l.lmax+b.lmax), max(hp[j], l.hops+b.hops)
					}
				}
			}
			for j, t := range best {
				if t >= noTime {
					tab.TimeMs[row+j], lo[j], hi[j], hp[j] = route.Unreached, 0, 0, 0
				} else {
					tab.TimeMs[row+j] = uint32(t)
				}
			}
		}
	})
	return tab
}

// ErrBound bounds how far a length summed over a path of hops edges (plus
// the few terms of its two ends), in any order of float64 additions, can
// lie from the same length summed in another order: each addition rounds
// by at most half a unit in the last place of the total, and a path of
// hops edges takes at most 2*hops+4 additions in either order.
func ErrBound(total float64, hops int32) float64 {
	ulp := math.Nextafter(total, math.Inf(1)) - total
	return float64(4*int64(hops)+16) * ulp
}
