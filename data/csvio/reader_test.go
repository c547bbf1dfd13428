package csvio

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDetectDelimiter(t *testing.T) {
	cases := []struct {
		line string
		want rune
	}{
		{"id,lon,lat\n", ','},
		{"id;lon;lat\r\n", ';'},
		{"id\tlon\tlat\n", '\t'},
		{`"a,b";"c,d";e` + "\n", ';'}, // commas inside quotes do not count
		{"single\n", ','},
		{"a,b;c\n", ','}, // tie: comma
		{"a;b;c,d\n", ';'},
	}
	for _, tc := range cases {
		if got := detectDelimiter([]byte(tc.line)); got != tc.want {
			t.Errorf("detectDelimiter(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		" Lon ":         "lon",
		"Opening Hours": "opening_hours",
		"opening-hours": "opening_hours",
		"VÄESTÖ":        "väestö",
		"age.15.24":     "age_15_24",
	}
	for in, want := range cases {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in      string
		comma   bool
		want    float64
		errWant string
	}{
		{"27.5", false, 27.5, ""},
		{"-0.25", false, -0.25, ""},
		{"1e3", false, 1000, ""},
		{"+7", false, 7, ""},
		{".5", false, 0.5, ""},
		{"27,5", true, 27.5, ""},
		{"27.5", true, 27.5, ""},
		{"1 234", true, 1234, ""},
		{"1\u00a0234,5", true, 1234.5, ""},
		{"", false, 0, "empty"},
		{"NaN", false, 0, `"NaN" is not a finite number`},
		{"-Inf", false, 0, `"-Inf" is not a finite number`},
		{"Infinity", true, 0, `"Infinity" is not a finite number`},
		{"NA", false, 0, `"NA" is not a number (a missing value?)`},
		{"27,5", false, 0, `decimal commas are read only in ';'-separated files`},
		{"1.234,5", true, 0, `"1.234,5" is not a number`},
		{"0x1p3", false, 0, `"0x1p3" is not a number`},
		{"1_000", false, 0, `"1_000" is not a number`},
		{"12o", false, 0, `"12o" is not a number`},
		{"1e999", false, 0, `"1e999" is out of range`},
		{"--1", false, 0, `"--1" is not a number`},
		{"1 234", false, 0, `"1 234" is not a number`},
	}
	for _, tc := range cases {
		got, err := parseNumber(tc.in, tc.comma)
		if tc.errWant != "" {
			if err == nil || !strings.Contains(err.Error(), tc.errWant) {
				t.Errorf("parseNumber(%q, %v) error %v, want %q", tc.in, tc.comma, err, tc.errWant)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseNumber(%q, %v) = %v, %v; want %v", tc.in, tc.comma, got, err, tc.want)
		}
	}
}

func TestReaderBasics(t *testing.T) {
	in := "\xef\xbb\xbf Id ;Name;Lon\r\n\r\nx;\"a;b\";1,5\r\n;;\r\ny;c;2\r\n"
	r, err := NewReader(strings.NewReader(in), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	if r.Delimiter() != ';' || !r.DecimalComma() {
		t.Errorf("delimiter %q", r.Delimiter())
	}
	if h := r.Header(); len(h) != 3 || h[0] != "Id" {
		t.Errorf("header %q", h)
	}
	if r.Column("ID") != 0 || r.Column("missing", "lon") != 2 || r.Column("nope") != -1 {
		t.Error("Column lookup")
	}
	var got []string
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join(rec, "|"))
		lines = append(lines, r.Line())
	}
	// The blank line and the row of empty fields are skipped.
	if strings.Join(got, " ") != "x|a;b|1,5 y|c|2" || lines[0] != 3 || lines[1] != 5 {
		t.Errorf("records %q on lines %v", got, lines)
	}
}

func TestReaderFileErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.csv")
	blank := filepath.Join(dir, "blank.csv")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(blank, []byte("\n\n"), 0o644)
	cases := []struct {
		name, path string
		is         error
		want       string
	}{
		{"zero bytes", empty, ErrEmptyFile, "csvio: " + empty + ": file is empty (0 bytes)"},
		{"blank first line", blank, ErrEmptyFile, "csvio: " + blank + " line 1: no header line"},
		{"directory", dir, ErrNotFile, "csvio: " + dir + ": is a directory, not a CSV file"},
		{"missing", filepath.Join(dir, "no.csv"), os.ErrNotExist, "no.csv: open: no such file or directory"},
		{"utf16", fixture(t, "svc-bad-utf16.csv"), ErrEncoding, "svc-bad-utf16.csv: file is UTF-16 encoded"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(tc.path)
			checkErr(t, err, tc.is, tc.want)
		})
	}
}

func TestReaderSyntaxError(t *testing.T) {
	r, err := NewReader(strings.NewReader("a,b\n1,2\n\"x\"y,3\n"), "q.csv")
	if err != nil {
		t.Fatal(err)
	}
	r.cr.LazyQuotes = false // the strict parser's error is what is being checked
	var last error
	for last == nil {
		_, last = r.Read()
	}
	checkErr(t, last, ErrSyntax, `csvio: q.csv line 3: malformed CSV at column`)
	if errors.Is(last, io.EOF) {
		t.Error("got EOF")
	}
}

func TestCRSString(t *testing.T) {
	if WGS84.String() != "EPSG:4326" || EPSG3067.String() != "EPSG:3067" || CRS(0).String() != "unset" {
		t.Error("CRS.String")
	}
}
