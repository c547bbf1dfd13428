package cli

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	orbgeojson "github.com/paulmach/orb/geojson"
	"github.com/saavu/saavu/data/gpkg"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// outputLayers are the layers of results.gpkg and their GeoJSON files.
var outputLayers = []struct{ name, file string }{
	{"cells", "cells.geojson"}, {"regions", "regions.geojson"}, {"gaps", "gaps.geojson"}, {"services", "services.geojson"},
}

// ogrType is the field type GDAL reports for each GeoPackage column type.
var ogrType = map[string]string{"TEXT": "String", "REAL": "Real", "INTEGER": "Integer64", "BOOLEAN": "Integer(Boolean)"}

// openGpkg opens a GeoPackage read-only with the SQLite driver the gpkg
// package writes with.
func openGpkg(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := gpkg.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// gpkgColumns returns the "name TYPE" of each column of table, in order.
func gpkgColumns(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name, type FROM pragma_table_info(?)`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			t.Fatal(err)
		}
		out = append(out, name+" "+typ)
	}
	return out
}

// schemaText is the schema of every layer of dir/results.gpkg as the
// golden files hold it: per layer its name, then per column its name, SQL
// type and the field type GDAL reports.
func schemaText(t *testing.T, db *sql.DB) string {
	t.Helper()
	var b strings.Builder
	for _, l := range outputLayers {
		fmt.Fprintf(&b, "%s\n", l.name)
		for i, c := range gpkgColumns(t, db, l.name) {
			name, typ, _ := strings.Cut(c, " ")
			ogr := ogrType[typ]
			if i < 2 {
				ogr = "-" // fid and geometry: no fields to GDAL
			}
			fmt.Fprintf(&b, "\t%s\t%s\t%s\n", name, typ, ogr)
		}
	}
	return b.String()
}

// checkSchema compares the layers of out/results.gpkg with the golden file
// testdata/schema/<name>.golden.txt, GDAL's field types with it when
// ogrinfo is installed, and the GeoJSON files' properties with the layers'
// columns: the same keys, in the same order, in every feature.
func checkSchema(t *testing.T, out, name string) *sql.DB {
	t.Helper()
	path := filepath.Join(out, "results.gpkg")
	db := openGpkg(t, path)
	var tables []string
	rows, err := db.Query(`SELECT table_name FROM gpkg_contents ORDER BY table_name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		tables = append(tables, s)
	}
	rows.Close()
	if want := []string{"cells", "gaps", "regions", "services"}; !slices.Equal(tables, want) {
		t.Errorf("layers %q, want %q", tables, want)
	}
	got := schemaText(t, db)
	golden := testutil.Fixture(t, "schema", name+".golden.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("schema of %s differs from %s:\n%s", path, golden, lineDiff(string(want), got))
	}

	ogr, _ := exec.LookPath("ogrinfo")
	for _, l := range outputLayers {
		cols := gpkgColumns(t, db, l.name)[2:] // after fid and geom
		var names, ogrWant []string
		for _, c := range cols {
			n, typ, _ := strings.Cut(c, " ")
			names = append(names, n)
			ogrWant = append(ogrWant, n+": "+ogrType[typ]+" (0.0)")
		}
		for i, keys := range propertyKeys(t, filepath.Join(out, l.file)) {
			if !slices.Equal(keys, names) {
				t.Fatalf("%s feature %d: properties\n%q\nwant the layer's columns\n%q", l.file, i, keys, names)
			}
		}
		if ogr == "" {
			continue
		}
		info, err := exec.Command(ogr, "-ro", "-so", path, l.name).CombinedOutput()
		if err != nil {
			t.Fatalf("ogrinfo %s: %v\n%s", l.name, err, info)
		}
		if got := ogrFieldLines(string(info)); !slices.Equal(got, ogrWant) {
			t.Errorf("ogrinfo %s fields\n%q\nwant\n%q", l.name, got, ogrWant)
		}
	}
	if ogr == "" {
		t.Log("ogrinfo not found (apt-get install gdal-bin): GDAL's field types not checked")
	}
	return db
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}

