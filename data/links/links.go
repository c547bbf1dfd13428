package links

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Errors wrapped by a [*RowError]; test with errors.Is.
var (
	ErrMissingColumn = errors.New("links: missing column")
	ErrBadValue      = errors.New("links: bad value")
	ErrDuplicate     = errors.New("links: duplicate line")
	ErrNoLines       = errors.New("links: no lines")
)

// maxFileSize bounds what Read accepts: a sketch file is typed by hand.
const maxFileSize = 16 << 20

// File is a parsed sketch links file.
type File struct {
	Name  string // base name of the file, used in messages
	Lines []Line // in file order
}

// Line is one sketch line.
type Line struct {
	Row        int             // line of the file it came from
	Name       string          // the line column
	RouteType  int32           // GTFS route_type (3 = bus)
	Stops      []Stop          // at least two, in order
	Legs       []time.Duration // travel time from Stops[i] to Stops[i+1], whole seconds
	Departures []time.Duration // from the first stop, since midnight, ascending, unique
	Days       Weekdays        // never empty
	Both       bool            // also runs back from the last stop at the same departure times
}

// Stop is a named point of a sketch line.
type Stop struct {
	Name     string
	Lon, Lat float64 // WGS84 degrees
}

// RowError says which file, line and field is wrong.
type RowError struct {
	File  string
	Line  int    // 1-based; 0 for the file as a whole
	Field string // column; empty when not about one
	Err   error
}

func (e *RowError) Error() string {
	var b strings.Builder
	b.WriteString("links: ")
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, " line %d", e.Line)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString("field ")
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *RowError) Unwrap() error { return e.Err }

// kindError is a message that belongs to one of the sentinel errors
// without repeating its text.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// errorf formats a message of the given kind.
func errorf(kind error, format string, args ...any) error {
	return &kindError{kind, fmt.Sprintf(format, args...)}
}

// Load reads the sketch links file at path.
func Load(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	defer f.Close()
	return Read(f, filepath.Base(path))
}

// Read reads a sketch links file from r, naming it name in messages. It
// stops at the first wrong row.
func Read(r io.Reader, name string) (*File, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("links: %s: %w", name, err)
	}
	if len(data) > maxFileSize {
		return nil, &RowError{File: name, Err: errorf(ErrBadValue, "file larger than %d MiB", maxFileSize>>20)}
	}
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return nil, &RowError{File: name, Err: errorf(ErrBadValue, "the file is UTF-16 encoded; save it as UTF-8 CSV")}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = detectComma(data)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	head, err := cr.Read()
	if err == io.EOF {
		return nil, &RowError{File: name, Err: errorf(ErrNoLines, "the file is empty")}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	line, _ := cr.FieldPos(0)
	cols, err := parseHeader(head)
	if err != nil {
		err.(*RowError).File, err.(*RowError).Line = name, line
		return nil, err
	}
	out := &File{Name: name}
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		l, err := cols.parseRow(rec)
		if err != nil {
			re := err.(*RowError)
			re.File, re.Line = name, line
			return nil, re
		}
		l.Row = line
		if first, dup := seen[l.Name]; dup {
			return nil, &RowError{File: name, Line: line, Field: "line", Err: errorf(ErrDuplicate, "%q is already on line %d", l.Name, first)}
		}
		seen[l.Name] = line
		out.Lines = append(out.Lines, l)
	}
	if len(out.Lines) == 0 {
		return nil, &RowError{File: name, Err: errorf(ErrNoLines, "the file has a header but no line")}
	}
	return out, nil
}

// detectComma picks ';' when the header has semicolons and no commas.
func detectComma(data []byte) rune {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if bytes.IndexByte(t, ';') >= 0 && bytes.IndexByte(t, ',') < 0 {
			return ';'
		}
		return ','
	}
	return ','
}

// csvError converts a csv error into a RowError.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RowError{File: name, Line: pe.StartLine, Err: errorf(ErrBadValue, "%v", pe.Err)}
	}
	return fmt.Errorf("links: %s: %w", name, err)
}

// blank tells whether every field of a record is empty.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// Trips returns the number of vehicle trips the line runs on one of its
// days (both directions counted).
func (l *Line) Trips() int {
	if l.Both {
		return 2 * len(l.Departures)
	}
	return len(l.Departures)
}
