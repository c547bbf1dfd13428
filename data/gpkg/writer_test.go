package gpkg

import (
	"bytes"
	"database/sql"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// writeSample writes the two-layer GeoPackage the round-trip tests read.
func writeSample(t testing.TB, path string, opts Options) {
	t.Helper()
	w, err := Create(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Discard()
	sites, err := w.AddLayer("sites", "point", WGS84, []Column{
		{"name", Text}, {"capacity", Integer}, {"score", Real}, {"open", Boolean},
	})
	if err != nil {
		t.Fatal(err)
	}
	areas, err := w.AddLayer("areas", MultiPolygon, ETRSTM35FIN, []Column{{"label", Text}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		g orb.Geometry
		v []any
	}{
		{orb.Point{27.5, 61.7}, []any{"A", 40, 0.5, true}},
		{orb.Point{28.25, 62.125}, []any{nil, int64(7), float32(1.5), false}},
		{nil, []any{"none", nil, math.NaN(), nil}},
	} {
		if err := sites.Insert(f.g, f.v); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []struct {
		g orb.Geometry
		v []any
	}{
		{orb.Polygon{{{500000, 6800000}, {501000, 6800000}, {501000, 6801000}, {500000, 6800000}}}, []any{"triangle"}},
		{orb.MultiPolygon{
			{{{510000, 6810000}, {512000, 6810000}, {512000, 6812000}, {510000, 6812000}, {510000, 6810000}}},
			{{{490000, 6790000}, {491000, 6790000}, {490000, 6791000}, {490000, 6790000}}},
		}, []any{"two parts"}},
		{orb.Ring{{0, 0}, {10, 0}, {10, 10}}, []any{"open ring"}},
		{orb.MultiPolygon{}, []any{"empty"}},
	} {
		if err := areas.Insert(f.g, f.v); err != nil {
			t.Fatal(err)
		}
	}
	if sites.Count() != 3 || areas.Count() != 4 {
		t.Fatalf("counts %d %d", sites.Count(), areas.Count())
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.gpkg")
	writeSample(t, path, Options{})
	db := openRO(t, path)

	if got := queryInt(t, db, "PRAGMA application_id"); got != 0x47504B47 {
		t.Errorf("application_id %#x, want 'GPKG'", got)
	}
	if got := queryInt(t, db, "PRAGMA user_version"); got != 10300 {
		t.Errorf("user_version %d", got)
	}
	var ok string
	db.QueryRow("PRAGMA integrity_check").Scan(&ok)
	if ok != "ok" {
		t.Errorf("integrity_check: %s", ok)
	}
	// The SRS rows the standard requires, and the Finnish grid.
	for _, s := range []struct {
		id    int
		org   string
		orgID int
	}{{-1, "NONE", -1}, {0, "NONE", 0}, {4326, "EPSG", 4326}, {3067, "EPSG", 3067}} {
		var org string
		var orgID int
		var def string
		if err := db.QueryRow("SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?", s.id).Scan(&org, &orgID, &def); err != nil {
			t.Errorf("srs %d: %v", s.id, err)
			continue
		}
		if org != s.org || orgID != s.orgID || def == "" {
			t.Errorf("srs %d: %s %d %q", s.id, org, orgID, def)
		}
	}

	// gpkg_contents: extents by hand. Sites: the two points. Areas: x from
	// the open ring's 0 to 512000, y from 0 to 6812000.
	type contents struct {
		dataType, ident, last  string
		minX, minY, maxX, maxY float64
		srs                    int
	}
	want := map[string]contents{
		"sites": {"features", "sites", "1970-01-01T00:00:00.000Z", 27.5, 61.7, 28.25, 62.125, 4326},
		"areas": {"features", "areas", "1970-01-01T00:00:00.000Z", 0, 0, 512000, 6812000, 3067},
	}
	rows, err := db.Query("SELECT table_name, data_type, identifier, printf('%s', last_change), min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var name string
		var c contents
		if err := rows.Scan(&name, &c.dataType, &c.ident, &c.last, &c.minX, &c.minY, &c.maxX, &c.maxY, &c.srs); err != nil {
			t.Fatal(err)
		}
		if c != want[name] {
			t.Errorf("gpkg_contents %s: %+v, want %+v", name, c, want[name])
		}
		n++
	}
	rows.Close()
	if n != 2 {
		t.Errorf("%d gpkg_contents rows", n)
	}
	for table, typ := range map[string]string{"sites": "POINT", "areas": "MULTIPOLYGON"} {
		var col, gt string
		var srs, z, m int
		if err := db.QueryRow("SELECT column_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns WHERE table_name = ?", table).Scan(&col, &gt, &srs, &z, &m); err != nil {
			t.Fatal(err)
		}
		if col != "geom" || gt != typ || srs != want[table].srs || z != 0 || m != 0 {
			t.Errorf("gpkg_geometry_columns %s: %s %s %d %d %d", table, col, gt, srs, z, m)
		}
	}

	// Declared column types, fid the integer primary key.
	cols := tableInfo(t, db, "sites")
	if want := []string{"fid INTEGER pk", "geom POINT", "name TEXT", "capacity INTEGER", "score REAL", "open BOOLEAN"}; !slices.Equal(cols, want) {
		t.Errorf("sites columns %q, want %q", cols, want)
	}

	// Attribute values and their storage classes.
	type site struct {
		fid                        int
		name                       sql.NullString
		capacity                   sql.NullInt64
		score                      sql.NullFloat64
		open                       sql.NullInt64
		tCap, tScore, tOpen, tGeom string
	}
	wantSites := []site{
		{1, sql.NullString{String: "A", Valid: true}, sql.NullInt64{Int64: 40, Valid: true}, sql.NullFloat64{Float64: 0.5, Valid: true}, sql.NullInt64{Int64: 1, Valid: true}, "integer", "real", "integer", "blob"},
		{2, sql.NullString{}, sql.NullInt64{Int64: 7, Valid: true}, sql.NullFloat64{Float64: 1.5, Valid: true}, sql.NullInt64{Int64: 0, Valid: true}, "integer", "real", "integer", "blob"},
		{3, sql.NullString{String: "none", Valid: true}, sql.NullInt64{}, sql.NullFloat64{}, sql.NullInt64{}, "null", "null", "null", "null"},
	}
	rows, err = db.Query("SELECT fid, name, capacity, score, open, typeof(capacity), typeof(score), typeof(open), typeof(geom) FROM sites ORDER BY fid")
	if err != nil {
		t.Fatal(err)
	}
	var gotSites []site
	for rows.Next() {
		var s site
		if err := rows.Scan(&s.fid, &s.name, &s.capacity, &s.score, &s.open, &s.tCap, &s.tScore, &s.tOpen, &s.tGeom); err != nil {
			t.Fatal(err)
		}
		gotSites = append(gotSites, s)
	}
	rows.Close()
	if !slices.Equal(gotSites, wantSites) {
		t.Errorf("sites\n%+v\nwant\n%+v", gotSites, wantSites)
	}

	// Geometries: header bytes, envelope, WKB back to the coordinates.
	geoms := []struct {
		table string
		fid   int
		flags byte
		srs   int32
		env   []float64
		geom  orb.Geometry
	}{
		{"sites", 1, 0x01, 4326, nil, orb.Point{27.5, 61.7}},
		{"sites", 2, 0x01, 4326, nil, orb.Point{28.25, 62.125}},
		{"areas", 1, 0x03, 3067, []float64{500000, 501000, 6800000, 6801000},
			orb.MultiPolygon{{{{500000, 6800000}, {501000, 6800000}, {501000, 6801000}, {500000, 6800000}}}}},
		{"areas", 2, 0x03, 3067, []float64{490000, 512000, 6790000, 6812000}, orb.MultiPolygon{
			{{{510000, 6810000}, {512000, 6810000}, {512000, 6812000}, {510000, 6812000}, {510000, 6810000}}},
			{{{490000, 6790000}, {491000, 6790000}, {490000, 6791000}, {490000, 6790000}}},
		}},
		// The ring came in open: written closed.
		{"areas", 3, 0x03, 3067, []float64{0, 10, 0, 10}, orb.MultiPolygon{{{{0, 0}, {10, 0}, {10, 10}, {0, 0}}}}},
		{"areas", 4, 0x11, 3067, nil, orb.MultiPolygon{}},
	}
	for _, g := range geoms {
		var blob []byte
		if err := db.QueryRow("SELECT geom FROM "+g.table+" WHERE fid = ?", g.fid).Scan(&blob); err != nil {
			t.Fatal(err)
		}
		d := decodeGP(t, blob)
		if d.version != 0 || d.flags != g.flags || d.srs != g.srs || !slices.Equal(d.env, g.env) {
			t.Errorf("%s %d: version %d flags %#02x srs %d envelope %v; want 0 %#02x %d %v", g.table, g.fid, d.version, d.flags, d.srs, d.env, g.flags, g.srs, g.env)
		}
		if !orb.Equal(d.geom, g.geom) {
			t.Errorf("%s %d: geometry %#v, want %#v", g.table, g.fid, d.geom, g.geom)
		}
	}

	// Spatial index: one row per non-empty geometry. SQLite keeps 32-bit
	// floats, rounded outwards, so the box must contain the envelope.
	for table, want := range map[string]map[int64][4]float64{
		"sites": {1: {27.5, 27.5, 61.7, 61.7}, 2: {28.25, 28.25, 62.125, 62.125}},
		"areas": {1: {500000, 501000, 6800000, 6801000}, 2: {490000, 512000, 6790000, 6812000}, 3: {0, 10, 0, 10}},
	} {
		rows, err := db.Query("SELECT id, minx, maxx, miny, maxy FROM rtree_" + table + "_geom ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for rows.Next() {
			var id int64
			var b [4]float64
			rows.Scan(&id, &b[0], &b[1], &b[2], &b[3])
			e, ok := want[id]
			tol := 1e-6 * max(1, math.Abs(e[3]))
			if !ok || b[0] > e[0] || b[1] < e[1] || b[2] > e[2] || b[3] < e[3] || e[0]-b[0] > tol || b[3]-e[3] > tol {
				t.Errorf("rtree %s id %d: %v, want about %v", table, id, b, e)
			}
			got++
		}
		rows.Close()
		if got != len(want) {
			t.Errorf("rtree %s: %d rows, want %d", table, got, len(want))
		}
		if n := queryInt(t, db, "SELECT count(*) FROM gpkg_extensions WHERE table_name = ? AND column_name = 'geom' AND extension_name = 'gpkg_rtree_index' AND scope = 'write-only'", table); n != 1 {
			t.Errorf("%s: %d gpkg_extensions rows", table, n)
		}
		var triggers []string
		rows, _ = db.Query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", table)
		for rows.Next() {
			var s string
			rows.Scan(&s)
			triggers = append(triggers, s)
		}
		rows.Close()
		p := "rtree_" + table + "_geom_"
		if wantT := []string{p + "delete", p + "insert", p + "update1", p + "update2", p + "update3", p + "update4"}; !slices.Equal(triggers, wantT) {
			t.Errorf("triggers %q", triggers)
		}
	}
}

func tableInfo(t testing.TB, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name, type, pk FROM pragma_table_info(?)`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, typ string
		var pk int
		rows.Scan(&name, &typ, &pk)
		s := name + " " + typ
		if pk > 0 {
			s += " pk"
		}
		out = append(out, s)
	}
	return out
}

func TestNoSpatialIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.gpkg")
	writeSample(t, path, Options{NoSpatialIndex: true, GeometryColumn: "shape", LastChange: time.Date(2024, 1, 15, 8, 30, 0, 250e6, time.FixedZone("EET", 7200))})
	db := openRO(t, path)
	if n := queryInt(t, db, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'rtree%'"); n != 0 {
		t.Errorf("%d rtree objects without a spatial index", n)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM gpkg_extensions"); n != 0 {
		t.Errorf("%d extensions", n)
	}
	var col, last string
	db.QueryRow("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = 'areas'").Scan(&col)
	db.QueryRow("SELECT printf('%s', last_change) FROM gpkg_contents WHERE table_name = 'areas'").Scan(&last)
	if col != "shape" || last != "2024-01-15T06:30:00.250Z" {
		t.Errorf("geometry column %q, last_change %q", col, last)
	}
	if n := queryInt(t, db, "SELECT count(shape) FROM areas"); n != 4 {
		t.Errorf("%d area geometries", n)
	}
}

func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	// Also a folder name that a plain SQLite file name would cut at '?'.
	a, b := filepath.Join(dir, "a.gpkg"), filepath.Join(dir, "sub?x=1#y %41", "b.gpkg")
	if err := os.Mkdir(filepath.Dir(b), 0o755); err != nil {
		t.Fatal(err)
	}
	writeSample(t, a, Options{})
	writeSample(t, b, Options{})
	if got := listDir(t, filepath.Dir(b)); !slices.Equal(got, []string{"b.gpkg"}) {
		t.Errorf("files beside b.gpkg: %q", got)
	}
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if len(ab) == 0 || !bytes.Equal(ab, bb) {
		t.Errorf("two writes of the same features differ (%d and %d bytes)", len(ab), len(bb))
	}
}

func listDir(t testing.TB, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "results.gpkg")
	os.WriteFile(path, []byte("old"), 0o644)
	start := func() *Writer {
		w, err := Create(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		l, err := w.AddLayer("p", Point, WGS84, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Insert(orb.Point{1, 2}, nil); err != nil {
			t.Fatal(err)
		}
		return w
	}
	unchanged := func(when string) {
		t.Helper()
		if b, _ := os.ReadFile(path); string(b) != "old" {
			t.Errorf("%s: target changed", when)
		}
	}

	w := start()
	unchanged("before Close")
	if n := len(listDir(t, dir)); n != 2 {
		t.Errorf("%d files while writing, want the target and one temporary file", n)
	}
	w.Discard()
	w.Discard()
	unchanged("after Discard")
	if got := listDir(t, dir); !slices.Equal(got, []string{"results.gpkg"}) {
		t.Errorf("after Discard: %q", got)
	}

	w = start()
	var buf bytes.Buffer
	if err := w.CloseTo(&buf); err != nil {
		t.Fatal(err)
	}
	unchanged("after CloseTo")
	if !bytes.HasPrefix(buf.Bytes(), []byte("SQLite format 3\x00")) {
		t.Errorf("CloseTo wrote %d bytes, not a SQLite file", buf.Len())
	}
	if got := listDir(t, dir); !slices.Equal(got, []string{"results.gpkg"}) {
		t.Errorf("after CloseTo: %q", got)
	}

	w = start()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w.Discard() // after Close: nothing happens
	b, _ := os.ReadFile(path)
	if !bytes.Equal(b, buf.Bytes()) {
		t.Error("Close and CloseTo of the same features differ")
	}
	if got := listDir(t, dir); !slices.Equal(got, []string{"results.gpkg"}) {
		t.Errorf("after Close: %q", got)
	}
	if err := w.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close: %v", err)
	}
	if _, err := w.AddLayer("q", Point, WGS84, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("AddLayer after Close: %v", err)
	}

	if _, err := Create(dir, Options{}); err == nil {
		t.Error("Create over a folder succeeded")
	}
	if _, err := Create(filepath.Join(dir, "missing", "x.gpkg"), Options{}); err == nil {
		t.Error("Create in a missing folder succeeded")
	}
}

func TestLayerErrors(t *testing.T) {
	w, err := Create(filepath.Join(t.TempDir(), "e.gpkg"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Discard()
	if _, err := w.AddLayer("sites", Point, WGS84, []Column{{"n", Integer}}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		layer   string
		geom    string
		srs     int
		columns []Column
		want    error
	}{
		{"empty name", "", Point, WGS84, nil, ErrName},
		{"reserved gpkg_", "gpkg_x", Point, WGS84, nil, ErrName},
		{"reserved rtree_", "RTree_x", Point, WGS84, nil, ErrName},
		{"same name other case", "Sites", Point, WGS84, nil, ErrName},
		{"surrounding space", " a", Point, WGS84, nil, ErrName},
		{"unknown geometry type", "a", "CIRCLE", WGS84, nil, ErrGeometryType},
		{"unknown srs", "a", Point, 2393, nil, ErrSRS},
		{"column fid", "a", Point, WGS84, []Column{{"FID", Text}}, ErrName},
		{"column geom", "a", Point, WGS84, []Column{{"Geom", Text}}, ErrName},
		{"columns differing in case", "a", Point, WGS84, []Column{{"x", Text}, {"X", Real}}, ErrName},
		{"column without type", "a", Point, WGS84, []Column{{"x", 0}}, ErrName},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := w.AddLayer(c.layer, c.geom, c.srs, c.columns); !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
		})
	}
	// A name with quotes and spaces inside is fine: names are quoted.
	if _, err := w.AddLayer(`odd "name" here`, Point, WGS84, []Column{{`a "b"`, Text}}); err != nil {
		t.Errorf("quoted names: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("Close after refused layers: %v", err)
	}
}

func TestInsertErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "e.gpkg")
	w, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Discard()
	l, err := w.AddLayer("p", Point, WGS84, []Column{{"n", Integer}, {"s", Text}, {"b", Boolean}, {"r", Real}})
	if err != nil {
		t.Fatal(err)
	}
	pt := orb.Point{27, 62}
	cases := []struct {
		name   string
		geom   orb.Geometry
		values []any
		column string
		want   error
	}{
		{"too few values", pt, []any{1, "a", true}, "", ErrValue},
		{"text in integer", pt, []any{"1", "a", true, 1.0}, "n", ErrValue},
		{"fraction in integer", pt, []any{1.5, "a", true, 1.0}, "n", ErrValue},
		{"number in text", pt, []any{1, 2, true, 1.0}, "s", ErrValue},
		{"number in boolean", pt, []any{1, "a", 1, 1.0}, "b", ErrValue},
		{"text in real", pt, []any{1, "a", true, "1"}, "r", ErrValue},
		{"huge unsigned", pt, []any{uint64(math.MaxUint64), "a", true, 1.0}, "n", ErrValue},
		{"line in point layer", orb.LineString{{0, 0}, {1, 1}}, []any{1, "a", true, 1.0}, "", ErrGeometryType},
		{"NaN coordinate", orb.Point{math.NaN(), 1}, []any{1, "a", true, 1.0}, "", ErrGeometry},
		{"infinite coordinate", orb.Point{1, math.Inf(1)}, []any{1, "a", true, 1.0}, "", ErrGeometry},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := l.Insert(c.geom, c.values)
			var fe *FeatureError
			if !errors.As(err, &fe) || !errors.Is(err, c.want) {
				t.Fatalf("error %v, want a FeatureError wrapping %v", err, c.want)
			}
			// Nothing inserted yet: the refused feature would have been the
			// first, number 0.
			if fe.Layer != "p" || fe.Feature != 0 || fe.Column != c.column {
				t.Errorf("error names layer %q feature %d column %q; want p 0 %q", fe.Layer, fe.Feature, fe.Column, c.column)
			}
		})
	}
	// One good feature before and after the refused ones.
	if err := l.Insert(pt, []any{1, "a", true, 1.0}); err != nil {
		t.Fatal(err)
	}
	if err := l.Insert(pt, []any{2.0, "b", false, 2}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	db := openRO(t, path)
	if n := queryInt(t, db, "SELECT count(*) FROM p"); n != 2 {
		t.Errorf("%d features, want the 2 accepted", n)
	}
	if n := queryInt(t, db, "SELECT max(fid) FROM p"); n != 2 {
		t.Errorf("fids go to %d, want 2: refused features take no fid", n)
	}
	if err := l.Insert(pt, []any{1, "a", true, 1.0}); !errors.Is(err, ErrClosed) {
		t.Errorf("Insert after Close: %v", err)
	}
}
