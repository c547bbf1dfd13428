package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// repoRoot walks up from the package directory to the folder with go.mod.
func repoRoot(t testing.TB) string { return testutil.RepoRoot(t) }

func fixture(t testing.TB, parts ...string) string { return testutil.Fixture(t, parts...) }

// run runs saavu in-process and returns the exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	err := Run(context.Background(), env, args)
	if err != nil {
		errb.WriteString("saavu: " + err.Error() + "\n")
	}
	code := ExitCode(err)
	if err != nil && strings.Contains(err.Error(), "help requested") {
		code = 0
	}
	return code, out.String(), errb.String()
}

func TestAnalyseTown(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := run(t, "analyse",
		"--osm", fixture(t, "osm", "town.osm"),
		"--regions", fixture(t, "cli", "regions.geojson"),
		"--population", fixture(t, "cli", "population.csv"),
		"--services", fixture(t, "cli", "services.csv"),
		"--cell-size", "250", "--modes", "walk,car", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, f := range []string{"cells.geojson", "regions.geojson", "summary.csv", "gaps.geojson", "services.geojson", "run.json", "timings.json"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("output %s missing or empty", f)
		}
	}
	if !strings.Contains(stdout, "Town") || !strings.Contains(stdout, "health/walk") {
		t.Errorf("summary table lacks the region or the category:\n%s", stdout)
	}
	// The population (240) reaches the health station within 30 min on foot.
	if !strings.Contains(stdout, "100.0%") {
		t.Errorf("expected everyone within the threshold:\n%s", stdout)
	}
}

func TestBadInputExitsTwoAndWritesNothing(t *testing.T) {
	town := fixture(t, "osm", "town.osm")
	regions := fixture(t, "cli", "regions.geojson")
	services := fixture(t, "cli", "services.csv")
	cases := []struct {
		name string
		args []string
		want []string // substrings of stderr
	}{
		{"no osm", []string{"--services", services}, []string{"--osm"}},
		{"broken regions", []string{"--osm", town, "--services", services, "--regions", fixture(t, "cli", "broken.geojson")}, []string{"broken.geojson"}},
		{"unknown crs", []string{"--osm", town, "--services", services, "--regions", fixture(t, "cli", "unknown-crs.geojson")}, []string{"unknown-crs.geojson", "2393"}},
		{"empty population", []string{"--osm", town, "--services", services, "--regions", regions, "--population", fixture(t, "cli", "empty-population.csv")}, []string{"empty-population.csv"}},
		{"not a pbf", []string{"--osm", fixture(t, "cli", "not-osm.pbf"), "--services", services}, []string{"not-osm.pbf"}},
		{"missing osm file", []string{"--osm", fixture(t, "cli", "nope.pbf"), "--services", services}, []string{"nope.pbf"}},
		{"osm is a directory", []string{"--osm", fixture(t, "cli"), "--services", services}, []string{"cli"}},
		{"bad cell size", []string{"--osm", town, "--services", services, "--cell-size", "500"}, []string{"--cell-size"}},
		{"bad mode", []string{"--osm", town, "--services", services, "--modes", "boat"}, []string{"boat"}},
		{"unknown category", []string{"--osm", town, "--services", services, "--categories", "kela"}, []string{"kela", "health"}},
		{"bad thresholds", []string{"--osm", town, "--services", services, "--thresholds", "30,10"}, []string{"--thresholds"}},
		{"no services", []string{"--osm", town}, []string{"services"}},
		{"unknown flag", []string{"--osm", town, "--bogus"}, []string{"bogus"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"analyse", "-q", "--out", out}, c.args...)
			code, _, stderr := run(t, args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2\n%s", code, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("message lacks %q:\n%s", w, stderr)
				}
			}
			if ents, err := os.ReadDir(out); err == nil && len(ents) > 0 {
				t.Errorf("output folder holds %d entries after a failed run", len(ents))
			}
		})
	}
}

