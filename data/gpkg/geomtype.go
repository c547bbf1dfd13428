package gpkg

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// Geometry type names of a layer, as gpkg_geometry_columns spells them.
const (
	Geometry           = "GEOMETRY" // any geometry
	Point              = "POINT"
	LineString         = "LINESTRING"
	Polygon            = "POLYGON"
	MultiPoint         = "MULTIPOINT"
	MultiLineString    = "MULTILINESTRING"
	MultiPolygon       = "MULTIPOLYGON"
	GeometryCollection = "GEOMETRYCOLLECTION"
)

// geomTypeName checks a layer's geometry type name and returns it in upper
// case.
func geomTypeName(s string) (string, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	switch u {
	case Geometry, Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, GeometryCollection:
		return u, nil
	}
	return "", fmt.Errorf("%w %q: want one of GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION", ErrGeometryType, s)
}

// typeOf returns the GeoPackage type name of g.
func typeOf(g orb.Geometry) string {
	switch g.(type) {
	case orb.Point:
		return Point
	case orb.LineString:
		return LineString
	case orb.Polygon, orb.Ring, orb.Bound:
		return Polygon
	case orb.MultiPoint:
		return MultiPoint
	case orb.MultiLineString:
		return MultiLineString
	case orb.MultiPolygon:
		return MultiPolygon
	case orb.Collection:
		return GeometryCollection
	}
	return ""
}

// fit returns g as a geometry of layer type want: unchanged when it is of
// that type, a single geometry wrapped into the matching multi-geometry
// (a polygon into a one-part multipolygon), or an error.
func fit(g orb.Geometry, want string) (orb.Geometry, error) {
	got := typeOf(g)
	if got == "" {
		return nil, fmt.Errorf("%w: unsupported geometry %T", ErrGeometryType, g)
	}
	if want == Geometry || got == want {
		return g, nil
	}
	switch want {
	case MultiPoint:
		if p, ok := g.(orb.Point); ok {
			return orb.MultiPoint{p}, nil
		}
	case MultiLineString:
		if l, ok := g.(orb.LineString); ok {
			return orb.MultiLineString{l}, nil
		}
	case MultiPolygon:
		switch p := g.(type) {
		case orb.Polygon:
			return orb.MultiPolygon{p}, nil
		case orb.Ring:
			return orb.MultiPolygon{{p}}, nil
		case orb.Bound:
			return orb.MultiPolygon{p.ToPolygon()}, nil
		}
	}
	return nil, fmt.Errorf("%w: a %s in a %s layer", ErrGeometryType, got, want)
}

// layerType is the narrowest layer type that holds every geometry type in
// seen: the type itself, the multi-geometry when singles and multis of one
// kind mix, GEOMETRY otherwise (and when seen is empty).
func layerType(seen map[string]bool) string {
	if len(seen) == 1 {
		for t := range seen {
			return t
		}
	}
	for _, pair := range [][2]string{{Point, MultiPoint}, {LineString, MultiLineString}, {Polygon, MultiPolygon}} {
		if len(seen) == 2 && seen[pair[0]] && seen[pair[1]] {
			return pair[1]
		}
	}
	return Geometry
}
