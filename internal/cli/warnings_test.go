package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// Problems with the inputs that leave results which look fine are said
// on stderr and in run.json: a window after the feed's last trips, a
// date outside its service dates, no population given.
func TestInputWarnings(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data runs skipped in -short mode")
	}
	osm := testutil.SharedData(t, "tampere/tampere.osm.pbf")
	feed := testutil.SharedData(t, "tampere/tampere-gtfs.zip")
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"window after the last trips", []string{"--date", "20220110", "--depart", "16:00"},
			[]string{"no vehicle leaves any stop between 16:00 and 18:10 on 20220110", "no population given"}},
		{"date outside the feed", []string{"--date", "20230110", "--depart", "08:00"},
			[]string{"--date 20230110 is outside the feed's service dates 20210920 to 20220331", "no trip runs on 20230110"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"analyse", "--osm", osm, "--services-osm", "amenity=pharmacy", "--cell-size", "1000",
				"--modes", "transit", "--gtfs", feed, "--window", "10", "--out", out}, c.args...)
			code, _, stderr := run(t, args...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			b, err := os.ReadFile(filepath.Join(out, "run.json"))
			if err != nil {
				t.Fatal(err)
			}
			var info struct{ Warnings []string }
			if err := json.Unmarshal(b, &info); err != nil {
				t.Fatal(err)
			}
			all := strings.Join(info.Warnings, "\n")
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("run.json warnings lack %q:\n%s", w, all)
				}
				if !strings.Contains(stderr, w) || !strings.Contains(stderr, "level=WARN") {
					t.Errorf("stderr lacks the WARN line %q:\n%s", w, stderr)
				}
			}
		})
	}
}

// A run whose inputs draw a warning (here: no population) prints it
// under its table; with --strict it is an error: exit 2, nothing
// written.
func TestStrictAndCheckFirst(t *testing.T) {
	dir := t.TempDir()
	args := []string{"analyse", "--osm", fixture(t, "osm", "town.osm"),
		"--regions", fixture(t, "cli", "regions.geojson"), "--services", fixture(t, "cli", "services.csv"),
		"--cell-size", "250", "--modes", "walk"}
	out := filepath.Join(dir, "loose")
	code, stdout, stderr := run(t, append(args, "--out", out)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	table := strings.Index(stdout, "Share of population")
	check := strings.Index(stdout, "Check these first (")
	if table < 0 || check < table || !strings.Contains(stdout[check:], "  - no population given") {
		t.Errorf("warnings not listed under the table:\n%s", stdout)
	}
	if !strings.Contains(stdout, "the median counts those who reach no service as beyond any") {
		t.Errorf("no footnote under the table:\n%s", stdout)
	}
	out = filepath.Join(dir, "strict")
	code, _, stderr = run(t, append(args, "--out", out, "--strict")...)
	if code != 2 || !strings.Contains(stderr, "--strict: 1 warning about the inputs, nothing written; the first: no population given") {
		t.Errorf("--strict: exit %d, %s", code, stderr)
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		t.Errorf("--strict wrote %d files", len(entries))
	}
	// With the population given there is nothing to report.
	out = filepath.Join(dir, "clean")
	code, stdout, stderr = run(t, append(args, "--out", out, "--strict", "--population", fixture(t, "cli", "population.csv"))...)
	if code != 0 || strings.Contains(stdout, "Check these first") {
		t.Errorf("clean run: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// validate says when --date lies outside a feed's service dates and that
// no trip runs then.
func TestValidateDateOutsideFeed(t *testing.T) {
	feed := fixture(t, "prepare", "gtfs")
	code, stdout, stderr := run(t, "validate", "--gtfs", feed, "--date", "20250106")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"on 20250106: 0 trips", "20250106 is outside the feed's service dates 20240101 to 20241231: none of its trips runs",
		"no trip runs on 20250106"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("validate output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = run(t, "validate", "--gtfs", feed, "--date", "20240108")
	if code != 0 || strings.Contains(stdout, "outside the feed") || strings.Contains(stdout, "no trip runs") {
		t.Errorf("a date inside the feed: exit %d\n%s", code, stdout)
	}
}

// matrix --strict refuses a point beyond --max-snap, for every mode: exit
// 2 and no output file; without it the pairs are left empty.
func TestMatrixStrictEveryMode(t *testing.T) {
	dir := ptDir(t)
	pts := filepath.Join(t.TempDir(), "pts.csv")
	body, err := os.ReadFile(filepath.Join(dir, "points.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// A point some 50 km away from the grid's streets.
	if err := os.WriteFile(pts, append(body, []byte("FAR,26.5,61.0\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"walk", "car", "transit", "nocar"} {
		args := []string{"matrix", "-q", "--mode", mode, "--osm", filepath.Join(dir, "grid.osm"), "--origins", pts}
		if mode == "transit" || mode == "nocar" {
			args = append(args, "--gtfs", filepath.Join(dir, "gtfs"), "--date", "20240108", "--depart", "08:00")
		}
		out := filepath.Join(t.TempDir(), "m.csv")
		code, _, stderr := run(t, append(args, "--strict", "--out", out)...)
		if _, err := os.Stat(out); code != 2 || !strings.Contains(stderr, "--strict: ") || !strings.Contains(stderr, "origins are farther than") || err == nil {
			t.Errorf("%s --strict: exit %d, output written %v\n%s", mode, code, err == nil, stderr)
		}
		if code, _, stderr := run(t, append(args, "--out", out)...); code != 0 {
			t.Errorf("%s without --strict: exit %d\n%s", mode, code, stderr)
		}
	}
}
