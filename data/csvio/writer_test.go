package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"math"
	"os"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func TestWriterGolden(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, []string{"id", "name", "minutes", "share", "pop", "ok", "note"})
	if err := w.SetDecimals("share", 3); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"c1", "Mikkeli", 23.5, 0.12345, 120, true, nil},
		{"c2", `Juva, "centre"`, 1.0 / 3, 2.0 / 3, int64(7), false, "multi\nline"},
		{"c3", " leading space", math.NaN(), math.Inf(1), uint8(0), true, Fixed(-0.0004, 2)},
		{"c4", "negative zero", math.Copysign(0, -1), -0.0001, -3, false, Fixed(12.345, 0)},
		{"c5", "float32", float32(0.1), float32(0.1), int32(-1), true, 90 * time.Second},
	}
	for _, r := range rows {
		if err := w.WriteRow(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	path := fixture(t, "writer.golden.csv")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from the golden file:\n%s", got)
	}

	// Hand-checked fields, read back with encoding/csv.
	recs, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		row, col int
		want     string
	}{
		{1, 2, "23.5"},
		{1, 3, "0.123"},
		{2, 1, `Juva, "centre"`},
		{2, 2, "0.3333333333333333"},
		{2, 3, "0.667"},
		{2, 6, "multi\nline"},
		{3, 1, " leading space"},
		{3, 2, ""}, // NaN
		{3, 3, ""}, // +Inf
		{3, 6, "0.00"},
		{4, 2, "0"},
		{4, 3, "0.000"},
		{4, 6, "12"},
		{5, 2, "0.1"},
		{5, 3, "0.100"},
		{5, 6, "1m30s"},
	}
	for _, c := range checks {
		if got := recs[c.row][c.col]; got != c.want {
			t.Errorf("row %d col %d = %q, want %q", c.row, c.col, got, c.want)
		}
	}
}

func TestWriterHeaderOnly(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, []string{"a", "b"})
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "a,b\n" {
		t.Errorf("got %q", buf.String())
	}
}

func TestWriterErrors(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, []string{"a", "b"})
	if err := w.SetDecimals("c", 2); err == nil {
		t.Error("SetDecimals on a missing column succeeded")
	}
	err := w.WriteRow(1)
	checkErr(t, err, ErrUnsupported, "csvio: line 2: 1 values for 2 columns")
	err = w.WriteRow(1, struct{}{})
	checkErr(t, err, ErrUnsupported, "csvio: line 2: field b: value of type struct {} cannot be written")
	err = w.WriteRow(Fixed(1, -1), 2)
	checkErr(t, err, ErrUnsupported, "field a: Fixed with negative decimals")
	if err := w.WriteRow("x", "y"); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if buf.String() != "a,b\nx,y\n" {
		t.Errorf("rejected rows were written: %q", buf.String())
	}
}

type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterIOError(t *testing.T) {
	w := NewWriter(brokenWriter{}, []string{"a"})
	w.WriteRow(strings.Repeat("x", 10000)) // more than the buffer: reaches the broken writer
	if err := w.Flush(); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Flush = %v", err)
	}
}
