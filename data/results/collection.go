package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Collection is one GeoJSON FeatureCollection kept as raw JSON for
// embedding: Raw is the whole collection with insignificant whitespace
// removed, Count its number of features.
type Collection struct {
	Raw   json.RawMessage
	Count int
}

// rawFeature is one feature with its geometry and properties still raw.
type rawFeature struct {
	Type       string          `json:"type"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

// featureAt is a raw feature with the byte offset it starts at.
type featureAt struct {
	raw json.RawMessage
	off int64
}

// splitCollection checks that data is a FeatureCollection and returns its
// compacted form and its features with their offsets. A syntax error is
// reported with its line and column.
func splitCollection(dir, file string, data []byte) (Collection, []featureAt, error) {
	var buf bytes.Buffer
	buf.Grow(len(data))
	if err := json.Compact(&buf, data); err != nil {
		return Collection{}, nil, jsonErr(dir, file, data, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	bad := func(format string, args ...any) error {
		return fileErr(dir, file, "", fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...)))
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return Collection{}, nil, bad("want a GeoJSON FeatureCollection object")
	}
	var feats []featureAt
	var typ string
	seenFeatures := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Collection{}, nil, jsonErr(dir, file, data, err)
		}
		key, _ := tok.(string)
		switch key {
		case "type":
			if err := dec.Decode(&typ); err != nil {
				return Collection{}, nil, bad("member \"type\" is not a string")
			}
		case "features":
			seenFeatures = true
			if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
				return Collection{}, nil, bad("member \"features\" is not an array")
			}
			for dec.More() {
				off := dec.InputOffset()
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return Collection{}, nil, jsonErr(dir, file, data, err)
				}
				feats = append(feats, featureAt{raw: raw, off: skipSep(data, off)})
			}
			if _, err := dec.Token(); err != nil {
				return Collection{}, nil, jsonErr(dir, file, data, err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return Collection{}, nil, jsonErr(dir, file, data, err)
			}
		}
	}
	if _, err := dec.Token(); err != nil && !errors.Is(err, io.EOF) {
		return Collection{}, nil, jsonErr(dir, file, data, err)
	}
	if typ != "FeatureCollection" {
		return Collection{}, nil, bad("type is %q, want \"FeatureCollection\"", typ)
	}
	if !seenFeatures {
		return Collection{}, nil, bad("member \"features\" missing")
	}
	return Collection{Raw: buf.Bytes(), Count: len(feats)}, feats, nil
}

// skipSep advances off past whitespace and a comma, to the feature's '{'.
func skipSep(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// featureErr builds an *Error about feature i of file starting at off.
func featureErr(dir, file string, data []byte, i int, off int64, field string, err error) *Error {
	line, _ := lineCol(data, off)
	return &Error{Dir: dir, File: file, Line: line, Feature: i, Field: field, Err: err}
}

// decodeFeature decodes one feature, checks its type and geometry type
// (null geometry allowed), and decodes its properties into props.
func decodeFeature(f featureAt, geomTypes []string, props any) error {
	var rf rawFeature
	if err := json.Unmarshal(f.raw, &rf); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if rf.Type != "Feature" {
		return fmt.Errorf("%w: type is %q, want \"Feature\"", ErrInvalid, rf.Type)
	}
	if len(rf.Geometry) > 0 && string(rf.Geometry) != "null" {
		var g struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(rf.Geometry, &g); err != nil {
			return fmt.Errorf("%w: geometry: %v", ErrInvalid, err)
		}
		ok := false
		for _, t := range geomTypes {
			ok = ok || g.Type == t
		}
		if !ok {
			return fmt.Errorf("%w: geometry type %q, want one of %q", ErrInvalid, g.Type, geomTypes)
		}
	}
	if len(rf.Properties) == 0 || string(rf.Properties) == "null" {
		return fmt.Errorf("%w: no properties", ErrInvalid)
	}
	if err := json.Unmarshal(rf.Properties, props); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return &fieldError{field: typ.Field, err: fmt.Errorf("%w: %s where %s was expected", ErrInvalid, typ.Value, typ.Type)}
		}
		return fmt.Errorf("%w: properties: %v", ErrInvalid, err)
	}
	return nil
}

// fieldError carries the name of the property at fault up to the caller,
// which turns it into an *Error.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// asFeatureErr converts an error from decodeFeature or a property check
// into an *Error for feature i.
func asFeatureErr(dir, file string, data []byte, i int, f featureAt, err error) error {
	var fe *fieldError
	if errors.As(err, &fe) {
		return featureErr(dir, file, data, i, f.off, fe.field, fe.err)
	}
	return featureErr(dir, file, data, i, f.off, "", err)
}

// idText returns a JSON string or number as text; ok is false for any
// other value or an absent member.
func idText(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 {
		return "", false
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, true
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		if _, err := strconv.ParseFloat(string(n), 64); err == nil {
			return string(n), true
		}
	}
	return "", false
}

func missingProp(name string) error {
	return &fieldError{field: name, err: fmt.Errorf("%w: property missing or not a string or number", ErrInvalid)}
}
