package gtfs

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors wrapped by the problems of a feed; test with errors.Is.
var (
	ErrNotFeed       = errors.New("gtfs: not a feed")
	ErrMissingFile   = errors.New("gtfs: missing file")
	ErrMissingColumn = errors.New("gtfs: missing column")
	ErrUnknownRef    = errors.New("gtfs: unknown reference")
	ErrBadValue      = errors.New("gtfs: bad value")
	ErrDuplicate     = errors.New("gtfs: duplicate id")
	ErrOrder         = errors.New("gtfs: out of order")
	ErrCSV           = errors.New("gtfs: malformed csv")
)

// Severity tells whether a problem stops a load.
type Severity uint8

// Severities of a [Problem].
const (
	// SeverityWarning is a row-level problem: counted, the load goes on.
	SeverityWarning Severity = iota
	// SeverityError is a structural problem: [Load] fails.
	SeverityError
)

// String returns "warning" or "error".
func (s Severity) String() string {
	if s == SeverityError {
		return "error"
	}
	return "warning"
}

// Problem is one thing wrong with a feed.
type Problem struct {
	Severity Severity
	File     string // e.g. "stop_times.txt"; empty for the feed as a whole
	Line     int    // 1-based line in File; 0 when not about a row
	Field    string // column name; empty when not about one field
	Msg      string // what is wrong
	Err      error  // category: one of the package's sentinel errors, or nil
}

// where formats "stop_times.txt line 12: field arrival_time: ".
func (p *Problem) where(b *strings.Builder) {
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			b.WriteString(" line ")
			b.WriteString(strconv.Itoa(p.Line))
		}
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString("field ")
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
}

// String formats the problem without the feed name.
func (p Problem) String() string {
	var b strings.Builder
	p.where(&b)
	b.WriteString(p.Msg)
	return b.String()
}

// Error is a feed problem returned as an error: the first error of a feed
// that failed to load, naming feed, file, line and field.
type Error struct {
	Feed string // feed name, usually the base name of its path
	Problem
	More int // further errors in the same feed (see its Report)
}

// Error formats e.g. `gtfs: feed.zip: stop_times.txt line 12: field
// arrival_time: "25:61:00" is not a time (minutes must be < 60)`.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("gtfs: ")
	if e.Feed != "" {
		b.WriteString(e.Feed)
		b.WriteString(": ")
	}
	e.where(&b)
	b.WriteString(e.Msg)
	switch {
	case e.More == 1:
		b.WriteString(" (and 1 more error)")
	case e.More > 1:
		fmt.Fprintf(&b, " (and %d more errors)", e.More)
	}
	return b.String()
}

// Unwrap returns the problem's category.
func (e *Error) Unwrap() error { return e.Err }
