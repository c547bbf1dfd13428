package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// TestR5AgreementCLI runs the r5r reference matrix of Porto Alegre as an
// r5r user would, through the command line (saavu matrix --profile r5
// --elevation), and compares it with R5's minutes: the share of pairs
// both reach within 3 minutes of each other, the share with the same
// reachability, and the median absolute difference.
func TestR5AgreementCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data comparison skipped in -short mode")
	}
	d := func(f string) string { return testutil.SharedData(t, filepath.Join("porto-alegre", f)) }
	dir := t.TempDir()
	rows := readCSV(t, d("r5r-reference/poa-hexgrid-2022-05.csv"))
	var b strings.Builder
	b.WriteString("id,lon,lat\n")
	for _, r := range rows[1:101] {
		b.WriteString(strings.Join(r[:3], ",") + "\n")
	}
	pts := filepath.Join(dir, "points.csv")
	if err := os.WriteFile(pts, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "ttm.csv")
	code, _, stderr := run(t, "matrix", "-q", "--mode", "transit", "--profile", "r5", "--elevation", d("poa_elevation.tif"),
		"--osm", d("poa_osm.pbf"), "--gtfs", d("poa_eptc.zip"), "--gtfs", d("poa_trensurb.zip"),
		"--date", "20190513", "--depart", "14:00", "--window", "1", "--origins", pts, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	ref := map[[2]string]int{}
	for _, r := range readCSV(t, d("r5r-reference/r5-ttm-100x100.csv"))[1:] {
		v, err := strconv.Atoi(r[2])
		if err != nil {
			t.Fatal(err)
		}
		ref[[2]string{r[0], r[1]}] = v
	}
	got := readCSV(t, out)
	if strings.Join(got[0], ",") != "from_id,to_id,travel_time_p50" {
		t.Fatalf("header %v, want r5r's", got[0])
	}
	pairs, both, within, same := 0, 0, 0, 0
	var abs []int
	for _, r := range got[1:] {
		pairs++
		want, ok := ref[[2]string{r[0], r[1]}]
		switch {
		case r[2] != "" && ok:
			v, _ := strconv.Atoi(r[2])
			both++
			same++
			dv := max(v-want, want-v)
			abs = append(abs, dv)
			if dv <= 3 {
				within++
			}
		case r[2] == "" && !ok:
			same++
		}
	}
	slices.Sort(abs)
	w, s := float64(within)/float64(both), float64(same)/float64(pairs)
	t.Logf("%d pairs, %d reached by both; within 3 min of R5: %.1f%% (goal 95%%); same reachability %.2f%% (goal 99%%); median |difference| %d min",
		pairs, both, 100*w, 100*s, abs[len(abs)/2])
	if pairs != 10000 || w < 0.95 || s < 0.99 || abs[len(abs)/2] != 0 {
		t.Errorf("agreement with R5 fell: %.1f%% within 3 minutes, %.2f%% same reachability, median %d", 100*w, 100*s, abs[len(abs)/2])
	}
}

func TestProfileFlags(t *testing.T) {
	dir := ptDir(t)
	base := []string{"matrix", "-q", "--mode", "transit", "--osm", filepath.Join(dir, "grid.osm"), "--gtfs", filepath.Join(dir, "gtfs"),
		"--date", "20240108", "--origins", filepath.Join(dir, "points.csv")}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--profile", "otp"}, "the only profile is r5"},
		{[]string{"--profile", "r5", "--max-walk", "10"}, "not by --max-walk"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, append(base, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want exit 2 and %q", c.args, code, stderr, c.want)
		}
	}
	// The profile writes r5r's columns, times in whole minutes.
	code, stdout, stderr := run(t, append(base, "--profile", "r5", "--depart", "08:00")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if lines[0] != "from_id,to_id,travel_time_p50" || !slices.Contains(lines, "O,O,0") {
		t.Errorf("output %q", lines[:min(4, len(lines))])
	}
}

// The README's own Keskustori point by car: route, matrix and analyse
// attach it to the same street (not to the square's small pieces of
// service road) and agree; a route that does not exist exits with 3.
func TestKeskustoriByCarEveryCommand(t *testing.T) {
	osm := testutil.SharedData(t, "tampere/tampere.osm.pbf")
	code, stdout, stderr := run(t, "route", "-q", "--osm", osm, "--mode", "car", "--from", "23.7610,61.4978", "--to", "23.8580,61.4500")
	if code != 0 || !strings.Contains(stdout, "car: 13.2 min") {
		t.Errorf("route: exit %d, %q %s", code, stdout, stderr)
	}
	pts := filepath.Join(t.TempDir(), "p.csv")
	if err := os.WriteFile(pts, []byte("id,lon,lat\nk,23.7610,61.4978\nx,23.8580,61.4500\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run(t, "matrix", "-q", "--osm", osm, "--mode", "car", "--origins", pts)
	if code != 0 || !strings.Contains(stdout, "k,x,792.9") {
		t.Errorf("matrix: exit %d, %q %s", code, stdout, stderr)
	}
	// Attached to any piece, the square's service road: no route.
	code, _, stderr = run(t, "route", "-q", "--osm", osm, "--mode", "car", "--min-island", "1", "--from", "23.7610,61.4978", "--to", "23.8580,61.4500")
	if code != ExitNoRoute || !strings.Contains(stderr, "do not connect") {
		t.Errorf("route without the island rule: exit %d, %s", code, stderr)
	}
}
