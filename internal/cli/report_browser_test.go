package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/results"
	"github.com/saavu/saavu/internal/report/browsercheck"
	"github.com/saavu/saavu/internal/testutil"
)

// chromiumOrSkip returns the browser to check pages with, or skips.
func chromiumOrSkip(t *testing.T) string {
	t.Helper()
	bin := browsercheck.Find()
	if bin == "" {
		t.Skip("no Chromium on PATH (apt-get install chromium): pages not rendered")
	}
	if testing.Short() {
		t.Skip("browser check skipped in -short mode")
	}
	return bin
}

// htmlID is the report's slug: lower case, anything but [a-z0-9] a hyphen.
func htmlID(parts ...string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('-')
		}
		for _, r := range strings.ToLower(p) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			} else {
				b.WriteByte('-')
			}
		}
	}
	return b.String()
}

// tampereEveryMeasureArgs is an analyse run of the Tampere extract with
// every mode and every measure, or nil when the data are absent.
func tampereEveryMeasureArgs(t *testing.T) []string {
	dir := filepath.Join(repoRoot(t), "..", "shared", "data", "tampere")
	if _, err := os.Stat(filepath.Join(dir, "tampere.osm.pbf")); err != nil {
		t.Logf("Tampere not checked: %v", err)
		return nil
	}
	return []string{"analyse", "-q", "--osm", filepath.Join(dir, "tampere.osm.pbf"),
		"--services-osm", "amenity=pharmacy,amenity=doctors", "--cell-size", "250",
		"--modes", "walk,car,transit,nocar", "--gtfs", filepath.Join(dir, "tampere-gtfs.zip"),
		"--date", "20220111", "--depart", "08:00", "--window", "60", "--percentiles", "25,50,75",
		"--journeys", "--round-trips", "--nth", "2", "--cumulative", "30", "--fca", "gaussian",
		"--catchment", "30", "--gravity", "exp:0.1", "--all-within", "45"}
}

// TestReportsRenderInChromium opens the report.html of real runs (the demo,
// and the Tampere extract with every mode and measure when ../shared/data
// is there) in headless Chromium without network and checks through the
// DOM that every section and chart the run computed is there, that no two
// texts of a chart overlap and none leaves its chart, that no heading is
// cut off, and that every map layer drew a colour for every cell its data
// give a value. Screenshots of the demo go to $SAAVU_ARTEFACTS.
func TestReportsRenderInChromium(t *testing.T) {
	bin := chromiumOrSkip(t)
	runs := []struct {
		name string
		args []string
	}{{"demo", []string{"demo", "-q"}}}
	if args := tampereEveryMeasureArgs(t); args != nil {
		runs = append(runs, struct {
			name string
			args []string
		}{"tampere", args})
	}
	for _, c := range runs {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if code, _, stderr := run(t, append(c.args, "--out", out)...); code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			page := filepath.Join(out, "report.html")
			res, err := browsercheck.Check(context.Background(), bin, page, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			r, err := results.Load(out)
			if err != nil {
				t.Fatal(err)
			}
			checkAnalysePage(t, r, res)
			if c.name == "demo" {
				dir := testutil.Artefacts(t)
				for _, shot := range []struct{ file, section string }{
					{"report-demo-map.png", "map-section"}, {"report-demo-comparison.png", "comparison"},
					{"report-demo-page.png", ""},
				} {
					png := filepath.Join(dir, shot.file)
					if err := browsercheck.Screenshot(context.Background(), bin, page, t.TempDir(), png, shot.section, 1280, 900); err != nil {
						t.Fatal(err)
					}
					if st, err := os.Stat(png); err != nil || st.Size() < 10_000 {
						t.Errorf("screenshot %s missing or too small: %v", png, err)
					}
				}
				t.Logf("screenshots in %s", dir)
			}
		})
	}
}

