package geojson

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzGeoJSON checks that decoding never panics and that writing is stable:
// decoding what the writer wrote and writing it again gives the same bytes.
func FuzzGeoJSON(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(repoRoot(f), "testdata", "geojson", "*.geojson"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"type":"Point","coordinates":[1e308,-1e-320]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c1, err := Decode(bytes.NewReader(data), "fuzz", ReadOptions{})
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		b1 := writeCollection(t, c1)
		c2, err := Decode(bytes.NewReader(b1), "fuzz-1", ReadOptions{CRS: c1.CRS})
		if err != nil {
			t.Fatalf("cannot read back own output: %v\n%s", err, b1)
		}
		if len(c2.Features) != len(c1.Features) {
			t.Fatalf("%d features read back, wrote %d", len(c2.Features), len(c1.Features))
		}
		if b2 := writeCollection(t, c2); !bytes.Equal(b1, b2) {
			t.Fatalf("unstable output:\n%s\n%s", b1, b2)
		}
	})
}

func writeCollection(t *testing.T, c *Collection) []byte {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, f := range c.Features {
		if err := w.Write(f.Out()); err != nil {
			t.Fatalf("cannot write decoded feature %d: %v", f.Index, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
