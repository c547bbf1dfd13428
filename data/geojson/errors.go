package geojson

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors, wrapped by [*Error] for errors.Is.
var (
	// ErrEmpty: the input holds no features. Decode returns it only when
	// ReadOptions.RequireFeatures is set; otherwise an empty collection is
	// returned and callers may report ErrEmpty themselves.
	ErrEmpty = errors.New("geojson: no features")
	// ErrSyntax: the input is not valid JSON (including truncated input).
	ErrSyntax = errors.New("geojson: invalid JSON")
	// ErrInvalid: valid JSON that is not valid GeoJSON (wrong member types,
	// bad geometry, too few positions, unclosed rings...).
	ErrInvalid = errors.New("geojson: invalid GeoJSON")
	// ErrUnknownCRS: a crs member or --crs value names a CRS this package
	// does not support.
	ErrUnknownCRS = errors.New("geojson: unknown CRS")
	// ErrCoordinates: coordinates out of range for the CRS, or a CRS that
	// cannot be told from the coordinates.
	ErrCoordinates = errors.New("geojson: bad coordinates")
	// ErrDuplicateID: two features share an id.
	ErrDuplicateID = errors.New("geojson: duplicated feature id")
	// ErrUnsupported: the writer was given a geometry or value type it cannot
	// write.
	ErrUnsupported = errors.New("geojson: unsupported type")
)

// Error is a read or write error that names the file and, when it concerns
// one feature, the feature's 0-based index and id.
type Error struct {
	File  string // file name as given to Read or Decode; empty for writers
	Index int    // 0-based feature index; -1 when the error is not about one feature
	ID    string // feature id, if any
	Msg   string // what is wrong
	Err   error  // sentinel or underlying cause
	// Reader names the format in the message prefix; "" means geojson.
	// Readers of other formats that fill a Collection set it.
	Reader string

	syntax bool // a JSON syntax error whose position Read can look up
}

// Error formats "geojson: FILE: feature N (id "ID"): MSG".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Reader != "" {
		b.WriteString(e.Reader + ": ")
	} else {
		b.WriteString("geojson: ")
	}
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if e.Index >= 0 {
		b.WriteString(featureLabel(e.Index, e.ID))
		b.WriteString(": ")
	}
	switch {
	case e.Msg != "":
		b.WriteString(e.Msg)
	case e.Err != nil:
		b.WriteString(strings.TrimPrefix(e.Err.Error(), "geojson: "))
	}
	return b.String()
}

// Unwrap returns the sentinel or underlying error.
func (e *Error) Unwrap() error { return e.Err }

func featureLabel(index int, id string) string {
	s := "feature " + strconv.Itoa(index)
	if id != "" {
		s += " (id " + strconv.Quote(id) + ")"
	}
	return s
}

// Warning is a problem that did not stop reading.
type Warning struct {
	File  string
	Index int // 0-based feature index, -1 for the whole file
	ID    string
	Msg   string
	// Reader names the format in the message prefix, as in Error.
	Reader string
}

// String formats the warning like an [Error].
func (w Warning) String() string {
	e := Error{File: w.File, Index: w.Index, ID: w.ID, Msg: w.Msg, Reader: w.Reader}
	return e.Error()
}