// checkAnalysePage asserts what the report of r must show.
func checkAnalysePage(t *testing.T, r *results.Results, res *browsercheck.Result) {
	t.Helper()
	for _, p := range res.Problems() {
		t.Error(p)
	}
	// The warnings open the page, before "At a glance".
	box, glance := slices.Index(res.Sections, "check-first"), slices.Index(res.Sections, "glance")
	if (len(r.Run.Warnings) > 0) != (box >= 0) || box > glance {
		t.Errorf("%d warnings, the 'Check these first' box is section %d of %v (At a glance %d)", len(r.Run.Warnings), box, res.Sections, glance)
	}
	pairs := len(r.Categories) * len(r.Modes)
	for _, cat := range r.Categories {
		for _, m := range r.Modes {
			if id := htmlID("cmp", cat, m); !res.HasSection(id) {
				t.Errorf("no comparison of %s by %s (#%s)", cat, m, id)
			}
		}
	}
	if got := res.ChartsIn("chart-share", "cmp-"); got != pairs {
		t.Errorf("%d share charts in the comparison, want %d", got, pairs)
	}
	if got := res.ChartsIn("chart-minutes", "cmp-"); got != pairs {
		t.Errorf("%d minutes charts in the comparison, want %d", got, pairs)
	}
	// A section per measure of measures.csv, a chart per mode it has.
	modesOf := map[string]map[string]bool{}
	for _, m := range r.Measures {
		if modesOf[m.Measure] == nil {
			modesOf[m.Measure] = map[string]bool{}
		}
		modesOf[m.Measure][m.Mode] = true
	}
	wantValue := 0
	for name, modes := range modesOf {
		if !res.HasSection(htmlID("measure", name)) {
			t.Errorf("no section for measure %s", name)
		}
		for m := range modes {
			wantValue++
			if !res.HasSection(htmlID("measure", name, m)) {
				t.Errorf("no %s part of measure %s", m, name)
			}
		}
	}
	if got := res.ChartsIn("chart-value", "measure-"); got != wantValue {
		t.Errorf("%d measure charts, want %d", got, wantValue)
	}
	// Every measure is a map layer that drew something.
	drew := map[string]int{}
	for _, l := range res.Layers {
		drew[l.Layer] += l.Drawn
	}
	if drew["nearest"] == 0 {
		t.Error("the nearest-service layer drew no cell")
	}
	for name := range modesOf {
		if drew[name] == 0 {
			t.Errorf("map layer %s drew no cell", name)
		}
	}
	// Municipalities inside regions, when the run dissolved them.
	memberRegions := map[string]bool{}
	for _, m := range r.Members {
		memberRegions[m.RegionID] = true
	}
	for id := range memberRegions {
		if !res.HasSection(htmlID("members", id)) {
			t.Errorf("no municipalities of region %s", id)
		}
	}
	if len(memberRegions) > 0 {
		if got, want := res.ChartsIn("chart-share", "members-"), len(memberRegions)*pairs; got != want {
			t.Errorf("%d municipality charts, want %d", got, want)
		}
	}
	// Map features.
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(r.RegionShapes.Raw, &fc); err != nil {
		t.Fatal(err)
	}
	if got := res.Counts["regionPaths"]; got != len(fc.Features) {
		t.Errorf("%d region outlines drawn, %d in regions.geojson", got, len(fc.Features))
	}
	if got := res.Counts["servicePaths"] + res.Counts["stackedServices"]; got != len(r.Services) {
		t.Errorf("%d services on the map (%d markers, %d in stacks), %d in services.geojson",
			got, res.Counts["servicePaths"], res.Counts["stackedServices"], len(r.Services))
	}
	if res.Counts["canvas"] == 0 && res.Counts["cellPaths"] != r.Cells.Count {
		t.Errorf("%d cells drawn, %d in cells.geojson", res.Counts["cellPaths"], r.Cells.Count)
	}
	if got := res.Body["gaps"]; got != itoaCLI(res.Counts["gapPaths"]) {
		t.Errorf("gap areas: %d drawn, the map script counted %s", res.Counts["gapPaths"], got)
	}
	texts := 0
	for _, c := range res.Charts {
		texts += c.Texts
	}
	t.Logf("%d sections, %d charts (%d texts checked pairwise for overlap), %d map layer views",
		len(res.Sections), len(res.Charts), texts, len(res.Layers))
}

