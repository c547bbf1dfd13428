package prepare_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/saavu/saavu/data/netfile"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/prepare"
)

// Prepare the hand-made line fixture: a street along the equator and a
// small feed, clipped to a region 2.2 km long plus 1 km.
func Example() {
	dir, _ := os.MkdirTemp("", "prepare")
	defer os.RemoveAll(dir)
	td := filepath.Join("..", "..", "testdata", "prepare")
	o := &prepare.Options{
		OSM:      filepath.Join(td, "line.osm"),
		Feeds:    []prepare.Source{{Name: "line", Path: filepath.Join(td, "gtfs")}},
		Regions:  filepath.Join(td, "regions.geojson"),
		BufferKm: 1,
		Modes:    []graph.Mode{graph.Car},
		Out:      filepath.Join(dir, "line.saavu"),
	}
	sum, err := prepare.Run(context.Background(), o)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("ways %d kept, %d outside; stops %d of %d; trips %d of %d, %d cut\n", sum.Ways, sum.WaysOutside,
		sum.Transit.StopsKept, sum.Transit.Stops, sum.Transit.TripsKept, sum.Transit.Trips, sum.Transit.TripsCut)

	n, err := netfile.Read(o.Out)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("modes:", n.Header.Params.Modes, "buffer:", n.Header.Params.BufferKm, "km")
	// Output:
	// ways 2 kept, 2 outside; stops 4 of 7; trips 3 of 4, 2 cut
	// modes: [walk car] buffer: 1 km
}
