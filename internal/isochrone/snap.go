package isochrone

import "github.com/saavu/saavu/internal/graph"

// DefaultMinPiece is the smallest connected piece of a street graph that
// start points are attached to. A start next to a short street cut off
// from the rest (a pedestrianised square's service lane, a clipped
// driveway) would otherwise reach only that piece; it is attached to the
// nearest street of a larger piece instead.
const DefaultMinPiece = 40

// Snapper attaches start points to a graph, skipping the streets of
// connected pieces smaller than a minimum size (the largest piece is never
// skipped, however small the graph).
type Snapper struct {
	g    *graph.Graph
	link *graph.Graph // g without the small pieces' segments; g when none
	seg  []int32      // segment of link -> segment of g; nil when link is g
}

// NewSnapper prepares snapping to g, skipping pieces of fewer than
// minPiece vertices (<= 1: skip nothing).
func NewSnapper(g *graph.Graph, minPiece int) *Snapper {
	s := &Snapper{g: g, link: g}
	if minPiece <= 1 || g == nil {
		return s
	}
	comp, sizes := g.Components()
	var largest int32
	for _, n := range sizes {
		largest = max(largest, n)
	}
	small := func(c int32) bool { return int(sizes[c]) < minPiece && sizes[c] < largest }
	keep := make([]int32, 0, len(g.SegU))
	for k, u := range g.SegU {
		if !small(comp[u]) {
			keep = append(keep, int32(k))
		}
	}
	if len(keep) == len(g.SegU) {
		return s
	}
	// A view of g whose snappable segments are those kept; vertices and
	// edges are shared.
	l := &graph.Graph{
		Mode: g.Mode, Lon: g.Lon, Lat: g.Lat, NodeID: g.NodeID,
		FirstOut: g.FirstOut, Head: g.Head, TimeMs: g.TimeMs, LenM: g.LenM,
		RevFirstOut: g.RevFirstOut, RevHead: g.RevHead, RevTimeMs: g.RevTimeMs, RevLenM: g.RevLenM,
		Ferries: g.Ferries, WalkSpeed: g.WalkSpeed,
		SegU: make([]int32, len(keep)), SegV: make([]int32, len(keep)), SegLenM: make([]float32, len(keep)),
		SegFwdMs: make([]uint32, len(keep)), SegBwdMs: make([]uint32, len(keep)),
	}
	for i, k := range keep {
		l.SegU[i], l.SegV[i], l.SegLenM[i] = g.SegU[k], g.SegV[k], g.SegLenM[k]
		l.SegFwdMs[i], l.SegBwdMs[i] = g.SegFwdMs[k], g.SegBwdMs[k]
	}
	l.PrepareSnap()
	s.link, s.seg = l, keep
	return s
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
	if s.seg != nil {
		sn.Seg = s.seg[sn.Seg]
	}
	st.Snap = sn
	return st, true
}
