package geojson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ReadOptions control Read and Decode.
type ReadOptions struct {
	// CRS, when non-zero, is the CRS of the coordinates whatever the crs
	// member says (a --crs flag). Coordinates are still range-checked.
	CRS CRS
	// RequireFeatures makes an input without features an error wrapping
	// ErrEmpty.
	RequireFeatures bool
}

// Read reads a GeoJSON file. Errors name path as given.
func Read(path string, opts ReadOptions) (*Collection, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fileError(path, err)
	}
	if st.IsDir() {
		return nil, &Error{File: path, Index: -1, Err: ErrInvalid, Msg: "is a directory, not a GeoJSON file"}
	}
	if st.Size() == 0 {
		return nil, &Error{File: path, Index: -1, Err: ErrSyntax, Msg: "file is empty (0 bytes)"}
	}
	c, err := Decode(bufio.NewReaderSize(f, 256<<10), path, opts)
	var e *Error
	if errors.As(err, &e) && e.syntax {
		// The stream decoder does not know where in the file the error is;
		// scan the whole file once more to say which line and column.
		if line, col, detail, ok := syntaxPosition(path); ok {
			e.Msg = fmt.Sprintf("invalid JSON at line %d, column %d: %s", line, col, detail)
		}
	}
	return c, err
}

// syntaxPosition scans a file that failed to decode and returns the 1-based
// line and column of its first syntax error.
func syntaxPosition(path string) (line, col int, detail string, ok bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, "", false
	}
	var raw json.RawMessage
	var se *json.SyntaxError
	if err := json.Unmarshal(data, &raw); !errors.As(err, &se) {
		return 0, 0, "", false
	}
	off := min(int(se.Offset), len(data))
	// Offset counts the offending byte; point at it.
	if off > 0 {
		off--
	}
	line = 1 + bytes.Count(data[:off], []byte{'\n'})
	col = 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off])
	return line, col, se.Error(), true
}

func fileError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &Error{File: path, Index: -1, Err: err, Msg: pe.Op + ": " + pe.Err.Error()}
	}
	return &Error{File: path, Index: -1, Err: err, Msg: err.Error()}
}

// Decode reads GeoJSON from r; name is used in errors and warnings. The
// features array is decoded one feature at a time.
func Decode(r io.Reader, name string, opts ReadOptions) (*Collection, error) {
	r, err := checkEncoding(r, name)
	if err != nil {
		return nil, err
	}
	d := &decoder{
		name: name,
		opts: opts,
		dec:  json.NewDecoder(r),
		c:    &Collection{Name: name},
		ids:  map[string]int{},
	}
	if err := d.top(); err != nil {
		return nil, err
	}
	if err := d.resolveCRS(); err != nil {
		return nil, err
	}
	if opts.RequireFeatures && len(d.c.Features) == 0 {
		return nil, &Error{File: name, Index: -1, Err: ErrEmpty, Msg: "no features"}
	}
	return d.c, nil
}

// checkEncoding rejects UTF-16 and UTF-32 text, which encoding/json would
// report only as an invalid character at line 1, and returns a reader that
// still yields every byte of r.
func checkEncoding(r io.Reader, name string) (io.Reader, error) {
	var head [4]byte
	n, err := io.ReadFull(r, head[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, &Error{File: name, Index: -1, Err: err, Msg: "reading: " + err.Error()}
	}
	b := head[:n]
	utf16 := len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) ||
		len(b) >= 2 && (b[0] == 0 && b[1] != 0 || b[0] != 0 && b[1] == 0) // "{" in UTF-16 without a byte order mark
	if utf16 {
		return nil, &Error{File: name, Index: -1, Err: ErrSyntax,
			Msg: "file is UTF-16 or UTF-32 encoded; GeoJSON must be UTF-8 (save it as UTF-8)"}
	}
	return io.MultiReader(bytes.NewReader(b), r), nil
}

type decoder struct {
	name   string
	opts   ReadOptions
	dec    *json.Decoder
	c      *Collection
	ids    map[string]int
	crsRaw json.RawMessage
}

func (d *decoder) errf(index int, id string, sentinel error, format string, args ...any) error {
	return &Error{File: d.name, Index: index, ID: id, Err: sentinel, Msg: fmt.Sprintf(format, args...)}
}

// readErr turns an error from encoding/json's stream decoder into an Error;
// where says what was being read when the input ended.
func (d *decoder) readErr(err error, index int, where string) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &Error{File: d.name, Index: index, Err: ErrSyntax, Msg: "invalid JSON: " + se.Error(), syntax: true}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &Error{File: d.name, Index: index, Err: ErrSyntax, Msg: "truncated JSON: input ends " + where}
	default:
		return &Error{File: d.name, Index: index, Err: err, Msg: "reading: " + err.Error()}
	}
}

