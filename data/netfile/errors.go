package netfile

import (
	"errors"
	"strings"
)

// Sentinel errors, wrapped by *Error.
var (
	// ErrNotNetwork: the file does not start with the magic bytes.
	ErrNotNetwork = errors.New("not a saavu network file")
	// ErrFormat: the file was written in another format version.
	ErrFormat = errors.New("unsupported format version")
	// ErrTruncated: the file ends before its content does.
	ErrTruncated = errors.New("truncated")
	// ErrCorrupt: a checksum does not match or the content is
	// inconsistent (an index out of range, a length that does not fit).
	ErrCorrupt = errors.New("corrupt")
)

// Error is the error of Read, Decode and Write: it names the file and,
// where known, the part of it concerned.
type Error struct {
	File    string // path or name as given
	Section string // "car graph: Head", "timetable: Trips.ID"...; empty for the file as a whole
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("netfile: ")
	b.WriteString(e.File)
	if e.Section != "" {
		b.WriteString(": ")
		b.WriteString(e.Section)
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("unknown error")
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }
