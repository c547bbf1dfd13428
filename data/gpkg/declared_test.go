package gpkg

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/saavu/saavu/geo"
)

// declaredCols is the schema the declared-layer tests give.
var declaredCols = []Column{
	{Name: "id", Type: Text},
	{Name: "population", Type: Real},
	{Name: "share", Type: Real},
	{Name: "median_min", Type: Real},
	{Name: "cells", Type: Integer},
	{Name: "why", Type: Text},
	{Name: "round_trip", Type: Boolean},
}

// Every share is exactly 1, every median and reason null, every population
// whole: the inferred types would be INTEGER, INTEGER, TEXT, TEXT.
const declaredBody = `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[24.9,60.1],[25,60.1],[25,60.2],[24.9,60.1]]]},
 "properties":{"id":"091","population":12,"share":1,"median_min":null,"cells":3,"why":null,"round_trip":true,"extra":7}},
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[25.1,60.3],[25.2,60.3],[25.2,60.4],[25.1,60.3]]]},
 "properties":{"id":"092","population":0,"share":1,"median_min":null,"cells":0,"why":null,"round_trip":false,"extra":8}}]}`

func TestFromGeoJSONDeclaredTypes(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.geojson")
	empty := filepath.Join(dir, "empty.geojson")
	os.WriteFile(src, []byte(declaredBody), 0o644)
	os.WriteFile(empty, []byte(`{"type":"FeatureCollection","features":[]}`), 0o644)
	path := filepath.Join(dir, "d.gpkg")
	err := FromGeoJSON(path, []LayerSource{
		{Name: "declared", Path: src, Columns: declaredCols, GeometryType: MultiPolygon},
		{Name: "inferred", Path: src},
		{Name: "empty", Path: empty, Columns: declaredCols, GeometryType: MultiPolygon},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db := openRO(t, path)
	cases := []struct {
		layer string
		want  []string
	}{
		// Declared types whatever the values; the undeclared property
		// "extra" follows with its inferred type.
		{"declared", []string{"fid INTEGER pk", "geom MULTIPOLYGON", "id TEXT", "population REAL", "share REAL",
			"median_min REAL", "cells INTEGER", "why TEXT", "round_trip BOOLEAN", "extra INTEGER"}},
		// Without a schema the values decide, which is what the declared
		// columns are for.
		{"inferred", []string{"fid INTEGER pk", "geom POLYGON", "id TEXT", "population INTEGER", "share INTEGER",
			"median_min TEXT", "cells INTEGER", "why TEXT", "round_trip BOOLEAN", "extra INTEGER"}},
		{"empty", []string{"fid INTEGER pk", "geom MULTIPOLYGON", "id TEXT", "population REAL", "share REAL",
			"median_min REAL", "cells INTEGER", "why TEXT", "round_trip BOOLEAN"}},
	}
	for _, c := range cases {
		if got := tableInfo(t, db, c.layer); !slices.Equal(got, c.want) {
			t.Errorf("%s columns\n%q\nwant\n%q", c.layer, got, c.want)
		}
	}
	if n := queryInt(t, db, `SELECT count(*) FROM declared WHERE typeof(share) = 'real' AND share = 1`); n != 2 {
		t.Errorf("%d shares stored as the real 1, want 2", n)
	}

	if ogr, err := exec.LookPath("ogrinfo"); err == nil {
		out, err := exec.Command(ogr, "-ro", "-so", path, "declared").CombinedOutput()
		if err != nil {
			t.Fatalf("ogrinfo: %v\n%s", err, out)
		}
		want := []string{"id: String (0.0)", "population: Real (0.0)", "share: Real (0.0)", "median_min: Real (0.0)",
			"cells: Integer64 (0.0)", "why: String (0.0)", "round_trip: Integer(Boolean) (0.0)", "extra: Integer64 (0.0)"}
		if got := ogrFields(string(out)); !slices.Equal(got, want) {
			t.Errorf("ogrinfo fields\n%q\nwant\n%q", got, want)
		}
	}
}

// ogrFields returns the "name: Type (width.precision)" lines of ogrinfo -so.
func ogrFields(out string) []string {
	var fields []string
	geomSeen := false
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "Geometry Column = ") || strings.HasPrefix(line, "FID Column = ") {
			geomSeen = true
			continue
		}
		if geomSeen && strings.Contains(line, ": ") && !strings.HasPrefix(line, " ") {
			fields = append(fields, strings.TrimSpace(line))
		}
	}
	return fields
}

func TestFromGeoJSONDeclaredMismatch(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.geojson")
	os.WriteFile(src, []byte(declaredBody), 0o644)
	cols := slices.Clone(declaredCols)
	cols[1].Type = Boolean // population: numbers are no booleans
	err := FromGeoJSON(filepath.Join(dir, "x.gpkg"), []LayerSource{{Name: "l", Path: src, Columns: cols}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "a.geojson") {
		t.Errorf("a value that does not fit its declared column: %v", err)
	}
}

func TestFromGeoJSONConvertSRS(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.geojson")
	os.WriteFile(src, []byte(declaredBody), 0o644)
	path := filepath.Join(dir, "tm.gpkg")
	if err := FromGeoJSON(path, []LayerSource{{Name: "l", Path: src, Columns: declaredCols, SRS: ETRSTM35FIN}}, Options{}); err != nil {
		t.Fatal(err)
	}
	db := openRO(t, path)
	if got := queryInt(t, db, `SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'l'`); got != ETRSTM35FIN {
		t.Errorf("srs %d, want 3067", got)
	}
	var minx, maxy float64
	if err := db.QueryRow(`SELECT min_x, max_y FROM gpkg_contents WHERE table_name = 'l'`).Scan(&minx, &maxy); err != nil {
		t.Fatal(err)
	}
	wantMinX, _ := geo.ToTM35(24.9, 60.1)
	_, wantMaxY := geo.ToTM35(25.2, 60.4)
	if math.Abs(minx-wantMinX) > 1e-3 || math.Abs(maxy-wantMaxY) > 1e-3 {
		t.Errorf("extent min_x %.3f max_y %.3f, want %.3f %.3f", minx, maxy, wantMinX, wantMaxY)
	}
	var blob []byte
	if err := db.QueryRow(`SELECT geom FROM l WHERE fid = 1`).Scan(&blob); err != nil {
		t.Fatal(err)
	}
	g := decodeGP(t, blob)
	if g.srs != ETRSTM35FIN {
		t.Errorf("blob srs %d", g.srs)
	}
	e, n := math.Inf(1), math.Inf(1)
	for _, p := range [][2]float64{{24.9, 60.1}, {25, 60.1}, {25, 60.2}} {
		pe, pn := geo.ToTM35(p[0], p[1])
		e, n = min(e, pe), min(n, pn)
	}
	env := g.env // minx, maxx, miny, maxy
	if len(env) != 4 || math.Abs(env[0]-e) > 1e-3 || math.Abs(env[2]-n) > 1e-3 {
		t.Errorf("envelope %v, want min (%.3f, %.3f)", env, e, n)
	}
	var rx float64
	if err := db.QueryRow(`SELECT minx FROM rtree_l_geom WHERE id = 1`).Scan(&rx); err != nil {
		t.Fatal(err)
	}
	if math.Abs(rx-e) > 1 { // the R-tree stores 32-bit floats, rounded outwards
		t.Errorf("rtree minx %.3f, want about %.3f", rx, e)
	}
	err := FromGeoJSON(filepath.Join(dir, "bad.gpkg"), []LayerSource{{Name: "l", Path: src, SRS: 3879}}, Options{})
	if err == nil {
		t.Error("srs 3879: no error")
	}
}
