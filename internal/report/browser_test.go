package report

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saavu/saavu/data/results"
	"github.com/saavu/saavu/internal/report/browsercheck"
	"github.com/saavu/saavu/internal/testutil"
)

// runChromium runs headless Chromium with networking disabled on the file
// with the extra arguments and returns its standard output.
func runChromium(t *testing.T, bin, page, profile string, extra ...string) []byte {
	t.Helper()
	args := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
		// Any attempt to reach a host fails: the report must need none.
		"--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
		"--user-data-dir=" + profile,
		"--virtual-time-budget=5000",
	}
	args = append(args, extra...)
	args = append(args, "file://"+page)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", bin, strings.Join(extra, " "), err, stderr.String())
	}
	return out
}

// countFeatures counts the features of a GeoJSON file of the fixture,
// optionally only those whose properties match.
func countFeatures(t *testing.T, file string, match func(props map[string]any) bool) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir(t), file))
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range fc.Features {
		if match == nil || match(f.Properties) {
			n++
		}
	}
	return n
}

var classAttr = regexp.MustCompile(`<(path|rect|svg)\b[^>]*?\bclass="([^"]*)"`)

// countClass counts elements of tag whose class list holds every class.
func countClass(dom, tag string, classes ...string) int {
	n := 0
	for _, m := range classAttr.FindAllStringSubmatch(dom, -1) {
		if m[1] != tag {
			continue
		}
		have := strings.Fields(m[2])
		ok := true
		for _, c := range classes {
			found := false
			for _, h := range have {
				found = found || h == c
			}
			ok = ok && found
		}
		if ok {
			n++
		}
	}
	return n
}

// renderedDOM writes the fixture's report with opts to dir, opens it in
// headless Chromium and returns the page path and the DOM after the scripts
// ran. It fails the test when the map script did not finish or reported
// an error.
func renderedDOM(t *testing.T, bin, dir string, r *results.Results, opts Options) (page, dom string) {
	t.Helper()
	page = filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, []byte(render(t, r, opts)), 0o644); err != nil {
		t.Fatal(err)
	}
	dom = string(runChromium(t, bin, page, filepath.Join(dir, "profile-dom"), "--dump-dom", "--window-size=1280,900"))
	errList := regexp.MustCompile(`(?s)<ul id="js-errors"[^>]*>(.*?)</ul>`).FindStringSubmatch(dom)
	if !strings.Contains(dom, `data-ready="1"`) {
		t.Fatalf("the map script did not finish (no data-ready on body); errors: %v", errList)
	}
	if errList == nil || strings.TrimSpace(errList[1]) != "" {
		t.Errorf("script errors reported in the page: %v", errList)
	}
	if regexp.MustCompile(`<body[^>]*data-js-errors`).MatchString(dom) {
		t.Error("body carries data-js-errors")
	}
	return page, dom
}

