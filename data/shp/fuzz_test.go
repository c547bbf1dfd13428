package shp

import (
	"math"
	"os"
	"testing"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/internal/testutil"
)

// FuzzSHP checks that no input panics and that what parses is finite,
// one geometry (or null) per record, rings closed.
func FuzzSHP(f *testing.F) {
	if b, err := os.ReadFile(testutil.Fixture(f, "shp", "kunnat.shp")); err == nil {
		f.Add(b)
	}
	pts, _ := shpBytes(typeMultiPoint, []orb.Geometry{orb.MultiPoint{{1, 2}}, nil})
	f.Add(pts)
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseSHP("f.shp", b)
		if err != nil {
			return
		}
		for _, g := range s.Geoms {
			if g == nil {
				continue
			}
			if !finite(g) {
				t.Fatalf("non-finite geometry %v", g)
			}
			var polys []orb.Polygon
			switch v := g.(type) {
			case orb.Polygon:
				polys = []orb.Polygon{v}
			case orb.MultiPolygon:
				polys = v
			}
			for _, p := range polys {
				for _, r := range p {
					if len(r) < 4 || r[0] != r[len(r)-1] {
						t.Fatalf("ring %v not closed or too short", r)
					}
				}
			}
		}
	})
}

// FuzzDBF checks that no input panics and that every record has one value
// per field, of the field's kind.
func FuzzDBF(f *testing.F) {
	if b, err := os.ReadFile(testutil.Fixture(f, "shp", "kunnat.dbf")); err == nil {
		f.Add(b)
	}
	f.Add(dbfBytes([]Field{{Name: "n", Type: 'N', Length: 4}}, [][]string{{"1"}, {"-1"}}, 0x57))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, enc := range []Encoding{Latin1, UTF8, Windows1252} {
			tab, err := ParseDBF("f.dbf", b, DBFOptions{Encoding: enc})
			if err != nil {
				continue
			}
			if len(tab.Records) != len(tab.Deleted) {
				t.Fatal("records and deleted flags differ in length")
			}
			for _, r := range tab.Records {
				if len(r) != len(tab.Fields) {
					t.Fatalf("record of %d values for %d fields", len(r), len(tab.Fields))
				}
				for k, v := range r {
					switch x := v.(type) {
					case float64:
						if tab.Fields[k].Type != 'N' && tab.Fields[k].Type != 'F' || math.IsNaN(x) {
							t.Fatalf("number %v in field %c", x, tab.Fields[k].Type)
						}
					case bool:
						if tab.Fields[k].Type != 'L' {
							t.Fatalf("bool in field %c", tab.Fields[k].Type)
						}
					}
				}
			}
		}
	})
}
