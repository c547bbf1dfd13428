package isochrone

import "github.com/saavu/saavu/internal/graph"

// DefaultMinPiece is the smallest connected piece of a street graph that
// start points are attached to. A start next to a short street cut off
// from the rest (a pedestrianised square's service lane, a clipped
// driveway) would otherwise reach only that piece; it is attached to the
// nearest street of a larger piece instead.
const DefaultMinPiece = graph.DefaultMinIsland

// Snapper attaches start points to a graph, skipping the streets of
// connected pieces smaller than a minimum size (the largest piece is never
// skipped, however small the graph).
type Snapper struct {
	link *graph.Linker // nil for a nil graph
}

// NewSnapper prepares snapping to g, skipping pieces of fewer than
// minPiece vertices (<= 1: skip nothing).
func NewSnapper(g *graph.Graph, minPiece int) *Snapper {
	if g == nil {
		return &Snapper{}
	}
	return &Snapper{link: graph.NewLinker(g, minPiece)}
}

// Snap attaches (lon, lat) to the nearest street within maxSnapM metres
// outside the small pieces, as a Start on the graph given to NewSnapper;
// a point with no such street gets Snap.Seg = -1 and ok false.
func (s *Snapper) Snap(lon, lat, maxSnapM float64) (st Start, ok bool) {
	st = Start{Lon: lon, Lat: lat}
	if s.link == nil {
		st.Snap.Seg = -1
		return st, false
	}
	sn, ok := s.link.Snap(lon, lat, maxSnapM)
	if !ok {
		st.Snap.Seg = -1
		return st, false
	}
	st.Snap = sn
	return st, true
}
