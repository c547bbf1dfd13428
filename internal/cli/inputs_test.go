package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/gpkg"
	"github.com/saavu/saavu/internal/testutil"
)

// TestStatisticsFinlandGrid runs analyse on a population grid in the
// layout Statistics Finland publishes (vaki<year>_1km: vaesto, age and sex
// columns with -1 where withheld, EPSG:3067 squares), as GeoJSON and as a
// GeoPackage, with no flag naming the population field.
func TestStatisticsFinlandGrid(t *testing.T) {
	grid := fixture(t, "statfin", "vaki2023_1km.geojson")
	gp := filepath.Join(t.TempDir(), "vaki2023_1km.gpkg")
	if err := gpkg.FromGeoJSON(gp, []gpkg.LayerSource{{Name: "vaki2023_1km", Path: grid}}, gpkg.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, pop := range []string{grid, gp} {
		t.Run(filepath.Ext(pop), func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := run(t, "analyse", "--osm", fixture(t, "osm", "town.osm"), "--regions", fixture(t, "cli", "regions.geojson"),
				"--population", pop, "--services", fixture(t, "cli", "services.csv"), "--modes", "walk",
				"--groups", "old=ika_65_,children=ika_0_14", "--out", out)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var info struct {
				Warnings   []string       `json:"warnings"`
				Parameters map[string]any `json:"parameters"`
			}
			b, err := os.ReadFile(filepath.Join(out, "run.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &info); err != nil {
				t.Fatal(err)
			}
			ws := strings.Join(info.Warnings, "\n")
			for _, w := range []string{
				`2 features have "ika_65_" withheld`, "group old", "at most their total population, 10",
				`2 features have "ika_0_14" withheld`, "group children",
			} {
				if !strings.Contains(ws, w) {
					t.Errorf("run.json warnings lack %q:\n%s", w, ws)
				}
			}
			if !strings.Contains(stderr, "withheld") {
				t.Errorf("stderr does not warn of withheld values: %s", stderr)
			}
			// The cell inside the region has 150 people, 30 of them old
			// and 20 children; the withheld cell adds 6 people and no one
			// to either group; the third cell is outside the region.
			want := map[string]string{"population": "156", "old": "30", "children": "20"}
			rows := testutil.ReadCSV(t, filepath.Join(out, "summary.csv"))
			seen := map[string]bool{}
			for _, r := range rows[1:] {
				if r[3] != "health" || r[5] != "30" {
					continue
				}
				seen[r[2]] = true
				if r[6] != want[r[2]] {
					t.Errorf("group %s: population %s, want %s", r[2], r[6], want[r[2]])
				}
			}
			if len(seen) != 3 {
				t.Errorf("summary rows for groups %v, want population, old, children", seen)
			}
		})
	}
}

// TestCategoryMap merges two source categories into one for analyse and
// warns of a mapped category no service has.
func TestCategoryMap(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := run(t, "analyse", "-q", "--osm", fixture(t, "osm", "town.osm"), "--regions", fixture(t, "cli", "regions.geojson"),
		"--population", fixture(t, "cli", "population.csv"), "--services", fixture(t, "cli", "services.csv"), "--modes", "walk",
		"--category-map", "health=care,library=care", "--category-map", "dentist=care", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := testutil.ReadCSV(t, filepath.Join(out, "summary.csv"))
	cats := map[string]bool{}
	for _, r := range rows[1:] {
		cats[r[3]] = true
	}
	if len(cats) != 1 || !cats["care"] {
		t.Errorf("categories %v, want only care", cats)
	}
	b, _ := os.ReadFile(filepath.Join(out, "run.json"))
	if !strings.Contains(string(b), "--category-map: no service has the categories dentist") {
		t.Errorf("run.json lacks the unused-category warning")
	}
	code, _, stderr = run(t, "analyse", "--osm", fixture(t, "osm", "town.osm"), "--services", fixture(t, "cli", "services.csv"),
		"--category-map", "health=care,health=other", "--out", t.TempDir())
	if code != ExitInput || !strings.Contains(stderr, `"health" is mapped to both "care" and "other"`) {
		t.Errorf("conflicting map: exit %d, %s", code, stderr)
	}
}

// TestUnreadableFormats gives formats saavu does not read as each kind of
// input and expects exit code 2 with the ogr2ogr command.
func TestUnreadableFormats(t *testing.T) {
	dir := t.TempDir()
	gml := filepath.Join(dir, "kunnat.gml")
	os.WriteFile(gml, []byte(`<?xml version="1.0" encoding="utf-8"?><wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0">`), 0o644)
	two := filepath.Join(dir, "two.gpkg")
	if err := gpkg.FromGeoJSON(two, []gpkg.LayerSource{{Name: "a", Path: fixture(t, "cli", "regions.geojson")}, {Name: "b", Path: fixture(t, "cli", "regions.geojson")}}, gpkg.Options{}); err != nil {
		t.Fatal(err)
	}
	base := []string{"analyse", "--osm", fixture(t, "osm", "town.osm"), "--out", t.TempDir()}
	cases := []struct {
		flag, file string
		want       []string
	}{
		{"--regions", gml, []string{"kunnat.gml: GML/XML", "ogr2ogr -f GeoJSON -t_srs EPSG:4326"}},
		{"--population", gml, []string{"kunnat.gml: GML/XML", "ogr2ogr"}},
		{"--services", gml, []string{"kunnat.gml: GML/XML", "ogr2ogr"}},
		{"--regions", two, []string{"2 feature layers (a, b)", two + ":LAYER", "ogr2ogr"}},
	}
	for _, c := range cases {
		args := append(append([]string{}, base...), c.flag, c.file)
		if c.flag != "--services" {
			args = append(args, "--services", fixture(t, "cli", "services.csv"))
		}
		code, _, stderr := run(t, args...)
		if code != ExitInput {
			t.Errorf("%s %s: exit %d, want 2: %s", c.flag, c.file, code, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q: %s", c.flag, w, stderr)
			}
		}
	}
	// The layer named after a colon is read.
	out := t.TempDir()
	code, _, stderr := run(t, "analyse", "-q", "--osm", fixture(t, "osm", "town.osm"), "--regions", two+":b", "--services", fixture(t, "cli", "services.csv"),
		"--population", fixture(t, "cli", "population.csv"), "--modes", "walk", "--out", out)
	if code != 0 {
		t.Errorf("--regions %s:b: exit %d: %s", two, code, stderr)
	}
}

// TestPlanCategoryMap: plan plans the merged category. Renaming health
// to care gives the plan of TestPlanAddThreeByHand; merging the Kela
// offices into it covers more people before any site is added.
func TestPlanCategoryMap(t *testing.T) {
	out := filepath.Join(t.TempDir(), "plan")
	code, _, stderr := run(t, planArgs(t, out, "--category", "care", "--category-map", "health=care", "--candidates", fixture(t, "plan-cli", "candidates.csv"),
		"--add", "3", "--threshold", "10")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var ids []string
	for _, f := range readPlanSites(t, out) {
		ids = append(ids, f.ID)
	}
	if strings.Join(ids, ",") != "D,B,E" {
		t.Errorf("chosen %v, want D, B, E", ids)
	}
	out = filepath.Join(t.TempDir(), "plan")
	code, _, stderr = run(t, planArgs(t, out, "--category", "health", "--category-map", "kela=health", "--candidates", fixture(t, "plan-cli", "candidates.csv"),
		"--add", "1", "--threshold", "10")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rows := readPlanRegions(t, out)
	total := rows[len(rows)-1]
	if before, err := strconv.ParseFloat(total[3], 64); total[0] != "total" || err != nil || before <= 300 {
		t.Errorf("covered before with Kela offices merged: %v, want more than 300", total)
	} else {
		t.Logf("covered before: %v", before)
	}
}
