package shp

import (
	"errors"
	"fmt"
)

// Sentinel errors, wrapped by *Error.
var (
	// ErrFormat: the file is not a valid shapefile part.
	ErrFormat = errors.New("shp: malformed file")
	// ErrMissing: a part the reader needs (.shp or .dbf) is absent.
	ErrMissing = errors.New("shp: missing file")
	// ErrCRS: the .prj names a coordinate system saavu does not handle.
	ErrCRS = errors.New("shp: unsupported coordinate system")
	// ErrEncoding: the .cpg names a code page saavu does not decode.
	ErrEncoding = errors.New("shp: unsupported code page")
	// ErrShapeType: a shape type saavu does not read (MultiPatch).
	ErrShapeType = errors.New("shp: unsupported shape type")
)

// Error is a problem with one file of a shapefile, at a record (1-based,
// 0 when the whole file) and a field when known.
type Error struct {
	File   string
	Record int
	Field  string
	Msg    string
	Err    error
}

func (e *Error) Error() string {
	s := e.File
	if e.Record > 0 {
		s += fmt.Sprintf(": record %d", e.Record)
	}
	if e.Field != "" {
		s += fmt.Sprintf(": field %q", e.Field)
	}
	return s + ": " + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

func errf(file string, record int, sentinel error, format string, args ...any) error {
	return &Error{File: file, Record: record, Err: sentinel, Msg: fmt.Sprintf(format, args...)}
}
