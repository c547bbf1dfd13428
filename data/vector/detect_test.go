package vector

import (
	"archive/zip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

func writeFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeZip(t *testing.T, dir, name string, members ...string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, m := range members {
		w, _ := zw.Create(m)
		w.Write([]byte("x"))
	}
	zw.Close()
	f.Close()
	return p
}

// TestDetect tells formats by content: every file here has a name that
// says otherwise.
func TestDetect(t *testing.T) {
	dir := t.TempDir()
	shpFile, _ := os.ReadFile(testutil.Fixture(t, "shp", "kunnat.shp"))
	dbfFile, _ := os.ReadFile(testutil.Fixture(t, "shp", "kunnat.dbf"))
	cases := []struct {
		name string
		path string
		want Format
	}{
		{"geojson", writeFile(t, dir, "a.csv", []byte("\xEF\xBB\xBF  {\"type\":\"FeatureCollection\",\"features\":[]}")), GeoJSON},
		{"geojson array", writeFile(t, dir, "b.txt", []byte("[]")), GeoJSON},
		{"geopackage", writeFile(t, dir, "c.geojson", append([]byte("SQLite format 3\x00"), make([]byte, 84)...)), GeoPackage},
		{"shapefile", writeFile(t, dir, "d.geojson", shpFile), Shapefile},
		{"csv", writeFile(t, dir, "e.geojson", []byte("name,category,lon,lat\nA,b,25,61\n")), CSV},
		{"utf-16 csv", writeFile(t, dir, "f.json", []byte("\xFF\xFEn\x00a\x00m\x00e\x00")), CSV},
		{"utf-16 geojson", writeFile(t, dir, "g.csv", []byte("{\x00\"\x00t\x00")), GeoJSON},
		{"gml", writeFile(t, dir, "h.geojson", []byte(`<?xml version="1.0"?><wfs:FeatureCollection xmlns:gml="http://www.opengis.net/gml">`)), GML},
		{"kml", writeFile(t, dir, "i.geojson", []byte(`<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2">`)), KML},
		{"mapinfo tab", writeFile(t, dir, "j.geojson", []byte("!table\n!version 300\n!charset WindowsLatin1\n")), MapInfoTAB},
		{"mapinfo mif", writeFile(t, dir, "k.geojson", []byte("Version 300\nCharset \"WindowsLatin1\"\nColumns 2\n")), MapInfoMIF},
		{"flatgeobuf", writeFile(t, dir, "l.geojson", []byte("fgb\x03fgb\x00")), FlatGeobuf},
		{"parquet", writeFile(t, dir, "m.geojson", []byte("PAR1\x00\x00")), Parquet},
		{"dbf", writeFile(t, dir, "n.geojson", dbfFile), DBF},
		{"binary", writeFile(t, dir, "o.geojson", []byte{0x7F, 'E', 'L', 'F', 0, 0, 1}), Unknown},
		{"empty csv", writeFile(t, dir, "p.csv", nil), CSV},
		{"empty other", writeFile(t, dir, "q.dat", nil), GeoJSON},
		{"zipped shapefile", writeZip(t, dir, "r.geojson", "x/a.shp", "x/a.dbf"), ShapefileZip},
		{"kmz", writeZip(t, dir, "s.zip", "doc.kml"), KMZ},
		{"gtfs zip", writeZip(t, dir, "t.zip", "stops.txt", "trips.txt"), ZipOther},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Detect(c.path)
			if err != nil || got != c.want {
				t.Errorf("Detect = %s, %v; want %s", got, err, c.want)
			}
		})
	}
}

// TestUnsupported checks that each unreadable format gets a message that
// names it and the ogr2ogr command.
func TestUnsupported(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		path string
		want []string
	}{
		{writeFile(t, dir, "kunnat.gml", []byte(`<wfs:FeatureCollection>`)), []string{"GML/XML (as from a WFS service) is not a format saavu reads",
			"ogr2ogr -f GeoJSON -t_srs EPSG:4326 " + filepath.Join(dir, "kunnat.geojson") + " " + filepath.Join(dir, "kunnat.gml")}},
		{writeFile(t, dir, "alue.kml", []byte(`<kml>`)), []string{"KML is not a format saavu reads", "ogr2ogr -f GeoJSON"}},
		{writeFile(t, dir, "alue.tab", []byte("!table\n")), []string{"MapInfo TAB", "ogr2ogr -f GeoJSON"}},
		{writeFile(t, dir, "alue.mif", []byte("VERSION 300\nCOLUMNS 1\n")), []string{"MapInfo MIF", "ogr2ogr"}},
		{writeZip(t, dir, "feed.zip", "stops.txt"), []string{"a zip holding no shapefile (it holds stops.txt)"}},
		{writeFile(t, dir, "alue nimi.geojson", []byte{0, 1, 2, 3}), []string{"binary file", `'` + filepath.Join(dir, "alue nimi.geojson") + `'`}},
	}
	for _, c := range cases {
		_, err := Read(c.path, geojsonOpts)
		var u *UnsupportedError
		if !errors.As(err, &u) || !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: %v is not an UnsupportedError", c.path, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q lacks %q", err, w)
			}
		}
	}
}

func TestSplitLayer(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "a.gpkg", []byte("x"))
	odd := writeFile(t, dir, "b:c.gpkg", []byte("x"))
	cases := []struct{ arg, file, layer string }{
		{p, p, ""},
		{p + ":kunnat", p, "kunnat"},
		{odd, odd, ""},
		{odd + ":x", odd, "x"},
		{filepath.Join(dir, "none.gpkg:x"), filepath.Join(dir, "none.gpkg:x"), ""},
	}
	for _, c := range cases {
		if f, l := SplitLayer(c.arg); f != c.file || l != c.layer {
			t.Errorf("SplitLayer(%q) = %q, %q; want %q, %q", c.arg, f, l, c.file, c.layer)
		}
	}
}

// FuzzSniff: any head of a file gets a format, the same each time, and a
// known name.
func FuzzSniff(f *testing.F) {
	for _, s := range []string{"{}", "SQLite format 3\x00", "<kml>", "!table", "a,b\n1,2\n", "\xFF\xFEa\x00"} {
		f.Add([]byte(s), int64(len(s)))
	}
	f.Fuzz(func(t *testing.T, head []byte, size int64) {
		a := sniff("x", head, size)
		if b := sniff("x", head, size); a != b || a.String() == "" {
			t.Fatalf("sniff gave %v then %v", a, b)
		}
	})
}
