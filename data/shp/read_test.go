package shp

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/internal/testutil"
)

func TestReadFixture(t *testing.T) {
	l, err := Read(testutil.Fixture(t, "shp", "kunnat.shp"), "")
	if err != nil {
		t.Fatal(err)
	}
	if l.CRS != EPSG3067 || l.Encoding != Latin1 || l.EncodingFrom != ".cpg" || l.ShapeType != "Polygon" {
		t.Errorf("CRS %d, encoding %s from %s, type %s; want 3067, ISO-8859-1 from .cpg, Polygon", l.CRS, l.Encoding, l.EncodingFrom, l.ShapeType)
	}
	if len(l.Features) != 3 || l.NullShapes != 1 {
		t.Fatalf("%d features, %d null shapes; want 3 and 1", len(l.Features), l.NullShapes)
	}
	wantNames := []string{"Pieksämäki", "Mäntyharju", "Mikkeli"}
	wantRecords := []int{1, 3, 4}
	for i, f := range l.Features {
		if f.Props["nimi"] != wantNames[i] || f.Record != wantRecords[i] {
			t.Errorf("feature %d: nimi %q record %d, want %q record %d", i, f.Props["nimi"], f.Record, wantNames[i], wantRecords[i])
		}
	}
	f := l.Features[0]
	if f.Props["kunta"] != "593" || f.Props["vaesto"] != 17000.0 || f.Props["osuus"] != 0.125 || f.Props["keskus"] != true || f.Props["paiva"] != "2024-01-01" {
		t.Errorf("attributes of record 1: %v", f.Props)
	}
	if v := l.Features[2].Props; v["osuus"] != nil || v["keskus"] != nil || v["paiva"] != nil {
		t.Errorf("blank values of record 4 should be nil: %v", v)
	}
	if l.Features[1].Props["osuus"] != -1.0 || l.Features[1].Props["keskus"] != false {
		t.Errorf("record 3: %v", l.Features[1].Props)
	}
	p, ok := f.Geometry.(orb.Polygon)
	if !ok || len(p) != 2 {
		t.Fatalf("record 1 is %#v, want a polygon with one hole", f.Geometry)
	}
	if mp, ok := l.Features[1].Geometry.(orb.MultiPolygon); !ok || len(mp) != 2 {
		t.Errorf("record 3 is %T, want a MultiPolygon of 2", l.Features[1].Geometry)
	}
	if !strings.Contains(strings.Join(l.Warnings, "\n"), "1 records without a shape") {
		t.Errorf("warnings %q do not count the null shape", l.Warnings)
	}
}

func TestReadZip(t *testing.T) {
	p := testutil.Fixture(t, "shp", "palvelut.zip")
	names, err := ZipMembers(p)
	if err != nil || len(names) != 1 || names[0] != "palvelut/palvelut.shp" {
		t.Fatalf("members %v, %v", names, err)
	}
	for _, member := range []string{"", "palvelut", "palvelut.shp", "palvelut/palvelut"} {
		l, err := Read(p, member)
		if err != nil {
			t.Fatalf("member %q: %v", member, err)
		}
		if len(l.Features) != 3 || l.CRS != EPSG4326 || l.Encoding != UTF8 {
			t.Fatalf("member %q: %d features, CRS %d, %s", member, len(l.Features), l.CRS, l.Encoding)
		}
		if got := l.Features[1].Props["name"]; got != "Mäntyharjun terveysasema" {
			t.Errorf("name %q", got)
		}
		if pt := l.Features[0].Geometry.(orb.Point); pt != (orb.Point{27.25, 61.95}) {
			t.Errorf("point %v", pt)
		}
	}
	if _, err := Read(p, "other"); err == nil || !strings.Contains(err.Error(), `no shapefile "other"`) {
		t.Errorf("unknown member: %v", err)
	}
}

func TestReadMissingParts(t *testing.T) {
	dir := t.TempDir()
	shp, _, dbf := kunnat()
	must(t, os.WriteFile(filepath.Join(dir, "a.shp"), shp, 0o644))
	_, err := Read(filepath.Join(dir, "a.shp"), "")
	if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "no .dbf") || !strings.Contains(err.Error(), "ogr2ogr -f GeoJSON") {
		t.Errorf("without .dbf: %v", err)
	}
	// An upper-case .DBF is found; no .prj and no .cpg leave CRS 0 and
	// the ISO-8859-1 default, with a warning since names have ä.
	must(t, os.WriteFile(filepath.Join(dir, "a.DBF"), dbf, 0o644))
	l, err := Read(filepath.Join(dir, "a.shp"), "")
	if err != nil {
		t.Fatal(err)
	}
	if l.CRS != 0 || l.EncodingFrom != "default" || l.Features[0].Props["nimi"] != "Pieksämäki" {
		t.Errorf("CRS %d, encoding from %s, name %q", l.CRS, l.EncodingFrom, l.Features[0].Props["nimi"])
	}
	if !strings.Contains(strings.Join(l.Warnings, "\n"), "read as ISO-8859-1") {
		t.Errorf("no default code page warning: %q", l.Warnings)
	}
	must(t, os.WriteFile(filepath.Join(dir, "a.cpg"), []byte("EBCDIC"), 0o644))
	if _, err := Read(filepath.Join(dir, "a.shp"), ""); !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), `"EBCDIC"`) {
		t.Errorf("unknown code page: %v", err)
	}
}

