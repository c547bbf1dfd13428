package geojson

import (
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Collection is the content of one GeoJSON input.
type Collection struct {
	Name     string // file name as given to Read or Decode
	CRS      CRS    // CRS of the coordinates, never zero after a successful read
	Features []Feature
	Warnings []Warning
}

// Feature is one feature of a Collection.
type Feature struct {
	Index    int          // 0-based position in the file
	ID       string       // the feature's "id" member (numbers as their literal text), or ""
	Geometry orb.Geometry // nil for a feature whose geometry is null
	Props    map[string]any
}

// PropString returns property key as text: strings as they are, numbers in
// the shortest form that reads back the same ("178", "0.5"), booleans as
// "true"/"false". ok is false for a missing or null property and for
// arrays and objects.
func (f Feature) PropString(key string) (s string, ok bool) {
	switch v := f.Props[key].(type) {
	case string:
		return v, true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

// PropFloat returns property key as a number: JSON numbers, and strings
// holding a decimal number (surrounding spaces allowed). ok is false
// otherwise.
func (f Feature) PropFloat(key string) (v float64, ok bool) {
	switch x := f.Props[key].(type) {
	case float64:
		return x, true
	case string:
		v, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil || v != v || v > maxFloat || v < -maxFloat {
			return 0, false
		}
		return v, true
	}
	return 0, false
}

const maxFloat = 1.7976931348623157e308

// Out converts a decoded feature to an OutFeature, properties sorted by
// key, so it can be written back unchanged.
func (f Feature) Out() OutFeature {
	return OutFeature{ID: f.ID, Geometry: f.Geometry, Props: PropsFromMap(f.Props)}
}

// PointFeature is a feature whose geometry is a single point.
type PointFeature struct {
	Index int
	ID    string
	Point orb.Point
	Props map[string]any
}

// Points returns the features of c as points, in file order. A MultiPoint
// holding exactly one point is accepted (some tools write points that way);
// any other geometry, or none, is an error naming the feature.
func Points(c *Collection) ([]PointFeature, error) {
	out := make([]PointFeature, 0, len(c.Features))
	for _, f := range c.Features {
		var pt orb.Point
		switch g := f.Geometry.(type) {
		case orb.Point:
			pt = g
		case orb.MultiPoint:
			if len(g) != 1 {
				return nil, &Error{File: c.Name, Index: f.Index, ID: f.ID, Err: ErrInvalid,
					Msg: "geometry is a MultiPoint of " + strconv.Itoa(len(g)) + " points, expected a Point"}
			}
			pt = g[0]
		case nil:
			return nil, &Error{File: c.Name, Index: f.Index, ID: f.ID, Err: ErrInvalid,
				Msg: "geometry is null, expected a Point"}
		default:
			return nil, &Error{File: c.Name, Index: f.Index, ID: f.ID, Err: ErrInvalid,
				Msg: "geometry is a " + g.GeoJSONType() + ", expected a Point"}
		}
		out = append(out, PointFeature{Index: f.Index, ID: f.ID, Point: pt, Props: f.Props})
	}
	return out, nil
}

// SuspectSwapped reports whether every coordinate of c lies where Finland
// would be if x and y were swapped (x in 59..71, y in 19..32): lon/lat
// given as lat/lon. It is false for a collection without coordinates.
// It is meaningful only for WGS84 data.
func SuspectSwapped(c *Collection) bool {
	n := 0
	for _, f := range c.Features {
		ok := eachPoint(f.Geometry, func(p orb.Point) bool {
			n++
			return p[0] >= 59 && p[0] <= 71 && p[1] >= 19 && p[1] <= 32
		})
		if !ok {
			return false
		}
	}
	return n > 0
}

// eachPoint calls fn for every position of g until fn returns false; it
// returns false if fn did.
func eachPoint(g orb.Geometry, fn func(orb.Point) bool) bool {
	switch g := g.(type) {
	case orb.Point:
		return fn(g)
	case orb.MultiPoint:
		return eachOf(g, fn)
	case orb.LineString:
		return eachOf(g, fn)
	case orb.Ring:
		return eachOf(g, fn)
	case orb.MultiLineString:
		for _, l := range g {
			if !eachOf(l, fn) {
				return false
			}
		}
	case orb.Polygon:
		for _, r := range g {
			if !eachOf(r, fn) {
				return false
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				if !eachOf(r, fn) {
					return false
				}
			}
		}
	case orb.Collection:
		for _, c := range g {
			if !eachPoint(c, fn) {
				return false
			}
		}
	}
	return true
}

func eachOf[S ~[]orb.Point](pts S, fn func(orb.Point) bool) bool {
	for _, p := range pts {
		if !fn(p) {
			return false
		}
	}
	return true
}
