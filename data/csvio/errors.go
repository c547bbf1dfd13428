package csvio

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors wrapped by [*RowError].
var (
	ErrNotFile         = errors.New("csvio: not a regular file")
	ErrEmptyFile       = errors.New("csvio: empty file")
	ErrNoRows          = errors.New("csvio: no data rows")
	ErrEncoding        = errors.New("csvio: unsupported text encoding")
	ErrSyntax          = errors.New("csvio: malformed CSV")
	ErrFieldCount      = errors.New("csvio: wrong number of fields")
	ErrMissingColumn   = errors.New("csvio: missing column")
	ErrDuplicateColumn = errors.New("csvio: duplicated column")
	ErrEmptyValue      = errors.New("csvio: empty value")
	ErrNumber          = errors.New("csvio: not a number")
	ErrRange           = errors.New("csvio: value out of range")
	ErrSwapped         = errors.New("csvio: lon and lat swapped")
	ErrDuplicateID     = errors.New("csvio: duplicated id")
	ErrUnsupported     = errors.New("csvio: unsupported value")
)

// RowError says where a problem is (file, line, field) and what it is.
// Line is 1-based and counts the header as line 1; 0 means the whole file.
type RowError struct {
	File  string
	Line  int
	Field string // column name as written in the header, or ""
	Msg   string
	Err   error // sentinel or underlying cause
}

// Error formats "csvio: FILE line N: field F: MSG".
func (e *RowError) Error() string {
	var b strings.Builder
	b.WriteString("csvio: ")
	b.WriteString(e.File)
	if e.Line > 0 {
		if e.File != "" {
			b.WriteByte(' ')
		}
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.File != "" || e.Line > 0 {
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString("field ")
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	msg := e.Msg
	if msg == "" && e.Err != nil {
		msg = strings.TrimPrefix(e.Err.Error(), "csvio: ")
	}
	b.WriteString(msg)
	return b.String()
}

// Unwrap returns the sentinel or cause.
func (e *RowError) Unwrap() error { return e.Err }

// Warning is a problem that did not stop reading.
type Warning struct {
	File  string
	Line  int
	Field string
	Msg   string
}

// String formats the warning like a RowError.
func (w Warning) String() string {
	e := RowError{File: w.File, Line: w.Line, Field: w.Field, Msg: w.Msg}
	return e.Error()
}
