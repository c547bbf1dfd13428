package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestLoadFixture(t *testing.T) {
	r, err := Load(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(r.Regions); got != 3 {
		t.Errorf("regions: got %d, want 3", got)
	}
	if r.Cells.Count != 30 || r.RegionShapes.Count != 3 || r.ServicePoints.Count != 3 || r.GapShapes.Count != len(r.Gaps) {
		t.Errorf("counts: cells %d regions %d services %d gaps %d/%d", r.Cells.Count, r.RegionShapes.Count,
			r.ServicePoints.Count, r.GapShapes.Count, len(r.Gaps))
	}
	if !slices.Equal(r.Categories, []string{"health", "kela"}) || !slices.Equal(r.Modes, []string{"walk", "car"}) {
		t.Errorf("categories %q modes %q", r.Categories, r.Modes)
	}
	if !slices.Equal(r.Groups, []string{"population", "aged_65_plus"}) {
		t.Errorf("groups %q", r.Groups)
	}
	if !slices.Equal(r.Thresholds, []Minutes{10, 20, 30}) {
		t.Errorf("thresholds %v", r.Thresholds)
	}
	if r.GapMin != Some[Minutes](30) {
		t.Errorf("gap_min %v", r.GapMin)
	}
	if len(r.Run.Notes) != 1 || !strings.Contains(r.Run.Notes[0], "schematic") {
		t.Errorf("notes %q", r.Run.Notes)
	}
	if r.Regions[2].Name != "Pieksämäki" || r.Regions[0].ID != "091" {
		t.Errorf("regions %+v", r.Regions)
	}
	// Mikkeli's cells add up to 195 + 1730 + 265 = 2190 persons. Walking
	// takes 2 + 15.6 min per straight-line km, so within 10 minutes lies
	// only the health station's own cell (900 persons); nobody is
	// unreachable on foot.
	st, ok := r.Stat("091", "population", "health", "walk")
	if !ok {
		t.Fatal("no stat for Mikkeli health walk")
	}
	if !near(st.Population, 2190) || !near(st.Within[0], 900) || st.Unreachable != 0 {
		t.Errorf("Mikkeli health walk: %+v", st)
	}
	if !st.Share[0].Valid || !near(st.Share[0].Value, 0.411) {
		t.Errorf("share within 10: %+v", st.Share[0])
	}
	// The island cell of Pieksämäki (8 persons) reaches nothing.
	st, _ = r.Stat("097", "population", "kela", "car")
	if !near(st.Unreachable, 8) {
		t.Errorf("Pieksämäki unreachable: %v", st.Unreachable)
	}
	if _, ok := r.Stat("091", "population", "pharmacy", "walk"); ok {
		t.Error("stat for an unknown category")
	}
	// The raw collections are the files' JSON.
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(r.Cells.Raw, &fc); err != nil || len(fc.Features) != 30 {
		t.Errorf("cells raw: %v, %d features", err, len(fc.Features))
	}
	params := r.Run.Params()
	if len(params) == 0 || params[0].Name > params[len(params)-1].Name {
		t.Errorf("params not sorted: %+v", params)
	}
}

func TestLoadErrors(t *testing.T) {
	replace := func(old, new string) func([]byte) []byte {
		return func(b []byte) []byte {
			if !bytes.Contains(b, []byte(old)) {
				panic("fixture lacks " + old)
			}
			return bytes.Replace(b, []byte(old), []byte(new), 1)
		}
	}
	truncate := func(b []byte) []byte { return b[:len(b)/2] }
	cases := []struct {
		name, file string
		edit       func([]byte) []byte
		sentinel   error
		want       []string // substrings of the message
	}{
		{"missing run", RunFile, nil, ErrMissing, []string{"run.json", "file missing", `saavu analyse --out`}},
		{"missing cells", CellsFile, nil, ErrMissing, []string{"cells.geojson", "file missing"}},
		{"missing regions", RegionsFile, nil, ErrMissing, []string{"regions.geojson"}},
		{"missing summary", SummaryFile, nil, ErrMissing, []string{"summary.csv"}},
		{"missing gaps", GapsFile, nil, ErrMissing, []string{"gaps.geojson"}},
		{"missing services", ServicesFile, nil, ErrMissing, []string{"services.geojson"}},
		{"broken run json", RunFile, replace(`"command": "analyse",`, `"command": "analyse"`), ErrSyntax,
			[]string{"run.json line " + itoa(lineOf(t, RunFile, `"command"`)+1) + " col 3", "invalid syntax"}},
		{"truncated cells", CellsFile, truncate, ErrSyntax, []string{"cells.geojson", "invalid syntax"}},
		{"thresholds not numbers", RunFile, replace(`"thresholds_min": [`, `"thresholds_min": ["x",`), ErrInvalid,
			[]string{`field "parameters.thresholds_min"`}},
		{"thresholds decreasing", RunFile, replace(`10,`, `40,`), ErrInvalid, []string{"thresholds must increase"}},
		{"summary bad number", SummaryFile, replace(",0.411,", ",zero,"), ErrInvalid,
			[]string{"summary.csv line 2", `field "share"`, `"zero" is not a number`}},
		{"summary share above one", SummaryFile, replace(",0.411,", ",1.5,"), ErrInvalid, []string{"outside 0..1"}},
		{"summary missing column", SummaryFile, replace("p90_min", "p95_min"), ErrInvalid,
			[]string{"line 1", `field "p90_min"`, "column missing"}},
		{"summary unknown region", SummaryFile, replace("\n093,", "\n099,"), ErrInvalid,
			[]string{`region "099" is not in regions.geojson`}},
		{"summary unknown threshold", SummaryFile, replace("health,walk,20,", "health,walk,25,"), ErrInvalid,
			[]string{"threshold 25 is not in parameters.thresholds_min"}},
		{"summary unterminated quote", SummaryFile, replace("091,Mikkeli,", `091,"Mikkeli,`), ErrSyntax,
			[]string{"summary.csv line"}},
		{"region duplicate id", RegionsFile, replace(`"properties":{"region_id":"093"`, `"properties":{"region_id":"091"`), ErrInvalid,
			[]string{"regions.geojson line 3", "feature 1", `already used by feature 0`}},
		{"region population text", RegionsFile, replace(`"population":2190`, `"population":"many"`), ErrInvalid,
			[]string{"feature 0", `field "population"`}},
		{"cell without category", CellsFile, replace(`"kela_car_min"`, `"kela_bus_min"`), ErrInvalid,
			[]string{"feature 0", `field "kela_car_min"`, "property missing"}},
		{"cell without population", CellsFile, replace(`"population":120,`, ``), ErrInvalid,
			[]string{"line 2", `field "population"`}},
		{"service as polygon", ServicesFile, replace(`"type":"Point"`, `"type":"Polygon"`), ErrInvalid,
			[]string{"services.geojson", "feature 0", `geometry type "Polygon"`}},
		{"not a feature collection", GapsFile, func([]byte) []byte { return []byte(`{"type":"Feature"}`) }, ErrInvalid,
			[]string{"gaps.geojson", `want "FeatureCollection"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyFixture(t, c.file, c.edit)
			_, err := Load(dir)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, c.sentinel) {
				t.Errorf("error %v does not wrap %v", err, c.sentinel)
			}
			var fe *Error
			if !errors.As(err, &fe) || fe.File != c.file {
				t.Errorf("error %v does not name %s", err, c.file)
			}
			msg := err.Error()
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if !strings.Contains(msg, Producer+" "+dir) {
				t.Errorf("message %q does not say which command writes the file", msg)
			}
		})
	}
}

func TestSplitCollection(t *testing.T) {
	cases := []struct {
		name      string
		in        string
		count     int
		wantRaw   string // "" = same as in, trimmed
		wantFirst string
		wantErr   string
	}{
		{"one per line", "{\"type\":\"FeatureCollection\",\"features\":[\n{\"a\":1},\n{\"b\":\"x]}\"}\n]}\n", 2, "", `{"a":1}`, ""},
		{"indented", "{\n  \"features\": [\n    {\"a\": [1, 2]}\n  ],\n  \"type\": \"FeatureCollection\"\n}",
			1, `{"features":[{"a":[1,2]}],"type":"FeatureCollection"}`, `{"a": [1, 2]}`, ""},
		{"empty", `{"type":"FeatureCollection","features":[]}`, 0, "", "", ""},
		{"escaped quote in member", `{"x":"\"}{[","type":"FeatureCollection","features":[{"s":"\\"}]}`, 1, "", `{"s":"\\"}`, ""},
		{"other members", `{"bbox":[1,2,3,4],"features":[true,null],"crs":{"a":{}},"type":"FeatureCollection"}`, 2, "", "true", ""},
		{"not an object", `[]`, 0, "", "", "want a GeoJSON FeatureCollection"},
		{"features not array", `{"type":"FeatureCollection","features":{}}`, 0, "", "", "not an array"},
		{"no features", `{"type":"FeatureCollection"}`, 0, "", "", "missing"},
		{"wrong type", `{"type":"Feature","features":[]}`, 0, "", "", `type is "Feature"`},
		{"syntax", "{\"type\":\n\"FeatureCollection\",]", 0, "", "", "line 2 col 21"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			col, feats, err := splitCollection("d", "f.geojson", []byte(c.in))
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := c.wantRaw
			if want == "" {
				want = strings.TrimSpace(c.in)
			}
			if string(col.Raw) != want || col.Count != c.count || len(feats) != c.count {
				t.Fatalf("raw %q count %d/%d, want %q %d", col.Raw, col.Count, len(feats), want, c.count)
			}
			if c.count > 0 {
				if string(feats[0].raw) != c.wantFirst || c.in[feats[0].off] != c.wantFirst[0] {
					t.Errorf("first feature %q at %d, want %q", feats[0].raw, feats[0].off, c.wantFirst)
				}
			}
		})
	}
}

func TestLoadNotADirectory(t *testing.T) {
	_, err := Load(t.TempDir() + "/nope")
	if err == nil || !strings.Contains(err.Error(), "nope") || !strings.Contains(err.Error(), Producer) {
		t.Fatalf("got %v", err)
	}
}

// lineOf returns the 1-based line of the fixture file holding s.
func lineOf(t *testing.T, file, s string) int {
	b, err := os.ReadFile(filepath.Join(fixtureDir, file))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte(s))
	if i < 0 {
		t.Fatalf("%s lacks %s", file, s)
	}
	return 1 + bytes.Count(b[:i], []byte("\n"))
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestLineCol(t *testing.T) {
	data := []byte("ab\ncd\n\nef")
	cases := []struct {
		off       int64
		line, col int
	}{{0, 1, 1}, {1, 1, 2}, {3, 2, 1}, {4, 2, 2}, {7, 4, 1}, {8, 4, 2}, {99, 4, 3}, {-5, 1, 1}}
	for _, c := range cases {
		l, col := lineCol(data, c.off)
		if l != c.line || col != c.col {
			t.Errorf("offset %d: got %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
}

// Outputs written before regions had region_id keyed them on id.
func TestLoadRegionsKeyedOnID(t *testing.T) {
	dir := copyFixture(t, RegionsFile, func(b []byte) []byte {
		return bytes.ReplaceAll(b, []byte(`"properties":{"region_id":`), []byte(`"properties":{"id":`))
	})
	r, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Regions) != 3 || r.Regions[0].ID != "091" || r.Regions[2].ID != "097" {
		t.Errorf("regions %+v", r.Regions)
	}
}
