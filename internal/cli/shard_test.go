package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// A run split into 4 shards and merged gives byte for byte the outputs of
// the single run (all but timings.json), with transit, nocar, round trips
// and every measure for every mode on the demo, and the GeoPackage in
// ETRS-TM35FIN; merge --out-crs changes the GeoPackage's CRS.
func TestShardsMergeIdentical(t *testing.T) {
	dir, m := demoInputs(t)
	common := []string{"--osm", m.Roads, "--gtfs", "demo=" + m.GTFS, "--regions", m.Regions, "--group-by", "seutukunta",
		"--population", m.Population, "--groups", "old=age_65_plus", "--services", m.Services,
		"--modes", "walk,car,transit,nocar", "--date", m.Date, "--depart", "07:00", "--window", "20", "--percentiles", "25,50",
		"--round-trips", "--journeys", "--nth", "2", "--cumulative", "30", "--all-within", "30", "--fca", "gaussian", "--gravity", "exp:0.1",
		"--out-crs", "EPSG:3067"}
	single := filepath.Join(dir, "single")
	if code, _, stderr := run(t, append(append([]string{"analyse"}, common...), "--out", single)...); code != 0 {
		t.Fatalf("single run: exit %d\n%s", code, stderr)
	}
	parts := filepath.Join(dir, "parts")
	for i := 0; i < 4; i++ {
		args := append(append([]string{"analyse"}, common...), "--shard-count", "4", "--out", parts)
		var out, errb bytes.Buffer
		env := &Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
			if k == "JOB_COMPLETION_INDEX" { // as a Kubernetes Indexed Job sets it
				return strconv.Itoa(i)
			}
			return ""
		}}
		if err := Run(context.Background(), env, args); err != nil {
			t.Fatalf("shard %d: %v\n%s", i, err, errb.String())
		}
		if !strings.Contains(out.String(), "Shard "+strconv.Itoa(i)+" of 4") {
			t.Fatalf("shard %d output: %s", i, out.String())
		}
	}
	merged := filepath.Join(dir, "merged")
	if code, _, stderr := run(t, "merge", "-q", parts, "--out", merged); code != 0 {
		t.Fatalf("merge: exit %d\n%s", code, stderr)
	}
	compared := testutil.SameFiles(t, single, merged, "timings.json")
	if compared < 9 {
		t.Errorf("only %d output files compared", compared)
	}
	wgs := filepath.Join(dir, "wgs84")
	if code, _, stderr := run(t, "merge", "-q", parts, "--out-crs", "EPSG:4326", "--out", wgs); code != 0 {
		t.Fatalf("merge --out-crs: exit %d\n%s", code, stderr)
	}
	for out, want := range map[string]int{merged: 3067, wgs: 4326} {
		var n int
		q := `SELECT count(*) FROM gpkg_geometry_columns WHERE srs_id = ?`
		if err := openGpkg(t, filepath.Join(out, "results.gpkg")).QueryRow(q, want).Scan(&n); err != nil || n != 4 {
			t.Errorf("%s: %d of 4 layers in EPSG:%d (%v)", out, n, want, err)
		}
	}
	// A missing shard is refused.
	os.Remove(filepath.Join(parts, "part-2-of-4.saavu-part"))
	if code, _, stderr := run(t, "merge", "-q", parts, "--out", filepath.Join(dir, "m2")); code != 2 || !strings.Contains(stderr, "shard 2 of 4") {
		t.Errorf("merge with a missing part: exit %d\n%s", code, stderr)
	}
}

