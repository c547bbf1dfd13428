package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/paulmach/orb"
)

// maxCollectionDepth bounds GeometryCollection nesting so hostile input
// cannot recurse without limit.
const maxCollectionDepth = 8

// kindOf names the JSON kind of a raw value for error messages.
func kindOf(raw json.RawMessage) string {
	p := coordParser{b: raw}
	return p.found()
}

func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// stringMember returns member key of m as a string; ok is false when the
// member is absent or null.
func stringMember(m map[string]json.RawMessage, key string) (s string, ok bool, err error) {
	raw, present := m[key]
	if !present || isNull(raw) {
		return "", false, nil
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false, fmt.Errorf("%s must be a string, found %s", key, kindOf(raw))
	}
	return s, true, nil
}

// decodeGeometryRaw decodes a geometry object; null gives a nil geometry.
func decodeGeometryRaw(raw json.RawMessage, depth int) (orb.Geometry, error) {
	if isNull(raw) {
		return nil, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("geometry must be an object or null, found %s", kindOf(raw))
	}
	return decodeGeometry(m, depth)
}

// decodeGeometry decodes a geometry from its members.
func decodeGeometry(m map[string]json.RawMessage, depth int) (orb.Geometry, error) {
	typ, ok, err := stringMember(m, "type")
	if err != nil {
		return nil, fmt.Errorf("geometry %w", err)
	}
	if !ok {
		return nil, errors.New("geometry has no type member")
	}
	if typ == "GeometryCollection" {
		return decodeCollection(m, depth)
	}
	coords, present := m["coordinates"]
	switch typ {
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon":
		if !present || isNull(coords) {
			return nil, fmt.Errorf("%s has no coordinates", typ)
		}
	case "Feature", "FeatureCollection":
		return nil, fmt.Errorf("a %s is not allowed where a geometry is expected", typ)
	default:
		return nil, fmt.Errorf("unknown geometry type %q", typ)
	}
	return parseCoordinates(typ, coords)
}

func decodeCollection(m map[string]json.RawMessage, depth int) (orb.Geometry, error) {
	if depth >= maxCollectionDepth {
		return nil, fmt.Errorf("GeometryCollection nested more than %d deep", maxCollectionDepth)
	}
	raw, present := m["geometries"]
	if !present || isNull(raw) {
		return nil, errors.New("GeometryCollection has no geometries member")
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("GeometryCollection geometries must be an array, found %s", kindOf(raw))
	}
	out := make(orb.Collection, 0, len(items))
	for i, it := range items {
		g, err := decodeGeometryRaw(it, depth+1)
		if err != nil {
			return nil, fmt.Errorf("GeometryCollection geometry %d: %w", i, err)
		}
		if g == nil {
			return nil, fmt.Errorf("GeometryCollection geometry %d is null", i)
		}
		out = append(out, g)
	}
	return out, nil
}

// parseCoordinates reads the coordinates of a geometry of type typ and
// checks the counts RFC 7946 requires.
func parseCoordinates(typ string, raw json.RawMessage) (orb.Geometry, error) {
	p := &coordParser{b: raw}
	var (
		pt    orb.Point
		pts   []orb.Point
		lines [][]orb.Point
		polys [][][]orb.Point
		err   error
	)
	switch typ {
	case "Point":
		pt, err = p.position()
	case "MultiPoint", "LineString":
		pts, err = p.positions()
	case "MultiLineString":
		lines, err = p.lines("line")
	case "Polygon":
		lines, err = p.lines("ring")
	case "MultiPolygon":
		polys, err = p.polygons()
	default:
		return nil, fmt.Errorf("unknown geometry type %q", typ)
	}
	if err == nil {
		err = p.end()
	}
	if err != nil {
		return nil, fmt.Errorf("%s coordinates: %w", typ, err)
	}

	switch typ {
	case "Point":
		return pt, nil
	case "MultiPoint":
		return orb.MultiPoint(pts), nil
	case "LineString":
		if err := checkLine(pts, "line string "); err != nil {
			return nil, err
		}
		return orb.LineString(pts), nil
	case "MultiLineString":
		mls := make(orb.MultiLineString, len(lines))
		for i, l := range lines {
			if err := checkLine(l, fmt.Sprintf("line %d ", i)); err != nil {
				return nil, err
			}
			mls[i] = l
		}
		return mls, nil
	case "Polygon":
		return buildPolygon(lines, "polygon ")
	default: // MultiPolygon
		mp := make(orb.MultiPolygon, len(polys))
		for i, rings := range polys {
			if mp[i], err = buildPolygon(rings, fmt.Sprintf("polygon %d ", i)); err != nil {
				return nil, err
			}
		}
		return mp, nil
	}
}

func checkLine(pts []orb.Point, label string) error {
	if len(pts) < 2 {
		return fmt.Errorf("%shas %d position%s, needs at least 2", label, len(pts), plural(len(pts)))
	}
	return nil
}

// buildPolygon checks every ring: at least 4 positions, first equal to last.
func buildPolygon(rings [][]orb.Point, label string) (orb.Polygon, error) {
	poly := make(orb.Polygon, len(rings))
	for i, r := range rings {
		if len(r) < 4 {
			return nil, fmt.Errorf("%sring %d has %d position%s, needs at least 4", label, i, len(r), plural(len(r)))
		}
		if r[0] != r[len(r)-1] {
			return nil, fmt.Errorf("%sring %d is not closed: first position %s differs from last %s",
				label, i, fmtPoint(r[0]), fmtPoint(r[len(r)-1]))
		}
		poly[i] = orb.Ring(r)
	}
	return poly, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func fmtPoint(p orb.Point) string {
	return fmt.Sprintf("(%g, %g)", p[0], p[1])
}
