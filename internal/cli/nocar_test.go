package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestNoCarMatrixFixture runs "matrix --mode nocar" on the hand-made
// fixture: each pair and percentile is the faster of walking all the way
// and transit.
func TestNoCarMatrixFixture(t *testing.T) {
	dir := ptDir(t)
	out := filepath.Join(t.TempDir(), "m.csv")
	code, _, stderr := runPT(t, runTransitMatrix, "--mode", "nocar", "--osm", filepath.Join(dir, "grid.osm"),
		"--gtfs", "eq="+filepath.Join(dir, "gtfs"), "--date", "20240108", "--depart", "08:00", "--window", "10",
		"--percentiles", "5,50,95", "--walk-speed", ptSpeed, "--origins", filepath.Join(dir, "points.csv"), "--out", out, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSV(t, out)
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[0]+">"+r[1]] = strings.Join(r[2:], " ")
	}
	want := map[string]string{
		// Transit: sorted 1700 1760 ... 2240 over 08:00..08:09; walking
		// takes 3500 s.
		"O>D1": "1700 1940 2240",
		// Walking (1100 s) beats transit at 08:00 and from 08:06 on.
		"O>D5": "820 1060 1100",
		// Line 1 runs one way only: transit reaches nothing, walking
		// takes 3500 s, within the 120-minute trip limit although beyond
		// the 20-minute walk limit of transit.
		"D1>O": "3500 3500 3500",
		// D2 -> O: 2000 s north path + 3000 s main street on foot.
		"D2>O": "5000 5000 5000",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
}

// TestNoCarRouteFixture checks that "route --mode nocar" prints the faster
// of walking and transit.
func TestNoCarRouteFixture(t *testing.T) {
	dir := ptDir(t)
	base := []string{"--mode", "nocar", "--osm", filepath.Join(dir, "grid.osm"), "--walk-speed", ptSpeed,
		"--gtfs", filepath.Join(dir, "gtfs"), "--date", "20240108", "-q"}
	cases := []struct {
		name, depart, from, to string
		want                   []string
	}{
		// O -> D2 by two rides arrives at 08:33 (33 min); walking takes
		// 5000 s, and 10 s from the point 0.0001 degree off the street.
		{"transit wins", "08:00", "25.000,0.0001", "25.030,0.020", []string{"public transport is the faster (walking all the way: 83.5 min)", "33.0 min, 2 rides"}},
		// O -> D5 at 08:00: walking 1100 s beats the 1120 s by line 1.
		{"walking wins", "08:00", "25.000,0", "25.011,0", []string{"walking all the way is the faster: 18.3 min, 1223 m\n"}},
		// At 08:01 line 1 takes 1060 s.
		{"transit a minute later", "08:01", "25.000,0", "25.011,0", []string{"public transport is the faster (walking all the way: 18.3 min)", "17.7 min, 1 ride"}},
		// D1 -> O: no line runs back; 3500 s on foot.
		{"only walking", "08:00", "25.035,0", "25.000,0", []string{"walking all the way is the faster: 58.3 min, 3892 m"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, stderr := runPT(t, cmdRun(routeCommand()), append(base, "--depart", c.depart, "--from", c.from, "--to", c.to)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}
