package isochrone_test

import (
	"context"
	"fmt"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/isochrone"
)

// Walking from the south-west corner of a ring road around a lake: the
// ring is 4.8 km long, so after 45 minutes all of it and a 250 m strip on
// each side are reached, and the middle of the lake is a hole. The strip
// is 1700² - 700² m² less the rounded outer corners, 4 (1 - π/4) 250² m²:
// 2.35 km².
func Example() {
	ext, err := osm.Read(context.Background(), "../../testdata/isochrones/ring.osm", osm.Options{SkipPOIs: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	g, _, err := graph.Build(ext, graph.Walk, graph.DefaultParams())
	if err != nil {
		fmt.Println(err)
		return
	}
	start, ok := isochrone.NewSnapper(g, isochrone.DefaultMinPiece).Snap(23.98683373, 61.57017718, 1000)
	if !ok {
		fmt.Println("the start is not near a street")
		return
	}
	r, err := isochrone.Times(context.Background(), g, []isochrone.Start{start}, isochrone.Options{LimitMin: 45, ResolutionM: 50})
	if err != nil {
		fmt.Println(err)
		return
	}
	bands, err := isochrone.Bands(r, []float64{10, 45})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range bands {
		holes := 0
		for _, p := range b.Geom {
			holes += len(p) - 1
		}
		fmt.Printf("%2.0f min: %.2f km², %d polygon(s), %d hole(s)\n", b.CutoffMin, b.AreaKm2, len(b.Geom), holes)
	}
	// Output:
	// 10 min: 0.66 km², 1 polygon(s), 0 hole(s)
	// 45 min: 2.35 km², 1 polygon(s), 1 hole(s)
}
