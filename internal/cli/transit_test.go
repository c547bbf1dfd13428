package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// ptDir is testdata/ptaccess (a hand-made street pair and timetable; see
// testdata/ptaccess/grid.osm for the times worked out by hand).
func ptDir(t testing.TB) string { return testutil.Fixture(t, "ptaccess") }

// ptSpeed walks 0.001 degree on the fixture's equator in 100 s.
var ptSpeed = strconv.FormatFloat(6371008.8*3.141592653589793/180*0.001/100, 'g', -1, 64)

// runPT runs a command in process and returns the exit code and output.
func runPT(t *testing.T, fn func(context.Context, *Env, []string) error, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	err := fn(context.Background(), env, args)
	if err != nil {
		errb.WriteString("saavu: " + err.Error() + "\n")
	}
	return ExitCode(err), out.String(), errb.String()
}

func cmdRun(c command) func(context.Context, *Env, []string) error { return c.run }

func TestTransitMatrixFixture(t *testing.T) {
	dir := ptDir(t)
	out := filepath.Join(t.TempDir(), "m.csv")
	code, _, stderr := runPT(t, runTransitMatrix, "--mode", "transit", "--osm", filepath.Join(dir, "grid.osm"),
		"--gtfs", "eq="+filepath.Join(dir, "gtfs"), "--date", "20240108", "--depart", "08:00", "--window", "10",
		"--percentiles", "50,25", "--walk-speed", ptSpeed, "--origins", filepath.Join(dir, "points.csv"), "--out", out, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "origin_id,destination_id,p50_s,p25_s" {
		t.Errorf("header %s", got)
	}
	got := map[string][2]string{}
	for _, r := range rows[1:] {
		got[r[0]+">"+r[1]] = [2]string{r[2], r[3]}
	}
	// By hand (see internal/ptaccess/fixture_test.go): over 08:00..08:09
	// O -> D1 takes 2000, 1940, 1880, 1820, 1760, 1700, 2240, 2180,
	// 2120, 2060 s; O -> D5 walks 1100 s or rides in 820..1060 s.
	want := map[string][2]string{
		"O>D1": {"1940", "1820"},
		"O>D3": {"200", "200"},
		"O>D5": {"1060", "940"},
		"D1>O": {"", ""}, // line 1 runs one way only; 3500 s on foot is beyond 20 min
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %v, want %v", k, got[k], w)
		}
	}
	if len(rows) != 1+25 {
		t.Errorf("%d rows, want 25 pairs and a header", len(rows)-1)
	}
}

func TestRouteFixture(t *testing.T) {
	dir := ptDir(t)
	base := []string{"--osm", filepath.Join(dir, "grid.osm"), "--walk-speed", ptSpeed}
	code, out, stderr := runPT(t, cmdRun(routeCommand()), append(base, "--gtfs", filepath.Join(dir, "gtfs"),
		"--date", "20240108", "--depart", "08:00", "--from", "25.000,0.0001", "--to", "25.030,0.020", "-q")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"33.0 min, 2 rides", "ride", "Aukio", "Risteys pohjoinen", "08:28:00", "08:33:00", "1 → Risteys", "2 → Paate", "transfer"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Walking: O -> D3 is 200 s (0.2 km).
	code, out, stderr = runPT(t, cmdRun(routeCommand()), append(base, "--mode", "walk", "--from", "25.000,0", "--to", "25.002,0")...)
	if code != 0 || !strings.Contains(out, "walk: 3.3 min, 222 m") {
		t.Errorf("walk route: exit %d, %q %s", code, out, stderr)
	}
	cases := []struct{ name, from, want string }{
		{"not numbers", "east,north", "not a number"},
		{"one number", "25.0", "not two numbers"},
		{"latitude", "25.0,95", "latitude outside"},
		{"longitude", "250,0.001", "longitude outside"},
		{"swapped far away", "0.001,25.0", "farther than"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runPT(t, cmdRun(routeCommand()), append(base, "--mode", "walk", "--from", c.from, "--to", "25.002,0")...)
			if code != ExitInput || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, c.want)
			}
		})
	}
}

// brokenFeed copies the fixture feed into a temporary folder and applies
// edit to it.
func brokenFeed(t *testing.T, edit func(dir string)) string {
	t.Helper()
	src := filepath.Join(ptDir(t), "gtfs")
	dir := filepath.Join(t.TempDir(), "feed")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit(dir)
	return dir
}

