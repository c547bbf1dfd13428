package parquet

import (
	"bytes"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

var nan = math.NaN()

// streetRow is how a reader with a Go struct sees a street matrix.
type streetRow struct {
	Origin      string   `parquet:"origin_id"`
	Destination string   `parquet:"destination_id"`
	Time        *float64 `parquet:"time_s,optional"`
	Distance    *float64 `parquet:"distance_m,optional"`
}

func f64(v float64) *float64 { return &v }

func TestStreetRoundTrip(t *testing.T) {
	type pair struct {
		o, d string
		t, m float64
	}
	in := []pair{
		{"home-1", "office-a", 754.321, 3120.5},
		{"home-1", "office-b", nan, nan},
		{"home-1", "office-c", 0, 0},
		{"home-2", "office-a", 1e-3, 0.1},
		{"home-2", "office-b", 86399.999, 123456.7},
		{"home-2", "office-c", nan, 5},
		{"", "ääkkönen ♥", 1, nan},
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, StreetColumns(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range in {
		if err := w.Write(p.o, p.d, []float64{p.t, p.m}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	got, err := pq.Read[streetRow](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(in) {
		t.Fatalf("%d rows, want %d", len(got), len(in))
	}
	opt := func(v float64) *float64 {
		if math.IsNaN(v) {
			return nil
		}
		return f64(v)
	}
	same := func(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	for i, p := range in {
		g := got[i]
		if g.Origin != p.o || g.Destination != p.d || !same(g.Time, opt(p.t)) || !same(g.Distance, opt(p.m)) {
			t.Errorf("row %d: %s %s %v %v, want %+v", i, g.Origin, g.Destination, show(g.Time), show(g.Distance), p)
		}
	}
}

func show(p *float64) string {
	if p == nil {
		return "null"
	}
	return strconv.FormatFloat(*p, 'g', -1, 64)
}

// readAll reads a matrix file with the untyped row reader: each value
// with its definition level, so nulls are seen as the format has them.
func readAll(t *testing.T, data []byte) (*pq.File, []pq.Row) {
	t.Helper()
	f, err := pq.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	r := pq.NewReader(f)
	defer r.Close()
	var rows []pq.Row
	buf := make([]pq.Row, 100)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			rows = append(rows, row.Clone())
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return f, rows
}

func TestTransitColumnsAndNulls(t *testing.T) {
	cols := TransitColumns([]int{25, 50, 90})
	if want := []string{"p25_s", "p50_s", "p90_s"}; !slices.Equal(cols, want) {
		t.Fatalf("TransitColumns %q", cols)
	}
	values := [][]float64{
		{600, 720, 1500},
		{nan, nan, nan}, // unreachable at every percentile
		{1200, nan, nan},
	}
	var buf bytes.Buffer
	n, err := WriteMatrix(&buf, cols, func(yield func(Row) bool) {
		vals := make([]float64, 3) // reused between rows
		for i, v := range values {
			copy(vals, v)
			if !yield(Row{Origin: "o" + strconv.Itoa(i), Destination: "d", Values: vals}) {
				return
			}
		}
	}, Options{})
	if err != nil || n != 3 {
		t.Fatalf("WriteMatrix: %d rows, %v", n, err)
	}
	f, rows := readAll(t, buf.Bytes())

	// Schema: the columns in the order given, keys required, values
	// optional doubles.
	var names []string
	for _, fl := range f.Schema().Fields() {
		names = append(names, fl.Name())
		isKey := fl.Name() == OriginColumn || fl.Name() == DestinationColumn
		if fl.Optional() == isKey || fl.Leaf() == false {
			t.Errorf("column %s: optional %v", fl.Name(), fl.Optional())
		}
		kind := fl.Type().Kind()
		if isKey && kind != pq.ByteArray || !isKey && kind != pq.Double {
			t.Errorf("column %s: kind %v", fl.Name(), kind)
		}
	}
	if want := []string{"origin_id", "destination_id", "p25_s", "p50_s", "p90_s"}; !slices.Equal(names, want) {
		t.Errorf("columns %q, want %q", names, want)
	}
	if f.NumRows() != 3 || len(rows) != 3 {
		t.Fatalf("%d rows in the footer, %d read", f.NumRows(), len(rows))
	}
	for i, row := range rows {
		if len(row) != 5 {
			t.Fatalf("row %d has %d values", i, len(row))
		}
		if got := row[0].String(); got != "o"+strconv.Itoa(i) {
			t.Errorf("row %d origin %q", i, got)
		}
		for k, want := range values[i] {
			v := row[2+k]
			if math.IsNaN(want) {
				if !v.IsNull() || v.DefinitionLevel() != 0 {
					t.Errorf("row %d %s: %v (level %d), want null", i, cols[k], v, v.DefinitionLevel())
				}
				continue
			}
			if v.IsNull() || v.Double() != want {
				t.Errorf("row %d %s: %v, want %g", i, cols[k], v, want)
			}
		}
	}
}

// TestRowGroups writes a matrix in small row groups and checks the
// groups' sizes and every value, read back through the typed reader.
func TestRowGroups(t *testing.T) {
	const origins, dests = 37, 29 // 1073 rows
	rng := rand.New(rand.NewPCG(3, 4))
	times := make([]float64, origins*dests)
	dist := make([]float64, origins*dests)
	for k := range times {
		times[k] = math.Round(rng.Float64()*7200*1000) / 1000
		dist[k] = math.Round(rng.Float64()*1e5*10) / 10
		if rng.IntN(10) == 0 {
			times[k], dist[k] = nan, nan
		}
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, StreetColumns(), Options{RowGroupRows: 100})
	if err != nil {
		t.Fatal(err)
	}
	for i := range origins {
		for j := range dests {
			k := i*dests + j
			if err := w.Write("o"+strconv.Itoa(i), "d"+strconv.Itoa(j), []float64{times[k], dist[k]}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if w.Rows() != origins*dests {
		t.Errorf("Rows() = %d", w.Rows())
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := pq.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	groups := f.RowGroups()
	if len(groups) != 11 { // ceil(1073 / 100)
		t.Errorf("%d row groups, want 11", len(groups))
	}
	for g, rg := range groups {
		want := int64(100)
		if g == len(groups)-1 {
			want = 73
		}
		if rg.NumRows() != want {
			t.Errorf("row group %d: %d rows, want %d", g, rg.NumRows(), want)
		}
	}
	for i, c := range f.Metadata().RowGroups[0].Columns {
		if c.MetaData.Codec != format.Zstd {
			t.Errorf("column %v: codec %v, want ZSTD", c.MetaData.PathInSchema, c.MetaData.Codec)
		}
		// Ids repeat: dictionary-encoded. Values: plain, readable by all.
		want := format.Plain
		if i < 2 {
			want = format.RLEDictionary
		}
		if !slices.Contains([]format.Encoding(c.MetaData.Encoding), want) {
			t.Errorf("column %v: encodings %v, want %v among them", c.MetaData.PathInSchema, c.MetaData.Encoding, want)
		}
	}
	got, err := pq.Read[streetRow](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != origins*dests {
		t.Fatalf("%d rows", len(got))
	}
	for k, g := range got {
		i, j := k/dests, k%dests
		ok := g.Origin == "o"+strconv.Itoa(i) && g.Destination == "d"+strconv.Itoa(j)
		if math.IsNaN(times[k]) {
			ok = ok && g.Time == nil && g.Distance == nil
		} else {
			ok = ok && g.Time != nil && *g.Time == times[k] && g.Distance != nil && *g.Distance == dist[k]
		}
		if !ok {
			t.Fatalf("row %d: %s %s %s %s, want o%d d%d %g %g", k, g.Origin, g.Destination, show(g.Time), show(g.Distance), i, j, times[k], dist[k])
		}
	}
}

func TestEmptyAndDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	for _, buf := range []*bytes.Buffer{&a, &b} {
		w, err := NewWriter(buf, []string{"x"}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		w.Write("o", "d", []float64{1.5})
		w.Write("o", "e", []float64{nan})
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same rows gave different bytes")
	}
	var e bytes.Buffer
	if n, err := WriteMatrix(&e, StreetColumns(), func(func(Row) bool) {}, Options{}); err != nil || n != 0 {
		t.Fatalf("empty matrix: %d %v", n, err)
	}
	f, rows := readAll(t, e.Bytes())
	if f.NumRows() != 0 || len(rows) != 0 || len(f.Schema().Fields()) != 4 {
		t.Errorf("empty matrix: %d rows, %d columns", f.NumRows(), len(f.Schema().Fields()))
	}
}

type failWriter struct{ after int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.after -= len(p); f.after < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestErrors(t *testing.T) {
	for _, cols := range [][]string{{""}, {"time s"}, {"a,b"}, {`q"`}, {"x", "x"}, {"origin_id"}, {"destination_id"}} {
		if _, err := NewWriter(io.Discard, cols, Options{}); !errors.Is(err, ErrColumns) {
			t.Errorf("columns %q: %v, want ErrColumns", cols, err)
		}
	}
	w, err := NewWriter(io.Discard, StreetColumns(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write("o", "d", []float64{1}); !errors.Is(err, ErrValues) {
		t.Errorf("one value for two columns: %v", err)
	}
	if w.Rows() != 0 {
		t.Errorf("refused row counted")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write("o", "d", []float64{1, 2}); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close: %v", err)
	}
	if err := w.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close: %v", err)
	}

	// An output that fails: the error comes out of Write or Close.
	w, _ = NewWriter(&failWriter{after: 100}, StreetColumns(), Options{RowGroupRows: 500})
	var werr error
	for i := 0; i < 5000 && werr == nil; i++ {
		werr = w.Write("origin", "destination", []float64{float64(i), float64(i)})
	}
	if werr == nil {
		werr = w.Close()
	}
	if werr == nil || !bytes.Contains([]byte(werr.Error()), []byte("disk full")) {
		t.Errorf("failing output: %v", werr)
	}
}
