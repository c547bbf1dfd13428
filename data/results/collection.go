package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Collection is one GeoJSON FeatureCollection kept as raw JSON for
// embedding: Raw is the whole collection with insignificant whitespace
// removed, Count its number of features.
type Collection struct {
	Raw   json.RawMessage
	Count int
}

// featureAt is a raw feature with the byte offset it starts at.
type featureAt struct {
	raw json.RawMessage
	off int64
}

// splitCollection checks that data is a FeatureCollection and returns it
// for embedding with its features as sub-slices of data and their offsets.
// A syntax error is reported with its line and column. Indented input is
// compacted; the one-feature-per-line layout analyse writes is kept as is.
func splitCollection(dir, file string, data []byte) (Collection, []featureAt, error) {
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		if err == nil { // cannot happen: Valid and Unmarshal agree
			err = errors.New("invalid JSON")
		}
		return Collection{}, nil, jsonErr(dir, file, data, err)
	}
	bad := func(format string, args ...any) error {
		return fileErr(dir, file, "", fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...)))
	}
	i := skipWS(data, 0)
	if i >= len(data) || data[i] != '{' {
		return Collection{}, nil, bad("want a GeoJSON FeatureCollection object")
	}
	var feats []featureAt
	var typ string
	seenFeatures := false
	i = skipWS(data, i+1)
	for i < len(data) && data[i] != '}' {
		// data is valid JSON: a member is "key" : value, then , or }.
		kEnd := valueEnd(data, i)
		var key string
		if err := json.Unmarshal(data[i:kEnd], &key); err != nil {
			return Collection{}, nil, bad("member name: %v", err)
		}
		i = skipWS(data, kEnd)
		i = skipWS(data, i+1) // past ':'
		vEnd := valueEnd(data, i)
		switch key {
		case "type":
			if err := json.Unmarshal(data[i:vEnd], &typ); err != nil {
				return Collection{}, nil, bad("member \"type\" is not a string")
			}
		case "features":
			if data[i] != '[' {
				return Collection{}, nil, bad("member \"features\" is not an array")
			}
			seenFeatures = true
			feats = feats[:0]
			j := skipWS(data, i+1)
			for j < vEnd-1 {
				e := valueEnd(data, j)
				feats = append(feats, featureAt{raw: data[j:e], off: int64(j)})
				j = skipWS(data, e)
				if j < len(data) && data[j] == ',' {
					j = skipWS(data, j+1)
				}
			}
		}
		i = skipWS(data, vEnd)
		if i < len(data) && data[i] == ',' {
			i = skipWS(data, i+1)
		}
	}
	if typ != "FeatureCollection" {
		return Collection{}, nil, bad("type is %q, want \"FeatureCollection\"", typ)
	}
	if !seenFeatures {
		return Collection{}, nil, bad("member \"features\" missing")
	}
	raw := bytes.TrimSpace(data)
	if bytes.Contains(raw, []byte("\n ")) || bytes.Contains(raw, []byte("\n\t")) || bytes.Contains(raw, []byte(": ")) {
		var buf bytes.Buffer
		buf.Grow(len(raw))
		if err := json.Compact(&buf, raw); err != nil {
			return Collection{}, nil, jsonErr(dir, file, data, err)
		}
		raw = buf.Bytes()
	}
	return Collection{Raw: raw, Count: len(feats)}, feats, nil
}

func skipWS(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// valueEnd returns the index just past the JSON value starting at i. data
// must be valid JSON and i the first byte of a value.
func valueEnd(data []byte, i int) int {
	if i >= len(data) {
		return i
	}
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				j = stringEnd(data, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(data)
	default: // number, true, false, null
		j := i
		for j < len(data) {
			switch data[j] {
			case ',', '}', ']', ' ', '\t', '\r', '\n':
				return j
			}
			j++
		}
		return j
	}
}

// stringEnd returns the index just past the string whose opening quote is
// at i.
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(data)
}

// featureErr builds an *Error about feature i of file starting at off.
func featureErr(dir, file string, data []byte, i int, off int64, field string, err error) *Error {
	line, _ := lineCol(data, off)
	return &Error{Dir: dir, File: file, Line: line, Feature: i, Field: field, Err: err}
}

// typedFeature is a feature decoded in one pass: its type, its geometry's
// type only, and its properties into P.
type typedFeature[P any] struct {
	Type     string `json:"type"`
	Geometry *struct {
		Type string `json:"type"`
	} `json:"geometry"`
	Properties *P `json:"properties"`
}

// decodeFeature decodes one feature in a single pass, checks its type and
// geometry type (null geometry allowed) and returns its properties and
// whether it has a geometry.
func decodeFeature[P any](f featureAt, geomTypes []string) (P, bool, error) {
	var tf typedFeature[P]
	var zero P
	if err := json.Unmarshal(f.raw, &tf); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			field := strings.TrimPrefix(typ.Field, "properties.")
			return zero, false, &fieldError{field: field, err: fmt.Errorf("%w: %s where %s was expected", ErrInvalid, typ.Value, typ.Type)}
		}
		return zero, false, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if tf.Type != "Feature" {
		return zero, false, fmt.Errorf("%w: type is %q, want \"Feature\"", ErrInvalid, tf.Type)
	}
	if tf.Geometry != nil && !slices.Contains(geomTypes, tf.Geometry.Type) {
		return zero, false, fmt.Errorf("%w: geometry type %q, want one of %q", ErrInvalid, tf.Geometry.Type, geomTypes)
	}
	if tf.Properties == nil {
		return zero, false, fmt.Errorf("%w: no properties", ErrInvalid)
	}
	return *tf.Properties, tf.Geometry != nil, nil
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
