package gtfs

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// table reads one GTFS text file row by row.
type table struct {
	file string
	f    fs.File
	r    *csv.Reader
	rec  []string
	cols map[string]int
	rows int
	// size is the file's length in bytes (0 when unknown) and read counts
	// the bytes taken from it so far (a little ahead of the rows parsed).
	size int64
	read *countingReader
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// rowsHint estimates the number of rows of the file from its size and
// the bytes per row read so far; 0 when it cannot tell yet.
func (t *table) rowsHint() int {
	if t.size <= 0 || t.rows < 1<<16 || t.read.n <= 0 {
		return 0
	}
	perRow := float64(t.read.n) / float64(t.rows)
	return int(float64(t.size)/perRow*1.02) + 1024
}

// errUTF16 is the header error of a UTF-16 text file: GTFS is UTF-8.
var errUTF16 = errors.New("the file is UTF-16 encoded; GTFS files must be UTF-8")

// openTable opens file in fsys and reads its header. It returns an error
// wrapping fs.ErrNotExist when the file is absent, and a nil table with a
// nil error when the file is empty (not even a header).
func openTable(fsys fs.FS, file string) (*table, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, err
	}
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	cr := &countingReader{r: f}
	br := bufio.NewReaderSize(cr, 1<<16)
	bom, _ := br.Peek(3)
	if len(bom) == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF {
		_, _ = br.Discard(3)
	}
	if len(bom) >= 2 && (bom[0] == 0xFF && bom[1] == 0xFE || bom[0] == 0xFE && bom[1] == 0xFF) {
		f.Close()
		return nil, &csv.ParseError{StartLine: 1, Line: 1, Column: 1, Err: errUTF16}
	}
	r := csv.NewReader(br)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	t := &table{file: file, f: f, r: r, cols: make(map[string]int), size: size, read: cr}
	head, err := r.Read()
	if err == io.EOF {
		f.Close()
		return nil, nil
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		if _, dup := t.cols[h]; !dup && h != "" {
			t.cols[h] = i
		}
	}
	return t, nil
}

// Close closes the underlying file.
func (t *table) Close() error { return t.f.Close() }

// col returns the index of a column, -1 when absent.
func (t *table) col(name string) int {
	if i, ok := t.cols[name]; ok {
		return i
	}
	return -1
}

// idColumns returns the columns whose names end in "_id", in header order.
func (t *table) idColumns() []string {
	var out []string
	for name := range t.cols {
		if strings.HasSuffix(name, "_id") {
			out = append(out, name)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return t.cols[a] - t.cols[b] })
	return out
}

// lineBreakIn returns the first of the named columns whose value in the
// current row holds a line break; no real id does.
func (t *table) lineBreakIn(names []string) (string, bool) {
	for _, n := range names {
		if strings.ContainsAny(t.get(t.cols[n]), "\r\n") {
			return n, true
		}
	}
	return "", false
}

// next reads the next row. It returns false at the end of the file. A
// malformed row is returned as a *csv.ParseError with ok true (the caller
// records it and goes on); other read errors end the table.
func (t *table) next() (ok bool, err error) {
	rec, err := t.r.Read()
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			t.rec = t.rec[:0]
			return true, err
		}
		return false, fmt.Errorf("gtfs: reading %s: %w", t.file, err)
	}
	t.rows++
	t.rec = rec
	return true, nil
}

// get returns field i of the current row, trimmed; "" when the column is
// absent or the row too short.
func (t *table) get(i int) string {
	if i < 0 || i >= len(t.rec) {
		return ""
	}
	return trimSpace(t.rec[i])
}

// line returns the line on which the current row starts.
func (t *table) line() int {
	if len(t.rec) == 0 {
		return 0
	}
	l, _ := t.r.FieldPos(0)
	return l
}
