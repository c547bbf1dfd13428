package geo_test

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/geo"
)

func ExampleToTM35() {
	// Helsinki Cathedral, approximately.
	e, n := geo.ToTM35(24.9522, 60.1704)
	fmt.Printf("E %.1f N %.1f\n", e, n)
	lon, lat := geo.FromTM35(e, n)
	fmt.Printf("lon %.4f lat %.4f\n", lon, lat)
	// Output:
	// E 386378.6 N 6672150.2
	// lon 24.9522 lat 60.1704
}

func ExampleCellAt() {
	e, n := geo.ToTM35(24.9522, 60.1704)
	for _, size := range []int32{250, 1000} {
		c := geo.CellAt(e, n, size)
		ctr := c.Center()
		fmt.Printf("%s corner %d %d centre %.0f %.0f\n", c.ID(), c.E, c.N, ctr[0], ctr[1])
	}
	c, err := geo.ParseCellID("250mN667200E38625")
	fmt.Println(c, err)
	// Output:
	// 250mN667200E38625 corner 386250 6672000 centre 386375 6672125
	// 1kmN6672E386 corner 386000 6672000 centre 386500 6672500
	// 250mN667200E38625 <nil>
}

func ExamplePolygonIndex_Locate() {
	west := orb.MultiPolygon{{{{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}}}}
	east := orb.MultiPolygon{{{{1000, 0}, {2000, 0}, {2000, 1000}, {1000, 1000}, {1000, 0}}}}
	ix := geo.NewPolygonIndex([]orb.MultiPolygon{west, east})
	fmt.Println(ix.Locate(orb.Point{500, 500}))
	fmt.Println(ix.Locate(orb.Point{1000, 500})) // on the shared edge: the eastern one
	fmt.Println(ix.Locate(orb.Point{2500, 500}))
	// Output:
	// 0
	// 1
	// -1
}

func ExampleDissolveCells() {
	cells := []geo.Cell{
		{E: 386000, N: 6672000, Size: 250},
		{E: 386250, N: 6672000, Size: 250},
		{E: 386250, N: 6672250, Size: 250},
	}
	for _, poly := range geo.DissolveCells(cells) {
		for _, ring := range poly {
			for _, p := range ring {
				fmt.Printf("(%.0f %.0f) ", p[0], p[1])
			}
			fmt.Println()
		}
	}
	// Output:
	// (386000 6672000) (386500 6672000) (386500 6672500) (386250 6672500) (386250 6672250) (386000 6672250) (386000 6672000)
}
