package geojson_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/data/geojson"
)

func ExampleDecode() {
	in := `{"type":"FeatureCollection",
	 "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3067"}},
	 "features":[{"type":"Feature","id":"491","properties":{"name":"Mikkeli"},
	   "geometry":{"type":"Point","coordinates":[513000,6838000]}}]}`
	c, err := geojson.Decode(strings.NewReader(in), "centres.geojson", geojson.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	f := c.Features[0]
	name, _ := f.PropString("name")
	fmt.Println(c.CRS, f.Index, f.ID, name, f.Geometry)
	// Output: EPSG:3067 0 491 Mikkeli [513000 6.838e+06]
}

func ExampleDecode_error() {
	in := `{"type":"FeatureCollection","features":[
	 {"type":"Feature","id":"091","properties":{},
	  "geometry":{"type":"Polygon","coordinates":[[[27,61],[28,61],[27,61]]]}}]}`
	_, err := geojson.Decode(strings.NewReader(in), "regions.geojson", geojson.ReadOptions{})
	fmt.Println(err)
	// Output: geojson: regions.geojson: feature 0 (id "091"): polygon ring 0 has 3 positions, needs at least 4
}

func ExampleWriter() {
	w := geojson.NewWriter(os.Stdout)
	w.Write(geojson.OutFeature{
		ID:       "hs1",
		Geometry: orb.Point{27.27234549, 61.5},
		Props:    []geojson.Prop{{Key: "name", Value: "Mikkeli"}, {Key: "minutes", Value: 12.0}},
	})
	w.Close()
	// Output:
	// {"type":"FeatureCollection","features":[
	// {"type":"Feature","id":"hs1","geometry":{"type":"Point","coordinates":[27.272345,61.5]},"properties":{"name":"Mikkeli","minutes":12}}
	// ]}
}
