package ch

import "github.com/saavu/saavu/internal/route"

// OneToAll writes into dist (one entry per vertex) the shortest time
// from the sources to every vertex, route.Unreached where there is none:
// an upward search from the sources, then one sweep down the hierarchy
// in reverse contraction order (PHAST). The times are those of a
// route.Dijkstra search from the same sources without a limit. It is not
// safe for concurrent use with the same Searcher.
func (h *Hierarchy) OneToAll(s *Searcher, src []route.Source, dist []uint32) {
	for i := range dist {
		dist[i] = noTime
	}
	for _, l := range s.s.run(&h.Up, src, s.labels[:0]) {
		dist[l.v] = l.t
	}
	down := &h.Down
	for i := len(h.Order) - 1; i >= 0; i-- {
		v := h.Order[i]
		best := uint64(dist[v])
		for e := down.First[v]; e < down.First[v+1]; e++ {
			if du := dist[down.Head[e]]; du != noTime {
				best = min(best, uint64(du)+uint64(down.Time[e]))
			}
		}
		if best < noTime {
			dist[v] = uint32(best)
		}
	}
}

// Searcher is the reusable state of OneToAll for one goroutine.
type Searcher struct {
	s      *search
	labels []label
}

// NewSearcher allocates search state for h.
func (h *Hierarchy) NewSearcher() *Searcher { return &Searcher{s: newSearch(h.NumVertices())} }
