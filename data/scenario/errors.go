package scenario

import (
	"errors"
	"strings"
)

// ErrInvalid is wrapped by every *Error; test with errors.Is.
var ErrInvalid = errors.New("scenario: invalid scenario file")

// Error says which file, and which value in it, is wrong.
type Error struct {
	File string // base name of the file
	Path string // JSON path ("add_services[2].lon"), or a line and column for syntax errors; empty for the whole file
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("scenario: ")
	b.WriteString(e.File)
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func (e *Error) Unwrap() error { return ErrInvalid }
