package osm_test

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/saavu/saavu/data/osm"
)

func ExampleRead() {
	ext, err := osm.Read(context.Background(), filepath.Join("..", "..", "testdata", "osm", "reader.osm"), osm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d ways, %d nodes, %d points of interest\n", ext.Format, len(ext.Ways), len(ext.NodeIDs), len(ext.POIs))
	for _, w := range ext.Ways {
		fmt.Printf("way %d %v %v\n", w.ID, w.Nodes, w.Tags)
	}
	lon, lat, _ := ext.Coord(3)
	fmt.Println("node 3 at", lon, lat)
	fmt.Println(ext.POIs[0].Kind, ext.POIs[0].Name)
	fmt.Println(ext.Counts.MissingRefs, "references to missing nodes dropped")
	// Output:
	// xml: 3 ways, 8 nodes, 6 points of interest
	// way 201 [1 2 3] [{highway residential} {name Koulukatu} {cycleway:right track} {oneway:bicycle no} {maxspeed 30}]
	// way 202 [3 4] [{route ferry} {duration PT15M}]
	// way 203 [1 2] [{highway footway}]
	// node 3 at 23.7 61.502
	// amenity=pharmacy Apteekki
	// 2 references to missing nodes dropped
}
