package cli

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/testutil"
)

// The plan fixture (testdata/plan-cli): a straight road through a row of
// 250 m cells 0..16, one step of 3.46 min on foot between neighbouring
// cells (see road.osm). Population by cell: 0, 1, 2: 100 each; 5: 300;
// 6, 7: 50 each; 11: 200; 12: 210; 15: 150 (1260 in all); cells 0..7 lie
// in region West (700), the others in East (560). The health station is
// in cell 0; kela offices are in cells 0, 6 and 12. Candidates A..E lie
// in cells 3, 6, 8, 12 and 14.
//
// Within 10 min (two steps) a site covers its cell and two on each side.
// Beyond the health station's cells 0..2, opening one site gains: A
// (cells 1..5) 300, B (4..8) 400, C (6..10) 100, D (10..14) 410, E
// (12..16) 360. After D, B still gains 400, E only cell 15 (150): the
// best three are D, B, E and cover everyone (1260); no other three do.
//
// Within 14 min (four steps): A 400, B 400, C (4..12) 810, D (8..16)
// 560, E (10..18) 560: C is the best single site. The median objective
// (times capped at 28 min = 8.09 steps) weighs the far cells 11, 12 and
// 15 more: the person-minutes saved by one site are A 4562, B 9889, C
// 10871, D 13777, E 11632, so it opens D.
//
// Closing one kela office within 10 min: West's office covers cells
// 0..2 (300) alone, Middle 5..7 (400), East 11, 12 (410): the West one
// goes.

func planArgs(t *testing.T, out string, extra ...string) []string {
	d := func(f string) string { return fixture(t, "plan-cli", f) }
	return append([]string{"plan", "--osm", d("road.osm"), "--population", d("population.csv"),
		"--regions", d("regions.geojson"), "--services", d("services.csv"), "--cell-size", "250", "--out", out}, extra...)
}

type planFeature struct {
	ID         string `json:"id"`
	Properties struct {
		Rank         int      `json:"rank"`
		ID           string   `json:"id"`
		Name         string   `json:"name"`
		Action       string   `json:"action"`
		CoverageGain float64  `json:"coverage_gain"`
		Saved        *float64 `json:"person_minutes_saved"`
	} `json:"properties"`
	Geometry struct {
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	} `json:"geometry"`
}

func readPlanSites(t *testing.T, dir string) []planFeature {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, PlanSitesFile))
	if err != nil {
		t.Fatal(err)
	}
	var fc struct{ Features []planFeature }
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatalf("%s: %v\n%s", PlanSitesFile, err, b)
	}
	return fc.Features
}

func readPlanRegions(t *testing.T, dir string) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, PlanRegionsFile))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		rows = append(rows, strings.Split(l, ","))
	}
	return rows
}

func TestPlanAddThreeByHand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "plan")
	code, stdout, stderr := run(t, planArgs(t, out, "--category", "health", "--candidates", fixture(t, "plan-cli", "candidates.csv"),
		"--add", "3", "--threshold", "10")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	fs := readPlanSites(t, out)
	var ids []string
	var gains []float64
	for i, f := range fs {
		if f.Properties.Rank != i+1 || f.ID != f.Properties.ID || f.Properties.Action != "open" || f.Geometry.Type != "Point" {
			t.Errorf("feature %d: %+v", i, f)
		}
		ids = append(ids, f.ID)
		gains = append(gains, f.Properties.CoverageGain)
		if f.Properties.Saved != nil {
			t.Errorf("coverage plan writes person_minutes_saved: %v", *f.Properties.Saved)
		}
	}
	if !slices.Equal(ids, []string{"D", "B", "E"}) || !slices.Equal(gains, []float64{410, 400, 150}) {
		t.Errorf("chosen %v with gains %v, want D 410, B 400, E 150", ids, gains)
	}
	if len(fs) > 0 && (fs[0].Properties.Name != "Site D (cell 12)" || !planNear(fs[0].Geometry.Coordinates[0], 23.86652, 1e-6)) {
		t.Errorf("site D: %+v", fs[0])
	}
	// Per region: covered before (the health station: cells 0..2) and
	// after (everyone).
	rows := readPlanRegions(t, out)
	want := [][]string{
		{"W", "West", "700.0", "300.0", "700.0"},
		{"E", "East", "560.0", "0.0", "560.0"},
		{"total", "Total", "1260.0", "300.0", "1260.0"},
	}
	if len(rows) != 4 || rows[0][0] != "region_id" {
		t.Fatalf("plan.csv:\n%v", rows)
	}
	for i, w := range want {
		if !slices.Equal(rows[i+1][:5], w) {
			t.Errorf("plan.csv row %d: %v, want %v", i+1, rows[i+1][:5], w)
		}
	}
	// West's mean time before: 0, 1, 2, 5, 6, 7 steps for 100, 100, 100,
	// 300, 50, 50 people: 3.5 steps of 3.46 min = 12.11 min. After: 0, 1,
	// 2, 1, 0, 1 steps = 0.929 steps = 3.21 min.
	if rows[1][7] != "12.11" || rows[1][8] != "3.21" {
		t.Errorf("West mean minutes %s -> %s, want 12.11 -> 3.21", rows[1][7], rows[1][8])
	}
	for _, s := range []string{"300 -> 1260", "Site D (cell 12)", "West", "plan.geojson"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("summary lacks %q:\n%s", s, stdout)
		}
	}
}

