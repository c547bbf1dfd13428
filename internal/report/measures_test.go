package report

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/results"
)

// fixtureWithMeasures copies the fixture run and adds measures.csv and
// summary_members.csv, as analyse writes them with --nth 2, --fca,
// --round-trips, --all-within and --group-by.
func fixtureWithMeasures(t *testing.T) *results.Results {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(fixtureDir(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(fixtureDir(t), e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	measures := `region_id,region,group,category,mode,measure,value
091,Mikkeli,population,health,walk,median_min_2,21.5
091,Mikkeli,population,health,walk,fca_per_1000,1.23456
091,Mikkeli,population,health,car,median_min_2,8
091,Mikkeli,population,health,transit,share_round_trip,0.38534
091,Mikkeli,population,all,walk,share_all_within_30,0.1125
093,Savonlinna,population,health,walk,median_min_2,1234.5
093,Savonlinna,population,health,walk,fca_per_1000,
093,Savonlinna,population,health,car,median_min_2,9
093,Savonlinna,population,health,transit,share_round_trip,0.2
093,Savonlinna,population,all,walk,share_all_within_30,0.5
097,Pieksämäki,population,health,walk,median_min_2,30
097,Pieksämäki,population,health,walk,fca_per_1000,0.5
097,Pieksämäki,population,health,car,median_min_2,10
097,Pieksämäki,population,health,transit,share_round_trip,0
097,Pieksämäki,population,all,walk,share_all_within_30,1
`
	if err := os.WriteFile(filepath.Join(dir, results.MeasuresFile), []byte(measures), 0o644); err != nil {
		t.Fatal(err)
	}
	var members strings.Builder
	members.WriteString("region_id,region,member_id,member,group,category,mode,threshold_min,population,within,share,unreachable,mean_min,median_min,p90_min\n")
	for _, m := range []struct{ id, name, pop string }{{"491", "Mikkeli town", "1500"}, {"213", "Kangasniemi", "690"}} {
		for _, c := range []string{"health", "kela"} {
			for _, mode := range []string{"walk", "car"} {
				for _, th := range []string{"10", "20", "30"} {
					members.WriteString("091,Mikkeli," + m.id + "," + m.name + ",population," + c + "," + mode + "," + th + "," + m.pop + ",100,0.1,0,12,15,20\n")
				}
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, results.MembersFile), []byte(members.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := results.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestMeasureSections checks that every measure of measures.csv gets a
// section with a sentence on how to read it, a chart and a table per mode,
// and a map layer; values are formatted once, the same in table and chart.
func TestMeasureSections(t *testing.T) {
	r := fixtureWithMeasures(t)
	html := render(t, r, Options{})
	cases := []struct {
		measure string
		modes   []string
		read    string
		values  []string // in the table and the chart
	}{
		{"median_min_2", []string{"walk", "car"}, "2nd nearest service", []string{"21.5", "1 235", "30.0"}},
		{"fca_per_1000", []string{"walk"}, "capacity per 1,000", []string{"1.23", "0.50"}},
		{"share_round_trip", []string{"transit"}, "come back", []string{"38.5%", "20.0%", "0.0%"}},
		{"share_all_within_30", []string{"walk"}, "every service category within 30", []string{"11.3%", "50.0%", "100.0%"}},
	}
	for _, c := range cases {
		t.Run(c.measure, func(t *testing.T) {
			sec := regexp.MustCompile(`(?s)<section class="measure" id="` + slug("measure", c.measure) + `".*?</section>`).FindString(html)
			if sec == "" {
				t.Fatalf("no section for %s", c.measure)
			}
			if !strings.Contains(sec, `class="how-to-read"`) || !strings.Contains(sec, c.read) {
				t.Errorf("no sentence on how to read %s", c.measure)
			}
			for _, m := range c.modes {
				if !strings.Contains(sec, `id="`+slug("measure", c.measure, m)+`"`) {
					t.Errorf("no %s part", m)
				}
			}
			if got := strings.Count(sec, `class="chart chart-value"`); got != len(c.modes) {
				t.Errorf("%d charts, want %d", got, len(c.modes))
			}
			for _, v := range c.values {
				v = strings.ReplaceAll(v, " ", thinSpace)
				if !strings.Contains(sec, `<td class="num">`+v+`</td>`) {
					t.Errorf("table lacks %q", v)
				}
				if !strings.Contains(sec, `class="value">`+v+`</text>`) && !strings.Contains(sec, `class="value inside">`+v+`</text>`) {
					t.Errorf("chart lacks %q", v)
				}
			}
		})
	}
	// A missing value reads "n/a" in the chart and "–" in the table.
	if !strings.Contains(html, `class="na">n/a</text>`) {
		t.Error("the missing 2SFCA value of Savonlinna is not marked n/a")
	}
	var cfg config
	if err := json.Unmarshal([]byte(scriptBlock(t, html, "saavu-config")), &cfg); err != nil {
		t.Fatal(err)
	}
	var layers []string
	for _, l := range cfg.Layers {
		layers = append(layers, l.Value+" "+l.Prop+" "+strings.Join(l.Pairs, ","))
	}
	want := []string{
		"median_min_2 {c}_{m}_min_2 health|walk,health|car",
		"fca_per_1000 {c}_{m}_fca_per_1000 health|walk",
		"share_round_trip {c}_round_trip health|transit",
		"share_all_within_30 all_{m}_within_30 all|walk",
	}
	if strings.Join(layers, ";") != strings.Join(want, ";") {
		t.Errorf("map layers\n%q\nwant\n%q", layers, want)
	}
	if !strings.Contains(html, `<select id="sel-layer">`) {
		t.Error("no layer selector on the map")
	}
}

// TestMemberSections checks the municipalities under their region.
func TestMemberSections(t *testing.T) {
	r := fixtureWithMeasures(t)
	html := render(t, r, Options{})
	sec := regexp.MustCompile(`(?s)<section class="member-region" id="members-091">.*?</section>`).FindString(html)
	if sec == "" {
		t.Fatal("no municipalities of Mikkeli")
	}
	for _, name := range []string{"Mikkeli town", "Kangasniemi"} {
		if !strings.Contains(sec, `<th scope="row">`+name+`</th>`) {
			t.Errorf("no row for %s", name)
		}
	}
	if got, want := strings.Count(sec, "chart-share"), len(r.Categories)*len(r.Modes); got != want {
		t.Errorf("%d charts, want %d", got, want)
	}
	if strings.Contains(html, `id="members-093"`) {
		t.Error("Savonlinna has no members in the file but got a section")
	}
}

// TestParamTables checks that parameters read as name, value and meaning,
// without raw JSON.
func TestParamTables(t *testing.T) {
	raw := map[string]json.RawMessage{
		"categories":     json.RawMessage(`null`),
		"crs":            json.RawMessage(`""`),
		"thresholds_min": json.RawMessage(`[10,20,30]`),
		"transit":        json.RawMessage(`{"date":"20260310","max_time_min":120,"percentiles":[50]}`),
		"car_speed_kmh":  json.RawMessage(`{"primary":80,"residential":40}`),
		"closed_ferries": json.RawMessage(`[]`),
		"cells":          json.RawMessage(`123456`),
		"unknown_flag":   json.RawMessage(`true`),
	}
	got := map[string]paramRow{}
	for _, p := range paramRows(raw) {
		got[p.Name] = p
	}
	cases := []struct{ name, value, meaning string }{
		{"categories", "not set", "Service categories"},
		{"crs", "not set", "Coordinate system"},
		{"thresholds_min", "10, 20, 30", "thresholds"},
		{"transit.date", "20260310", "Service day"},
		{"transit.max_time_min", "120", "Trip limit"},
		{"transit.percentiles", "50", "Percentiles"},
		{"car_speed_kmh", "primary 80; residential 40", "Driving speed"},
		{"closed_ferries", "none", "Ferry"},
		{"cells", "123" + thinSpace + "456", "Populated cells"},
		{"unknown_flag", "yes", ""},
	}
	for _, c := range cases {
		p, ok := got[c.name]
		if !ok {
			t.Errorf("no row %s in %v", c.name, got)
			continue
		}
		if p.Value != c.value || !strings.Contains(p.Meaning, c.meaning) {
			t.Errorf("%s: %q (%q), want %q (%q)", c.name, p.Value, p.Meaning, c.value, c.meaning)
		}
	}
	if _, nested := got["transit"]; nested {
		t.Error("transit shown as one JSON value")
	}
	html := render(t, loadFixture(t), Options{})
	params := regexp.MustCompile(`(?s)<table class="data params">.*?</table>`).FindAllString(html, -1)
	if len(params) == 0 {
		t.Fatal("no parameter table")
	}
	for _, p := range params {
		for _, bad := range []string{"null", `""`, "{", "[", "<code>null"} {
			if strings.Contains(p, bad) {
				t.Errorf("parameter table shows raw JSON %q", bad)
			}
		}
		if !strings.Contains(p, "<th scope=\"col\">Meaning</th>") {
			t.Error("parameter table without a meaning column")
		}
	}
}

// TestOneRegionHasNoTotalRow: with one region its row is the total.
func TestOneRegionHasNoTotalRow(t *testing.T) {
	r := loadFixture(t)
	r.Regions = r.Regions[:1]
	html := render(t, r, Options{})
	if strings.Contains(html, "All regions") {
		t.Error(`one region and an "All regions" row`)
	}
	if !strings.Contains(render(t, loadFixture(t), Options{}), "All regions") {
		t.Error(`three regions without an "All regions" row`)
	}
}

// TestDefaultViewMostSpread: the map opens on the pair whose population
// is most spread over the time classes, selected in the page.
func TestDefaultViewMostSpread(t *testing.T) {
	r := loadFixture(t)
	c, m := defaultView(r)
	entropy := func(c, m string) float64 {
		pop, unreach, within := regionTotals(r, r.Groups[0], c, m)
		h := 0.0
		for _, n := range classShares(chartRegion{Population: pop, Within: within, Unreachable: unreach}) {
			if f := n / pop; f > 0 {
				h -= f * math.Log(f)
			}
		}
		return h
	}
	best := entropy(c, m)
	for _, cc := range r.Categories {
		for _, mm := range r.Modes {
			if e := entropy(cc, mm); e > best+1e-9 {
				t.Errorf("%s by %s spreads more (%.3f) than the default %s by %s (%.3f)", cc, mm, e, c, m, best)
			}
		}
	}
	html := render(t, r, Options{})
	if !strings.Contains(html, `<option value="`+c+`" selected>`) || !strings.Contains(html, `<option value="`+m+`" selected>`) {
		t.Errorf("default %s by %s not selected in the page", c, m)
	}
}

// TestValueChartLabelsStayInside: the label of the longest bar is written
// inside it, and long titles wrap, so no text leaves the chart.
func TestValueChartLabelsStayInside(t *testing.T) {
	title := "Public transport journeys by public transport, median and 90th percentile of minutes riding"
	svg := string(valueChart(title, "Minutes", "Region", false, []string{"A", "B"},
		[]chartSeries{{Label: "Health", Color: "#000", Values: []results.Opt[float64]{results.Some(1250.0), results.Some(3.0)}}}))
	if !strings.Contains(svg, `class="value inside">1`+thinSpace+`250</text>`) {
		t.Errorf("the longest bar's label is not inside it:\n%s", svg)
	}
	if !strings.Contains(svg, `class="value">3.00</text>`) {
		t.Error("a short bar's label is not after it")
	}
	lines := regexp.MustCompile(`class="chart-title">([^<]*)<`).FindAllStringSubmatch(svg, -1)
	if len(lines) < 2 {
		t.Fatalf("title not wrapped: %v", lines)
	}
	for _, l := range lines {
		if float64(len([]rune(l[1])))*titleCharW > chartWidth-axisLabelW {
			t.Errorf("title line %q is wider than the chart", l[1])
		}
	}
}

// TestCaptionMatchesTable: the map's caption and the tables show a share
// rounded once, from the same number.
func TestCaptionMatchesTable(t *testing.T) {
	r := loadFixture(t)
	html := render(t, r, Options{})
	var cfg config
	if err := json.Unmarshal([]byte(scriptBlock(t, html, "saavu-config")), &cfg); err != nil {
		t.Fatal(err)
	}
	g := buildGlance(r)
	i := 0
	for _, c := range r.Categories {
		for _, m := range r.Modes {
			tot := cfg.Totals[c+"|"+m+"|"+r.Groups[0]]
			row := g.Rows[i]
			i++
			for k, w := range tot.Within {
				if row.Cells[k] != w {
					t.Errorf("%s by %s within %v min: caption %s, table %s", c, m, r.Thresholds[k], w, row.Cells[k])
				}
			}
			if row.Cells[len(row.Cells)-1] != tot.Unreachable {
				t.Errorf("%s by %s unreachable: caption %s, table %s", c, m, tot.Unreachable, row.Cells[len(row.Cells)-1])
			}
		}
	}
}