// ogrFieldLines returns the field lines ("name: Type (w.p)") of ogrinfo -so.
func ogrFieldLines(out string) []string {
	var fields []string
	started := false
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "Geometry Column = ") {
			started = true
			continue
		}
		if started && strings.Contains(line, ": ") && !strings.HasPrefix(line, " ") {
			fields = append(fields, strings.TrimSpace(line))
		}
	}
	return fields
}

// propertyKeys returns the property keys of every feature of a GeoJSON
// file, in the order they are written.
func propertyKeys(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties json.RawMessage `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out [][]string
	for _, f := range fc.Features {
		dec := json.NewDecoder(bytes.NewReader(f.Properties))
		dec.Token() // {
		var keys []string
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			keys = append(keys, k.(string))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, keys)
	}
	return out
}

// nullCount returns how many of the layer's rows have col NULL, and all rows.
func nullCount(t *testing.T, db *sql.DB, layer, col string) (nulls, all int) {
	t.Helper()
	q := fmt.Sprintf(`SELECT count(*) - count(%q), count(*) FROM %q`, col, layer)
	if err := db.QueryRow(q).Scan(&nulls, &all); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return nulls, all
}

// columnType returns the declared type of layer.col.
func columnType(t *testing.T, db *sql.DB, layer, col string) string {
	t.Helper()
	for _, c := range gpkgColumns(t, db, layer) {
		if n, typ, _ := strings.Cut(c, " "); n == col {
			return typ
		}
	}
	t.Fatalf("layer %s has no column %s", layer, col)
	return ""
}

// TestOutputSchemaTransit pins the layers of a transit run on the
// hand-made timetable, with every optional column of the cells: a column
// that is all null (transit km) and a share that is exactly 1 in every
// region keep the types they always have.
func TestOutputSchemaTransit(t *testing.T) {
	pt := ptDir(t)
	dir := t.TempDir()
	services := filepath.Join(dir, "services.csv")
	if err := os.WriteFile(services, []byte("name,category,lon,lat\nA,shop,25.035,0.000\nB,shop,25.030,0.020\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := run(t, "analyse", "-q", "--osm", filepath.Join(pt, "grid.osm"), "--gtfs", "eq="+filepath.Join(pt, "gtfs"),
		"--date", "20240108", "--depart", "08:00", "--window", "10", "--walk-speed", ptSpeed,
		"--origins", filepath.Join(pt, "points.csv"), "--services", services, "--modes", "walk,transit,nocar",
		"--percentiles", "25,50,75", "--journeys", "--round-trips", "--nth", "2", "--cumulative", "30",
		"--all-within", "60", "--thresholds", "30,600", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	db := checkSchema(t, out, "transit")

	// All null, yet REAL: transit has no length in km.
	if nulls, all := nullCount(t, db, "cells", "shop_transit_km"); nulls != all || all == 0 {
		t.Errorf("shop_transit_km: %d of %d null; the case wants all null", nulls, all)
	}
	if typ := columnType(t, db, "cells", "shop_transit_km"); typ != "REAL" {
		t.Errorf("all-null shop_transit_km is %s, want REAL", typ)
	}
	// Everyone reaches a shop on foot within 600 minutes: the share is 1
	// in every region, stored as the real 1.
	var ones, regions int
	if err := db.QueryRow(`SELECT count(*) FILTER (WHERE typeof(shop_walk_share_600) = 'real' AND shop_walk_share_600 = 1), count(*) FROM regions`).Scan(&ones, &regions); err != nil {
		t.Fatal(err)
	}
	if ones != regions || regions == 0 {
		t.Errorf("shop_walk_share_600: %d of %d regions the real 1", ones, regions)
	}
	// The gaps layer is empty here and keeps its columns all the same.
	if n, _ := nullCount(t, db, "gaps", "region_id"); n != 0 {
		t.Errorf("gaps: %d features without region_id", n)
	}
}

// TestOutputSchemaDemo pins the layers of a run on the demo region with
// the GeoPackage in ETRS-TM35FIN, joins summary.csv and measures.csv to
// the regions layer on region_id, and checks the projected geometries
// against the WGS84 GeoJSON.
func TestOutputSchemaDemo(t *testing.T) {
	dir, m := demoInputs(t)
	out := filepath.Join(dir, "out")
	code, _, stderr := run(t, "analyse", "-q", "--osm", m.Roads, "--regions", m.Regions, "--group-by", "seutukunta",
		"--population", m.Population, "--groups", "old=age_65_plus", "--services", m.Services, "--modes", "walk,car",
		"--categories", "kela,health", "--gap", "30", "--out-crs", "EPSG:3067", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	db := checkSchema(t, out, "demo")
	checkJoin(t, db, out)
	checkTM35(t, db, out)
}

// checkJoin joins summary.csv and measures.csv rows to the regions layer
// on region_id, as the README tells QGIS users to: every row finds its
// region and every region has rows.
func checkJoin(t *testing.T, db *sql.DB, out string) {
	t.Helper()
	regions := map[string]string{}
	rows, err := db.Query(`SELECT region_id, name FROM regions`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			t.Fatal(err)
		}
		regions[id] = name
	}
	rows.Close()
	if len(regions) < 2 {
		t.Fatalf("regions layer has %d regions", len(regions))
	}
	for _, file := range []string{"summary.csv", "measures.csv"} {
		table := readCSV(t, filepath.Join(out, file))
		if table[0][0] != "region_id" || table[0][1] != "region" {
			t.Fatalf("%s header %q", file, table[0])
		}
		joined := map[string]int{}
		for i, r := range table[1:] {
			name, ok := regions[r[0]]
			if !ok {
				t.Fatalf("%s line %d: region_id %q joins no feature of the regions layer", file, i+2, r[0])
			}
			if name != r[1] {
				t.Errorf("%s line %d: region %q, the layer says %q", file, i+2, r[1], name)
			}
			joined[r[0]]++
		}
		if file == "summary.csv" && len(joined) != len(regions) {
			t.Errorf("%s joins %d of %d regions", file, len(joined), len(regions))
		}
	}
}

var reExtent = regexp.MustCompile(`Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)`)

// checkTM35 checks that the layers are in EPSG:3067 and that each cell's
// coordinates are its GeoJSON (WGS84) coordinates projected with geo's
// TM35 function, within a millimetre; and so are the extents that the
// GeoPackage records and GDAL reports.
func checkTM35(t *testing.T, db *sql.DB, out string) {
	t.Helper()
	rows, err := db.Query(`SELECT g.table_name, g.srs_id, s.organization, s.organization_coordsys_id FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s USING (srs_id)`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, org string
		var srs, code int
		rows.Scan(&table, &srs, &org, &code)
		if srs != 3067 || org != "EPSG" || code != 3067 {
			t.Errorf("layer %s: srs %d (%s:%d), want 3067 (EPSG:3067)", table, srs, org, code)
		}
	}
	rows.Close()

	b, err := os.ReadFile(filepath.Join(out, "cells.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	fc, err := orbgeojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	var want []orb.Point
	bound := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, f := range fc.Features {
		walk(f.Geometry, func(p orb.Point) {
			if p[0] < 19 || p[0] > 32 || p[1] < 59 || p[1] > 71 {
				t.Fatalf("cells.geojson: %v is not WGS84 lon/lat in Finland", p)
			}
			e, n := geo.ToTM35(p[0], p[1])
			want = append(want, orb.Point{e, n})
			bound = bound.Extend(orb.Point{e, n})
		})
	}
	var got []orb.Point
	rows, err = db.Query(`SELECT geom FROM cells ORDER BY fid`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var blob []byte
		if err := rows.Scan(&blob); err != nil {
			t.Fatal(err)
		}
		srs, g := gpGeometry(t, blob)
		if srs != 3067 {
			t.Fatalf("geometry srs %d", srs)
		}
		walk(g, func(p orb.Point) { got = append(got, p) })
	}
	rows.Close()
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("%d points in the GeoPackage, %d in cells.geojson", len(got), len(want))
	}
	worst := 0.0
	for i := range got {
		worst = max(worst, math.Hypot(got[i][0]-want[i][0], got[i][1]-want[i][1]))
	}
	if worst > 1e-3 {
		t.Errorf("GeoPackage cells differ from the projected GeoJSON by up to %.4f m", worst)
	}
	t.Logf("%d cell corners in EPSG:3067, within %.2g m of the projected GeoJSON", len(got), worst)

	var ext [4]float64
	if err := db.QueryRow(`SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'cells'`).Scan(&ext[0], &ext[1], &ext[2], &ext[3]); err != nil {
		t.Fatal(err)
	}
	wantExt := [4]float64{bound.Min[0], bound.Min[1], bound.Max[0], bound.Max[1]}
	for i := range ext {
		if math.Abs(ext[i]-wantExt[i]) > 1e-3 {
			t.Errorf("gpkg_contents extent %v, want %v", ext, wantExt)
			break
		}
	}
	var rx float64
	if err := db.QueryRow(`SELECT min(minx) FROM rtree_cells_geom`).Scan(&rx); err != nil {
		t.Fatal(err)
	}
	if math.Abs(rx-bound.Min[0]) > 1 { // 32-bit floats in the R-tree
		t.Errorf("R-tree min x %.3f, want about %.3f", rx, bound.Min[0])
	}

	var info struct {
		Parameters map[string]any `json:"parameters"`
	}
	rb, _ := os.ReadFile(filepath.Join(out, "run.json"))
	if err := json.Unmarshal(rb, &info); err != nil {
		t.Fatal(err)
	}
	if got := info.Parameters["out_crs"]; got != "EPSG:3067" {
		t.Errorf("run.json parameters.out_crs = %v, want EPSG:3067", got)
	}

	ogr, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Log("ogrinfo not found (apt-get install gdal-bin): GDAL's SRS and extent not checked")
		return
	}
	so, err := exec.Command(ogr, "-ro", "-so", filepath.Join(out, "results.gpkg"), "cells").CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, so)
	}
	if !bytes.Contains(so, []byte(`ID["EPSG",3067]`)) {
		t.Errorf("ogrinfo does not report EPSG:3067:\n%s", so)
	}
	mm := reExtent.FindSubmatch(so)
	if mm == nil {
		t.Fatalf("ogrinfo reports no extent:\n%s", so)
	}
	for i := range 4 {
		v, _ := strconv.ParseFloat(string(mm[i+1]), 64)
		if math.Abs(v-wantExt[i]) > 1e-3 {
			t.Errorf("ogrinfo extent %s, want %v", mm[0], wantExt)
			break
		}
	}
}

// walk calls fn with every point of a (multi)polygon or point in order.
func walk(g orb.Geometry, fn func(orb.Point)) {
	switch g := g.(type) {
	case orb.Point:
		fn(g)
	case orb.Polygon:
		for _, r := range g {
			for _, p := range r {
				fn(p)
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			walk(p, fn)
		}
	}
}

// gpGeometry takes a GeoPackage binary geometry apart: the SRS id of its
// header and the WKB after the envelope.
func gpGeometry(t *testing.T, b []byte) (int32, orb.Geometry) {
	t.Helper()
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' || b[3]&1 == 0 {
		t.Fatalf("not a little-endian GeoPackage geometry: %x", b[:min(len(b), 8)])
	}
	srs := int32(binary.LittleEndian.Uint32(b[4:8]))
	env := map[byte]int{0: 0, 1: 4, 2: 6, 3: 6, 4: 8}[(b[3]>>1)&7]
	g, err := wkb.Unmarshal(b[8+8*env:])
	if err != nil {
		t.Fatal(err)
	}
	return srs, g
}

// TestOutCRSUsage: an output CRS other than EPSG:4326 and EPSG:3067 is a
// usage error of every command that writes a GeoPackage.
func TestOutCRSUsage(t *testing.T) {
	cases := [][]string{
		{"analyse", "--osm", "x.osm", "--out-crs", "EPSG:3879", "--out", "x"},
		{"demo", "--out-crs", "EPSG:3879", "--out", filepath.Join(t.TempDir(), "d")},
		{"merge", "parts", "--out-crs", "EPSG:3879", "--out", "x"},
	}
	for _, args := range cases {
		t.Run(args[0], func(t *testing.T) {
			code, _, stderr := run(t, args...)
			if code != 2 || !strings.Contains(stderr, `--out-crs "EPSG:3879"`) || !strings.Contains(stderr, "EPSG:3067") {
				t.Errorf("exit %d, want 2 with a message naming the flag and the supported CRS:\n%s", code, stderr)
			}
		})
	}
}
