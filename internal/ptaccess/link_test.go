package ptaccess

import (
	"path/filepath"
	"testing"
)

// TestIslands links a point next to the island of testdata/osm/town.osm
// (a street 25 - 26 - 27 that joins nothing: two ends, 26 a shape point,
// so an island of 2 in R5's count) to the town beyond it, and to the
// island itself when islands are kept.
func TestIslands(t *testing.T) {
	root := repoRoot(t)
	g := buildWalk(t, filepath.Join(root, "testdata", "osm", "town.osm"), 1.2)
	tt, day := compileDay(t, "20240108", filepath.Join(root, "testdata", "ptaccess", "gtfs"))
	comp, sizes := g.Components()
	cases := []struct {
		name      string
		minIsland int
		onIsland  bool
	}{
		{"default", 0, false},
		{"kept", -1, true},
		{"the island's size", 2, true},
		{"just above the island", 3, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			net, err := NewNetwork(g, tt, day, Options{MinIsland: c.minIsland})
			if err != nil {
				t.Fatal(err)
			}
			s, ok := net.Snap(23.722, 61.490, 5000) // node 26
			if !ok {
				t.Fatal("no snap")
			}
			if net.Walk() != g {
				t.Fatal("Walk() is not the graph given")
			}
			island := sizes[comp[g.SegU[s.Seg]]] == 3
			if island != c.onIsland {
				t.Errorf("snapped on the island: %v, want %v (connector %.0f m)", island, c.onIsland, s.ConnM)
			}
			if c.onIsland && s.ConnM > 1 {
				t.Errorf("connector %.1f m onto the island, want 0", s.ConnM)
			}
			// Points elsewhere snap as on the full graph.
			s1, _ := net.Snap(23.701, 61.5, 100)
			s2, _ := g.Snap(23.701, 61.5, 100)
			if s1.Seg != s2.Seg || s1.ConnM != s2.ConnM || s1.Frac != s2.Frac {
				t.Errorf("town point snapped differently: %+v vs %+v", s1, s2)
			}
		})
	}
}
