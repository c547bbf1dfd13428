package csvio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// FixedFloat is a float written with a fixed number of decimals.
type FixedFloat struct {
	V   float64
	Dec int
}

// Fixed returns v to be written with dec decimals (0..15): Fixed(1.5, 2)
// writes "1.50". NaN and infinities are written as empty fields.
func Fixed(v float64, dec int) FixedFloat { return FixedFloat{V: v, Dec: dec} }

// Writer writes a CSV table with a header, ',' as delimiter and "\n" line
// ends. Floats are written in the shortest form that reads back the same
// value ("23.5", never "-0"), or with the decimals set for their column or
// by Fixed; NaN and infinities as empty fields. The same rows always give
// the same bytes. A Writer is not safe for concurrent use.
type Writer struct {
	cw      *csv.Writer
	header  []string
	decs    []int // decimals per column; -1 = shortest
	started bool
	rec     []string
	buf     []byte
	rows    int
	err     error
}

// NewWriter returns a Writer for a table with the given header, written
// before the first row (or by Flush when there are no rows).
func NewWriter(w io.Writer, header []string) *Writer {
	decs := make([]int, len(header))
	for i := range decs {
		decs[i] = -1
	}
	return &Writer{cw: csv.NewWriter(w), header: header, decs: decs, rec: make([]string, len(header))}
}

// SetDecimals makes floats in column (named as in the header) be written
// with dec decimals (0..15); a negative dec restores the shortest form.
func (w *Writer) SetDecimals(column string, dec int) error {
	for i, h := range w.header {
		if h == column {
			w.decs[i] = min(dec, 15)
			return nil
		}
	}
	return fmt.Errorf("csvio: SetDecimals: no column %q in the header", column)
}

func (w *Writer) start() {
	if !w.started && w.err == nil {
		w.started = true
		w.err = w.cw.Write(w.header)
	}
}

// WriteRow writes one row; it needs one value per header column. Values may
// be string, bool, nil (empty), any integer type, float32, float64,
// FixedFloat or a fmt.Stringer. A row that cannot be formatted is not
// written; write errors are sticky and also returned by Flush.
func (w *Writer) WriteRow(vals ...any) error {
	if w.err != nil {
		return w.err
	}
	if len(vals) != len(w.header) {
		return &RowError{Line: w.rows + 2, Err: ErrUnsupported,
			Msg: fmt.Sprintf("%d values for %d columns", len(vals), len(w.header))}
	}
	for i, v := range vals {
		s, err := w.format(v, w.decs[i])
		if err != nil {
			return &RowError{Line: w.rows + 2, Field: w.header[i], Err: ErrUnsupported, Msg: err.Error()}
		}
		w.rec[i] = s
	}
	w.start()
	if w.err == nil {
		w.err = w.cw.Write(w.rec)
	}
	w.rows++
	return w.err
}

// Flush writes the header if no row was written and flushes buffered data.
func (w *Writer) Flush() error {
	w.start()
	if w.err != nil {
		return w.err
	}
	w.cw.Flush()
	w.err = w.cw.Error()
	return w.err
}

func (w *Writer) format(v any, dec int) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case int:
		return strconv.Itoa(v), nil
	case int8:
		return strconv.FormatInt(int64(v), 10), nil
	case int16:
		return strconv.FormatInt(int64(v), 10), nil
	case int32:
		return strconv.FormatInt(int64(v), 10), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case uint:
		return strconv.FormatUint(uint64(v), 10), nil
	case uint8:
		return strconv.FormatUint(uint64(v), 10), nil
	case uint16:
		return strconv.FormatUint(uint64(v), 10), nil
	case uint32:
		return strconv.FormatUint(uint64(v), 10), nil
	case uint64:
		return strconv.FormatUint(v, 10), nil
	case float64:
		return w.float(v, dec, 64), nil
	case float32:
		return w.float(float64(v), dec, 32), nil
	case FixedFloat:
		if v.Dec < 0 {
			return "", errors.New("Fixed with negative decimals")
		}
		return w.float(v.V, min(v.Dec, 15), 64), nil
	case fmt.Stringer:
		return v.String(), nil
	}
	return "", fmt.Errorf("value of type %T cannot be written", v)
}

// float formats v with dec decimals, or in the shortest form when dec < 0.
func (w *Writer) float(v float64, dec, bitSize int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	w.buf = strconv.AppendFloat(w.buf[:0], v, 'f', dec, bitSize)
	s := string(w.buf)
	// No negative zero: "-0" or "-0.00" when v rounds to zero.
	if s[0] == '-' && strings.Trim(s[1:], "0.") == "" {
		s = s[1:]
	}
	return s
}
