package netfile_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/saavu/saavu/data/netfile"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
)

func Example() {
	ext, err := osm.Read(context.Background(), filepath.Join("..", "..", "testdata", "osm", "town.osm"), osm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := graph.DefaultParams()
	walk, _, _ := graph.Build(ext, graph.Walk, p)
	car, _, _ := graph.Build(ext, graph.Car, p)
	n := &netfile.Network{
		Header: netfile.Header{SaavuVersion: "v1.0.0", Params: netfile.ParamsOf(p, []graph.Mode{graph.Walk, graph.Car}, 20)},
		Graphs: map[graph.Mode]*graph.Graph{graph.Walk: walk, graph.Car: car},
		POIs:   ext.POIs,
	}
	dir, _ := os.MkdirTemp("", "netfile")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "town.saavu")
	if err := netfile.Write(path, n); err != nil {
		fmt.Println(err)
		return
	}

	got, err := netfile.Read(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("format %d by saavu %s, buffer %g km\n", got.Header.Format, got.Header.SaavuVersion, got.Header.Params.BufferKm)
	for _, m := range got.Modes() {
		g, _ := got.Graph(m)
		fmt.Printf("%s: %d vertices, %d edges\n", m, g.NumVertices(), g.NumEdges())
	}
	if _, err := got.Graph(graph.Bike); err != nil {
		fmt.Println("bike:", err != nil)
	}
	fmt.Printf("%d points of interest, timetable %v\n", len(got.POIs), got.Timetable != nil)
	// Output:
	// format 2 by saavu v1.0.0, buffer 20 km
	// walk: 24 vertices, 58 edges
	// car: 19 vertices, 39 edges
	// bike: true
	// 1 points of interest, timetable false
}
