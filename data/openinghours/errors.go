package openinghours

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrSyntax is wrapped by every *SyntaxError; test with errors.Is.
var ErrSyntax = errors.New("openinghours: invalid or unsupported syntax")

// SyntaxError says where an opening_hours value goes wrong and why.
type SyntaxError struct {
	Input string // the value parsed
	Pos   int    // byte offset of the problem in Input
	Msg   string
}

// Column is the 1-based character (not byte) position of the problem.
func (e *SyntaxError) Column() int {
	p := min(max(e.Pos, 0), len(e.Input))
	return utf8.RuneCountInString(e.Input[:p]) + 1
}

func (e *SyntaxError) Error() string {
	in := e.Input
	if len(in) > 80 {
		in = in[:77] + "..."
	}
	return fmt.Sprintf("opening_hours %q: at character %d: %s", in, e.Column(), e.Msg)
}

func (e *SyntaxError) Unwrap() error { return ErrSyntax }
