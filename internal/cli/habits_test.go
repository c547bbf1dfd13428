package cli

import (
	"strings"
	"testing"
)

// CLI habits: mistyped commands and flags get the one meant, lists get
// their form, help is printed once and has no empty sections.
func TestCLIHabits(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"analyze"}, `did you mean "analyse"?`},
		{[]string{"help", "analyze"}, `did you mean "analyse"?`},
		{[]string{"analyse", "--service", "x"}, "did you mean --services?"},
		{[]string{"analyse", "--cellsize", "250"}, "did you mean --cell-size?"},
		{[]string{"analyse", "--out-dir", "x"}, "did you mean --out?"},
		{[]string{"analyse", "--thresholds", "10;20"}, `--thresholds "10;20": give numbers separated by commas, e.g. --thresholds 10,20,30`},
		{[]string{"analyse", "--cell-size", "abc"}, `--cell-size "abc": give a number`},
		{[]string{"diff", "--outt", "x"}, "did you mean --out?"},
		{[]string{"report", "results", "--basemap", "https://tiles.example/map.png"}, "needs {z}, {x} and {y}"},
		{[]string{"analyse", "--osm", "x.pbf", "--out", "o", "--basemap", "tiles"}, "needs {z}, {x} and {y}"},
		{[]string{"frobnicate"}, `unknown command "frobnicate": see 'saavu help'`},
		{[]string{"route", "--osm", "x.pbf", "--mode", "walk", "--from", "61.4978,23.7610", "--to", "23.8580,61.4500"}, "look swapped (Finland is lon 19..32, lat 59..71)"},
		{[]string{"isochrones", "--osm", "x.pbf", "--from", "61.4978,23.7610"}, "look swapped"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, c.args...)
		if code != ExitInput || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want exit 2 and %q", c.args, code, stderr, c.want)
		}
	}
	for _, cmd := range []string{"diff", "merge", "report", "analyse", "version"} {
		code, stdout, _ := run(t, cmd, "--help")
		if code != 0 || strings.Count(stdout, "Usage:") != 1 {
			t.Errorf("%s --help: exit %d, %d usage lines", cmd, code, strings.Count(stdout, "Usage:"))
		}
	}
	if _, stdout, _ := run(t, "version", "--help"); strings.Contains(stdout, "Flags:") || strings.Contains(stdout, "version \n") {
		t.Errorf("version --help: %q", stdout)
	}
}

// --min-island reaches the public-transport network too: with 1 the
// point beside the island of testdata/osm/town.osm (street 25-26-27)
// attaches to it and reaches nothing else; by default it attaches to the
// town.
func TestMinIslandTransit(t *testing.T) {
	pts := fixture(t, "cli", "island-points.csv")
	town := fixture(t, "osm", "town.osm")
	for _, c := range []struct {
		min  string
		want string // the island -> town row
	}{{"40", "island,town,2933"}, {"1", "island,town,"}} {
		code, stdout, stderr := run(t, "matrix", "-q", "--mode", "transit", "--osm", town, "--gtfs", fixture(t, "ptaccess", "gtfs"),
			"--date", "20240108", "--max-walk", "120", "--max-snap", "5000", "--origins", pts, "--min-island", c.min)
		if code != 0 || !strings.Contains(stdout, c.want+"\n") {
			t.Errorf("--min-island %s: exit %d, %q %s; want the row %q", c.min, code, stdout, stderr, c.want)
		}
	}
}
