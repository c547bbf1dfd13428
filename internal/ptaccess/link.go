package ptaccess

import "github.com/saavu/saavu/internal/graph"

// DefaultMinIsland is the smallest connected piece of the walk graph that
// points and stops are linked to: R5 removes pieces of fewer than 40
// vertices (StreetLayer.MIN_SUBGRAPH_SIZE), so a point next to a short
// isolated footway is linked to the street network beyond it instead.
const DefaultMinIsland = 40

// linkGraph returns the graph points are snapped to: g itself, or a copy
// of g sharing its arrays whose snappable segments leave out the
// connected components of fewer than minIsland vertices, except the
// largest component. Vertices and edges are unchanged. seg maps a segment
// of the copy to the same segment of g (nil when the copy is g), so that
// snaps are always expressed in g's segments.
func linkGraph(g *graph.Graph, minIsland int) (link *graph.Graph, seg []int32) {
	if minIsland <= 1 {
		return g, nil
	}
	comp, sizes := g.Components()
	largest := int32(0)
	for _, s := range sizes {
		largest = max(largest, s)
	}
	// The largest component is never an island, however small the graph.
	island := func(c int32) bool { return int(sizes[c]) < minIsland && sizes[c] < largest }
	small := false
	for c := range sizes {
		if island(int32(c)) {
			small = true
			break
		}
	}
	if !small {
		return g, nil
	}
	c := &graph.Graph{
		Mode: g.Mode, Lon: g.Lon, Lat: g.Lat, NodeID: g.NodeID,
		FirstOut: g.FirstOut, Head: g.Head, TimeMs: g.TimeMs, LenM: g.LenM,
		RevFirstOut: g.RevFirstOut, RevHead: g.RevHead, RevTimeMs: g.RevTimeMs, RevLenM: g.RevLenM,
		Ferries: g.Ferries, WalkSpeed: g.WalkSpeed,
	}
	for s, u := range g.SegU {
		if island(comp[u]) {
			continue
		}
		c.SegU = append(c.SegU, u)
		c.SegV = append(c.SegV, g.SegV[s])
		c.SegLenM = append(c.SegLenM, g.SegLenM[s])
		c.SegFwdMs = append(c.SegFwdMs, g.SegFwdMs[s])
		c.SegBwdMs = append(c.SegBwdMs, g.SegBwdMs[s])
		if s < len(g.SegWay) {
			c.SegWay = append(c.SegWay, g.SegWay[s])
		}
		seg = append(seg, int32(s))
	}
	return c, seg
}

// Snap attaches the point (lon, lat) to the nearest walkable street
// within maxSnapM metres that is not on an island of fewer than MinIsland
// vertices; false when there is none. The snap is on the walk graph
// given to NewNetwork. Points snapped by that graph directly work as well,
// but may be left on an island that leads nowhere.
func (n *Network) Snap(lon, lat, maxSnapM float64) (graph.Snap, bool) {
	s, ok := n.link.Snap(lon, lat, maxSnapM)
	if ok && n.linkSeg != nil {
		s.Seg = n.linkSeg[s.Seg]
	}
	return s, ok
}

// SnapAll snaps many points (lon, lat) like Snap; a point that does not
// snap gets Seg = -1, which Matrix and NearestCategory treat as
// unreachable. ok counts the points that snapped.
func (n *Network) SnapAll(points [][2]float64, maxSnapM float64) (snaps []graph.Snap, ok int) {
	snaps, oks := n.link.SnapAll(points, maxSnapM, n.opts.Workers)
	for i, v := range oks {
		switch {
		case !v:
			snaps[i] = graph.Snap{Seg: -1}
		case n.linkSeg != nil:
			snaps[i].Seg = n.linkSeg[snaps[i].Seg]
			ok++
		default:
			ok++
		}
	}
	return snaps, ok
}
