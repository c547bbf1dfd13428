package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"
)

// Reader reads a CSV file with a header line, record by record. It detects
// the delimiter from the header, skips a UTF-8 byte order mark, trims
// fields, and reads text that is not UTF-8 as Windows-1252 (with a
// warning), as older spreadsheets save it.
type Reader struct {
	name     string
	cr       *csv.Reader
	delim    rune
	header   []string // trimmed names as written
	keys     []string // normalised names
	line     int      // line of the last record read
	rec      []string
	closer   io.Closer
	warnings []Warning
	recoded  bool
}

// Open opens a CSV file and reads its header. A directory, a missing file,
// an empty file or one without a header is an error naming path.
func Open(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, &RowError{File: path, Msg: pe.Op + ": " + pe.Err.Error(), Err: err}
		}
		return nil, &RowError{File: path, Msg: err.Error(), Err: err}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &RowError{File: path, Msg: err.Error(), Err: err}
	}
	if !st.Mode().IsRegular() {
		f.Close()
		what := "not a regular file"
		if st.IsDir() {
			what = "is a directory, not a CSV file"
		}
		return nil, &RowError{File: path, Msg: what, Err: ErrNotFile}
	}
	r, err := NewReader(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.closer = f
	return r, nil
}

// NewReader reads the header line from in; name is used in errors.
func NewReader(in io.Reader, name string) (*Reader, error) {
	br := bufio.NewReaderSize(in, 4096) // only the header; encoding/csv buffers the rest
	r := &Reader{name: name}
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	} else if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		return nil, &RowError{File: name, Msg: "file is UTF-16 encoded; save it as UTF-8 CSV", Err: ErrEncoding}
	} else if len(b) == 0 {
		if err != nil && err != io.EOF {
			return nil, &RowError{File: name, Msg: "reading: " + err.Error(), Err: err}
		}
		return nil, &RowError{File: name, Msg: "file is empty (0 bytes)", Err: ErrEmptyFile}
	}
	first, err := br.ReadBytes('\n')
	if err != nil && err != io.EOF {
		return nil, &RowError{File: name, Msg: "reading: " + err.Error(), Err: err}
	}
	if len(bytes.TrimSpace(first)) == 0 {
		return nil, &RowError{File: name, Line: 1, Msg: "no header line (the first line is blank)", Err: ErrEmptyFile}
	}
	r.delim = detectDelimiter(first)
	r.cr = csv.NewReader(io.MultiReader(bytes.NewReader(first), br))
	r.cr.Comma = r.delim
	r.cr.FieldsPerRecord = -1
	r.cr.LazyQuotes = true
	r.cr.ReuseRecord = true

	hdr, err := r.cr.Read()
	if err != nil {
		return nil, r.parseError(err, 1)
	}
	r.line = 1
	r.header = make([]string, len(hdr))
	r.keys = make([]string, len(hdr))
	seen := map[string]int{}
	for i, h := range hdr {
		h = strings.TrimSpace(r.text(h))
		r.header[i] = h
		r.keys[i] = normalize(h)
		if r.keys[i] == "" {
			continue
		}
		if j, dup := seen[r.keys[i]]; dup {
			return nil, &RowError{File: name, Line: 1, Field: h, Err: ErrDuplicateColumn,
				Msg: fmt.Sprintf("column appears twice (columns %d and %d)", j+1, i+1)}
		}
		seen[r.keys[i]] = i
	}
	r.rec = make([]string, len(hdr))
	return r, nil
}

// detectDelimiter picks ',', ';' or tab, whichever occurs most often
// outside quotes in the header line; ',' on a tie or when none occurs.
func detectDelimiter(line []byte) rune {
	var n [3]int
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			n[0]++
		case c == ';':
			n[1]++
		case c == '\t':
			n[2]++
		}
	}
	best := 0
	for i := 1; i < 3; i++ {
		if n[i] > n[best] {
			best = i
		}
	}
	return [3]rune{',', ';', '\t'}[best]
}

// normalize lowers a header name and turns spaces, hyphens and dots into
// underscores: "Opening hours" and "opening-hours" both give
// "opening_hours".
func normalize(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '.':
			return '_'
		}
		return r
	}, h)
}

// Name returns the file name used in errors.
func (r *Reader) Name() string { return r.name }

// Header returns the column names as written, trimmed.
func (r *Reader) Header() []string { return r.header }

// Delimiter returns the detected delimiter.
func (r *Reader) Delimiter() rune { return r.delim }