// A matrix split into 3 shards by origin and joined with merge --matrix is
// the matrix of a single run, byte for byte.
func TestMatrixShardsMergeIdentical(t *testing.T) {
	dir := t.TempDir()
	pts := filepath.Join(dir, "pts.csv")
	var b strings.Builder
	b.WriteString("id,lon,lat\n")
	for i := 0; i < 7; i++ {
		b.WriteString("p" + strconv.Itoa(i) + "," + strconv.FormatFloat(23.700+0.0007*float64(i), 'f', 4, 64) + ",61.5008\n")
	}
	if err := os.WriteFile(pts, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	common := []string{"matrix", "-q", "--osm", fixture(t, "osm", "town.osm"), "--mode", "walk", "--origins", pts}
	whole := filepath.Join(dir, "whole.csv")
	if code, _, stderr := run(t, append(common, "--out", whole)...); code != 0 {
		t.Fatalf("single matrix: exit %d\n%s", code, stderr)
	}
	var parts []string
	for i := 0; i < 3; i++ {
		p := filepath.Join(dir, "part-"+strconv.Itoa(i)+".csv")
		if code, _, stderr := run(t, append(common, "--shard-count", "3", "--shard-index", strconv.Itoa(i), "--out", p)...); code != 0 {
			t.Fatalf("shard %d: exit %d\n%s", i, code, stderr)
		}
		parts = append(parts, p)
	}
	merged := filepath.Join(dir, "merged.csv")
	if code, _, stderr := run(t, append([]string{"merge", "-q", "--matrix", "--out", merged}, parts...)...); code != 0 {
		t.Fatalf("merge: exit %d\n%s", code, stderr)
	}
	a, _ := os.ReadFile(whole)
	m, _ := os.ReadFile(merged)
	if len(a) == 0 || !bytes.Equal(a, m) {
		t.Fatalf("merged matrix differs from the single run:\n%s\nvs\n%s", m, a)
	}
	if n := strings.Count(string(a), "\n"); n != 1+7*7 {
		t.Errorf("matrix has %d lines, want 50", n)
	}
	if code, _, _ := run(t, append(common, "--shard-count", "3", "--shard-index", "3", "--out", filepath.Join(dir, "x.csv"))...); code != 2 {
		t.Errorf("shard index out of range: exit %d, want 2", code)
	}
}

// plan's matrix stage split into 3 shards by site, then solved from the
// parts, chooses the same sites and writes the same files as one run.
func TestPlanShardsMatchSingleRun(t *testing.T) {
	dir := t.TempDir()
	checkPlanShards(t, dir, "--category", "health", "--candidates", fixture(t, "plan-cli", "candidates.csv"), "--mode", "car", "--threshold", "10", "--add", "3")
	parts := filepath.Join(dir, "parts")
	// A missing part is refused.
	os.Remove(filepath.Join(parts, "sites-1-of-3.saavu-part"))
	if code, _, stderr := run(t, planArgs(t, filepath.Join(dir, "x"), "--category", "health", "--candidates", fixture(t, "plan-cli", "candidates.csv"), "--mode", "car", "--threshold", "10", "--add", "3", "--parts", parts)...); code != 2 || !strings.Contains(stderr, "shard 1 of 3") {
		t.Errorf("missing part: exit %d\n%s", code, stderr)
	}
}

// The same by transit and without a car (the bus fixture of
// plan_transit_test.go), adding and closing.
func TestPlanShardsMatchSingleRunTransit(t *testing.T) {
	tr := []string{"--gtfs", fixture(t, "plan-cli", "gtfs"), "--date", "20240108", "--depart", "08:00", "--window", "30"}
	for _, c := range [][]string{
		{"--category", "health", "--candidates", fixture(t, "plan-cli", "candidates.csv"), "--mode", "transit", "--threshold", "10", "--add", "2"},
		{"--category", "kela", "--mode", "nocar", "--objective", "median", "--cap", "30", "--remove", "1"},
	} {
		checkPlanShards(t, t.TempDir(), append(c, tr...)...)
	}
}

// checkPlanShards runs plan once, then as three shards joined with
// --parts, into dir, and compares the outputs byte for byte.
func checkPlanShards(t *testing.T, dir string, args ...string) {
	t.Helper()
	single := filepath.Join(dir, "single")
	if code, _, stderr := run(t, planArgs(t, single, args...)...); code != 0 {
		t.Fatalf("single plan: exit %d\n%s", code, stderr)
	}
	parts := filepath.Join(dir, "parts")
	for i := 0; i < 3; i++ {
		if code, _, stderr := run(t, planArgs(t, parts, append(args, "--shard-count", "3", "--shard-index", strconv.Itoa(i))...)...); code != 0 {
			t.Fatalf("shard %d: exit %d\n%s", i, code, stderr)
		}
	}
	merged := filepath.Join(dir, "merged")
	if code, _, stderr := run(t, planArgs(t, merged, append(args, "--parts", parts)...)...); code != 0 {
		t.Fatalf("plan --parts: exit %d\n%s", code, stderr)
	}
	for _, f := range []string{"plan.geojson", "plan.csv"} {
		a, err1 := os.ReadFile(filepath.Join(single, f))
		b, err2 := os.ReadFile(filepath.Join(merged, f))
		if err1 != nil || err2 != nil || len(a) == 0 {
			t.Fatalf("%s: %v %v", f, err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%v: %s differs between the single run and the sharded one", args, f)
		}
	}
}

// Without a car alone, with walks to a stop of at most a minute: the
// feed-coverage warning, read from nocar's transit part, is given for
// every region, the same after a merge of shards as in the single run.
func TestShardsMergeNoCarCover(t *testing.T) {
	dir, m := demoInputs(t)
	common := []string{"-q", "--osm", m.Roads, "--gtfs", "demo=" + m.GTFS, "--regions", m.Regions, "--group-by", "seutukunta",
		"--population", m.Population, "--services", m.Services, "--modes", "walk,nocar", "--date", m.Date, "--depart", "07:00", "--window", "10", "--max-walk", "1"}
	single := filepath.Join(dir, "single")
	if code, _, stderr := run(t, append(append([]string{"analyse"}, common...), "--out", single)...); code != 0 {
		t.Fatalf("single run: exit %d\n%s", code, stderr)
	}
	parts := filepath.Join(dir, "parts")
	for i := range 2 {
		args := append(append([]string{"analyse"}, common...), "--shard-count", "2", "--shard-index", strconv.Itoa(i), "--out", parts)
		if code, _, stderr := run(t, args...); code != 0 {
			t.Fatalf("shard %d: exit %d\n%s", i, code, stderr)
		}
	}
	merged := filepath.Join(dir, "merged")
	if code, _, stderr := run(t, "merge", "-q", parts, "--out", merged); code != 0 {
		t.Fatalf("merge: exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(merged, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "has no stop with departures in the window within the walk limit"); n != 3 {
		t.Errorf("merged run.json gives the coverage warning for %d of the 3 regions", n)
	}
	if compared := testutil.SameFiles(t, single, merged, "timings.json"); compared < 9 {
		t.Errorf("only %d output files compared", compared)
	}
}