func TestRecordCountMismatch(t *testing.T) {
	shp, _, dbf := kunnat()
	other, _ := shpBytes(typePoint, []orb.Geometry{orb.Point{1, 2}})
	if _, err := Parse("x.shp", other, dbf, nil, nil); err == nil || !strings.Contains(err.Error(), "1 shapes but the .dbf 4 records") {
		t.Errorf("mismatch: %v", err)
	}
	if _, err := Parse("x.shp", shp, dbf, []byte(`PROJCS["KKJ_Finland_Uniform_Coordinate_System",GEOGCS["GCS_KKJ"]]`), nil); !errors.Is(err, ErrCRS) {
		t.Errorf("KKJ: %v", err)
	}
}

func TestShapeTypes(t *testing.T) {
	line := orb.LineString{{0, 0}, {1, 1}, {2, 0}}
	cases := []struct {
		name string
		st   int
		g    orb.Geometry
		want orb.Geometry
	}{
		{"point", typePoint, orb.Point{1, 2}, orb.Point{1, 2}},
		{"multipoint", typeMultiPoint, orb.MultiPoint{{1, 2}, {3, 4}}, orb.MultiPoint{{1, 2}, {3, 4}}},
		{"line", typePolyLine, line, line},
		{"multiline", typePolyLine, orb.MultiLineString{line, {{5, 5}, {6, 6}}}, orb.MultiLineString{line, {{5, 5}, {6, 6}}}},
		// A counter-clockwise ring alone is taken as an outer ring.
		{"ccw only", typePolygon, orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := shpBytes(c.st, []orb.Geometry{c.g})
			s, err := ParseSHP("t.shp", b)
			if err != nil {
				t.Fatal(err)
			}
			if !orb.Equal(s.Geoms[0], c.want) {
				t.Errorf("got %v, want %v", s.Geoms[0], c.want)
			}
		})
	}
}

// TestZVariants reads PointZ and PolygonM records as 2D.
func TestZVariants(t *testing.T) {
	// PointZ: type, x, y, z, m.
	rec := le32(nil, typePointZ)
	rec = f64(rec, 25.5, 61.5, 120, 0)
	s, err := ParseSHP("z.shp", wrap(typePointZ, rec))
	if err != nil || s.Geoms[0] != (orb.Point{25.5, 61.5}) {
		t.Fatalf("PointZ: %v %v", s, err)
	}
	// PolygonM: box, 1 part, 4 points, then the M range and values.
	rec = le32(nil, typePolygonM)
	rec = f64(rec, 0, 0, 1, 1)
	rec = le32(rec, 1)
	rec = le32(rec, 4)
	rec = le32(rec, 0)
	rec = f64(rec, 0, 0, 0, 1, 1, 1, 0, 0)
	rec = f64(rec, 0, 9, 1, 2, 3, 4)
	s, err = ParseSHP("m.shp", wrap(typePolygonM, rec))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := s.Geoms[0].(orb.Polygon); !ok || len(p[0]) != 4 {
		t.Errorf("PolygonM: %v", s.Geoms[0])
	}
}

func TestParseErrors(t *testing.T) {
	good, _ := shpBytes(typePolygon, []orb.Geometry{orb.Polygon{{{0, 0}, {0, 1}, {1, 1}, {0, 0}}}})
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"short", good[:50], "too short"},
		{"magic", append([]byte{0, 0, 0, 1}, good[4:]...), "file code 9994"},
		{"cut record", good[:len(good)-8], "runs past the end"},
		{"multipatch", wrap(typeMultiPatch, le32(nil, typeMultiPatch)), "MultiPatch"},
		{"nan", wrap(typePoint, f64(le32(nil, typePoint), math.NaN(), 1)), "not a finite number"},
		{"huge parts", wrap(typePolygon, le32(le32(f64(le32(nil, typePolygon), 0, 0, 1, 1), 1<<30), 3)), "does not fit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseSHP("bad.shp", c.b)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "bad.shp") {
				t.Errorf("got %v, want an error naming bad.shp with %q", err, c.want)
			}
		})
	}
}

func wrap(st int, rec []byte) []byte {
	h := make([]byte, headerLen)
	be32(h, 0, fileCode)
	be32(h, 24, uint32((headerLen+8+len(rec))/2))
	le32at(h, 28, 1000)
	le32at(h, 32, uint32(st))
	h = append(h, 0, 0, 0, 1)
	h = append(h, byte(len(rec)/2>>24), byte(len(rec)/2>>16), byte(len(rec)/2>>8), byte(len(rec)/2))
	return append(h, rec...)
}

func be32(b []byte, off int, v uint32) {
	b[off], b[off+1], b[off+2], b[off+3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
}

func le32at(b []byte, off int, v uint32) {
	b[off], b[off+1], b[off+2], b[off+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
}

func le32(b []byte, v uint32) []byte { return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24)) }

func f64(b []byte, vs ...float64) []byte {
	for _, v := range vs {
		u := math.Float64bits(v)
		for i := 0; i < 8; i++ {
			b = append(b, byte(u>>(8*i)))
		}
	}
	return b
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