// DecimalComma reports whether numbers may use a decimal comma: true for
// ';'-separated files.
func (r *Reader) DecimalComma() bool { return r.delim == ';' }

// Line returns the line number of the record last read (1 = header).
func (r *Reader) Line() int { return r.line }

// Warnings returns the problems met so far that did not stop reading.
func (r *Reader) Warnings() []Warning { return r.warnings }

// Column returns the index of the first of aliases found in the header
// (names compared after normalising), or -1.
func (r *Reader) Column(aliases ...string) int {
	for _, a := range aliases {
		a = normalize(a)
		for i, k := range r.keys {
			if k == a {
				return i
			}
		}
	}
	return -1
}

// Read returns the next record, fields trimmed, as many as the header has
// columns; io.EOF after the last. Rows whose fields are all empty are
// skipped. The returned slice is reused by the next call.
func (r *Reader) Read() ([]string, error) {
	for {
		rec, err := r.cr.Read()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			return nil, r.parseError(err, r.line+1)
		}
		r.line, _ = r.cr.FieldPos(0)
		if len(rec) < len(r.header) {
			if allEmpty(rec) {
				continue
			}
			hint := ""
			if len(rec) > 0 && strings.ContainsAny(rec[len(rec)-1], "\r\n") {
				// With lazy quotes an unclosed quote swallows the lines
				// after it into one field.
				hint = " (a quote opened on this line is never closed)"
			}
			return nil, &RowError{File: r.name, Line: r.line, Err: ErrFieldCount,
				Msg: fmt.Sprintf("%s, but the header has %d%s", fieldCount(len(rec)), len(r.header), hint)}
		}
		if len(rec) > len(r.header) && !allEmpty(rec[len(r.header):]) {
			return nil, &RowError{File: r.name, Line: r.line, Err: ErrFieldCount,
				Msg: fmt.Sprintf("%s, but the header has %d (a value containing %s needs quotes)",
					fieldCount(len(rec)), len(r.header), delimName(r.delim))}
		}
		for i := range r.rec {
			r.rec[i] = strings.TrimSpace(r.text(rec[i]))
		}
		if allEmpty(r.rec) {
			continue
		}
		return r.rec, nil
	}
}

func fieldCount(n int) string {
	if n == 1 {
		return "1 field"
	}
	return fmt.Sprintf("%d fields", n)
}

func allEmpty(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func delimName(d rune) string {
	if d == '\t' {
		return "a tab"
	}
	return fmt.Sprintf("'%c'", d)
}

// text returns s as UTF-8, reading invalid UTF-8 as Windows-1252.
func (r *Reader) text(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	if !r.recoded {
		r.recoded = true
		r.warnings = append(r.warnings, Warning{File: r.name, Line: max(r.line, 1),
			Msg: "text is not valid UTF-8; read as Windows-1252 (save the file as UTF-8 to avoid this)"})
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			b.WriteRune(cp1252(s[i]))
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// cp1252 maps one Windows-1252 byte (0x80..0xFF) to its rune.
func cp1252(c byte) rune {
	const high = "€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ"
	if c >= 0x80 && c < 0xA0 {
		return []rune(high)[c-0x80]
	}
	return rune(c)
}

func (r *Reader) parseError(err error, line int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RowError{File: r.name, Line: pe.Line, Err: ErrSyntax,
			Msg: fmt.Sprintf("malformed CSV at column %d: %v", pe.Column, pe.Err)}
	}
	return &RowError{File: r.name, Line: line, Msg: "reading: " + err.Error(), Err: err}
}

// Close closes the file opened by Open; it does nothing for NewReader.
func (r *Reader) Close() error {
	if r.closer == nil {
		return nil
	}
	c := r.closer
	r.closer = nil
	return c.Close()
}

// errorf returns a RowError at the current line for the given column.
func (r *Reader) errorf(col int, sentinel error, format string, args ...any) *RowError {
	field := ""
	if col >= 0 && col < len(r.header) {
		field = r.header[col]
	}
	return &RowError{File: r.name, Line: r.line, Field: field, Err: sentinel, Msg: fmt.Sprintf(format, args...)}
}

func (r *Reader) warnf(col int, format string, args ...any) {
	field := ""
	if col >= 0 && col < len(r.header) {
		field = r.header[col]
	}
	r.warnings = append(r.warnings, Warning{File: r.name, Line: r.line, Field: field, Msg: fmt.Sprintf(format, args...)})
}