func TestPlanChoicesByHand(t *testing.T) {
	cands := fixture(t, "plan-cli", "candidates.csv")
	cases := []struct {
		name string
		args []string
		want []string // ids in rank order
		gain []float64
	}{
		{"coverage 10 min, one site", []string{"--category", "health", "--candidates", cands, "--add", "1"}, []string{"D"}, []float64{410}},
		{"coverage 10 min, two sites", []string{"--category", "health", "--candidates", cands, "--add", "2"}, []string{"D", "B"}, []float64{410, 400}},
		{"coverage 14 min, one site", []string{"--category", "health", "--candidates", cands, "--add", "1", "--threshold", "14"}, []string{"C"}, []float64{810}},
		{"median 14 min, one site", []string{"--category", "health", "--candidates", cands, "--add", "1", "--threshold", "14", "--objective", "median"}, []string{"D"}, []float64{560}},
		{"close one kela office", []string{"--category", "kela", "--remove", "1"}, []string{"Kela West"}, []float64{-300}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "plan")
			for i, a := range c.args {
				if a == "TESTGTFS" {
					c.args[i] = fixture(t, "plan-cli", "gtfs")
				}
			}
			code, _, stderr := run(t, planArgs(t, out, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			var ids []string
			var gains []float64
			for _, f := range readPlanSites(t, out) {
				ids, gains = append(ids, f.ID), append(gains, f.Properties.CoverageGain)
			}
			if !slices.Equal(ids, c.want) || !slices.Equal(gains, c.gain) {
				t.Errorf("chosen %v with coverage gains %v, want %v %v", ids, gains, c.want, c.gain)
			}
		})
	}
}

