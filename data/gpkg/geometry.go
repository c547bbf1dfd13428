package gpkg

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// WKB geometry type codes (ISO 13249-3 / OGC Simple Features, 2D).
const (
	wkbPoint              = 1
	wkbLineString         = 2
	wkbPolygon            = 3
	wkbMultiPoint         = 4
	wkbMultiLineString    = 5
	wkbMultiPolygon       = 6
	wkbGeometryCollection = 7
)

// GeoPackage binary header flag bits (GeoPackage 1.3, clause 2.1.3.1.1).
const (
	flagLittleEndian = 0x01 // B: header values little-endian
	flagEnvelopeXY   = 1 << 1
	flagEmpty        = 0x10 // E: the geometry is empty
)

// envelope is [minx, maxx, miny, maxy], the GeoPackage header order.
type envelope [4]float64

// encodeGeometry returns the GeoPackage binary form of g: "GP", version 0,
// flags, the SRS id, an XY envelope (left out for points, whose envelope is
// the point itself, and for empty geometries) and little-endian WKB. It
// also returns the envelope and whether g is empty.
func encodeGeometry(buf []byte, g orb.Geometry, srs int32) ([]byte, envelope, bool, error) {
	if err := checkCoords(g); err != nil {
		return nil, envelope{}, false, err
	}
	empty := isEmpty(g)
	flags := byte(flagLittleEndian)
	var env envelope
	_, isPoint := g.(orb.Point)
	switch {
	case empty:
		flags |= flagEmpty
	case isPoint:
		p := g.(orb.Point)
		env = envelope{p[0], p[0], p[1], p[1]}
	default:
		b := g.Bound()
		env = envelope{b.Min[0], b.Max[0], b.Min[1], b.Max[1]}
		flags |= flagEnvelopeXY
	}
	buf = append(buf[:0], 'G', 'P', 0, flags)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(srs))
	if flags&flagEnvelopeXY != 0 {
		for _, v := range env {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
		}
	}
	buf = appendWKB(buf, g)
	return buf, env, empty, nil
}

// isEmpty reports whether g has no positions at all.
func isEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.Point:
		return false
	case orb.MultiPoint:
		return len(g) == 0
	case orb.LineString:
		return len(g) == 0
	case orb.MultiLineString:
		for _, l := range g {
			if len(l) > 0 {
				return false
			}
		}
	case orb.Ring:
		return len(g) == 0
	case orb.Polygon:
		for _, r := range g {
			if len(r) > 0 {
				return false
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			if !isEmpty(p) {
				return false
			}
		}
	case orb.Collection:
		for _, c := range g {
			if !isEmpty(c) {
				return false
			}
		}
	case orb.Bound:
		return false
	}
	return true
}

// checkCoords rejects NaN and infinite coordinates, which neither WKB
// readers nor spatial indexes handle.
func checkCoords(g orb.Geometry) error {
	var bad error
	walkPoints(g, func(p orb.Point) {
		if bad == nil && (math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0)) {
			bad = fmt.Errorf("%w: coordinate (%g, %g)", ErrGeometry, p[0], p[1])
		}
	})
	return bad
}

func walkPoints(g orb.Geometry, fn func(orb.Point)) {
	switch g := g.(type) {
	case orb.Point:
		fn(g)
	case orb.MultiPoint:
		for _, p := range g {
			fn(p)
		}
	case orb.LineString:
		for _, p := range g {
			fn(p)
		}
	case orb.Ring:
		for _, p := range g {
			fn(p)
		}
	case orb.MultiLineString:
		for _, l := range g {
			walkPoints(l, fn)
		}
	case orb.Polygon:
		for _, r := range g {
			walkPoints(r, fn)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			walkPoints(p, fn)
		}
	case orb.Collection:
		for _, c := range g {
			walkPoints(c, fn)
		}
	case orb.Bound:
		fn(g.Min)
		fn(g.Max)
	}
}

// appendWKB appends little-endian 2D WKB. A ring is written as a polygon
// of one ring and a bound as the polygon of its corners; rings are closed
// if they are not already.
func appendWKB(buf []byte, g orb.Geometry) []byte {
	head := func(typ uint32) {
		buf = append(buf, 1) // little-endian
		buf = binary.LittleEndian.AppendUint32(buf, typ)
	}
	count := func(n int) { buf = binary.LittleEndian.AppendUint32(buf, uint32(n)) }
	point := func(p orb.Point) {
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(p[0]))
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(p[1]))
	}
	ring := func(r orb.Ring) {
		closed := len(r) == 0 || r[0] == r[len(r)-1]
		if closed {
			count(len(r))
		} else {
			count(len(r) + 1)
		}
		for _, p := range r {
			point(p)
		}
		if !closed {
			point(r[0])
		}
	}
	polygon := func(pg orb.Polygon) {
		head(wkbPolygon)
		count(len(pg))
		for _, r := range pg {
			ring(r)
		}
	}
	switch g := g.(type) {
	case orb.Point:
		head(wkbPoint)
		point(g)
	case orb.MultiPoint:
		head(wkbMultiPoint)
		count(len(g))
		for _, p := range g {
			head(wkbPoint)
			point(p)
		}
	case orb.LineString:
		head(wkbLineString)
		count(len(g))
		for _, p := range g {
			point(p)
		}
	case orb.MultiLineString:
		head(wkbMultiLineString)
		count(len(g))
		for _, l := range g {
			buf = appendWKB(buf, l)
		}
	case orb.Ring:
		polygon(orb.Polygon{g})
	case orb.Bound:
		polygon(g.ToPolygon())
	case orb.Polygon:
		polygon(g)
	case orb.MultiPolygon:
		head(wkbMultiPolygon)
		count(len(g))
		for _, pg := range g {
			polygon(pg)
		}
	case orb.Collection:
		head(wkbGeometryCollection)
		count(len(g))
		for _, c := range g {
			buf = appendWKB(buf, c)
		}
	}
	return buf
}
