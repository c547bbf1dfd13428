package shp_test

import (
	"fmt"
	"path/filepath"

	"github.com/saavu/saavu/data/shp"
)

// Read a shapefile whose .cpg says ISO-8859-1: names come out as UTF-8.
func ExampleRead() {
	l, err := shp.Read(filepath.Join("..", "..", "testdata", "shp", "kunnat.shp"), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("EPSG:%d, %s text from %s, %d null shape\n", l.CRS, l.Encoding, l.EncodingFrom, l.NullShapes)
	for _, f := range l.Features {
		fmt.Printf("record %d: %s %s %v\n", f.Record, f.Props["kunta"], f.Props["nimi"], f.Geometry.GeoJSONType())
	}
	// Output:
	// EPSG:3067, ISO-8859-1 text from .cpg, 1 null shape
	// record 1: 593 Pieksämäki Polygon
	// record 3: 507 Mäntyharju MultiPolygon
	// record 4: 491 Mikkeli Polygon
}
