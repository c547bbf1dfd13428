package graph

import (
	"math"
	"testing"
)

// On the town fixture, the island without a ferry (nodes 25-27) is a piece
// of 3 vertices: a point next to it snaps there by plain Snap, and to the
// town's streets by a Linker, or not at all when those are too far.
func TestLinkerSkipsIslands(t *testing.T) {
	g := buildTown(t, Walk, DefaultParams())
	comp, sizes := g.Components()
	// A point on the no-ferry island: the position of node 26.
	var v26 int32 = -1
	for v, id := range g.NodeID {
		if id == 26 {
			v26 = int32(v)
		}
	}
	if v26 < 0 {
		t.Fatal("node 26 not in the walk graph")
	}
	if sizes[comp[v26]] >= DefaultMinIsland {
		t.Fatalf("fixture assumption: the island has %d vertices", sizes[comp[v26]])
	}
	lon, lat := g.Lon[v26], g.Lat[v26]
	plain, ok := g.Snap(lon, lat, 100000)
	if !ok || comp[g.SegU[plain.Seg]] != comp[v26] {
		t.Fatalf("plain snap did not land on the island: %+v", plain)
	}
	l := NewLinker(g, DefaultMinIsland)
	s, ok := l.Snap(lon, lat, 100000)
	if !ok {
		t.Fatal("linker found no street within 100 km")
	}
	if comp[g.SegU[s.Seg]] == comp[v26] {
		t.Fatal("linker snapped onto the island")
	}
	if !(s.ConnM > plain.ConnM) || math.IsNaN(s.ConnM) {
		t.Errorf("connector %v should be longer than the island's %v", s.ConnM, plain.ConnM)
	}
	// Within a short distance there is no street off the island.
	if _, ok := l.Snap(lon, lat, 1); ok {
		t.Error("linker snapped within 1 m although only the island is that near")
	}
	// minIsland 1 skips nothing.
	if s1, _ := NewLinker(g, 1).Snap(lon, lat, 100000); s1.Seg != plain.Seg {
		t.Errorf("NewLinker(g, 1) snapped to segment %d, plain Snap to %d", s1.Seg, plain.Seg)
	}
}
