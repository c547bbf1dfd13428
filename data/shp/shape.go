package shp

import (
	"encoding/binary"
	"math"

	"github.com/paulmach/orb"
)

// Shape type codes of the .shp format (ESRI Shapefile Technical
// Description, 1998).
const (
	typeNull        = 0
	typePoint       = 1
	typePolyLine    = 3
	typePolygon     = 5
	typeMultiPoint  = 8
	typePointZ      = 11
	typePolyLineZ   = 13
	typePolygonZ    = 15
	typeMultiPointZ = 18
	typePointM      = 21
	typePolyLineM   = 23
	typePolygonM    = 25
	typeMultiPointM = 28
	typeMultiPatch  = 31
)

// fileCode is the big-endian magic number that opens .shp and .shx files.
const fileCode = 9994

const headerLen = 100

// TypeName returns the name of a shape type code, for messages.
func TypeName(t int) string {
	switch t {
	case typeNull:
		return "Null"
	case typePoint:
		return "Point"
	case typePolyLine:
		return "PolyLine"
	case typePolygon:
		return "Polygon"
	case typeMultiPoint:
		return "MultiPoint"
	case typePointZ:
		return "PointZ"
	case typePolyLineZ:
		return "PolyLineZ"
	case typePolygonZ:
		return "PolygonZ"
	case typeMultiPointZ:
		return "MultiPointZ"
	case typePointM:
		return "PointM"
	case typePolyLineM:
		return "PolyLineM"
	case typePolygonM:
		return "PolygonM"
	case typeMultiPointM:
		return "MultiPointM"
	case typeMultiPatch:
		return "MultiPatch"
	}
	return "unknown"
}

// IsSHP reports whether b starts like a .shp or .shx file.
func IsSHP(b []byte) bool {
	return len(b) >= 4 && binary.BigEndian.Uint32(b) == fileCode
}

// Shapes is the content of a .shp file.
type Shapes struct {
	Type int // the file's shape type
	// Geoms holds one geometry per record in file order, nil for a null
	// shape.
	Geoms []orb.Geometry
}

// ParseSHP reads a whole .shp file; name is used in errors.
func ParseSHP(name string, b []byte) (*Shapes, error) {
	if len(b) < headerLen {
		return nil, errf(name, 0, ErrFormat, "%d bytes: too short for a .shp header (100 bytes)", len(b))
	}
	if !IsSHP(b) {
		return nil, errf(name, 0, ErrFormat, "not a .shp file: the first 4 bytes are not the file code 9994")
	}
	if v := binary.LittleEndian.Uint32(b[28:]); v != 1000 {
		return nil, errf(name, 0, ErrFormat, "version %d, want 1000", v)
	}
	st := int(int32(binary.LittleEndian.Uint32(b[32:])))
	if err := checkType(name, 0, st); err != nil {
		return nil, err
	}
	// The declared length, in 16-bit words, may be smaller than the file
	// (padding); trust it only when it is not larger.
	end := len(b)
	if l := int64(binary.BigEndian.Uint32(b[24:])) * 2; l >= headerLen && l < int64(end) {
		end = int(l)
	}
	out := &Shapes{Type: st}
	off := headerLen
	for rec := 1; off < end; rec++ {
		if end-off < 8 {
			return nil, errf(name, rec, ErrFormat, "record header cut short at byte %d", off)
		}
		clen := int64(binary.BigEndian.Uint32(b[off+4:])) * 2
		off += 8
		if clen > int64(end-off) {
			return nil, errf(name, rec, ErrFormat, "content of %d bytes runs past the end of the file", clen)
		}
		g, err := parseShape(name, rec, b[off:off+int(clen)])
		if err != nil {
			return nil, err
		}
		out.Geoms = append(out.Geoms, g)
		off += int(clen)
	}
	return out, nil
}

func checkType(name string, rec, st int) error {
	switch st {
	case typeNull, typePoint, typePolyLine, typePolygon, typeMultiPoint,
		typePointZ, typePolyLineZ, typePolygonZ, typeMultiPointZ,
		typePointM, typePolyLineM, typePolygonM, typeMultiPointM:
		return nil
	case typeMultiPatch:
		return errf(name, rec, ErrShapeType, "MultiPatch shapes (3D surfaces) are not read; convert them with ogr2ogr -nlt MULTIPOLYGON")
	}
	return errf(name, rec, ErrFormat, "unknown shape type %d", st)
}

