package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func TestAppendNumber(t *testing.T) {
	cases := []struct {
		v    float64
		prec int
		want string
	}{
		{23.5, 6, "23.5"},
		{23.500000, 6, "23.5"},
		{27, 6, "27"},
		{-0.0000001, 6, "0"},
		{math.Copysign(0, -1), -1, "0"},
		{math.Copysign(0, -1), 6, "0"},
		{27.12345649, 6, "27.123456"},
		{0.00000051, 6, "0.000001"},
		{61.999999999, 6, "62"},
		{-61.9999999, 6, "-62"},
		{-61.25, 6, "-61.25"},
		{2.5, 0, "2"}, // exact tie: round half to even
		{3.5, 0, "4"},
		{512345.678, 2, "512345.68"},
		{1e21, 6, "1000000000000000000000"},
		{123456.7, -1, "123456.7"},
		{0.1, -1, "0.1"},
		{1e-7, -1, "0.0000001"},
	}
	for _, tc := range cases {
		if got := string(appendNumber(nil, tc.v, tc.prec, 64)); got != tc.want {
			t.Errorf("appendNumber(%v, %d) = %q, want %q", tc.v, tc.prec, got, tc.want)
		}
	}
	if got := string(appendNumber(nil, float64(float32(0.1)), -1, 32)); got != "0.1" {
		t.Errorf("float32 0.1 = %q", got)
	}
}

