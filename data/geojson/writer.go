package geojson

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/paulmach/orb"
)

// OutFeature is a feature to write.
type OutFeature struct {
	ID       string       // written as a string "id" member; omitted when empty
	Geometry orb.Geometry // nil writes "geometry":null
	Props    []Prop       // written in this order
}

// Prop is one property. Value may be string, bool, nil, any Go integer
// type, float32, float64 (NaN and ±Inf are written as null), []any or
// map[string]any (keys sorted) of those.
type Prop struct {
	Key   string
	Value any
}

// PropsFromMap returns the entries of m as props sorted by key.
func PropsFromMap(m map[string]any) []Prop {
	if len(m) == 0 {
		return nil
	}
	out := make([]Prop, 0, len(m))
	for k, v := range m {
		out = append(out, Prop{Key: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// DefaultPrecision is the number of decimals coordinates are rounded to:
// 1e-6 degree is about 0.1 m.
const DefaultPrecision = 6

// Writer streams a FeatureCollection to an io.Writer, one feature per
// line:
//
//	{"type":"FeatureCollection","features":[
//	{"type":"Feature","id":"a","geometry":{...},"properties":{...}},
//	{"type":"Feature",...}
//	]}
//
// Coordinates are rounded to Precision decimals and written in the shortest
// form ("23.5", never "-0"); equal input gives equal bytes. A Writer is not
// safe for concurrent use. Close must be called to finish the document; it
// does not close the underlying writer.
type Writer struct {
	bw       *bufio.Writer
	buf      []byte
	prec     int
	propPrec int
	n        int
	started  bool
	closed   bool
	err      error
}

// NewWriter returns a Writer with coordinates rounded to DefaultPrecision
// decimals and float properties written unrounded.
func NewWriter(w io.Writer) *Writer {
	return &Writer{bw: bufio.NewWriterSize(w, 64<<10), prec: DefaultPrecision, propPrec: -1}
}

// SetPrecision sets the number of decimals coordinates are rounded to
// (0..15); a negative value writes coordinates unrounded. Call it before the
// first Write.
func (w *Writer) SetPrecision(decimals int) {
	w.prec = min(decimals, 15)
}

// SetPropertyPrecision rounds float properties to decimals (0..15); a
// negative value, the default, writes them unrounded. Call it before the
// first Write.
func (w *Writer) SetPropertyPrecision(decimals int) {
	w.propPrec = min(decimals, 15)
}

var errClosed = errors.New("geojson: writer is closed")

// Write writes one feature. A feature that cannot be written (unsupported
// geometry, NaN coordinate, unsupported property type, duplicated key)
// returns an error and writes nothing; I/O errors are sticky.
func (w *Writer) Write(f OutFeature) error {
	if w.closed {
		return errClosed
	}
	if w.err != nil {
		return w.err
	}
	buf, err := w.appendFeature(w.buf[:0], f)
	if err != nil {
		return &Error{Index: w.n, ID: f.ID, Err: err, Msg: err.Error()}
	}
	w.buf = buf
	if !w.started {
		w.started = true
		_, w.err = w.bw.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	} else {
		_, w.err = w.bw.WriteString(",\n")
	}
	if w.err == nil {
		_, w.err = w.bw.Write(buf)
	}
	w.n++
	return w.err
}

// Close ends the collection and flushes. An empty collection is written
// when no feature was. Calling Close again returns the first error, if any.
func (w *Writer) Close() error {
	if w.closed {
		return w.err
	}
	w.closed = true
	if w.err != nil {
		return w.err
	}
	if !w.started {
		_, w.err = w.bw.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	}
	if w.err == nil {
		if w.n > 0 {
			_, w.err = w.bw.WriteString("\n]}\n")
		} else {
			_, w.err = w.bw.WriteString("]}\n")
		}
	}
	if w.err == nil {
		w.err = w.bw.Flush()
	}
	return w.err
}

func (w *Writer) appendFeature(b []byte, f OutFeature) ([]byte, error) {
	b = append(b, `{"type":"Feature"`...)
	if f.ID != "" {
		b = append(b, `,"id":`...)
		b = appendString(b, f.ID)
	}
	b = append(b, `,"geometry":`...)
	var err error
	if b, err = appendGeometry(b, f.Geometry, w.prec, 0); err != nil {
		return nil, err
	}
	b = append(b, `,"properties":{`...)
	for i, p := range f.Props {
		for _, q := range f.Props[:i] {
			if q.Key == p.Key {
				return nil, &detailErr{sentinel: ErrInvalid, msg: fmt.Sprintf("property %q appears twice", p.Key)}
			}
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, p.Key)
		b = append(b, ':')
		if b, err = appendValue(b, p.Value, w.propPrec, 0); err != nil {
			return nil, fmt.Errorf("property %q: %w", p.Key, err)
		}
	}
	b = append(b, "}}"...)
	return b, nil
}
