package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/results"
)

// scriptBlock returns the text of <script type="application/json" id="id">.
func scriptBlock(t *testing.T, html, id string) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)<script type="application/json" id="` + regexp.QuoteMeta(id) + `">(.*?)</script>`)
	m := re.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no script block %s", id)
	}
	return m[1]
}

// cellShares computes, straight from cells.geojson, the share of each
// region's population within each threshold for a category and mode.
func cellShares(t *testing.T, cat, mode string, ths []float64) map[string][]float64 {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir(t), "cells.geojson"))
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
	pop := map[string]float64{}
	within := map[string][]float64{}
	for _, f := range fc.Features {
		p := f.Properties
		name := p["region"].(string)
		w := p["population"].(float64)
		pop[name] += w
		if within[name] == nil {
			within[name] = make([]float64, len(ths))
		}
		v, ok := p[cat+"_"+mode+"_min"].(float64)
		if !ok {
			continue
		}
		for i, th := range ths {
			if v <= th {
				within[name][i] += w
			}
		}
	}
	for name, ws := range within {
		for i := range ws {
			ws[i] /= pop[name]
		}
	}
	return within
}

func TestWriteFixture(t *testing.T) {
	r := loadFixture(t)
	html := render(t, r, Options{})
	nCM := len(r.Categories) * len(r.Modes)

	for _, want := range []string{
		"<title>" + DefaultTitle + "</title>",
		"Copyright (c) 2010-2023, Volodymyr Agafonkin", // Leaflet's licence, reproduced
		"BSD 2-Clause",
		"Leaflet 1.9.4",
		strings.Repeat("ab", 32), // an input sha256
		"fixture/roads.osm.pbf",
		"1 cell lies on an island",
		"Pieksämäki",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, p := range r.Run.Params() {
		if !strings.Contains(html, "<code>"+p.Name+"</code>") {
			t.Errorf("parameter %s not listed", p.Name)
		}
	}
	// The notes come first, in their box, before the map.
	notes := strings.Index(html, `<section class="notes"`)
	note := strings.Index(html, "the road network is schematic")
	mapAt := strings.Index(html, `id="map-section"`)
	if notes < 0 || note < notes || note > mapAt {
		t.Errorf("notes box at %d, note at %d, map at %d", notes, note, mapAt)
	}

	counts := []struct {
		what, s string
		want    int
	}{
		{"share charts", `class="chart chart-share"`, nCM},
		{"minutes charts", `class="chart chart-minutes"`, nCM},
		{"region rows", `<tr class="region-row">`, nCM * len(r.Regions)},
		{"group rows", `<tr class="group-row">`, nCM * len(r.Regions) * (len(r.Groups) - 1)},
		{"total rows", `<tr class="total-row">`, nCM},
		{"share bars", `class="bar share"`, nCM * len(r.Regions) * (len(r.Thresholds) + 2)},
		{"gap rows", `<tr><th scope="row">`, 0}, // counted below
	}
	for _, c := range counts[:len(counts)-1] {
		if got := strings.Count(html, c.s); got != c.want {
			t.Errorf("%s: %d, want %d", c.what, got, c.want)
		}
	}

	// Each region row shows the shares computed independently from the
	// cells, in threshold order.
	ths := []float64{10, 20, 30}
	rowRe := regexp.MustCompile(`<tr class="region-row"><th scope="row">([^<]*)</th>((?:<td class="num">[^<]*</td>)+)</tr>`)
	rows := rowRe.FindAllStringSubmatch(html, -1)
	i := 0
	for _, c := range r.Categories {
		for _, m := range r.Modes {
			want := cellShares(t, c, m, ths)
			for _, reg := range r.Regions {
				if i >= len(rows) {
					t.Fatalf("only %d region rows", len(rows))
				}
				row := rows[i]
				i++
				if row[1] != reg.Name {
					t.Errorf("%s %s row %d: region %q, want %q", c, m, i, row[1], reg.Name)
				}
				cells := regexp.MustCompile(`<td class="num">([^<]*)</td>`).FindAllStringSubmatch(row[2], -1)
				for k := range ths {
					if got, w := cells[1+k][1], formatPercent(want[reg.Name][k]); got != w {
						t.Errorf("%s %s %s within %v: %s, want %s", reg.Name, c, m, ths[k], got, w)
					}
				}
			}
		}
	}
	// Hand check of one value: Mikkeli walks to health within 10 min only
	// from the station's own cell, 900 of 2190 persons.
	if !strings.Contains(html, `<tr class="region-row"><th scope="row">Mikkeli</th><td class="num">2`+thinSpace+`190</td><td class="num">41.1%</td>`) {
		t.Error("Mikkeli health walking row does not start 2 190, 41.1%")
	}

	// Embedded data is the results' data.
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal([]byte(scriptBlock(t, html, "saavu-cells")), &fc); err != nil || len(fc.Features) != r.Cells.Count {
		t.Errorf("cells block: %v, %d features", err, len(fc.Features))
	}
	var cfg config
	if err := json.Unmarshal([]byte(scriptBlock(t, html, "saavu-config")), &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Colors) != len(r.Thresholds)+1 || cfg.Basemap != nil || cfg.Large {
		t.Errorf("config: %+v", cfg)
	}
	// Totals over all regions, health by walking within 10 min: the two
	// station cells, 900 persons in Mikkeli and 700 in Savonlinna, of 3687.
	tot := cfg.Totals["health|walk|population"]
	// The caption's shares are the table's text, rounded once in Go.
	if len(tot.Within) != 3 || tot.Within[0] != formatPercent(1600.0/3687) || tot.Within[0] != "43.4%" {
		t.Errorf("health walk totals %+v", tot)
	}

	// Nothing is fetched when viewing: no external resource in the markup
	// or the style sheets (Leaflet's script holds a plain link to its site
	// for the attribution, which is no fetch).
	markup := regexp.MustCompile(`(?s)<script[^>]*>.*?</script>`).ReplaceAllString(html, "")
	for _, bad := range []string{`src="http`, `href="http`, "<link ", "@import", "url(http", "url(//"} {
		if strings.Contains(markup, bad) {
			t.Errorf("report refers to the network: %q", bad)
		}
	}
	if !strings.Contains(html, "needs no network") {
		t.Error("no word on the missing basemap")
	}
}

func TestWriteDeterministic(t *testing.T) {
	a := render(t, loadFixture(t), Options{Title: "x"})
	b := render(t, loadFixture(t), Options{Title: "x"})
	if a != b {
		t.Fatal("two reports of the same results differ")
	}
	if c := render(t, loadFixture(t), Options{Title: "y"}); c == a {
		t.Fatal("the title does not reach the report")
	}
}

func TestWriteEscapesInputText(t *testing.T) {
	r := loadFixture(t)
	r.Regions[0].Name = `<script>alert(1)</script>`
	r.Run.Notes = []string{`<b>bold</b> & "quoted"`}
	r.Run.Warnings = []string{`</script><script>alert(3)</script>`}
	r.Run.Inputs[0].Path = `"><img src=x onerror=alert(4)>`
	r.Cells.Raw = bytes.Replace(r.Cells.Raw, []byte(`"region":"Mikkeli"`),
		[]byte(`"region":"</script><script>alert(2)</script><!--"`), 1)
	html := render(t, r, Options{})
	for _, bad := range []string{"<script>alert", "<b>bold</b>", "<img src=x", "</script><!--"} {
		if strings.Contains(html, bad) {
			t.Errorf("report contains unescaped %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34;",
		`\u003c/script\u003e\u003cscript\u003ealert(2)`} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks escaped %q", want)
		}
	}
	// The escaped block still parses to the original text.
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(scriptBlock(t, html, "saavu-cells")), &fc); err != nil {
		t.Fatal(err)
	}
	if got := fc.Features[0].Properties["region"]; got != "</script><script>alert(2)</script><!--" {
		t.Errorf("region after round trip: %q", got)
	}
}