func itoaCLI(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// checkPage asserts what every page of diff and plan must show: no
// problem, the sections, a chart per section that has one, and every map
// layer drawn.
func checkPage(t *testing.T, res *browsercheck.Result, sections []string, charts int) {
	t.Helper()
	for _, p := range res.Problems() {
		t.Error(p)
	}
	for _, id := range sections {
		if !res.HasSection(id) {
			t.Errorf("no section #%s", id)
		}
	}
	if got := res.ChartsIn("chart-value", ""); got != charts {
		t.Errorf("%d charts, want %d", got, charts)
	}
	// Each layer drew as many features as its data hold (Problems); some
	// layer must have had something to draw.
	drawn := 0
	for _, l := range res.Layers {
		drawn += l.Drawn
	}
	if len(res.Layers) == 0 || drawn == 0 {
		t.Errorf("%d map layers checked, %d features drawn", len(res.Layers), drawn)
	}
	texts := 0
	for _, c := range res.Charts {
		texts += c.Texts
	}
	t.Logf("%d sections, %d charts (%d texts checked pairwise for overlap), %d map layers", len(res.Sections), len(res.Charts), texts, len(res.Layers))
}

// TestDiffPageRendersInChromium opens diff.html of the fixture scenario in
// headless Chromium: a change section, chart and table per category and
// mode, and a map layer per category and mode drawing every changed cell
// that gains or loses.
func TestDiffPageRendersInChromium(t *testing.T) {
	bin := chromiumOrSkip(t)
	base, scen := copyRun(t), makeScenarioRun(t)
	out := filepath.Join(t.TempDir(), "diff")
	if code, _, stderr := run(t, "diff", base, scen, "--out", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	res, err := browsercheck.Check(context.Background(), bin, filepath.Join(out, diffHTML), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r, err := results.Load(base)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"map-section", "changes"}
	for _, c := range r.Categories {
		for _, m := range r.Modes {
			ids = append(ids, htmlID("change", c, m))
		}
	}
	checkPage(t, res, ids, len(r.Categories)*len(r.Modes))
	if got := len(res.Layers); got != len(r.Categories)*len(r.Modes) {
		t.Errorf("%d map layers, want one per category and mode (%d)", got, len(r.Categories)*len(r.Modes))
	}
	if got, want := res.Counts["regionPaths"], len(r.Regions); got != want {
		t.Errorf("%d region outlines, want %d", got, want)
	}
	if dir := os.Getenv("SAAVU_ARTEFACTS"); dir != "" {
		png := filepath.Join(testutil.Artefacts(t), "diff-fixture.png")
		if err := browsercheck.Screenshot(context.Background(), bin, filepath.Join(out, diffHTML), t.TempDir(), png, "", 1280, 1400); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPlanPageRendersInChromium opens plan.html of the hand-made plan in
// headless Chromium: the chosen sites on the map, coverage per region
// before and after, the objective and the ranking.
func TestPlanPageRendersInChromium(t *testing.T) {
	bin := chromiumOrSkip(t)
	out := filepath.Join(t.TempDir(), "plan")
	code, _, stderr := run(t, planArgs(t, out, "--category", "health", "--candidates", fixture(t, "plan-cli", "candidates.csv"),
		"--add", "3", "--threshold", "10")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	res, err := browsercheck.Check(context.Background(), bin, filepath.Join(out, PlanHTMLFile), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	checkPage(t, res, []string{"map-section", "coverage", "objective", "ranking"}, 2)
	if got := res.Counts["servicePaths"]; got != 3 {
		t.Errorf("%d chosen sites on the map, want 3", got)
	}
	if res.Counts["regionPaths"] == 0 {
		t.Error("no region outline drawn")
	}
	if dir := os.Getenv("SAAVU_ARTEFACTS"); dir != "" {
		png := filepath.Join(testutil.Artefacts(t), "plan-fixture.png")
		if err := browsercheck.Screenshot(context.Background(), bin, filepath.Join(out, PlanHTMLFile), t.TempDir(), png, "", 1280, 1400); err != nil {
			t.Fatal(err)
		}
	}
}
