package parquet

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"reflect"
	"strconv"
	"unsafe"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// Key columns of every matrix.
const (
	OriginColumn      = "origin_id"
	DestinationColumn = "destination_id"
)

// DefaultRowGroupRows is the number of rows per row group when
// Options.RowGroupRows is 0: about 10 to 30 MB in memory while it fills.
const DefaultRowGroupRows = 1 << 20

// Sentinel errors, for errors.Is.
var (
	ErrColumns = errors.New("parquet: bad value columns")
	ErrValues  = errors.New("parquet: wrong number of values")
	ErrClosed  = errors.New("parquet: writer closed")
)

// StreetColumns are the value columns of a walk, bike or car matrix.
func StreetColumns() []string { return []string{"time_s", "distance_m"} }

// TransitColumns are the value columns of a transit matrix: p<N>_s for
// each percentile N.
func TransitColumns(percentiles []int) []string {
	cols := make([]string, len(percentiles))
	for i, p := range percentiles {
		cols[i] = "p" + strconv.Itoa(p) + "_s"
	}
	return cols
}

// Options control a matrix file.
type Options struct {
	// RowGroupRows is the number of rows per row group; 0 means
	// DefaultRowGroupRows.
	RowGroupRows int
}

// batchRows is how many rows are handed to the Parquet writer at once.
const batchRows = 1024

// Writer streams matrix rows into a Parquet file. It is not safe for
// concurrent use.
type Writer struct {
	pw    *pq.Writer
	width int        // values per row: 2 + value columns
	batch []pq.Row   // rows not yet handed to pw
	vals  []pq.Value // backing array of batch
	n     int64
	err   error
}

// NewWriter starts a matrix file on w with the given value columns (names
// of letters, digits and underscores, distinct, not origin_id or
// destination_id).
func NewWriter(w io.Writer, columns []string, opts Options) (*Writer, error) {
	schema, err := matrixSchema(columns)
	if err != nil {
		return nil, err
	}
	rg := opts.RowGroupRows
	if rg <= 0 {
		rg = DefaultRowGroupRows
	}
	pw := pq.NewWriter(w, schema, pq.Compression(&zstd.Codec{Level: zstd.SpeedFastest}), pq.MaxRowsPerRowGroup(int64(rg)))
	width := 2 + len(columns)
	mw := &Writer{pw: pw, width: width, vals: make([]pq.Value, batchRows*width)}
	mw.batch = make([]pq.Row, 0, batchRows)
	return mw, nil
}

// matrixSchema builds the schema from a Go struct type made at run time,
// which keeps the columns in the order given (a parquet.Group would sort
// them by name).
func matrixSchema(columns []string) (*pq.Schema, error) {
	fields := []reflect.StructField{
		{Name: "Origin", Type: reflect.TypeFor[string](), Tag: `parquet:"origin_id,dict"`},
		{Name: "Destination", Type: reflect.TypeFor[string](), Tag: `parquet:"destination_id,dict"`},
	}
	seen := map[string]bool{OriginColumn: true, DestinationColumn: true}
	for i, c := range columns {
		if !validName(c) {
			return nil, fmt.Errorf("%w: %q: use letters, digits and underscores", ErrColumns, c)
		}
		if seen[c] {
			return nil, fmt.Errorf("%w: %q appears twice", ErrColumns, c)
		}
		seen[c] = true
		fields = append(fields, reflect.StructField{
			Name: "V" + strconv.Itoa(i),
			Type: reflect.TypeFor[*float64](),
			Tag:  reflect.StructTag(`parquet:"` + c + `,optional"`),
		})
	}
	model := reflect.New(reflect.StructOf(fields)).Elem().Interface()
	return pq.NewSchema("matrix", pq.SchemaOf(model)), nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Write adds the row of one origin-destination pair: one value per value
// column, NaN for null.
func (w *Writer) Write(origin, destination string, values []float64) error {
	if w.err != nil {
		return w.err
	}
	if len(values) != w.width-2 {
		return fmt.Errorf("%w: %d for %d value columns (row %d)", ErrValues, len(values), w.width-2, w.n)
	}
	k := len(w.batch)
	row := w.vals[k*w.width : (k+1)*w.width : (k+1)*w.width]
	row[0] = pq.ByteArrayValue(bytesOf(origin)).Level(0, 0, 0)
	row[1] = pq.ByteArrayValue(bytesOf(destination)).Level(0, 0, 1)
	for i, v := range values {
		if math.IsNaN(v) {
			row[2+i] = pq.NullValue().Level(0, 0, 2+i)
		} else {
			row[2+i] = pq.DoubleValue(v).Level(0, 1, 2+i)
		}
	}
	w.batch = append(w.batch, row)
	w.n++
	if len(w.batch) == batchRows {
		return w.flushBatch()
	}
	return nil
}

func (w *Writer) flushBatch() error {
	if len(w.batch) == 0 {
		return nil
	}
	if _, err := w.pw.WriteRows(w.batch); err != nil {
		w.err = fmt.Errorf("parquet: write rows: %w", err)
		return w.err
	}
	w.batch = w.batch[:0]
	return nil
}

// Rows returns the number of rows written so far.
func (w *Writer) Rows() int64 { return w.n }

// Close writes the last row group and the file footer. It does not close
// the underlying io.Writer.
func (w *Writer) Close() error {
	if errors.Is(w.err, ErrClosed) {
		return ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	if err := w.flushBatch(); err != nil {
		return err
	}
	err := w.pw.Close()
	w.err = ErrClosed
	if err != nil {
		return fmt.Errorf("parquet: close: %w", err)
	}
	return nil
}

// bytesOf returns the bytes of s without copying them. The Parquet writer
// only reads them, and copies them into its own buffers (the dictionary,
// the pages) before WriteRows returns, so nothing keeps or changes them;
// copying would cost an allocation per id per row, a fifth of the time.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// Row is one origin-destination pair for WriteMatrix.
type Row struct {
	Origin, Destination string
	Values              []float64 // one per value column, NaN for null
}

// WriteMatrix writes every row of rows to w as a matrix file with the
// given value columns and returns the number of rows. The iterator may
// reuse a row's Values slice between rows.
func WriteMatrix(w io.Writer, columns []string, rows iter.Seq[Row], opts Options) (int64, error) {
	mw, err := NewWriter(w, columns, opts)
	if err != nil {
		return 0, err
	}
	for r := range rows {
		if err := mw.Write(r.Origin, r.Destination, r.Values); err != nil {
			return mw.Rows(), err
		}
	}
	return mw.Rows(), mw.Close()
}
