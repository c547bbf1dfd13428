package access

import (
	"math"
	"slices"
	"sync"

	"github.com/saavu/saavu/internal/ch"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/parallel"
	"github.com/saavu/saavu/internal/route"
)

// CHStats says how StreetMatrixCH reached its result.
type CHStats struct {
	// Pairs is the number of pairs whose length was left open by the
	// hierarchy: shortest paths of different lengths tie, or the length
	// lies too close to a tenth of a metre to round safely.
	Pairs int
	// Rows is the number of origins whose times to every vertex were
	// computed for them (ch.OneToAll), to follow the path Dijkstra keeps.
	Rows int
	// DijkstraRows is the number of those origins searched again by
	// Dijkstra, where the path could not be told from the times alone.
	DijkstraRows int
}

// StreetMatrixCH computes the matrix StreetMatrix computes, from the
// contraction hierarchy h of g (ch.Build on this very graph), with one
// upward search per origin and per destination instead of a full search
// per origin.
//
// Times are those of StreetMatrix, to the millisecond, including the
// limit, same-segment pairs and unreachable pairs. Lengths are those of
// StreetMatrix rounded to a tenth of a metre (as the matrix outputs print
// them); unrounded, they may differ in the last bits of the sum, since the
// hierarchy adds the edges of a path in another order. Where shortest
// paths of equal time but different lengths tie (or a length lies within
// rounding error of a twentieth of a metre), the length StreetMatrix
// reports depends on the order its search settles vertices: for those
// origins the times to every vertex are computed (ch.OneToAll) and the
// path that search keeps is followed back from the destination
// (treeLength), which gives its length to the last bit; where that order
// hangs on edges of no time, the origin is searched by Dijkstra as
// StreetMatrix searches it, up to the farthest such pair. The result does
// not depend on the number of workers.
func StreetMatrixCH(g *graph.Graph, h *ch.Hierarchy, origins, dests []graph.Snap, limitMs uint32, workers int) (Matrix, CHStats) {
	var st CHStats
	m := Matrix{Rows: len(origins), Cols: len(dests), TimeMs: make([]uint32, len(origins)*len(dests)), LenM: make([]float64, len(origins)*len(dests))}
	for i := range m.TimeMs {
		m.TimeMs[i] = Unreachable
	}
	osrc := make([][]route.Source, len(origins))
	for i, o := range origins {
		if o.Seg >= 0 {
			osrc[i] = route.OutSources(o, 0, nil)
		}
	}
	dsrc := make([][]route.Source, len(dests))
	for j, d := range dests {
		if d.Seg >= 0 {
			dsrc[j] = route.InSources(d, 0, nil)
		}
	}
	tab := h.Matrix(osrc, dsrc, workers)
	bySeg := map[int32][]int32{}
	for j, d := range dests {
		if d.Seg >= 0 {
			bySeg[d.Seg] = append(bySeg[d.Seg], int32(j))
		}
	}
	within := func(t uint32) bool { return t != Unreachable && (limitMs == 0 || t <= limitMs) }
	var again []int         // origins to search again
	var againLimit []uint32 // up to which time
	var open []bool         // per pair of those origins: length left open
	for i, o := range origins {
		if o.Seg < 0 {
			continue
		}
		row := i * m.Cols
		rowOpen := uint32(0)
		for j, d := range dests {
			k := row + j
			if d.Seg < 0 || !within(tab.TimeMs[k]) {
				continue
			}
			m.TimeMs[k], m.LenM[k] = tab.TimeMs[k], tab.Lmin[k]
			lo, hi := tab.Lmin[k], tab.Lmax[k]
			if b := ch.ErrBound(hi, tab.Hops[k]); math.Round((lo-b)*10) != math.Round((hi+b)*10) {
				rowOpen = max(rowOpen, tab.TimeMs[k])
			}
		}
		for _, j := range bySeg[o.Seg] {
			k := row + int(j)
			if t, l, ok := direct(g, o, dests[j]); ok && t < m.TimeMs[k] && within(t) {
				m.TimeMs[k], m.LenM[k] = t, l
			}
		}
		if rowOpen == 0 {
			continue
		}
		// Pairs won by the same segment need no search.
		n := 0
		for j, d := range dests {
			k := row + j
			if d.Seg < 0 || !within(tab.TimeMs[k]) || m.TimeMs[k] != tab.TimeMs[k] {
				open = append(open, false)
				continue
			}
			lo, hi := tab.Lmin[k], tab.Lmax[k]
			b := ch.ErrBound(hi, tab.Hops[k])
			o := math.Round((lo-b)*10) != math.Round((hi+b)*10)
			open = append(open, o)
			if o {
				n++
			}
		}
		if n == 0 {
			open = open[:len(open)-m.Cols]
			continue
		}
		st.Pairs += n
		again = append(again, i)
		againLimit = append(againLimit, rowOpen)
	}
	st.Rows = len(again)
	// The lengths Dijkstra would record, read off the exact times to every
	// vertex (ch.OneToAll); rows it cannot tell are searched by Dijkstra.
	var mu sync.Mutex
	var slow []int // indices into again
	parallel.Each(len(again), workers, func() func(int) {
		s := h.NewSearcher()
		dist := make([]uint32, g.NumVertices())
		var path []float32
		return func(r int) {
			i := again[r]
			src := osrc[i]
			h.OneToAll(s, src, dist)
			row := i * m.Cols
			for j, dst := range dests {
				if !open[r*m.Cols+j] {
					continue
				}
				var l float64
				var ok bool
				if l, ok, path = treeLength(g, dist, h.Rank, src, dst, m.TimeMs[row+j], path); !ok {
					mu.Lock()
					slow = append(slow, r)
					mu.Unlock()
					return
				}
				m.LenM[row+j] = l
			}
		}
	})
	slices.Sort(slow)
	st.DijkstraRows = len(slow)
	parallel.Each(len(slow), workers, func() func(int) {
		d := route.NewDijkstra(g)
		var src []route.Source
		return func(k int) {
			r := slow[k]
			i := again[r]
			src = route.OutSources(origins[i], 0, src[:0])
			d.Run(false, src, againLimit[r])
			row := i * m.Cols
			for j, dst := range dests {
				if !open[r*m.Cols+j] {
					continue
				}
				// The time is the hierarchy's (the tests hold them equal);
				// the length is that of the path this search settles on.
				_, l, _ := d.ToPoint(dst)
				m.LenM[row+j] = l
			}
		}
	})
	return m, st
}
