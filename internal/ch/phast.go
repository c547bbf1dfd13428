package ch

import "github.com/saavu/saavu/internal/route"

// OneToAll writes into dist (one entry per vertex, indexed by rank: the
// time to vertex v is dist[h.Rank[v]]) the shortest time from the
// sources to every vertex, route.Unreached where there is none: an
// upward search from the sources, then one sweep down the hierarchy in
// reverse contraction order (PHAST), which reads the arcs in the order
// they are stored. The times are those of a route.Dijkstra search from
// the same sources without a limit. A Searcher serves one goroutine.
func (h *Hierarchy) OneToAll(s *Searcher, src []route.Source, dist []uint32) {
	for i := range dist {
		dist[i] = noTime
	}
	s.labels = s.s.run(&h.Up, &h.Down, src, s.labels[:0])
	for _, l := range s.labels {
		dist[h.Rank[l.v]] = l.t
	}
	first, head, tm := h.sweepFirst, h.sweepHead, h.sweepTime
	for r := len(dist) - 1; r >= 0; r-- {
		best := uint64(dist[r])
		for e := first[r]; e < first[r+1]; e++ {
			if du := dist[head[e]]; du != noTime {
				best = min(best, uint64(du)+uint64(tm[e]))
			}
		}
		if best < noTime {
			dist[r] = uint32(best)
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
