package gpkg

import (
	"bytes"
	"database/sql"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"
)

func fixture(t testing.TB, parts ...string) string {
	return filepath.Join(append([]string{repoRoot(t), "testdata"}, parts...)...)
}

// runLayers are the four GeoJSON outputs of the hand-made analyse run.
func runLayers(t testing.TB) []LayerSource {
	var ls []LayerSource
	for _, n := range []string{"cells", "regions", "gaps", "services"} {
		ls = append(ls, LayerSource{Name: n, Path: fixture(t, "report", "run", n+".geojson")})
	}
	return ls
}

func TestFromGeoJSONFixtures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.gpkg")
	err := FromGeoJSON(path, []LayerSource{
		{Name: "mixed", Path: fixture(t, "gpkg", "mixed.geojson")},
		{Name: "tm35", Path: fixture(t, "gpkg", "tm35.geojson")},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db := openRO(t, path)

	// Column order: "id" from the feature ids, then the properties as they
	// first appear; types from every value (see testdata/gpkg/README.md).
	if got, want := tableInfo(t, db, "mixed"), []string{
		"fid INTEGER pk", "geom MULTIPOLYGON", "id TEXT", "name TEXT", "count INTEGER", "share REAL",
		"open BOOLEAN", "code TEXT", "tags TEXT", "nothing TEXT", "extra TEXT",
	}; !slices.Equal(got, want) {
		t.Errorf("mixed columns\n%q\nwant\n%q", got, want)
	}
	if got, want := tableInfo(t, db, "tm35"), []string{"fid INTEGER pk", "geom POINT", "kind TEXT", "seats INTEGER"}; !slices.Equal(got, want) {
		t.Errorf("tm35 columns %q, want %q", got, want)
	}
	for table, srs := range map[string]int64{"mixed": 4326, "tm35": 3067} {
		if got := queryInt(t, db, "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?", table); got != srs {
			t.Errorf("%s srs %d, want %d", table, got, srs)
		}
	}

	type row struct {
		id, name, code, tags, nothing, extra sql.NullString
		count                                sql.NullInt64
		share                                sql.NullFloat64
		open                                 sql.NullInt64
	}
	str := func(s string) sql.NullString { return sql.NullString{String: s, Valid: true} }
	want := []row{
		{id: str("7"), name: str("Lake side"), code: str("A1"), tags: str(`["x","y"]`),
			count: sql.NullInt64{Int64: 12, Valid: true}, share: sql.NullFloat64{Float64: 0.25, Valid: true}, open: sql.NullInt64{Int64: 1, Valid: true}},
		{id: str("b"), name: str(`Åänekoski "centre"`), code: str("42"), extra: str("only here"),
			count: sql.NullInt64{Int64: -3, Valid: true}, share: sql.NullFloat64{Float64: 1, Valid: true}, open: sql.NullInt64{Int64: 0, Valid: true}},
		{code: str("true"), tags: str(`{"k":1}`), count: sql.NullInt64{Int64: 1 << 53, Valid: true}},
	}
	rows, err := db.Query(`SELECT "id", "name", "code", "tags", "nothing", "extra", "count", "share", "open" FROM mixed ORDER BY fid`)
	if err != nil {
		t.Fatal(err)
	}
	var got []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.name, &r.code, &r.tags, &r.nothing, &r.extra, &r.count, &r.share, &r.open); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	rows.Close()
	if !slices.Equal(got, want) {
		t.Errorf("mixed rows\n%+v\nwant\n%+v", got, want)
	}

	// The polygon with a hole becomes a one-part multipolygon; the null
	// geometry stays NULL.
	var blob []byte
	db.QueryRow("SELECT geom FROM mixed WHERE fid = 1").Scan(&blob)
	wantPoly := orb.MultiPolygon{{
		{{27.0, 61.6}, {27.1, 61.6}, {27.1, 61.7}, {27.0, 61.7}, {27.0, 61.6}},
		{{27.02, 61.62}, {27.04, 61.62}, {27.04, 61.64}, {27.02, 61.62}},
	}}
	if d := decodeGP(t, blob); !orb.Equal(d.geom, wantPoly) || d.srs != 4326 || !slices.Equal(d.env, []float64{27.0, 27.1, 61.6, 61.7}) {
		t.Errorf("mixed 1: %v srs %d env %v", d.geom, d.srs, d.env)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM mixed WHERE geom IS NULL"); n != 1 {
		t.Errorf("%d null geometries, want 1", n)
	}
	db.QueryRow("SELECT geom FROM tm35 WHERE fid = 1").Scan(&blob)
	if d := decodeGP(t, blob); !orb.Equal(d.geom, orb.Point{512345.5, 6834567.25}) || d.srs != 3067 {
		t.Errorf("tm35 1: %v srs %d", d.geom, d.srs)
	}
}

