package gpkg

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// GDAL is the reference reader of GeoPackages: these tests run its ogrinfo
// when it is installed (apt-get install gdal-bin) and skip otherwise.

func needOgrinfo(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo not on PATH (apt-get install gdal-bin): GDAL cross-check skipped")
	}
	return p
}

type ogrLayer struct {
	geometry string
	count    int
}

var (
	reLayer = regexp.MustCompile(`(?m)^Layer name: (.+)$`)
	reGeom  = regexp.MustCompile(`(?m)^Geometry: (.+)$`)
	reCount = regexp.MustCompile(`(?m)^Feature Count: (\d+)$`)
)

// ogrSummary runs ogrinfo -ro -al -so and returns each layer's geometry
// type and feature count; anything GDAL says on stderr fails the test.
func ogrSummary(t *testing.T, ogrinfo, path string) (map[string]ogrLayer, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(ogrinfo, "-ro", "-al", "-so", path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, stderr.String())
	}
	if s := strings.TrimSpace(stderr.String()); s != "" {
		t.Errorf("ogrinfo complains:\n%s", s)
	}
	out := stdout.String()
	layers := map[string]ogrLayer{}
	starts := reLayer.FindAllStringSubmatchIndex(out, -1)
	for i, m := range starts {
		end := len(out)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		block := out[m[0]:end]
		name := out[m[2]:m[3]]
		var l ogrLayer
		if g := reGeom.FindStringSubmatch(block); g != nil {
			l.geometry = g[1]
		}
		if c := reCount.FindStringSubmatch(block); c != nil {
			l.count, _ = strconv.Atoi(c[1])
		} else {
			l.count = -1
		}
		layers[name] = l
	}
	return layers, out
}

// jsonCount counts the features of a GeoJSON file with encoding/json.
func jsonCount(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatal(err)
	}
	return len(fc.Features)
}

func TestOgrinfoRun(t *testing.T) {
	ogrinfo := needOgrinfo(t)
	path := filepath.Join(t.TempDir(), "results.gpkg")
	layers := runLayers(t)
	if err := FromGeoJSON(path, layers, Options{}); err != nil {
		t.Fatal(err)
	}
	got, out := ogrSummary(t, ogrinfo, path)
	wantGeom := map[string]string{"cells": "Polygon", "regions": "Polygon", "gaps": "Multi Polygon", "services": "Point"}
	for _, src := range layers {
		want := ogrLayer{geometry: wantGeom[src.Name], count: jsonCount(t, src.Path)}
		if got[src.Name] != want {
			t.Errorf("ogrinfo %s: %+v, want %+v (GeoJSON count)", src.Name, got[src.Name], want)
		}
	}
	if len(got) != len(layers) {
		t.Errorf("ogrinfo lists %d layers, want %d", len(got), len(layers))
	}
	if !strings.Contains(out, `ID["EPSG",4326]`) {
		t.Error("ogrinfo does not recognise EPSG:4326")
	}
}

func TestOgrinfoFixtures(t *testing.T) {
	ogrinfo := needOgrinfo(t)
	path := filepath.Join(t.TempDir(), "f.gpkg")
	if err := FromGeoJSON(path, []LayerSource{
		{Name: "mixed", Path: fixture(t, "gpkg", "mixed.geojson")},
		{Name: "tm35", Path: fixture(t, "gpkg", "tm35.geojson")},
	}, Options{}); err != nil {
		t.Fatal(err)
	}
	got, out := ogrSummary(t, ogrinfo, path)
	want := map[string]ogrLayer{"mixed": {"Multi Polygon", 3}, "tm35": {"Point", 2}}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("ogrinfo %s: %+v, want %+v", name, got[name], w)
		}
	}
	if !strings.Contains(out, `ID["EPSG",3067]`) {
		t.Error("ogrinfo does not recognise EPSG:3067")
	}
	// GDAL's reading of the attribute types.
	for _, line := range []string{"count: Integer64", "share: Real", "open: Integer(Boolean)", "code: String", "seats: Integer64"} {
		if !strings.Contains(out, line) {
			t.Errorf("ogrinfo output lacks %q", line)
		}
	}
}

// TestOgrinfoEditKeepsIndex edits a layer through GDAL, whose SQLite has
// the ST_* functions the spatial index triggers call, and checks that the
// triggers kept the index in step.
func TestOgrinfoEditKeepsIndex(t *testing.T) {
	ogrinfo := needOgrinfo(t)
	path := filepath.Join(t.TempDir(), "edit.gpkg")
	writeSample(t, path, Options{})
	for _, q := range []string{
		"UPDATE areas SET geom = NULL WHERE fid = 1",                             // update2
		"DELETE FROM sites WHERE fid = 2",                                        // delete
		"UPDATE areas SET fid = 10 WHERE fid = 2",                                // update3
		"INSERT INTO sites (geom, name) VALUES (MakePoint(30, 65, 4326), 'new')", // insert
	} {
		var stderr bytes.Buffer
		cmd := exec.Command(ogrinfo, path, "-sql", q)
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil || strings.Contains(stderr.String(), "ERROR") {
			t.Fatalf("%s: %v %s", q, err, stderr.String())
		}
	}
	db := openRO(t, path)
	ids := func(table string) string {
		rows, err := db.Query("SELECT id FROM rtree_" + table + "_geom ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var s []string
		for rows.Next() {
			var id int
			rows.Scan(&id)
			s = append(s, strconv.Itoa(id))
		}
		return strings.Join(s, ",")
	}
	if got := ids("areas"); got != "3,10" {
		t.Errorf("areas index ids %s, want 3,10", got)
	}
	if got := ids("sites"); got != "1,4" {
		t.Errorf("sites index ids %s, want 1,4", got)
	}
	var minx, miny float64
	db.QueryRow("SELECT minx, miny FROM rtree_sites_geom WHERE id = 4").Scan(&minx, &miny)
	if minx != 30 || miny != 65 {
		t.Errorf("new site indexed at %g %g", minx, miny)
	}
}
