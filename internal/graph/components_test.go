package graph

import (
	"testing"

	"github.com/saavu/saavu/data/osm"
)

// Junctions: ends and nodes of more or fewer than two neighbours count,
// shape points in the middle of a street do not.
func TestJunctions(t *testing.T) {
	// A street 1-2-3-4 crossed at 3 by 5-3, and a loop-free stub 6-7.
	d := 0.001
	ext := &osm.Extract{
		NodeIDs: []int64{1, 2, 3, 4, 5, 6, 7},
		Lon:     []float64{25, 25 + d, 25 + 2*d, 25 + 3*d, 25 + 2*d, 25 + 10*d, 25 + 11*d},
		Lat:     []float64{0, 0, 0, 0, d, 5 * d, 5 * d},
		Ways: []osm.Way{
			{ID: 1, Nodes: []int64{1, 2, 3, 4}, Tags: osm.Tags{{Key: "highway", Value: "residential"}}},
			{ID: 2, Nodes: []int64{5, 3}, Tags: osm.Tags{{Key: "highway", Value: "residential"}}},
			{ID: 3, Nodes: []int64{6, 7}, Tags: osm.Tags{{Key: "highway", Value: "residential"}}},
		},
	}
	g, _, err := Build(ext, Walk, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]bool{1: true, 2: false, 3: true, 4: true, 5: true, 6: true, 7: true}
	j := g.Junctions()
	for node, w := range want {
		if got := j[vertex(t, g, node)]; got != w {
			t.Errorf("node %d: junction %v, want %v", node, got, w)
		}
	}
	// The stub is an island of 2 junctions: a minimum of 3 skips it, 2
	// keeps it.
	for _, c := range []struct {
		min      int
		onIsland bool
	}{{3, false}, {2, true}} {
		s, ok := NewLinker(g, c.min).Snap(25+10.5*d, 5*d+0.0001, 5000)
		if !ok {
			t.Fatal("no snap")
		}
		if on := g.SegWay[s.Seg] == 3; on != c.onIsland {
			t.Errorf("min %d: snapped onto the stub %v, want %v", c.min, on, c.onIsland)
		}
	}
}
