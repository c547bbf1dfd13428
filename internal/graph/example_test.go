package graph_test

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
)

func Example() {
	ext, err := osm.Read(context.Background(), filepath.Join("..", "..", "testdata", "osm", "town.osm"), osm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, mode := range []graph.Mode{graph.Walk, graph.Bike, graph.Car} {
		g, _, err := graph.Build(ext, mode, graph.DefaultParams())
		if err != nil {
			fmt.Println(err)
			return
		}
		_, sizes := g.Components()
		fmt.Printf("%s: %d vertices, %d edges, %d ferries, components %v\n",
			mode, g.NumVertices(), g.NumEdges(), len(g.Ferries), sizes)
	}
	car, _, _ := graph.Build(ext, graph.Car, graph.DefaultParams())
	s, ok := car.Snap(23.7004, 61.50095, 50) // beside the one-way street 4 -> 5
	fmt.Printf("snapped %v at %.1f%%, connector %.1f m, to the end %d ms, back to the start %v\n",
		ok, s.Frac*100, s.ConnM, s.Out[1].TimeMs, s.Out[0].TimeMs == graph.NoTime)
	// Output:
	// walk: 24 vertices, 58 edges, 2 ferries, components [21 3]
	// bike: 23 vertices, 50 edges, 2 ferries, components [20 3]
	// car: 19 vertices, 39 edges, 1 ferries, components [16 3]
	// snapped true at 20.0%, connector 5.6 m, to the end 6112 ms, back to the start true
}

// A car graph with the turn restrictions of testdata/osm/turns.osm: the
// via nodes get copies, the way nodes and segments stay as they were.
func ExampleStats_TurnCounts() {
	ext, err := osm.Read(context.Background(), filepath.Join("..", "..", "testdata", "osm", "turns.osm"), osm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	g, st, err := graph.Build(ext, graph.Car, graph.DefaultParams())
	if err != nil {
		fmt.Println(err)
		return
	}
	c := st.TurnCounts()
	fmt.Printf("read %d, applied %d, via ways %d, via not at an end %d\n", len(ext.Restrictions),
		c["turn_restrictions"], c["turn_restrictions_skipped_via_way"], c["turn_restrictions_skipped_via_not_at_end"])
	fmt.Printf("%d way nodes, %d turn copies, %d segments\n", g.NumNodeVertices(), st.TurnCopies, len(g.SegU))
	// Output:
	// read 7, applied 5, via ways 1, via not at an end 1
	// 9 way nodes, 16 turn copies, 9 segments
}
