package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// plan and isochrones read a network file from saavu prepare as they read
// the OSM extract it was prepared from: the same outputs.
func TestPlanAndIsochronesFromNetworkFile(t *testing.T) {
	dir := t.TempDir()
	d := func(f string) string { return fixture(t, "plan-cli", f) }
	netFile := filepath.Join(dir, "road.saavu")
	if code, _, stderr := run(t, "prepare", "-q", "--osm", d("road.osm"), "--regions", d("regions.geojson"),
		"--buffer", "1", "--modes", "walk", "--out", netFile); code != 0 {
		t.Fatalf("prepare: exit %d\n%s", code, stderr)
	}
	common := []string{"--population", d("population.csv"), "--regions", d("regions.geojson"), "--services", d("services.csv"),
		"--cell-size", "250", "--category", "health", "--candidates", d("candidates.csv"), "--add", "2"}
	viaNet, viaOSM := filepath.Join(dir, "net"), filepath.Join(dir, "osm")
	if code, _, stderr := run(t, append([]string{"plan", "-q", "--network", netFile, "--out", viaNet}, common...)...); code != 0 {
		t.Fatalf("plan --network: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run(t, append([]string{"plan", "-q", "--osm", d("road.osm"), "--out", viaOSM}, common...)...); code != 0 {
		t.Fatalf("plan --osm: exit %d\n%s", code, stderr)
	}
	for _, f := range []string{PlanSitesFile, PlanRegionsFile} {
		a, err1 := os.ReadFile(filepath.Join(viaNet, f))
		b, err2 := os.ReadFile(filepath.Join(viaOSM, f))
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) || len(a) == 0 {
			t.Errorf("%s differs between --network and --osm (%v, %v)", f, err1, err2)
		}
	}
	iso := []string{"isochrones", "-q", "--services", d("services.csv"), "--category", "kela", "--cutoffs", "5,10", "--resolution", "25"}
	code, a, stderr := run(t, append(iso, "--network", netFile)...)
	if code != 0 {
		t.Fatalf("isochrones --network: exit %d\n%s", code, stderr)
	}
	code, b, stderr := run(t, append(iso, "--osm", d("road.osm"))...)
	if code != 0 {
		t.Fatalf("isochrones --osm: exit %d\n%s", code, stderr)
	}
	if a != b || len(a) < 100 {
		t.Errorf("isochrones differ between --network and --osm:\n%.300s\n%.300s", a, b)
	}
	for _, args := range [][]string{
		append([]string{"plan", "-q", "--network", netFile, "--osm", d("road.osm"), "--out", filepath.Join(dir, "x")}, common...),
		append(iso, "--network", netFile, "--osm", d("road.osm")),
		append(iso, "--network", filepath.Join(dir, "missing.saavu")),
	} {
		if code, _, _ := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args[len(args)-3:], code)
		}
	}
}