func appendLine(t *testing.T, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line + "\n"); err != nil {
		t.Fatal(err)
	}
}

func TestBrokenFeeds(t *testing.T) {
	cases := []struct {
		name string
		feed func(t *testing.T) string
		want []string // in the message of both commands
	}{
		{"missing stops.txt", func(t *testing.T) string {
			return brokenFeed(t, func(d string) { os.Remove(filepath.Join(d, "stops.txt")) })
		}, []string{"stops.txt"}},
		{"stop time of an unknown trip", func(t *testing.T) string {
			return brokenFeed(t, func(d string) { appendLine(t, filepath.Join(d, "stop_times.txt"), "GHOST,09:00:00,09:00:00,S1,1") })
		}, []string{"stop_times.txt", "line 20", "GHOST"}},
		{"time 25:61:00", func(t *testing.T) string {
			return brokenFeed(t, func(d string) { appendLine(t, filepath.Join(d, "stop_times.txt"), "L2c,25:61:00,25:61:00,S4,3") })
		}, []string{"stop_times.txt", "line 20", "25:61:00"}},
		{"zip that is not a zip", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "feed.zip")
			if err := os.WriteFile(p, []byte("route_id,agency_id\nR1,A\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}, []string{"feed.zip"}},
	}
	dir := ptDir(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			feed := c.feed(t)
			code, out, stderr := runPT(t, cmdRun(validateCommand()), "--gtfs", feed, "--date", "20240108")
			if code != ExitInput {
				t.Errorf("validate: exit %d, want 2\n%s%s", code, out, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("validate: message lacks %q:\n%s", w, stderr)
				}
			}
			outFile := filepath.Join(t.TempDir(), "m.csv")
			code, _, stderr = runPT(t, runTransitMatrix, "--mode", "transit", "--osm", filepath.Join(dir, "grid.osm"),
				"--gtfs", feed, "--date", "20240108", "--origins", filepath.Join(dir, "points.csv"), "--out", outFile, "-q")
			if code != ExitInput {
				t.Errorf("matrix: exit %d, want 2\n%s", code, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("matrix: message lacks %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(outFile); err == nil {
				t.Error("matrix wrote an output file")
			}
		})
	}
}

func TestValidateFixture(t *testing.T) {
	code, out, stderr := runPT(t, cmdRun(validateCommand()), "--gtfs", "eq="+filepath.Join(ptDir(t), "gtfs"), "--date", "20240108")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"stop_times.txt", "18 rows", "20240101 to 20241231", "1 services, 7 trips", "7 trips in 2 patterns at 5 stops"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestWantsTransit(t *testing.T) {
	cases := []struct {
		args []string
		want bool
	}{
		{[]string{"--mode", "transit"}, true},
		{[]string{"--osm", "x", "--mode=transit"}, true},
		{[]string{"--mode", "walk"}, false},
		{[]string{"--", "--mode", "transit"}, false},
		{nil, false},
	}
	for _, c := range cases {
		if got := wantsTransit(c.args); got != c.want {
			t.Errorf("wantsTransit(%q) = %v", c.args, got)
		}
	}
}

func TestValidateLinks(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "lines.csv")
	bad := filepath.Join(dir, "broken.csv")
	header := "line,mode,stops,minutes,headway_min,first,last,departures,days,direction\n"
	if err := os.WriteFile(good, []byte(header+"K1,bus,A@25.000 0.000|B@25.030 0.000,6,20,6:00,7:00,,Mo-Fr,both\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(header+"K1,bus,A@25.000 0.000|B@25.030 0.000,6,20,6:00,7:00,,Mo-Fr,both\nK2,bus,A@25.000 0.000|B@25.030 0.000,6,20,25:61,7:00,,Mo-Fr,both\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runPT(t, cmdRun(validateCommand()), "--links", good, "--date", "20240108")
	if code != 0 || !strings.Contains(out, "1 lines") || !strings.Contains(out, "on 20240108:") {
		t.Errorf("good links: exit %d\n%s%s", code, out, stderr)
	}
	code, _, stderr = runPT(t, cmdRun(validateCommand()), "--links", bad)
	if code != ExitInput || !strings.Contains(stderr, "broken.csv") || !strings.Contains(stderr, "line 3") {
		t.Errorf("broken links: exit %d, want 2 and file and line:\n%s", code, stderr)
	}
}