func TestWriteBasemap(t *testing.T) {
	r := loadFixture(t)
	cases := []struct {
		name     string
		opts     Options
		wantURL  string
		wantAttr string
	}{
		{"osm", Options{BasemapURL: "https://tile.openstreetmap.org/{z}/{x}/{y}.png"},
			"https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap contributors"},
		{"other host", Options{BasemapURL: "https://tiles.example.org/{z}/{x}/{y}.png"},
			"https://tiles.example.org/{z}/{x}/{y}.png", "Basemap: tiles.example.org"},
		{"given attribution is escaped", Options{BasemapURL: "https://t.example/{z}/{x}/{y}.png", BasemapAttribution: `<img src=x onerror=alert(1)> & co`},
			"https://t.example/{z}/{x}/{y}.png", "&lt;img src=x onerror=alert(1)&gt; &amp; co"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			html := render(t, r, c.opts)
			var cfg config
			if err := json.Unmarshal([]byte(scriptBlock(t, html, "saavu-config")), &cfg); err != nil {
				t.Fatal(err)
			}
			if cfg.Basemap == nil || cfg.Basemap.URL != c.wantURL || cfg.Basemap.Attribution != c.wantAttr {
				t.Errorf("basemap %+v, want %s / %s", cfg.Basemap, c.wantURL, c.wantAttr)
			}
			if !strings.Contains(html, "Background tiles are loaded") {
				t.Error("report does not say tiles are loaded")
			}
		})
	}
}