func TestUsage(t *testing.T) {
	if code, _, _ := run(t); code != 2 {
		t.Errorf("no command: exit %d, want 2", code)
	}
	if code, _, stderr := run(t, "frobnicate"); code != 2 || !strings.Contains(stderr, "frobnicate") {
		t.Errorf("unknown command: exit %d: %s", code, stderr)
	}
	code, stdout, _ := run(t, "version")
	if code != 0 || !strings.HasPrefix(stdout, "saavu ") {
		t.Errorf("version: exit %d %q", code, stdout)
	}
	code, stdout, _ = run(t, "help")
	if code != 0 || !strings.Contains(stdout, "analyse") || !strings.Contains(stdout, "matrix") {
		t.Errorf("help: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = run(t, "analyse", "--help")
	if code != 0 || !strings.Contains(stdout, "Example:") || !strings.Contains(stdout, "--max-snap") {
		t.Errorf("analyse --help: exit %d\n%s", code, stdout)
	}
}

func TestMatrixTown(t *testing.T) {
	dir := t.TempDir()
	pts := filepath.Join(dir, "pts.csv")
	if err := os.WriteFile(pts, []byte("id,lon,lat\na,23.700,61.500\nb,23.704,61.500\nfar,23.90,61.60\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "m.csv")
	code, _, stderr := run(t, "matrix", "-q", "--osm", fixture(t, "osm", "town.osm"), "--mode", "walk", "--origins", pts, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 1+9 || lines[0] != "origin_id,destination_id,time_s,distance_m" {
		t.Fatalf("matrix:\n%s", b)
	}
	// a -> a is zero; a -> b walks two grid blocks of 0.002 degrees of
	// longitude at 61.5 N (about 106.1 m each) at 1.2 m/s; far is beyond
	// snapping distance and left empty.
	if lines[1] != "a,a,0,0" {
		t.Errorf("a->a: %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], "a,b,176.") && !strings.HasPrefix(lines[2], "a,b,177.") {
		t.Errorf("a->b: %q", lines[2])
	}
	if lines[3] != "a,far,," {
		t.Errorf("a->far: %q", lines[3])
	}
}

// TestAnalyseGeoPackageOgrinfo opens results.gpkg with GDAL's ogrinfo
// (Debian gdal-bin; CI installs it) and checks every layer's feature count
// against the GeoJSON outputs.
func TestAnalyseGeoPackageOgrinfo(t *testing.T) {
	ogr, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo not found (apt-get install gdal-bin): GeoPackage not checked with GDAL")
	}
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := run(t, "analyse", "-q",
		"--osm", fixture(t, "osm", "town.osm"),
		"--regions", fixture(t, "cli", "regions.geojson"),
		"--population", fixture(t, "cli", "population.csv"),
		"--services", fixture(t, "cli", "services.csv"),
		"--cell-size", "250", "--modes", "walk,car", "--gap", "1", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for layer, file := range map[string]string{"cells": "cells.geojson", "regions": "regions.geojson", "gaps": "gaps.geojson", "services": "services.geojson"} {
		b, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Count(string(b), `"type":"Feature"`)
		info, err := exec.Command(ogr, "-ro", "-so", filepath.Join(out, "results.gpkg"), layer).CombinedOutput()
		if err != nil {
			t.Fatalf("ogrinfo %s: %v\n%s", layer, err, info)
		}
		if !strings.Contains(string(info), fmt.Sprintf("Feature Count: %d\n", want)) {
			t.Errorf("layer %s: want %d features, ogrinfo says:\n%s", layer, want, info)
		}
	}
}

// -q prints only errors: no table, no "written to" line; results asked
// for on standard output (a route, a matrix without --out) still come.
func TestQuietPrintsNoTables(t *testing.T) {
	dir := t.TempDir()
	base := []string{"--osm", fixture(t, "osm", "town.osm"), "--regions", fixture(t, "cli", "regions.geojson"),
		"--population", fixture(t, "cli", "population.csv"), "--services", fixture(t, "cli", "services.csv"), "--cell-size", "250"}
	code, stdout, stderr := run(t, append([]string{"analyse", "-q", "--modes", "walk", "--out", filepath.Join(dir, "a")}, base...)...)
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("analyse -q: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = run(t, append([]string{"analyse", "--modes", "walk", "--out", filepath.Join(dir, "b")}, base...)...)
	if code != 0 || !strings.Contains(stdout, "Share of population") {
		t.Errorf("analyse without -q: exit %d, stdout %q", code, stdout)
	}
	code, stdout, _ = run(t, "route", "-q", "--osm", fixture(t, "osm", "town.osm"), "--mode", "walk",
		"--from", "23.7000,61.5000", "--to", "23.7040,61.5000")
	if code != 0 || !strings.Contains(stdout, "walk:") {
		t.Errorf("route -q: exit %d, stdout %q", code, stdout)
	}
}