// TestReportRendersInChromium opens the fixture's report in headless
// Chromium without network and checks that the map script drew every
// feature, that the charts are there and that no script error occurred;
// it also saves a screenshot (see SAAVU_ARTEFACTS).
func TestReportRendersInChromium(t *testing.T) {
	bin := browsercheck.Find()
	if bin == "" {
		t.Skip("no Chromium on PATH (looked for chromium, chromium-browser, google-chrome): " +
			"install it (apt-get install chromium) to run the browser check")
	}
	if testing.Short() {
		t.Skip("browser check skipped in -short mode")
	}
	r := loadFixture(t)

	// Expected counts from the fixture files themselves.
	wantCells := countFeatures(t, "cells.geojson", nil)
	wantRegions := countFeatures(t, "regions.geojson", nil)
	wantServices := countFeatures(t, "services.geojson", nil)
	// The map opens on the category and mode with the most spread.
	dc, dm := defaultView(r)
	first := func(p map[string]any) bool {
		return p["category"] == dc && p["mode"] == dm
	}
	wantGaps := countFeatures(t, "gaps.geojson", first)
	if wantGaps == 0 || wantGaps == countFeatures(t, "gaps.geojson", nil) {
		t.Fatalf("fixture should have gaps for the first selection and for others, has %d", wantGaps)
	}
	bodyCounts := func(t *testing.T, dom string) {
		for attr, want := range map[string]int{"data-cells": wantCells, "data-gaps": wantGaps,
			"data-regions": wantRegions, "data-services": wantServices} {
			if !strings.Contains(dom, attr+`="`+itoa(want)+`"`) {
				t.Errorf("body %s is not %d", attr, want)
			}
		}
	}

	t.Run("svg", func(t *testing.T) {
		tmp := t.TempDir()
		opts := Options{Title: "South Savo fixture"}
		page, dom := renderedDOM(t, bin, tmp, r, opts)
		checks := []struct {
			what    string
			tag     string
			classes []string
			want    int
		}{
			{"cell paths", "path", []string{"saavu-cell", "leaflet-interactive"}, wantCells},
			{"region outlines", "path", []string{"saavu-region", "leaflet-interactive"}, wantRegions},
			{"service markers", "path", []string{"saavu-service", "leaflet-interactive"}, wantServices},
			{"gap areas of the first category and mode", "path", []string{"saavu-gap"}, wantGaps},
			{"interactive paths", "path", []string{"leaflet-interactive"}, wantCells + wantRegions + wantServices},
			{"share charts", "svg", []string{"chart-share"}, len(r.Categories) * len(r.Modes)},
			{"minutes charts", "svg", []string{"chart-minutes"}, len(r.Categories) * len(r.Modes)},
			// A 100 % bar per region and chart, one segment per time
			// class and one for unreachable.
			{"share bars", "rect", []string{"bar", "share"}, len(r.Categories) * len(r.Modes) * wantRegions * (len(r.Thresholds) + 2)},
		}
		for _, c := range checks {
			if got := countClass(dom, c.tag, c.classes...); got != c.want {
				t.Errorf("%s: %d drawn, want %d", c.what, got, c.want)
			}
		}
		if got := strings.Count(dom, `class="leaflet-tooltip region-label`); got != wantRegions {
			t.Errorf("region labels: %d, want %d", got, wantRegions)
		}
		bodyCounts(t, dom)
		if !strings.Contains(dom, "within 10 min") {
			t.Error("the selection summary was not written")
		}

		// Screenshot the whole page: its height as measured by the script.
		height := 4000
		if m := regexp.MustCompile(`data-height="(\d+)"`).FindStringSubmatch(dom); m != nil {
			if h, err := strconv.Atoi(m[1]); err == nil && h > 600 && h < 30000 {
				height = h
			}
		}
		dir := testutil.Artefacts(t)
		shot := filepath.Join(dir, "report-fixture.png")
		runChromium(t, bin, page, filepath.Join(tmp, "profile-shot"), "--screenshot="+shot, "--window-size=1280,"+itoa(height))
		st, err := os.Stat(shot)
		if err != nil || st.Size() < 10_000 {
			t.Fatalf("screenshot %s missing or too small: %v", shot, err)
		}
		t.Logf("screenshot: %s", shot)
		html := filepath.Join(dir, "report-fixture.html")
		if err := os.WriteFile(html, []byte(render(t, r, opts)), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("report: %s", html)
	})

	// A run above Options.LargeCells draws cells on a canvas.
	t.Run("canvas", func(t *testing.T) {
		_, dom := renderedDOM(t, bin, t.TempDir(), r, Options{LargeCells: wantCells - 1})
		if got := countClass(dom, "path", "saavu-cell"); got != 0 {
			t.Errorf("%d cell paths in canvas mode", got)
		}
		if !strings.Contains(dom, "<canvas") {
			t.Error("no canvas drawn")
		}
		if got := countClass(dom, "path", "saavu-region"); got != wantRegions {
			t.Errorf("region outlines: %d, want %d", got, wantRegions)
		}
		bodyCounts(t, dom)
	})
}

// TestReportChecksInChromium opens the fixture's report, with measures
// and municipalities added, through browsercheck: no chart text overlaps
// another or leaves its chart, no heading is cut off, every map layer
// colours each cell its data give a value, and every section is there.
func TestReportChecksInChromium(t *testing.T) {
	bin := browsercheck.Find()
	if bin == "" {
		t.Skip("no Chromium on PATH (apt-get install chromium): browser check skipped")
	}
	if testing.Short() {
		t.Skip("browser check skipped in -short mode")
	}
	r := fixtureWithMeasures(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, []byte(render(t, r, Options{})), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := browsercheck.Check(context.Background(), bin, page, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems() {
		t.Error(p)
	}
	for _, id := range []string{"glance", "map-section", "comparison", "measures", "members", "gaps", "reproduce",
		"measure-median-min-2", "measure-fca-per-1000", "measure-share-round-trip", "measure-share-all-within-30", "members-091"} {
		if !res.HasSection(id) {
			t.Errorf("no #%s", id)
		}
	}
	if got := res.ChartsIn("chart-value", "measure-"); got != 5 {
		t.Errorf("%d measure charts, want 5", got)
	}
	// One view per layer and pair: nearest, 2nd nearest by walk and car,
	// 2SFCA, round trips, all within.
	if got := len(res.Layers); got != 6 {
		t.Errorf("%d map layer views, want 6: %+v", got, res.Layers)
	}
}
