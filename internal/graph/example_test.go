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
