package shp

import (
	"errors"
	"strings"
	"testing"
)

func TestCodePages(t *testing.T) {
	cases := []struct {
		cpg  string
		in   []byte
		want string
	}{
		{"UTF-8", []byte("Mäntyharju"), "Mäntyharju"},
		{"ISO-8859-1", []byte{'P', 'i', 'e', 'k', 's', 0xE4, 'm', 0xE4, 'k', 'i'}, "Pieksämäki"},
		{"88591", []byte{0xC4, 0xE4, 0xD6, 0xF6, 0xC5, 0xE5}, "ÄäÖöÅå"},
		{"1252", []byte{0x80, ' ', 0xE4, 0x9A}, "€ äš"},
		{"ANSI 1252", []byte{0x96}, "–"},
		{"ISO-8859-15", []byte{0xA4, 0xE4}, "€ä"},
		{"latin1", []byte{0xA4}, "¤"},
		{"utf8", []byte{0xE4, 'x'}, "\uFFFDx"},
	}
	for _, c := range cases {
		enc, ok := ParseCodePage(c.cpg + "\r\n")
		if !ok {
			t.Fatalf("%q not recognised", c.cpg)
		}
		if got := enc.decode(c.in); got != c.want {
			t.Errorf("%s: %q, want %q", c.cpg, got, c.want)
		}
	}
	if _, ok := ParseCodePage("866"); ok {
		t.Error("866 should not be recognised")
	}
}

func TestLanguageDriver(t *testing.T) {
	shp, _, dbf := kunnat()
	dbf = append([]byte{}, dbf...)
	dbf[29] = 0x57 // ANSI: Windows-1252
	l, err := Parse("k.shp", shp, dbf, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.Encoding != Windows1252 || l.EncodingFrom != "language driver" || len(l.Warnings) != 1 {
		t.Errorf("encoding %s from %s, warnings %q", l.Encoding, l.EncodingFrom, l.Warnings)
	}
	// A .cpg wins over the language driver.
	l, err = Parse("k.shp", shp, dbf, nil, []byte("ISO-8859-15"))
	if err != nil || l.Encoding != Latin9 {
		t.Errorf("with .cpg: %v %v", l, err)
	}
	// A .cpg that says UTF-8 over text in ISO-8859-1 ("Pieksämäki") is an
	// error naming the record and the field, not text with U+FFFD in it.
	_, err = Parse("k.shp", shp, dbf, nil, []byte("UTF-8"))
	if err == nil || !strings.Contains(err.Error(), `record 1: field "nimi"`) || !strings.Contains(err.Error(), "is not UTF-8") {
		t.Errorf("Latin-1 text under a UTF-8 .cpg: %v", err)
	}
}

// Text cut at the field's width in the middle of a character keeps what
// is whole.
func TestUTF8CutAtWidth(t *testing.T) {
	f := Field{Name: "nimi", Type: 'C', Length: 9}
	v, err := f.value([]byte("Pieksäm\xc3"), UTF8)
	if err != nil || v != "Pieksäm" {
		t.Errorf("cut text: %q, %v", v, err)
	}
	if _, err := f.value([]byte("Pieks\xe4m\xe4"), UTF8); err == nil {
		t.Error("Latin-1 bytes read as UTF-8")
	}
}

func TestDBFErrors(t *testing.T) {
	fields := []Field{{Name: "nimi", Type: 'C', Length: 5}, {Name: "vaesto", Type: 'N', Length: 5}, {Name: "ok", Type: 'L', Length: 1}}
	cases := []struct {
		name string
		b    []byte
		want []string
	}{
		{"short", make([]byte, 10), []string{"too short"}},
		{"bad number", dbfBytes(fields, [][]string{{"a", "1", "T"}, {"b", "x1", "T"}}, 0), []string{"record 2", `field "vaesto"`, `"x1" is not a number`}},
		{"bad logical", dbfBytes(fields, [][]string{{"a", "1", "X"}}, 0), []string{"record 1", `field "ok"`, "not a logical value"}},
		{"bad date", dbfBytes([]Field{{Name: "d", Type: 'D', Length: 8}}, [][]string{{"2024-1-1"}}, 0), []string{"record 1", `field "d"`, "not a date"}},
		{"duplicate field", dbfBytes([]Field{{Name: "a", Type: 'C', Length: 1}, {Name: "A", Type: 'C', Length: 1}}, nil, 0), []string{`field "A"`, "twice"}},
		{"truncated", dbfBytes(fields, [][]string{{"a", "1", "T"}, {"b", "2", "F"}}, 0)[:146], []string{"header says 2 records but the file holds 1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseDBF("t.dbf", c.b, DBFOptions{})
			if err == nil || !errors.Is(err, ErrFormat) {
				t.Fatalf("got %v, want an ErrFormat", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err, w)
				}
			}
		})
	}
}

func TestDBFValues(t *testing.T) {
	fields := []Field{{Name: "n", Type: 'N', Length: 6}, {Name: "f", Type: 'F', Length: 8, Decimals: 2}, {Name: "c", Type: 'C', Length: 6}}
	tab, err := ParseDBF("t.dbf", dbfBytes(fields, [][]string{{"-1", "1,50", " x "}, {"******", "", ""}}, 0), DBFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r0, r1 := tab.Records[0], tab.Records[1]
	if r0[0] != -1.0 || r0[1] != 1.5 || r0[2] != "x" {
		t.Errorf("record 1: %v", r0)
	}
	if r1[0] != nil || r1[1] != nil || r1[2] != nil {
		t.Errorf("record 2 should be all nil: %v", r1)
	}
}