// top walks the top-level object, decoding features as they come.
func (d *decoder) top() error {
	tok, err := d.dec.Token()
	if err == io.EOF {
		return d.errf(-1, "", ErrSyntax, "no JSON value (empty input)")
	}
	if err != nil {
		return d.readErr(err, -1, "at the start")
	}
	if tok != json.Delim('{') {
		return d.errf(-1, "", ErrInvalid, "top level is %s, not a GeoJSON object", tokenKind(tok))
	}
	members := map[string]json.RawMessage{}
	sawFeatures := false
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return d.readErr(err, -1, "inside the top-level object")
		}
		key, _ := tok.(string)
		if key != "features" {
			var raw json.RawMessage
			if err := d.dec.Decode(&raw); err != nil {
				return d.readErr(err, -1, "inside member "+strconv.Quote(key))
			}
			members[key] = raw
			continue
		}
		if sawFeatures {
			return d.errf(-1, "", ErrInvalid, "features member appears twice")
		}
		sawFeatures = true
		if err := d.features(); err != nil {
			return err
		}
	}
	if _, err := d.dec.Token(); err != nil { // closing brace
		return d.readErr(err, -1, "before the top-level object is closed")
	}
	if tok, err := d.dec.Token(); err != io.EOF {
		if err != nil {
			return d.readErr(err, -1, "after the top-level object")
		}
		return d.errf(-1, "", ErrSyntax, "unexpected %s after the top-level object", tokenKind(tok))
	}
	d.crsRaw = members["crs"]

	typ, ok, err := stringMember(members, "type")
	if err != nil {
		return d.errf(-1, "", ErrInvalid, "top-level %s", err)
	}
	if !ok {
		return d.errf(-1, "", ErrInvalid, "top-level object has no type member")
	}
	switch typ {
	case "FeatureCollection":
		if !sawFeatures {
			return d.errf(-1, "", ErrInvalid, "FeatureCollection has no features member")
		}
		return nil
	case "Feature":
		if sawFeatures {
			return d.errf(-1, "", ErrInvalid, "a Feature may not have a features member")
		}
		return d.featureMembers(0, members)
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
		if sawFeatures {
			return d.errf(-1, "", ErrInvalid, "a %s may not have a features member", typ)
		}
		g, err := decodeGeometry(members, 0)
		if err != nil {
			return d.errf(0, "", ErrInvalid, "%s", err)
		}
		d.c.Features = append(d.c.Features, Feature{Index: 0, Geometry: g})
		return nil
	default:
		return d.errf(-1, "", ErrInvalid, "unknown top-level type %q (want FeatureCollection, Feature or a geometry)", typ)
	}
}

func tokenKind(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '[':
			return "an array"
		case '{':
			return "an object"
		default:
			return strconv.Quote(v.String())
		}
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", tok)
}

// features reads the features array, one feature at a time.
func (d *decoder) features() error {
	tok, err := d.dec.Token()
	if err != nil {
		return d.readErr(err, -1, "at the features member")
	}
	if tok != json.Delim('[') {
		return d.errf(-1, "", ErrInvalid, "features must be an array, found %s", tokenKind(tok))
	}
	for i := 0; d.dec.More(); i++ {
		var raw json.RawMessage
		if err := d.dec.Decode(&raw); err != nil {
			return d.readErr(err, i, "inside this feature")
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return d.errf(i, "", ErrInvalid, "feature must be an object, found %s", kindOf(raw))
		}
		if err := d.featureMembers(i, m); err != nil {
			return err
		}
	}
	if _, err := d.dec.Token(); err != nil { // closing bracket
		return d.readErr(err, -1, "inside the features array")
	}
	return nil
}

// featureMembers decodes one feature from its members.
func (d *decoder) featureMembers(i int, m map[string]json.RawMessage) error {
	id, err := featureID(m["id"])
	if err != nil {
		return d.errf(i, "", ErrInvalid, "%s", err)
	}
	typ, ok, err := stringMember(m, "type")
	if err != nil {
		return d.errf(i, id, ErrInvalid, "%s", err)
	}
	if !ok {
		return d.errf(i, id, ErrInvalid, "feature has no type member")
	}
	if typ != "Feature" {
		return d.errf(i, id, ErrInvalid, "type is %q, want \"Feature\"", typ)
	}
	if id != "" {
		if first, dup := d.ids[id]; dup {
			return d.errf(i, id, ErrDuplicateID, "id %q already used by feature %d", id, first)
		}
		d.ids[id] = i
	}
	f := Feature{Index: i, ID: id}
	if graw, ok := m["geometry"]; ok {
		if f.Geometry, err = decodeGeometryRaw(graw, 0); err != nil {
			return d.errf(i, id, ErrInvalid, "%s", err)
		}
	} else {
		d.warn(i, id, "feature has no geometry member; read as null geometry")
	}
	if praw, ok := m["properties"]; ok && !isNull(praw) {
		if err := json.Unmarshal(praw, &f.Props); err != nil {
			if bytes.HasPrefix(bytes.TrimSpace(praw), []byte("{")) {
				return d.errf(i, id, ErrInvalid, "properties: %s", jsonValueError(err))
			}
			return d.errf(i, id, ErrInvalid, "properties must be an object or null, found %s", kindOf(praw))
		}
	}
	d.c.Features = append(d.c.Features, f)
	return nil
}

// jsonValueError rewords encoding/json errors for values inside properties.
func jsonValueError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Value != "" {
		where := ""
		if te.Field != "" {
			where = strconv.Quote(te.Field) + ": "
		}
		if num, ok := strings.CutPrefix(te.Value, "number "); ok {
			return where + "number " + num + " is out of range"
		}
		return where + te.Value + " cannot be read"
	}
	return err.Error()
}

// featureID reads an "id" member: a string, a number (kept as its literal
// text) or null.
func featureID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || isNull(raw) {
		return "", nil
	}
	switch c := raw[0]; {
	case c == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("id: %v", err)
		}
		return s, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return string(raw), nil
	}
	return "", fmt.Errorf("id must be a string or a number, found %s", kindOf(raw))
}

func (d *decoder) warn(i int, id, msg string) {
	d.c.Warnings = append(d.c.Warnings, Warning{File: d.name, Index: i, ID: id, Msg: msg})
}
