package geojson

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// maxValueDepth bounds nesting of arrays and objects in property values;
// it matches the limit of encoding/json, so anything read can be written.
const maxValueDepth = 10000

// detailErr carries a message without the package prefix and a sentinel
// for errors.Is.
type detailErr struct {
	sentinel error
	msg      string
}

func (e *detailErr) Error() string { return e.msg }
func (e *detailErr) Unwrap() error { return e.sentinel }

func unsupported(format string, args ...any) error {
	return &detailErr{sentinel: ErrUnsupported, msg: fmt.Sprintf(format, args...)}
}

// appendNumber appends v rounded to prec decimals (prec < 0: unrounded) in
// the shortest form: no trailing zeros, no trailing dot, never "-0". v must
// be finite.
func appendNumber(b []byte, v float64, prec, bitSize int) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, bitSize)
	if prec >= 0 {
		if dot := bytes.IndexByte(b[start:], '.'); dot >= 0 && len(b)-start-dot-1 > prec {
			// More decimals than wanted: round, then drop trailing zeros.
			b = strconv.AppendFloat(b[:start], v, 'f', prec, 64)
			if prec > 0 {
				i := len(b)
				for i > start && b[i-1] == '0' {
					i--
				}
				if i > start && b[i-1] == '.' {
					i--
				}
				b = b[:i]
			}
		}
	}
	if len(b)-start == 2 && b[start] == '-' && b[start+1] == '0' {
		b = append(b[:start], '0')
	}
	return b
}

func appendCoord(b []byte, v float64, prec int) ([]byte, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, &detailErr{sentinel: ErrCoordinates, msg: fmt.Sprintf("coordinate %v cannot be written", v)}
	}
	return appendNumber(b, v, prec, 64), nil
}

func appendPosition(b []byte, p orb.Point, prec int) ([]byte, error) {
	var err error
	b = append(b, '[')
	if b, err = appendCoord(b, p[0], prec); err != nil {
		return nil, err
	}
	b = append(b, ',')
	if b, err = appendCoord(b, p[1], prec); err != nil {
		return nil, err
	}
	return append(b, ']'), nil
}

func appendPositions(b []byte, pts []orb.Point, prec int) ([]byte, error) {
	var err error
	b = append(b, '[')
	for i, p := range pts {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = appendPosition(b, p, prec); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

func appendRings(b []byte, rings []orb.Ring, prec int) ([]byte, error) {
	var err error
	b = append(b, '[')
	for i, r := range rings {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = appendPositions(b, r, prec); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// appendGeometry appends g as a GeoJSON geometry object (null for nil).
func appendGeometry(b []byte, g orb.Geometry, prec, depth int) ([]byte, error) {
	if g == nil {
		return append(b, "null"...), nil
	}
	var err error
	switch g := g.(type) {
	case orb.Point:
		b = append(b, `{"type":"Point","coordinates":`...)
		b, err = appendPosition(b, g, prec)
	case orb.MultiPoint:
		b = append(b, `{"type":"MultiPoint","coordinates":`...)
		b, err = appendPositions(b, g, prec)
	case orb.LineString:
		b = append(b, `{"type":"LineString","coordinates":`...)
		b, err = appendPositions(b, g, prec)
	case orb.MultiLineString:
		b = append(b, `{"type":"MultiLineString","coordinates":[`...)
		for i, l := range g {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendPositions(b, l, prec); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	case orb.Polygon:
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b, err = appendRings(b, g, prec)
	case orb.MultiPolygon:
		b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
		for i, p := range g {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendRings(b, p, prec); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	case orb.Collection:
		if depth >= maxCollectionDepth {
			return nil, unsupported("GeometryCollection nested more than %d deep", maxCollectionDepth)
		}
		b = append(b, `{"type":"GeometryCollection","geometries":[`...)
		for i, c := range g {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendGeometry(b, c, prec, depth+1); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	default:
		return nil, unsupported("geometry type %T cannot be written (use Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon)", g)
	}
	if err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// appendValue appends a property value as JSON.
func appendValue(b []byte, v any, prec, depth int) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendString(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int8:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int16:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int32:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case uint:
		return strconv.AppendUint(b, uint64(v), 10), nil
	case uint8:
		return strconv.AppendUint(b, uint64(v), 10), nil
	case uint16:
		return strconv.AppendUint(b, uint64(v), 10), nil
	case uint32:
		return strconv.AppendUint(b, uint64(v), 10), nil
	case uint64:
		return strconv.AppendUint(b, v, 10), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return append(b, "null"...), nil
		}
		return appendNumber(b, v, prec, 64), nil
	case float32:
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return append(b, "null"...), nil
		}
		return appendNumber(b, f, prec, 32), nil
	case []any:
		if depth >= maxValueDepth {
			return nil, unsupported("value nested more than %d deep", maxValueDepth)
		}
		b = append(b, '[')
		var err error
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendValue(b, x, prec, depth+1); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case map[string]any:
		if depth >= maxValueDepth {
			return nil, unsupported("value nested more than %d deep", maxValueDepth)
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b = append(b, '{')
		var err error
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			if b, err = appendValue(b, v[k], prec, depth+1); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	}
	return nil, unsupported("value type %T cannot be written", v)
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD;
// control characters and U+2028/U+2029 are escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
