package osm

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors, wrapped by *Error.
var (
	// ErrNotOSM: the content is neither OSM PBF nor OSM XML.
	ErrNotOSM = errors.New("not an OpenStreetMap PBF or XML file")
	// ErrTruncated: a PBF file ends inside a block.
	ErrTruncated = errors.New("truncated PBF")
	// ErrCorrupt: a PBF block or an XML element cannot be decoded.
	ErrCorrupt = errors.New("corrupt data")
	// ErrUnsupported: a valid file uses a feature this reader does not
	// implement (for example lzma-compressed PBF blocks).
	ErrUnsupported = errors.New("unsupported feature")
)

// Error is the error returned by Read and ReadReader. It names the file and,
// where known, the place in it: a byte offset for PBF, a line for XML.
type Error struct {
	File    string // file name as given to Read or ReadReader
	Offset  int64  // byte offset of the PBF block concerned; -1 when unknown
	Line    int    // XML line; 0 when unknown
	Element string // "way 12", "node 7"; empty when not about one element
	Err     error  // what is wrong
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("osm: ")
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(": line ")
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.Offset >= 0 {
		b.WriteString(": block at byte ")
		b.WriteString(strconv.FormatInt(e.Offset, 10))
	}
	if e.Element != "" {
		b.WriteString(": ")
		b.WriteString(e.Element)
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

// fileError is an error about the file as a whole.
func fileError(name string, err error) *Error {
	return &Error{File: name, Offset: -1, Err: err}
}
