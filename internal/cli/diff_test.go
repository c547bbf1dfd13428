package cli

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/results"
)

// copyRun copies the hand-made results folder testdata/report/run into
// a new temporary folder.
func copyRun(t *testing.T) string {
	t.Helper()
	src := fixture(t, "report", "run")
	dst := filepath.Join(t.TempDir(), "run")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// editCells rewrites cells.geojson of dir, calling edit on the properties
// of each feature; edit returns false to drop the feature.
func editCells(t *testing.T, dir string, edit func(p map[string]any) bool) {
	t.Helper()
	path := filepath.Join(dir, "cells.geojson")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc map[string]any
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	var kept []any
	for _, f := range fc["features"].([]any) {
		if edit(f.(map[string]any)["properties"].(map[string]any)) {
			kept = append(kept, f)
		}
	}
	fc["features"] = kept
	if b, err = json.Marshal(fc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// replaceIn replaces text in files of dir.
func replaceIn(t *testing.T, dir string, files []string, old, new string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, f)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s has no %q", f, old)
		}
		if err := os.WriteFile(p, []byte(strings.ReplaceAll(string(b), old, new)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// scenarioEdits are the changes made to the scenario copy of the fixture.
var scenarioEdits = map[string]map[string]any{
	"1kmN6830E500": {"health_walk_min": 8.0},  // Mikkeli, 120 persons: 24.06 -> 8, into 10 and 20 min
	"1kmN6831E501": {"health_walk_min": nil},  // Mikkeli, 900 persons: 2 -> unreachable
	"1kmN6831E502": {"health_walk_min": 17.9}, // Mikkeli, 450 persons: 17.6 -> 17.9, too small to list
	"1kmN6832E501": {"health_walk_min": 19.0}, // Mikkeli, 150 persons: 17.6 -> 19, listed, no threshold crossed
	"1kmN6830E509": {"kela_car_min": 25.0},    // Pieksämäki, 8 persons: unreachable -> 25
	"1kmN6831E505": {"kela_walk_min": 9.5},    // Savonlinna, 700 persons: 48.8 -> 9.5
	"1kmN6830E501": {"health_walk_km": 99.0},  // a property diff does not read
	"1kmN6832E509": {"health_walk_min": nil},  // unreachable in both
}

func makeScenarioRun(t *testing.T) string {
	t.Helper()
	dir := copyRun(t)
	editCells(t, dir, func(p map[string]any) bool {
		for k, v := range scenarioEdits[p["id"].(string)] {
			p[k] = v
		}
		return true
	})
	// The Mikkeli health walk median moves from 17.6 to 19.
	replaceIn(t, dir, []string{"summary.csv"}, "091,Mikkeli,population,health,walk,10,2190,900,0.411,0,12.82,17.6,", "091,Mikkeli,population,health,walk,10,2190,900,0.411,0,12.82,19,")
	return dir
}

// readCSV reads diff.csv into maps keyed by column.
func readDiffCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], diffHeader) {
		t.Fatalf("header %v", recs[0])
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

func TestDiff(t *testing.T) {
	base := copyRun(t)
	scen := makeScenarioRun(t)
	out := filepath.Join(t.TempDir(), "diff")
	code, stdout, stderr := run(t, "diff", base, scen, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rows := readDiffCSV(t, filepath.Join(out, diffCSV))
	// 3 regions x 2 categories x 2 modes x 3 thresholds.
	if len(rows) != 36 {
		t.Fatalf("%d rows", len(rows))
	}
	// The base side must agree with summary.csv, computed independently
	// when the fixture was made; every row must add up.
	res, err := results.Load(base)
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ region, cat, mode, th string }
	got := map[key]map[string]string{}
	for _, r := range rows {
		k := key{r["region_id"], r["category"], r["mode"], r["threshold_min"]}
		got[k] = r
		st, ok := res.Stat(r["region_id"], "population", r["category"], r["mode"])
		if !ok {
			t.Fatalf("no summary for %v", k)
		}
		ti := slices.Index(res.Thresholds, results.Minutes(num(t, r["threshold_min"])))
		if b := num(t, r["within_before"]); math.Abs(b-st.Within[ti]) > 0.05 || math.Abs(num(t, r["population"])-st.Population) > 0.05 {
			t.Errorf("%v: within before %v population %v, summary.csv %v %v", k, b, r["population"], st.Within[ti], st.Population)
		}
		b, a, g, l := num(t, r["within_before"]), num(t, r["within_after"]), num(t, r["gained"]), num(t, r["lost"])
		if math.Abs(b+g-l-a) > 0.05 || math.Abs(num(t, r["change"])-(a-b)) > 0.05 {
			t.Errorf("%v: %v + %v - %v != %v (change %s)", k, b, g, l, a, r["change"])
		}
	}
	// The changes, by hand from the edits.
	want := []struct {
		k            key
		gained, lost float64
	}{
		{key{"091", "health", "walk", "10"}, 120, 900},
		{key{"091", "health", "walk", "20"}, 120, 900},
		{key{"091", "health", "walk", "30"}, 0, 900},
		{key{"093", "kela", "walk", "10"}, 700, 0},
		{key{"093", "kela", "walk", "30"}, 700, 0},
		{key{"097", "kela", "car", "20"}, 0, 0},
		{key{"097", "kela", "car", "30"}, 8, 0},
		{key{"091", "health", "car", "10"}, 0, 0},
	}
	for _, w := range want {
		r := got[w.k]
		if r == nil || num(t, r["gained"]) != w.gained || num(t, r["lost"]) != w.lost {
			t.Errorf("%v: %v, want gained %v lost %v", w.k, r, w.gained, w.lost)
		}
	}
	// The median is that of summary.csv, one per region, category and
	// mode (results reads it from the first threshold's row).
	for _, th := range []string{"10", "20", "30"} {
		if r := got[key{"091", "health", "walk", th}]; r["median_before_min"] != "17.60" || r["median_after_min"] != "19.00" || r["median_change_min"] != "1.40" {
			t.Errorf("Mikkeli health walk %s median: %v", th, r)
		}
	}
	if r := got[key{"091", "health", "walk", "20"}]; r["within_after"] != "1060.0" {
		t.Errorf("Mikkeli health walk 20: %v", r)
	}
	if r := got[key{"091", "health", "car", "20"}]; r["median_change_min"] != "0.00" {
		t.Errorf("Mikkeli health car 20: %v", r)
	}
	// Kela by foot in Pieksämäki is unreachable: no median either side.
	if r := got[key{"097", "kela", "walk", "10"}]; r["median_before_min"] != "" || r["median_change_min"] != "" {
		t.Errorf("Pieksämäki kela walk median: %v", r)
	}

	// Changed cells: every edit that moves a time by more than 0.5 min or
	// across a threshold, nothing else.
	b, err := os.ReadFile(filepath.Join(out, diffChangedCells))
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			ID         string         `json:"id"`
			Geometry   map[string]any `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	var ids []string
	byID := map[string]map[string]any{}
	for _, f := range fc.Features {
		ids = append(ids, f.ID)
		byID[f.ID] = f.Properties
		if f.Geometry["type"] != "Polygon" {
			t.Errorf("%s: geometry %v", f.ID, f.Geometry["type"])
		}
	}
	slices.Sort(ids)
	wantIDs := []string{"1kmN6830E500", "1kmN6830E509", "1kmN6831E501", "1kmN6831E505", "1kmN6832E501"}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("changed cells %v, want %v", ids, wantIDs)
	}
	c := byID["1kmN6830E500"]
	if c["health_walk_before_min"] != 24.06 || c["health_walk_after_min"] != 8.0 || c["health_walk_change_min"] != -16.06 ||
		c["population"] != 120.0 || c["region_id"] != "091" || c["kela_car_change_min"] != 0.0 {
		t.Errorf("cell E500: %v", c)
	}
	if ch, _ := c["changed"].([]any); len(ch) != 1 || ch[0] != "health_walk" {
		t.Errorf("cell E500 changed %v", c["changed"])
	}
	c = byID["1kmN6831E501"]
	if c["health_walk_before_min"] != 2.0 || c["health_walk_after_min"] != nil || c["health_walk_change_min"] != nil {
		t.Errorf("cell 6831E501: %v", c)
	}
	// The table: all regions, health by foot within 10 min: 900 in
	// Mikkeli and 700 in Savonlinna before, 120 gained and 900 lost.
	found := false
	for _, line := range strings.Split(stdout, "\n") {
		f := strings.Fields(line)
		if len(f) == 8 && f[0] == "health" && f[1] == "walk" && f[2] == "10" {
			found = true
			if !slices.Equal(f[4:], []string{"1600", "820", "+120", "-900"}) {
				t.Errorf("table line %q", line)
			}
		}
	}
	if !found || !strings.Contains(stdout, "5 changed cells") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

func TestDiffIdenticalRuns(t *testing.T) {
	base := copyRun(t)
	out := filepath.Join(t.TempDir(), "diff")
	if code, _, stderr := run(t, "diff", base, base, "--out", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, r := range readDiffCSV(t, filepath.Join(out, diffCSV)) {
		if r["gained"] != "0.0" || r["lost"] != "0.0" || r["within_before"] != r["within_after"] {
			t.Errorf("identical runs differ: %v", r)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, diffChangedCells))
	if err != nil {
		t.Fatal(err)
	}
	var fc struct{ Features []any }
	if err := json.Unmarshal(b, &fc); err != nil || len(fc.Features) != 0 {
		t.Errorf("changed cells of identical runs: %d (%v)", len(fc.Features), err)
	}
}

func TestDiffMismatch(t *testing.T) {
	geo := []string{"cells.geojson", "regions.geojson", "gaps.geojson"}
	cases := []struct {
		name string
		edit func(t *testing.T, dir string)
		msg  string
	}{
		{"categories", func(t *testing.T, dir string) {
			replaceIn(t, dir, []string{"cells.geojson", "regions.geojson", "summary.csv", "run.json", "services.geojson", "gaps.geojson"}, "kela", "tax")
		}, "different categories: only in"},
		{"regions", func(t *testing.T, dir string) {
			replaceIn(t, dir, geo, `"097"`, `"099"`)
			replaceIn(t, dir, []string{"summary.csv"}, "\n097,", "\n099,")
		}, "different regions"},
		{"modes", func(t *testing.T, dir string) {
			replaceIn(t, dir, []string{"cells.geojson", "regions.geojson"}, "_car_", "_bike_")
			replaceIn(t, dir, []string{"run.json", "gaps.geojson"}, `"car"`, `"bike"`)
			replaceIn(t, dir, []string{"summary.csv"}, ",car,", ",bike,")
		}, "different modes"},
		{"thresholds", func(t *testing.T, dir string) {
			replaceIn(t, dir, []string{"run.json"}, "30\n    ]", "40\n    ]")
			replaceIn(t, dir, []string{"summary.csv"}, ",walk,30,", ",walk,40,")
			replaceIn(t, dir, []string{"summary.csv"}, ",car,30,", ",car,40,")
		}, "different thresholds"},
		{"a cell missing", func(t *testing.T, dir string) {
			editCells(t, dir, func(p map[string]any) bool { return p["id"] != "1kmN6831E503" })
		}, "cell 1kmN6831E503 of"},
		{"a cell more", func(t *testing.T, dir string) {
			editCells(t, dir, func(p map[string]any) bool {
				if p["id"] == "1kmN6831E503" {
					p["id"] = "1kmN6899E503"
				}
				return true
			})
		}, "cell 1kmN6831E503 of"},
		{"population", func(t *testing.T, dir string) {
			editCells(t, dir, func(p map[string]any) bool {
				if p["id"] == "1kmN6831E503" {
					p["population"] = 81.0
				}
				return true
			})
		}, "with population 80"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base := copyRun(t)
			scen := copyRun(t)
			c.edit(t, scen)
			if _, err := results.Load(scen); err != nil {
				t.Fatalf("the edited run does not load: %v", err)
			}
			out := filepath.Join(t.TempDir(), "diff")
			code, _, stderr := run(t, "diff", base, scen, "--out", out)
			if code != ExitInput || !strings.Contains(stderr, c.msg) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", code, stderr, c.msg)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("output folder written")
			}
		})
	}
}

func TestDiffUsage(t *testing.T) {
	base := copyRun(t)
	out := filepath.Join(t.TempDir(), "diff")
	cases := []struct {
		name string
		args []string
		msg  string
	}{
		{"one folder", []string{"diff", base, "--out", out}, "give two analyse output folders"},
		{"no out", []string{"diff", base, base}, "--out is required"},
		{"missing folder", []string{"diff", base, filepath.Join(out, "nope"), "--out", out}, "nope"},
		{"not a run", []string{"diff", base, fixture(t, "cli"), "--out", out}, "run.json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := run(t, c.args...)
			if code != ExitInput || !strings.Contains(stderr, c.msg) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", code, stderr, c.msg)
			}
		})
	}
	if code, stdout, _ := run(t, "help", "diff"); code != 0 || !strings.Contains(stdout, "BASE_DIR SCENARIO_DIR") {
		t.Errorf("help: %d\n%s", code, stdout)
	}
}
