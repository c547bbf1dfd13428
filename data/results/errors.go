package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors wrapped by [*Error].
var (
	// ErrMissing: a file of the results directory does not exist.
	ErrMissing = errors.New("file missing")
	// ErrSyntax: a file is not valid JSON or CSV (often a truncated file).
	ErrSyntax = errors.New("invalid syntax")
	// ErrInvalid: a file parses but does not follow the results schema.
	ErrInvalid = errors.New("invalid content")
)

// Producer is the command that writes a results directory; error messages
// quote it with the directory filled in.
const Producer = "saavu analyse --out"

// Error is a problem with one file of a results directory.
type Error struct {
	Dir     string // the results directory as given to Load
	File    string // file name inside Dir, e.g. "summary.csv"
	Line    int    // 1-based line, 0 when unknown
	Column  int    // 1-based column within Line, 0 when unknown
	Feature int    // 0-based feature index, -1 when not about one feature
	Field   string // property, member or column name, "" when not about one
	Err     error  // the cause; wraps one of ErrMissing, ErrSyntax, ErrInvalid
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("results: ")
	b.WriteString(joinPath(e.Dir, e.File))
	var where []string
	if e.Line > 0 {
		if e.Column > 0 {
			where = append(where, fmt.Sprintf("line %d col %d", e.Line, e.Column))
		} else {
			where = append(where, fmt.Sprintf("line %d", e.Line))
		}
	}
	if e.Feature >= 0 {
		where = append(where, fmt.Sprintf("feature %d", e.Feature))
	}
	if e.Field != "" {
		where = append(where, fmt.Sprintf("field %q", e.Field))
	}
	if len(where) > 0 {
		b.WriteString(" ")
		b.WriteString(strings.Join(where, ", "))
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	fmt.Fprintf(&b, " (written by %q)", Producer+" "+dirOrDot(e.Dir))
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

func dirOrDot(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}

func joinPath(dir, file string) string {
	if dir == "" {
		return file
	}
	return strings.TrimRight(dir, "/") + "/" + file
}

// fileErr builds an *Error about a whole file or one of its fields.
func fileErr(dir, file, field string, err error) *Error {
	return &Error{Dir: dir, File: file, Feature: -1, Field: field, Err: err}
}

// jsonErr turns an encoding/json error on data into an *Error with the
// line and column of the offending byte.
func jsonErr(dir, file string, data []byte, err error) *Error {
	e := fileErr(dir, file, "", err)
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		e.Line, e.Column = lineCol(data, syn.Offset-1)
		e.Err = fmt.Errorf("%w: %v", ErrSyntax, err)
	case errors.As(err, &typ):
		e.Line, e.Column = lineCol(data, typ.Offset-1)
		e.Field = typ.Field
		e.Err = fmt.Errorf("%w: %s where %s was expected", ErrInvalid, typ.Value, typ.Type)
	case errors.Is(err, ErrSyntax), errors.Is(err, ErrInvalid):
	default:
		// io.ErrUnexpectedEOF and friends: truncated input.
		e.Err = fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	return e
}

// lineCol converts a 0-based byte index into a 1-based line and column.
// encoding/json reports errors "after reading Offset bytes": the byte at
// fault is at index Offset-1.
func lineCol(data []byte, off int64) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	head := data[:off]
	line = 1 + bytes.Count(head, []byte{'\n'})
	col = int(off) - bytes.LastIndexByte(head, '\n')
	return line, col
}