// TestFromGeoJSONRun copies the hand-made analyse outputs and compares
// every feature with the GeoJSON read independently (encoding/json and
// orb's GeoJSON decoder).
func TestFromGeoJSONRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.gpkg")
	layers := runLayers(t)
	if err := FromGeoJSON(path, layers, Options{}); err != nil {
		t.Fatal(err)
	}
	db := openRO(t, path)
	for _, src := range layers {
		data, err := os.ReadFile(src.Path)
		if err != nil {
			t.Fatal(err)
		}
		fc, err := orbjson.UnmarshalFeatureCollection(data)
		if err != nil {
			t.Fatal(err)
		}
		if n := queryInt(t, db, `SELECT count(*) FROM "`+src.Name+`"`); n != int64(len(fc.Features)) || n == 0 {
			t.Errorf("%s: %d features, GeoJSON has %d", src.Name, n, len(fc.Features))
		}
		for i, f := range fc.Features {
			var blob []byte
			if err := db.QueryRow(`SELECT geom FROM "`+src.Name+`" WHERE fid = ?`, i+1).Scan(&blob); err != nil {
				t.Fatal(err)
			}
			g := decodeGP(t, blob)
			if got := g.geom; !orb.Equal(got, f.Geometry) {
				t.Errorf("%s feature %d: geometry %v, want %v", src.Name, i, got, f.Geometry)
			}
			for key, v := range f.Properties {
				var got any
				if err := db.QueryRow(`SELECT "`+key+`" FROM "`+src.Name+`" WHERE fid = ?`, i+1).Scan(&got); err != nil {
					t.Fatalf("%s.%s: %v", src.Name, key, err)
				}
				if !sameValue(got, v) {
					t.Errorf("%s feature %d %s: %v (%T), GeoJSON has %v (%T)", src.Name, i, key, got, got, v, v)
				}
			}
		}
	}
	// Column types the README's Outputs table implies.
	types := map[string]string{}
	rows, _ := db.Query("SELECT name, type FROM pragma_table_info('cells')")
	for rows.Next() {
		var n, ty string
		rows.Scan(&n, &ty)
		types[n] = ty
	}
	rows.Close()
	for col, want := range map[string]string{"id": "TEXT", "region": "TEXT", "population": "INTEGER", "health_walk_min": "REAL", "kela_car_service": "TEXT"} {
		if types[col] != want {
			t.Errorf("cells.%s is %s, want %s", col, types[col], want)
		}
	}
}

// sameValue compares a value read from SQLite with the JSON value.
func sameValue(db, js any) bool {
	switch j := js.(type) {
	case nil:
		return db == nil
	case string:
		s, ok := db.(string)
		return ok && s == j
	case float64:
		switch d := db.(type) {
		case int64:
			return float64(d) == j
		case float64:
			return d == j || (math.IsNaN(d) && math.IsNaN(j))
		}
	case bool:
		d, ok := db.(int64)
		return ok && (d == 1) == j
	}
	return false
}

func TestWriteFromGeoJSON(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.gpkg")
	if err := FromGeoJSON(file, runLayers(t), Options{}); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	var buf bytes.Buffer
	if err := WriteFromGeoJSON(&buf, tmp, runLayers(t), Options{}); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(file)
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("WriteFromGeoJSON gave %d bytes, FromGeoJSON %d: not the same file", buf.Len(), len(want))
	}
	if left := listDir(t, tmp); len(left) != 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

func TestFromGeoJSONErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		return p
	}
	point := `{"type":"Point","coordinates":[27,62]}`
	cases := []struct {
		name, body string
	}{
		{"fid property", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":` + point + `,"properties":{"FID":1}}]}`},
		{"geom property", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":` + point + `,"properties":{"geom":"x"}}]}`},
		{"keys differing in case", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":` + point + `,"properties":{"Name":"a","name":"b"}}]}`},
		{"broken JSON", `{"type":"FeatureCollection","features":[`},
		{"unclosed ring", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]},"properties":{}}]}`},
	}
	target := filepath.Join(dir, "out.gpkg")
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := write("in"+string(rune('a'+i))+".geojson", c.body)
			err := FromGeoJSON(target, []LayerSource{{Name: "l", Path: src}}, Options{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), filepath.Base(src)) {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
	if err := FromGeoJSON(target, []LayerSource{{Name: "l", Path: filepath.Join(dir, "missing.geojson")}}, Options{}); err == nil {
		t.Error("missing input: no error")
	}
	// Two sources with the same layer name.
	ok := write("ok.geojson", `{"type":"FeatureCollection","features":[]}`)
	err := FromGeoJSON(target, []LayerSource{{Name: "l", Path: ok}, {Name: "L", Path: ok}}, Options{})
	if !errors.Is(err, ErrName) {
		t.Errorf("duplicate layer: %v", err)
	}
	for _, name := range listDir(t, dir) {
		if filepath.Ext(name) != ".geojson" {
			t.Errorf("left behind after failures: %s", name)
		}
	}
}
