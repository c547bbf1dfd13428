package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// decoder reads the values of one file, naming it in errors.
type decoder struct{ file string }

func (d *decoder) errf(path, format string, args ...any) error {
	return &Error{File: d.file, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// syntaxErr turns a JSON syntax error into an Error with line and column.
func (d *decoder) syntaxErr(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, the one at fault included.
		off := int(min(max(se.Offset-1, 0), int64(len(data))))
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		col := off - bytes.LastIndexByte(data[:off], '\n')
		return d.errf(fmt.Sprintf("line %d, column %d", line, col), "%s", se.Error())
	}
	return d.errf("", "not valid JSON: %v", err)
}

// object is a JSON object with the path it was found at.
type object struct {
	d    *decoder
	path string
	vals map[string]json.RawMessage
}

// member returns the path of a member.
func (o *object) member(key string) string {
	if o.path == "" {
		return key
	}
	return o.path + "." + key
}

// element returns the path of an array element.
func element(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// kind is the JSON type of a raw value by its first byte.
func kind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// object decodes raw as an object whose members are all in allowed;
// a member given twice is an error.
func (d *decoder) object(raw json.RawMessage, path string, allowed ...string) (*object, error) {
	where := path
	if where == "" {
		where = "the file"
	}
	if kind(raw) != "an object" {
		return nil, d.errf(path, "must be an object, not %s", kind(raw))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // {
		return nil, d.errf(path, "%v", err)
	}
	o := &object{d: d, path: path, vals: map[string]json.RawMessage{}}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, d.errf(path, "%v", err)
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, d.errf(o.member(key), "%v", err)
		}
		if !slices.Contains(allowed, key) {
			return nil, d.errf(o.member(key), "unknown member of %s (known: %s)", where, strings.Join(allowed, ", "))
		}
		if _, dup := o.vals[key]; dup {
			return nil, d.errf(o.member(key), "given twice")
		}
		o.vals[key] = v
	}
	return o, nil
}

// has tells whether a member is present and not null.
func (o *object) has(key string) bool {
	v, ok := o.vals[key]
	return ok && kind(v) != "null"
}

// str returns a string member, trimmed; "" when absent or null. A
// required member must be a non-empty string.
func (o *object) str(key string, required bool) (string, error) {
	if !o.has(key) {
		if required {
			return "", o.d.errf(o.member(key), "required, must be a string")
		}
		return "", nil
	}
	var s string
	if err := json.Unmarshal(o.vals[key], &s); err != nil {
		return "", o.d.errf(o.member(key), "must be a string, not %s", kind(o.vals[key]))
	}
	s = strings.TrimSpace(s)
	if required && s == "" {
		return "", o.d.errf(o.member(key), "must not be empty")
	}
	return s, nil
}

// text returns a string or number member as text (ids may be numbers).
func (o *object) text(key string, required bool) (string, error) {
	if o.has(key) && kind(o.vals[key]) == "a number" {
		return string(bytes.TrimSpace(o.vals[key])), nil
	}
	s, err := o.str(key, required)
	if err != nil && o.has(key) {
		return "", o.d.errf(o.member(key), "must be a string or a number, not %s", kind(o.vals[key]))
	}
	return s, err
}

// num returns a number member within [lo, hi]; ok is false when absent
// and not required.
func (o *object) num(key string, required bool, lo, hi float64) (v float64, ok bool, err error) {
	bad := func() error { return o.d.errf(o.member(key), "must be a number between %g and %g", lo, hi) }
	if !o.has(key) {
		if required {
			return 0, false, bad()
		}
		return 0, false, nil
	}
	if err := json.Unmarshal(o.vals[key], &v); err != nil || math.IsNaN(v) || v < lo || v > hi {
		return 0, false, bad()
	}
	return v, true, nil
}

// array returns an array member's elements; nil when absent or null.
func (o *object) array(key string) ([]json.RawMessage, error) {
	if !o.has(key) {
		return nil, nil
	}
	var a []json.RawMessage
	if kind(o.vals[key]) != "an array" || json.Unmarshal(o.vals[key], &a) != nil {
		return nil, o.d.errf(o.member(key), "must be an array, not %s", kind(o.vals[key]))
	}
	return a, nil
}
