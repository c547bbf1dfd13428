package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// An analysis from a prepared network file gives the same outputs as one
// from the raw OSM extract and GTFS feed it was prepared from.
func TestAnalyseNetworkFileMatchesRawInputs(t *testing.T) {
	dir, m := demoInputs(t)
	netFile := filepath.Join(dir, "demo.saavu")
	if code, _, stderr := run(t, "prepare", "-q", "--osm", m.Roads, "--gtfs", "demo="+m.GTFS,
		"--regions", m.Regions, "--buffer", "20", "--modes", "walk,car", "--out", netFile); code != 0 {
		t.Fatalf("prepare: exit %d\n%s", code, stderr)
	}
	common := []string{"--regions", m.Regions, "--group-by", "seutukunta", "--population", m.Population,
		"--services", m.Services, "--modes", "walk,car,transit", "--date", m.Date, "--depart", "07:00", "--window", "30"}
	viaNet := filepath.Join(dir, "net")
	if code, _, stderr := run(t, append([]string{"analyse", "-q", "--network", netFile, "--out", viaNet}, common...)...); code != 0 {
		t.Fatalf("analyse --network: exit %d\n%s", code, stderr)
	}
	viaRaw := filepath.Join(dir, "raw")
	if code, _, stderr := run(t, append([]string{"analyse", "-q", "--osm", m.Roads, "--gtfs", "demo=" + m.GTFS, "--out", viaRaw}, common...)...); code != 0 {
		t.Fatalf("analyse --osm: exit %d\n%s", code, stderr)
	}
	for _, f := range []string{"cells.geojson", "regions.geojson", "summary.csv", "gaps.geojson"} {
		a, err1 := os.ReadFile(filepath.Join(viaNet, f))
		b, err2 := os.ReadFile(filepath.Join(viaRaw, f))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between --network and --osm runs", f)
		}
	}
	// Both at once is a usage error.
	if code, _, _ := run(t, append([]string{"analyse", "-q", "--network", netFile, "--osm", m.Roads, "--out", filepath.Join(dir, "x")}, common...)...); code != 2 {
		t.Errorf("--network with --osm: exit %d, want 2", code)
	}
}
