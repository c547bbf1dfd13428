package gpkg

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// maxWKBDepth bounds nested collections in WKB.
const maxWKBDepth = 8

// DecodeGeometry reads a GeoPackage binary geometry: the "GP" header
// (either byte order, any envelope type, the empty flag) and the WKB
// after it, ISO or extended (EWKB-style flags) Z, M and ZM variants read as
// 2D. It returns the geometry (nil for an empty one) and the header's SRS
// id. Point, LineString, Polygon, MultiPoint, MultiLineString and
// MultiPolygon are read; other types are an error.
func DecodeGeometry(b []byte) (orb.Geometry, int32, error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return nil, 0, fmt.Errorf("%w: not a GeoPackage geometry (no \"GP\" header)", ErrGeometry)
	}
	flags := b[3]
	var order binary.ByteOrder = binary.BigEndian
	if flags&flagLittleEndian != 0 {
		order = binary.LittleEndian
	}
	srs := int32(order.Uint32(b[4:]))
	if flags&0x20 != 0 {
		return nil, srs, fmt.Errorf("%w: extended GeoPackage geometry types are not read", ErrGeometry)
	}
	envLen := 0
	switch (flags >> 1) & 7 {
	case 0:
	case 1:
		envLen = 32
	case 2, 3:
		envLen = 48
	case 4:
		envLen = 64
	default:
		return nil, srs, fmt.Errorf("%w: invalid envelope code %d", ErrGeometry, (flags>>1)&7)
	}
	if len(b) < 8+envLen {
		return nil, srs, fmt.Errorf("%w: header cut short", ErrGeometry)
	}
	if flags&flagEmpty != 0 {
		return nil, srs, nil
	}
	d := &wkbDecoder{b: b[8+envLen:]}
	g, err := d.geometry(0)
	if err != nil {
		return nil, srs, err
	}
	if isEmpty(g) {
		return nil, srs, nil
	}
	return g, srs, nil
}

type wkbDecoder struct {
	b   []byte
	off int
}

func (d *wkbDecoder) errf(format string, args ...any) error {
	return fmt.Errorf("%w: WKB at byte %d: %s", ErrGeometry, d.off, fmt.Sprintf(format, args...))
}

// geometry reads one WKB geometry and its type header.
func (d *wkbDecoder) geometry(depth int) (orb.Geometry, error) {
	if depth > maxWKBDepth {
		return nil, d.errf("nested too deep")
	}
	if d.off+5 > len(d.b) {
		return nil, d.errf("cut short")
	}
	var order binary.ByteOrder
	switch d.b[d.off] {
	case 0:
		order = binary.BigEndian
	case 1:
		order = binary.LittleEndian
	default:
		return nil, d.errf("byte order %d, want 0 or 1", d.b[d.off])
	}
	t := order.Uint32(d.b[d.off+1:])
	d.off += 5
	dims := 2
	if t&0x80000000 != 0 { // EWKB Z flag
		dims++
	}
	if t&0x40000000 != 0 { // EWKB M flag
		dims++
	}
	t &= 0x0FFFFFFF
	switch t / 1000 {
	case 1, 2: // ISO Z or M
		dims++
	case 3: // ISO ZM
		dims += 2
	}
	base := t % 1000
	switch base {
	case wkbPoint:
		p, err := d.point(order, dims)
		if err != nil {
			return nil, err
		}
		if math.IsNaN(p[0]) && math.IsNaN(p[1]) {
			return orb.MultiPoint{}, nil // the empty point
		}
		return p, nil
	case wkbLineString:
		pts, err := d.points(order, dims)
		return orb.LineString(pts), err
	case wkbPolygon:
		return d.polygon(order, dims)
	case wkbMultiPoint, wkbMultiLineString, wkbMultiPolygon:
		n, err := d.count(order, 5)
		if err != nil {
			return nil, err
		}
		var mp orb.MultiPoint
		var ml orb.MultiLineString
		var mpoly orb.MultiPolygon
		for i := 0; i < n; i++ {
			g, err := d.geometry(depth + 1)
			if err != nil {
				return nil, err
			}
			switch v := g.(type) {
			case orb.Point:
				if base == wkbMultiPoint {
					mp = append(mp, v)
					continue
				}
			case orb.MultiPoint: // an empty point
				if base == wkbMultiPoint && len(v) == 0 {
					continue
				}
			case orb.LineString:
				if base == wkbMultiLineString {
					ml = append(ml, v)
					continue
				}
			case orb.Polygon:
				if base == wkbMultiPolygon {
					mpoly = append(mpoly, v)
					continue
				}
			}
			return nil, d.errf("a %s holds a %s", wkbName(base), g.GeoJSONType())
		}
		switch base {
		case wkbMultiPoint:
			return mp, nil
		case wkbMultiLineString:
			return ml, nil
		}
		return mpoly, nil
	}
	return nil, d.errf("geometry type %s (%d) is not read; convert it with ogr2ogr -nlt PROMOTE_TO_MULTI or -explodecollections", wkbName(base), t)
}

func wkbName(t uint32) string {
	switch t {
	case wkbPoint:
		return "Point"
	case wkbLineString:
		return "LineString"
	case wkbPolygon:
		return "Polygon"
	case wkbMultiPoint:
		return "MultiPoint"
	case wkbMultiLineString:
		return "MultiLineString"
	case wkbMultiPolygon:
		return "MultiPolygon"
	case wkbGeometryCollection:
		return "GeometryCollection"
	}
	return "unknown"
}

// count reads a uint32 count of items each at least min bytes long.
func (d *wkbDecoder) count(order binary.ByteOrder, min int) (int, error) {
	if d.off+4 > len(d.b) {
		return 0, d.errf("cut short")
	}
	n := int(order.Uint32(d.b[d.off:]))
	d.off += 4
	if n < 0 || n > (len(d.b)-d.off)/min {
		return 0, d.errf("count %d does not fit in the remaining %d bytes", n, len(d.b)-d.off)
	}
	return n, nil
}

func (d *wkbDecoder) point(order binary.ByteOrder, dims int) (orb.Point, error) {
	if d.off+8*dims > len(d.b) {
		return orb.Point{}, d.errf("cut short")
	}
	p := orb.Point{
		math.Float64frombits(order.Uint64(d.b[d.off:])),
		math.Float64frombits(order.Uint64(d.b[d.off+8:])),
	}
	d.off += 8 * dims
	if (math.IsNaN(p[0]) != math.IsNaN(p[1])) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
		return p, d.errf("coordinate is not finite")
	}
	return p, nil
}

func (d *wkbDecoder) points(order binary.ByteOrder, dims int) ([]orb.Point, error) {
	n, err := d.count(order, 8*dims)
	if err != nil {
		return nil, err
	}
	pts := make([]orb.Point, n)
	for i := range pts {
		if pts[i], err = d.point(order, dims); err != nil {
			return nil, err
		}
		if math.IsNaN(pts[i][0]) {
			return nil, d.errf("coordinate is not finite")
		}
	}
	return pts, nil
}

func (d *wkbDecoder) polygon(order binary.ByteOrder, dims int) (orb.Polygon, error) {
	n, err := d.count(order, 4)
	if err != nil {
		return nil, err
	}
	poly := make(orb.Polygon, 0, n)
	for i := 0; i < n; i++ {
		pts, err := d.points(order, dims)
		if err != nil {
			return nil, err
		}
		poly = append(poly, orb.Ring(pts))
	}
	return poly, nil
}