func TestWriteLargeRun(t *testing.T) {
	r := loadFixture(t)
	cases := []struct {
		name      string
		opts      Options
		wantLarge bool
	}{
		{"default threshold", Options{}, false},
		{"below threshold", Options{LargeCells: r.Cells.Count}, false},
		{"above threshold", Options{LargeCells: r.Cells.Count - 1}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			html := render(t, r, c.opts)
			var cfg config
			if err := json.Unmarshal([]byte(scriptBlock(t, html, "saavu-config")), &cfg); err != nil {
				t.Fatal(err)
			}
			note := strings.Contains(html, "drawn on a canvas without borders")
			if cfg.Large != c.wantLarge || note != c.wantLarge {
				t.Errorf("large %v, note %v, want %v", cfg.Large, note, c.wantLarge)
			}
		})
	}
}

func TestWriteCommandLine(t *testing.T) {
	r := loadFixture(t)
	if html := render(t, r, Options{}); strings.Contains(html, `class="cmdline"`) {
		t.Error("command line box without recorded args")
	}
	r.Run.Args = []string{"saavu", "analyse", "--regions", "a b.geojson"}
	html := render(t, r, Options{})
	if !strings.Contains(html, `<pre class="cmdline"><code>saavu analyse --regions &#39;a b.geojson&#39;</code></pre>`) {
		t.Error("recorded command line not shown, quoted")
	}
}

func TestWriteWithoutNotesOrWarnings(t *testing.T) {
	r := loadFixture(t)
	r.Run.Notes, r.Run.Warnings = nil, nil
	html := render(t, r, Options{})
	if strings.Contains(html, `<section class="notes"`) || strings.Contains(html, `<section class="warnings"`) {
		t.Error("empty notes or warnings still get a box")
	}
}

func TestWriteNil(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil, Options{}); err == nil {
		t.Error("nil results accepted")
	}
}

func TestAssetsInlineSafely(t *testing.T) {
	b, err := loadBundle()
	if err != nil {
		t.Fatal(err)
	}
	if b.leafletVersion != "1.9.4" {
		t.Errorf("leaflet version %q", b.leafletVersion)
	}
	if !strings.Contains(b.leafletLicense, "BSD 2-Clause") {
		t.Error("Leaflet LICENSE is not the BSD 2-Clause text")
	}
	if !strings.Contains(string(b.leafletJS), "Leaflet 1.9.4") {
		t.Error("leaflet.js is not version 1.9.4")
	}
}

// TestSummaryMatchesRegions cross-checks the fixture itself: the regions
// file and summary.csv agree, so report tests built on either are sound.
func TestSummaryMatchesRegions(t *testing.T) {
	r := loadFixture(t)
	b, err := os.ReadFile(filepath.Join(fixtureDir(t), "regions.geojson"))
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
	for _, f := range fc.Features {
		id := f.Properties["region_id"].(string)
		for _, c := range r.Categories {
			for _, m := range r.Modes {
				st, ok := r.Stat(id, "population", c, m)
				if !ok {
					t.Fatalf("no stat %s %s %s", id, c, m)
				}
				for i, th := range r.Thresholds {
					key := c + "_" + m + "_share_" + formatNumber(float64(th))
					v, _ := f.Properties[key].(float64)
					if math.Abs(v-st.Share[i].Value) > 1e-9 {
						t.Errorf("%s %s: regions %v, summary %v", id, key, v, st.Share[i].Value)
					}
				}
			}
		}
	}
	_ = results.Producer
}

// Warnings open the page, in a "Check these first" box above the key
// figures: ten shown, the rest folded under them.
func TestWriteCheckTheseFirst(t *testing.T) {
	r := loadFixture(t)
	r.Run.Warnings = nil
	for i := range 12 {
		r.Run.Warnings = append(r.Run.Warnings, fmt.Sprintf("problem number %02d", i))
	}
	html := render(t, r, Options{})
	box := strings.Index(html, `<section class="warnings" id="check-first"`)
	figs := strings.Index(html, `<section class="figures"`)
	if box < 0 || figs < 0 || box > figs {
		t.Fatalf("box at %d, figures at %d: want the box first", box, figs)
	}
	body := html[box:figs]
	fold := strings.Index(body, "<details>")
	if !strings.Contains(body, "Check these first") || !strings.Contains(body, "12 problems") || fold < 0 ||
		!strings.Contains(body, "<summary>2 more</summary>") {
		t.Errorf("box:\n%s", body)
	}
	for i := range 12 {
		at := strings.Index(body, fmt.Sprintf("problem number %02d", i))
		if at < 0 || (i < 10) != (at < fold) {
			t.Errorf("warning %d at %d (fold at %d): want the first ten before the fold", i, at, fold)
		}
	}
	// The footnote says whom the mean leaves out.
	if !strings.Contains(html, `id="how-to-read"`) || !strings.Contains(html, "averages only the people who reach a service") {
		t.Error("no footnote on how to read the columns")
	}
}
