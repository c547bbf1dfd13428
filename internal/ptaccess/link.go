package ptaccess

import "github.com/saavu/saavu/internal/graph"

// DefaultMinIsland is the smallest connected piece of the walk graph that
// points and stops are linked to (graph.DefaultMinIsland, as in R5).
const DefaultMinIsland = graph.DefaultMinIsland

// Snap attaches the point (lon, lat) to the nearest walkable street
// within maxSnapM metres that is not on an island of fewer than MinIsland
// vertices; false when there is none. The snap is on the walk graph
// given to NewNetwork. Points snapped by that graph directly work as well,
// but may be left on an island that leads nowhere.
func (n *Network) Snap(lon, lat, maxSnapM float64) (graph.Snap, bool) {
	return n.linker.Snap(lon, lat, maxSnapM)
}

// SnapAll snaps many points (lon, lat) like Snap; a point that does not
// snap gets Seg = -1, which Matrix and NearestCategory treat as
// unreachable. ok counts the points that snapped.
func (n *Network) SnapAll(points [][2]float64, maxSnapM float64) (snaps []graph.Snap, ok int) {
	snaps, oks := n.linker.SnapAll(points, maxSnapM, n.opts.Workers)
	for i, v := range oks {
		if !v {
			snaps[i] = graph.Snap{Seg: -1}
			continue
		}
		ok++
	}
	return snaps, ok
}