// reader walks a record's content, bounds-checked.
type reader struct {
	b   []byte
	off int
	bad bool
}

func (r *reader) int32() int {
	if r.off+4 > len(r.b) {
		r.bad = true
		return 0
	}
	v := int32(binary.LittleEndian.Uint32(r.b[r.off:]))
	r.off += 4
	return int(v)
}

func (r *reader) float() float64 {
	if r.off+8 > len(r.b) {
		r.bad = true
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b[r.off:]))
	r.off += 8
	return v
}

func (r *reader) skip(n int) {
	if n < 0 || r.off+n > len(r.b) {
		r.bad = true
		return
	}
	r.off += n
}

func (r *reader) points(n int) []orb.Point {
	if n < 0 || n > (len(r.b)-r.off)/16 {
		r.bad = true
		return nil
	}
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{r.float(), r.float()}
	}
	return pts
}

// parseShape reads one record's content.
func parseShape(name string, rec int, b []byte) (orb.Geometry, error) {
	r := &reader{b: b}
	st := r.int32()
	if r.bad {
		return nil, errf(name, rec, ErrFormat, "empty record")
	}
	if err := checkType(name, rec, st); err != nil {
		return nil, err
	}
	var g orb.Geometry
	switch st {
	case typeNull:
		return nil, nil
	case typePoint, typePointZ, typePointM:
		g = orb.Point{r.float(), r.float()}
	case typeMultiPoint, typeMultiPointZ, typeMultiPointM:
		r.skip(32) // bounding box
		n := r.int32()
		g = orb.MultiPoint(r.points(n))
	case typePolyLine, typePolyLineZ, typePolyLineM, typePolygon, typePolygonZ, typePolygonM:
		r.skip(32)
		nParts, nPoints := r.int32(), r.int32()
		if r.bad || nParts < 0 || nPoints < 0 || nParts > (len(b)-r.off)/4 {
			return nil, errf(name, rec, ErrFormat, "%s with %d parts and %d points does not fit in %d bytes", TypeName(st), nParts, nPoints, len(b))
		}
		starts := make([]int, nParts)
		for i := range starts {
			starts[i] = r.int32()
		}
		pts := r.points(nPoints)
		if r.bad {
			break
		}
		parts := make([][]orb.Point, 0, nParts)
		for i, s := range starts {
			e := nPoints
			if i+1 < nParts {
				e = starts[i+1]
			}
			if s < 0 || s > e || e > nPoints {
				return nil, errf(name, rec, ErrFormat, "part %d starts at point %d, outside 0..%d or after the next part", i, s, nPoints)
			}
			parts = append(parts, pts[s:e])
		}
		if st == typePolygon || st == typePolygonZ || st == typePolygonM {
			g = assemblePolygon(parts)
		} else {
			g = lines(parts)
		}
	}
	if r.bad {
		return nil, errf(name, rec, ErrFormat, "%s record of %d bytes is cut short", TypeName(st), len(b))
	}
	if !finite(g) {
		return nil, errf(name, rec, ErrFormat, "a coordinate is not a finite number")
	}
	return g, nil
}

func lines(parts [][]orb.Point) orb.Geometry {
	if len(parts) == 1 {
		return orb.LineString(parts[0])
	}
	ml := make(orb.MultiLineString, len(parts))
	for i, p := range parts {
		ml[i] = orb.LineString(p)
	}
	return ml
}

func finite(g orb.Geometry) bool {
	ok := true
	check := func(ps []orb.Point) {
		for _, p := range ps {
			if math.IsNaN(p[0]) || math.IsInf(p[0], 0) || math.IsNaN(p[1]) || math.IsInf(p[1], 0) {
				ok = false
			}
		}
	}
	switch v := g.(type) {
	case orb.Point:
		check([]orb.Point{v})
	case orb.MultiPoint:
		check(v)
	case orb.LineString:
		check(v)
	case orb.MultiLineString:
		for _, l := range v {
			check(l)
		}
	case orb.Polygon:
		for _, r := range v {
			check(r)
		}
	case orb.MultiPolygon:
		for _, p := range v {
			for _, r := range p {
				check(r)
			}
		}
	}
	return ok
}