// Saved person-minutes of the median plan, by hand: opening D (cell 12)
// moves cells 11, 12 and 15 (200, 210 and 150 people) from the 28 min cap
// to 1, 0 and 3 steps of 3.46 min, and cells 7 (50 people: 7 steps, 24.2
// min) to 5 steps (17.3 min).
func TestPlanMedianSaved(t *testing.T) {
	out := filepath.Join(t.TempDir(), "plan")
	code, _, stderr := run(t, planArgs(t, out, "--category", "health", "--candidates", fixture(t, "plan-cli", "candidates.csv"),
		"--add", "1", "--threshold", "14", "--objective", "median")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	const step = 249.09 / 1.2 / 60 // minutes
	want := 200*(28-step) + 210*28 + 150*(28-3*step) + 50*(7*step-5*step)
	fs := readPlanSites(t, out)
	if len(fs) != 1 || fs[0].Properties.Saved == nil || !planNear(*fs[0].Properties.Saved, want, 0.002*want) {
		t.Fatalf("person-minutes saved: %+v, want %.0f", fs, want)
	}
}

func TestPlanCellCandidates(t *testing.T) {
	out := filepath.Join(t.TempDir(), "plan")
	code, stdout, stderr := run(t, planArgs(t, out, "--category", "health", "--add", "1")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// Of the populated cells, 11 (cells 9..13) and 12 (10..14) both add
	// cells 11 and 12: 410 people; the lower index wins the tie: 11.
	want := geo.CellAt(332875, 6820125, 250).ID()
	fs := readPlanSites(t, out)
	if len(fs) != 1 || fs[0].ID != want || fs[0].Properties.CoverageGain != 410 {
		t.Fatalf("chosen %+v, want cell %s gaining 410", fs, want)
	}
	if !strings.Contains(stdout, "chosen among 9") {
		t.Errorf("want the 9 populated cells as candidates:\n%s", stdout)
	}
}

func TestPlanBadFlags(t *testing.T) {
	cands := fixture(t, "plan-cli", "candidates.csv")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"add zero", []string{"--category", "health", "--add", "0"}, "--add 0: must be at least 1"},
		{"add negative", []string{"--category", "health", "--add", "-2"}, "--add -2"},
		{"remove zero", []string{"--category", "kela", "--remove", "0"}, "--remove 0"},
		{"neither add nor remove", []string{"--category", "kela"}, "--add K"},
		{"add more than candidates", []string{"--category", "health", "--candidates", cands, "--add", "6"}, "5 candidate"},
		{"add more than cells", []string{"--category", "health", "--add", "10"}, "9 candidate"},
		{"remove more than services", []string{"--category", "kela", "--remove", "4"}, "3 kela"},
		{"add and remove", []string{"--category", "kela", "--add", "1", "--remove", "1"}, "not both"},
		{"unknown category", []string{"--category", "school", "--add", "1"}, "school"},
		{"no category", []string{"--add", "1"}, "--category"},
		{"bad objective", []string{"--category", "health", "--add", "1", "--objective", "fastest"}, "fastest"},
		{"transit without a feed", []string{"--category", "health", "--add", "1", "--mode", "transit"}, "--gtfs FILE (or --links FILE) is required"},
		{"feed without transit", []string{"--category", "health", "--add", "1", "--gtfs", "x.zip"}, "use --mode transit or nocar"},
		{"threshold beyond the trip limit", []string{"--category", "health", "--add", "1", "--mode", "nocar", "--gtfs", "TESTGTFS", "--date", "20240108", "--depart", "08:00", "--threshold", "120"}, "must be under --max-time"},
		{"bad mode", []string{"--category", "health", "--add", "1", "--mode", "boat"}, "boat"},
		{"zero threshold", []string{"--category", "health", "--add", "1", "--threshold", "0"}, "--threshold"},
		{"cap below threshold", []string{"--category", "health", "--add", "1", "--objective", "median", "--cap", "5"}, "--cap"},
		{"candidates with remove", []string{"--category", "kela", "--remove", "1", "--candidates", cands}, "--candidates"},
		{"missing candidates", []string{"--category", "health", "--add", "1", "--candidates", "nope.csv"}, "nope.csv"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "plan")
			for i, a := range c.args {
				if a == "TESTGTFS" {
					c.args[i] = fixture(t, "plan-cli", "gtfs")
				}
			}
			code, _, stderr := run(t, planArgs(t, out, c.args...)...)
			if code != 2 {
				t.Fatalf("exit %d, want 2\n%s", code, stderr)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("message lacks %q:\n%s", c.want, stderr)
			}
			if ents, err := os.ReadDir(out); err == nil && len(ents) > 0 {
				t.Errorf("output folder holds %d entries after a failed run", len(ents))
			}
		})
	}
	// No --out at all.
	if code, _, _ := run(t, "plan", "--osm", fixture(t, "plan-cli", "road.osm"), "--services", fixture(t, "plan-cli", "services.csv"),
		"--category", "health", "--add", "1"); code != 2 {
		t.Errorf("no --out: exit %d, want 2", code)
	}
}

func planNear(a, b, tol float64) bool { return a-b <= tol && b-a <= tol }

// candidates.csv ranks every candidate by what it would do alone: one row
// each, gains never rising down the list, the greedy's first choice
// first, the chosen sites marked.
func TestPlanCandidatesAlone(t *testing.T) {
	out := filepath.Join(t.TempDir(), "plan")
	code, _, stderr := run(t, planArgs(t, out, "--category", "health", "--candidates", fixture(t, "plan-cli", "candidates.csv"),
		"--add", "3", "--threshold", "10")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rows := testutil.ReadCSV(t, filepath.Join(out, PlanCandidatesFile))
	cands := testutil.ReadCSV(t, fixture(t, "plan-cli", "candidates.csv"))
	if len(rows) != len(cands) || strings.Join(rows[0], ",") != "rank,id,name,lon,lat,chosen,coverage_change_alone" {
		t.Fatalf("%d rows for %d candidates, header %v", len(rows)-1, len(cands)-1, rows[0])
	}
	var chosen []string
	prev := math.Inf(1)
	for i, r := range rows[1:] {
		g, err := strconv.ParseFloat(r[6], 64)
		if r[0] != strconv.Itoa(i+1) || err != nil || g > prev {
			t.Errorf("row %d: %v (previous gain %v)", i+1, r, prev)
		}
		prev = g
		if r[5] == "true" {
			chosen = append(chosen, r[1])
		}
	}
	slices.Sort(chosen)
	// D is the greedy's first choice with 410 people: the best alone.
	if rows[1][1] != "D" || rows[1][6] != "410.0" || !slices.Equal(chosen, []string{"B", "D", "E"}) {
		t.Errorf("first %v, chosen %v; want D with 410.0 first and B, D, E chosen", rows[1], chosen)
	}
	html, err := os.ReadFile(filepath.Join(out, PlanHTMLFile))
	if err != nil || !strings.Contains(string(html), `id="candidates"`) {
		t.Errorf("plan.html lacks the candidates section: %v", err)
	}
}
