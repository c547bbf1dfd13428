package osm

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"
)

func TestDetectFormat(t *testing.T) {
	pbfStart := func(typ string) []byte {
		var h pb
		h.bytes(1, []byte(typ))
		h.varint(3, 100)
		b := binary.BigEndian.AppendUint32(nil, uint32(len(h.b)))
		return append(b, h.b...)
	}
	cases := []struct {
		name string
		in   []byte
		want Format
	}{
		{"empty", nil, FormatUnknown},
		{"pbf header", pbfStart("OSMHeader"), FormatPBF},
		{"pbf without header block", pbfStart("OSMData"), FormatPBF},
		{"pbf other block type", pbfStart("OSMFoo"), FormatUnknown},
		{"pbf length too big", append([]byte{0, 1, 0, 0}, pbfStart("OSMHeader")[4:]...), FormatUnknown},
		{"pbf length zero", append([]byte{0, 0, 0, 0}, pbfStart("OSMHeader")[4:]...), FormatUnknown},
		{"xml declaration", []byte(`<?xml version="1.0"?><osm>`), FormatXML},
		{"osm root", []byte(`<osm version="0.6">`), FormatXML},
		{"bom and blanks", []byte("\xEF\xBB\xBF \n\t<?xml version='1.0'?>"), FormatXML},
		{"comment first", []byte("<!-- x --><osm/>"), FormatXML},
		{"gzip", []byte{0x1f, 0x8b, 8, 0}, FormatGzip},
		{"bzip2", []byte("BZh91AY&SY"), FormatBzip2},
		{"bzip2 bad level", []byte("BZh0"), FormatUnknown},
		{"text", []byte("hello, this is not OSM\n"), FormatUnknown},
		{"json", []byte(`{"type":"FeatureCollection"}`), FormatUnknown},
		{"zip", []byte("PK\x03\x04"), FormatUnknown},
		{"html", []byte("<html><body>"), FormatUnknown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := DetectFormat(c.in); got != c.want {
				t.Errorf("DetectFormat(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestDetectFormatTampere(t *testing.T) {
	p := sharedData(t, "tampere/tampere.osm.pbf")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := DetectFormat(b[:sniffLen]); got != FormatPBF {
		t.Errorf("tampere.osm.pbf detected as %v", got)
	}
}

// FuzzDetectFormat checks that detection never panics, depends only on
// the first sniffLen bytes, and only says XML for data starting with '<'
// after a byte order mark and blanks.
func FuzzDetectFormat(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><osm>`))
	f.Add(writePBF(sampleData(), false)[:sniffLen])
	f.Add([]byte{0x1f, 0x8b})
	f.Add([]byte("BZh9"))
	f.Add([]byte{0, 0, 0, 14, 0x0a, 9})
	f.Fuzz(func(t *testing.T, b []byte) {
		got := DetectFormat(b)
		if len(b) > sniffLen {
			if again := DetectFormat(b[:sniffLen]); again != got {
				t.Fatalf("format %v from all bytes, %v from the first %d", got, again, sniffLen)
			}
		}
		if got == FormatXML {
			rest := bytes.TrimLeft(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
			if len(rest) == 0 || rest[0] != '<' {
				t.Fatalf("XML detected for %q", b)
			}
		}
		if got == FormatPBF && (len(b) < 6 || b[4] != 0x0a) {
			t.Fatalf("PBF detected for %q", b)
		}
	})
}
