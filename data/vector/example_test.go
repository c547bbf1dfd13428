package vector_test

import (
	"fmt"
	"path/filepath"

	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/vector"
)

// Read any supported file the same way; the format comes from its content.
func ExampleRead() {
	for _, p := range []string{
		filepath.Join("..", "..", "testdata", "vector", "palvelut.geojson"),
		filepath.Join("..", "..", "testdata", "shp", "palvelut.zip"),
	} {
		f, _ := vector.Detect(p)
		c, err := vector.Read(p, geojson.ReadOptions{})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s, %s: %d features, first %q\n", f, c.CRS, len(c.Features), c.Features[0].Props["name"])
	}
	// Output:
	// GeoJSON, EPSG:4326: 3 features, first "Pieksämäen terveysasema"
	// zipped Shapefile, EPSG:4326: 3 features, first "Pieksämäen terveysasema"
}