func TestAppendString(t *testing.T) {
	cases := []struct{ in, want string }{
		{`plain`, `"plain"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"n\nt\tr\r\x01", `"n\nt\tr\r\u0001"`},
		{"Pieksämäki", `"Pieksämäki"`},
		{"bad\xffbyte", `"bad\ufffdbyte"`},
		{"ls\u2028ps\u2029", `"ls\u2028ps\u2029"`},
		{"<&>", `"<&>"`},
	}
	for _, tc := range cases {
		got := string(appendString(nil, tc.in))
		if got != tc.want {
			t.Errorf("appendString(%q) = %s, want %s", tc.in, got, tc.want)
		}
		// encoding/json must read back the same text (invalid UTF-8 aside).
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Errorf("%s is not a JSON string: %v", got, err)
		} else if want := strings.ToValidUTF8(tc.in, "\uFFFD"); back != want {
			t.Errorf("read back %q, want %q", back, want)
		}
	}
}

// goldenFeatures exercises every geometry and value type the writer takes.
func goldenFeatures() []OutFeature {
	sq := orb.Ring{{27, 61.5}, {27.5, 61.5}, {27.5, 61.9}, {27, 61.9}, {27, 61.5}}
	return []OutFeature{
		{ID: "p1", Geometry: orb.Point{27.27234549, 61.6869978}, Props: []Prop{
			{"name", "Mikkelin \"keskus\"\nsairaala"}, {"capacity", 3}, {"share", 0.25}, {"open", true},
			{"missing", nil}, {"nan", math.NaN()}, {"inf", math.Inf(1)}, {"big", int64(1) << 53}, {"f32", float32(0.1)},
			{"u8", uint8(7)}, {"neg0", math.Copysign(0, -1)},
		}},
		{Geometry: orb.MultiPoint{{23.5, 61.000000001}, {-0.0000001, 0}}},
		{ID: "line", Geometry: orb.LineString{{27, 61}, {27.1234564, 61.9876545}}, Props: []Prop{{"z", 1}, {"a", 2}}},
		{ID: "mls", Geometry: orb.MultiLineString{{{27, 61}, {28, 62}}, {{29, 63}, {30, 64}, {31, 65}}}},
		{ID: "poly", Geometry: orb.Polygon{sq, {{27.1, 61.6}, {27.2, 61.6}, {27.2, 61.7}, {27.1, 61.6}}}},
		{ID: "mpoly", Geometry: orb.MultiPolygon{{sq}, {{{26, 60}, {26.5, 60}, {26.5, 60.5}, {26, 60}}}}},
		{ID: "gc", Geometry: orb.Collection{orb.Point{1, 2}, orb.LineString{{1, 2}, {3, 4}}}},
		{ID: "null-geometry", Props: []Prop{{"list", []any{1.5, "x", nil}}, {"obj", map[string]any{"b": 2.0, "a": []any{}}}}},
	}
}

func writeAll(t *testing.T, fs []OutFeature, prec int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.SetPrecision(prec)
	for _, f := range fs {
		if err := w.Write(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := fixture(t, name)
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
		t.Errorf("output differs from %s (run go test -update after checking the change):\n%s", name, got)
	}
}

func TestWriterGolden(t *testing.T) {
	got := writeAll(t, goldenFeatures(), DefaultPrecision)
	checkGolden(t, "writer.golden.geojson", got)

	// One feature per line, between the header and the closing line.
	lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
	if len(lines) != len(goldenFeatures())+2 || lines[len(lines)-1] != "]}" {
		t.Errorf("got %d lines, want %d features + 2", len(lines), len(goldenFeatures()))
	}
	// Hand-checked values.
	for _, want := range []string{
		`"coordinates":[27.272345,61.686998]`,
		`[[23.5,61],[0,0]]`,
		`[27.123456,61.987654]`, // 61.9876545 is stored just below the tie
		`"nan":null,"inf":null`,
		`"big":9007199254740992`,
		`"f32":0.1`,
		`"neg0":0`,
		`"properties":{"z":1,"a":2}`,
		`"obj":{"a":[],"b":2}`,
		`"geometry":null`,
	} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("output lacks %s", want)
		}
	}
	// An independent decoder reads the same geometries back.
	fc, err := orbjson.UnmarshalFeatureCollection(got)
	if err != nil {
		t.Fatalf("orb cannot read the output: %v", err)
	}
	if len(fc.Features) != len(goldenFeatures()) {
		t.Fatalf("orb read %d features", len(fc.Features))
	}
	if p := fc.Features[0].Geometry.(orb.Point); p != (orb.Point{27.272345, 61.686998}) {
		t.Errorf("orb read point %v", p)
	}
	if fc.Features[0].Properties["name"] != "Mikkelin \"keskus\"\nsairaala" {
		t.Errorf("orb read name %q", fc.Features[0].Properties["name"])
	}
}

func TestWriterRoundTripGolden(t *testing.T) {
	c, err := Read(fixture(t, "regions-wgs84.geojson"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]OutFeature, len(c.Features))
	for i, f := range c.Features {
		out[i] = f.Out()
	}
	got := writeAll(t, out, DefaultPrecision)
	checkGolden(t, "regions-wgs84.golden.geojson", got)

	back, err := Decode(bytes.NewReader(got), "golden", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Features) != 3 || back.Features[1].ID != "97" {
		t.Fatalf("read back %+v", back.Features)
	}
	// 26.40000001 is rounded to 6 decimals; the rest is unchanged.
	mp := back.Features[1].Geometry.(orb.MultiPolygon)
	if mp[1][0][0] != (orb.Point{26.4, 61.4}) || mp[0][1][2] != (orb.Point{26.7, 61.7}) {
		t.Errorf("read back %v", mp)
	}
}

func TestWriterPrecision(t *testing.T) {
	f := []OutFeature{{Geometry: orb.Point{512345.678, 6834567.891}}}
	cases := []struct {
		prec int
		want string
	}{
		{0, "[512346,6834568]"},
		{1, "[512345.7,6834567.9]"},
		{-1, "[512345.678,6834567.891]"},
		{20, "[512345.678,6834567.891]"}, // capped at 15 decimals
	}
	for _, tc := range cases {
		if got := writeAll(t, f, tc.prec); !bytes.Contains(got, []byte(tc.want)) {
			t.Errorf("precision %d: %s, want %s", tc.prec, got, tc.want)
		}
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.SetPropertyPrecision(2)
	if err := w.Write(OutFeature{Props: []Prop{{"t", 12.3456}, {"i", 7}}}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if !strings.Contains(buf.String(), `"properties":{"t":12.35,"i":7}`) {
		t.Errorf("property precision: %s", buf.String())
	}
}

func TestWriterEmpty(t *testing.T) {
	got := writeAll(t, nil, 6)
	want := "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n"
	if string(got) != want {
		t.Errorf("empty collection = %q, want %q", got, want)
	}
	c, err := Decode(bytes.NewReader(got), "empty", ReadOptions{})
	if err != nil || len(c.Features) != 0 {
		t.Errorf("read back: %v, %v", c, err)
	}
}

func TestWriterErrors(t *testing.T) {
	cases := []struct {
		name string
		f    OutFeature
		is   error
		want string
	}{
		{"nan coordinate", OutFeature{ID: "a", Geometry: orb.Point{math.NaN(), 1}}, ErrCoordinates, `geojson: feature 1 (id "a"): coordinate NaN cannot be written`},
		{"inf in polygon", OutFeature{Geometry: orb.Polygon{{{0, 0}, {math.Inf(-1), 0}}}}, ErrCoordinates, `geojson: feature 1: coordinate -Inf cannot be written`},
		{"ring type", OutFeature{Geometry: orb.Ring{{0, 0}}}, ErrUnsupported, "geometry type orb.Ring cannot be written"},
		{"bound type", OutFeature{Geometry: orb.Bound{}}, ErrUnsupported, "geometry type orb.Bound cannot be written"},
		{"bad value", OutFeature{Props: []Prop{{"c", complex(1, 2)}}}, ErrUnsupported, `property "c": value type complex128 cannot be written`},
		{"nested bad value", OutFeature{Props: []Prop{{"l", []any{struct{}{}}}}}, ErrUnsupported, `property "l": value type struct {} cannot be written`},
		{"duplicate key", OutFeature{Props: []Prop{{"k", 1}, {"j", 2}, {"k", 3}}}, ErrInvalid, `property "k" appears twice`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := NewWriter(&buf)
			if err := w.Write(OutFeature{ID: "ok", Geometry: orb.Point{1, 2}}); err != nil {
				t.Fatal(err)
			}
			err := w.Write(tc.f)
			if err == nil || !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %v containing %q", err, tc.is, tc.want)
			}
			// The bad feature wrote nothing: the document stays valid.
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			c, err := Decode(&buf, "out", ReadOptions{})
			if err != nil || len(c.Features) != 1 || c.Features[0].ID != "ok" {
				t.Fatalf("after a failed Write the output is %q (%v)", buf.String(), err)
			}
		})
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n += len(p); f.n > 100 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriterIOErrorSticky(t *testing.T) {
	w := NewWriter(&failWriter{})
	var err error
	for i := 0; i < 10000 && err == nil; i++ {
		err = w.Write(OutFeature{Geometry: orb.Point{27, 61}})
	}
	if cerr := w.Close(); cerr == nil || !strings.Contains(cerr.Error(), "disk full") {
		t.Fatalf("Close = %v, want disk full", cerr)
	}
	if err := w.Write(OutFeature{}); err == nil {
		t.Fatal("Write after Close succeeded")
	}
}
