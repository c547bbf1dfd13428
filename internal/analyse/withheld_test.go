package analyse

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/gpkg"
	"github.com/saavu/saavu/internal/testutil"
)

func TestCountProp(t *testing.T) {
	f := geojson.Feature{Props: map[string]any{
		"n": 12.0, "minus1": -1.0, "null": nil, "empty": " ", "text": "7", "textminus1": "-1", "neg": -3.0, "word": "x",
	}}
	cases := []struct {
		key  string
		v    float64
		held bool
		err  string
	}{
		{"n", 12, false, ""},
		{"minus1", 0, true, ""},
		{"null", 0, true, ""},
		{"empty", 0, true, ""},
		{"text", 7, false, ""},
		{"textminus1", 0, true, ""},
		{"neg", 0, false, "must be a finite number >= 0"},
		{"word", 0, false, "is not a number"},
		{"absent", 0, false, `property "absent" is missing`},
	}
	for _, c := range cases {
		v, held, err := countProp(f, c.key)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: err %v, want %q", c.key, err, c.err)
			}
			continue
		}
		if err != nil || v != c.v || held != c.held {
			t.Errorf("%s: %v %v %v, want %v %v", c.key, v, held, err, c.v, c.held)
		}
	}
}

// TestPopulationWithheld loads the Statistics Finland layout: vaesto is
// found without a flag, withheld cells add nothing to the groups and are
// counted in a warning.
func TestPopulationWithheld(t *testing.T) {
	o := &Options{Population: testutil.Fixture(t, "statfin", "vaki2023_1km.geojson"), CellSize: 1000,
		Groups: []Group{{Name: "old", Field: "ika_65_"}, {Name: "men", Field: "miehet"}}}
	c, ws, err := loadPopulation(o)
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != "cells" || len(c.Cell) != 3 {
		t.Fatalf("kind %s, %d cells", c.Kind, len(c.Cell))
	}
	sum := func(k int) float64 {
		s := 0.0
		for _, v := range c.Weight[k] {
			s += v
		}
		return s
	}
	if sum(0) != 160 || sum(1) != 30 || sum(2) != 70 {
		t.Errorf("totals %v %v %v, want 160, 30, 70", sum(0), sum(1), sum(2))
	}
	if len(ws) != 2 || !strings.Contains(ws[0], `2 features have "ika_65_" withheld`) || !strings.Contains(ws[1], "group men") || !strings.Contains(ws[0], "total population, 10") {
		t.Errorf("warnings %q", ws)
	}
	// A feature that lacks the group's property altogether is an error:
	// a wrong field name, not a withheld value.
	o.Groups = []Group{{Name: "old", Field: "ika_65"}}
	if _, _, err := loadPopulation(o); err == nil || !strings.Contains(err.Error(), `feature 0 (id "1kmN6822E324"): property "ika_65" is missing`) {
		t.Errorf("wrong field: %v", err)
	}
}

func TestCategoryMapParse(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "map.csv")
	os.WriteFile(file, []byte("from,to\nhospital, health\n\nhealth_station,health\n"), 0o644)
	m, err := ParseCategoryMap([]string{" dentist = health ", file})
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 3 || m["dentist"] != "health" || m["hospital"] != "health" || m["health_station"] != "health" {
		t.Errorf("map %v", m)
	}
	for _, bad := range [][]string{{"hospital"}, {"=health"}, {"a=b", "a=c"}, {filepath.Join(dir, "none.csv")}} {
		if _, err := ParseCategoryMap(bad); err == nil || !strings.Contains(err.Error(), "--category-map") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	svcs := []Service{{Category: "hospital"}, {Category: "health_station"}, {Category: "pharmacy"}}
	ws := applyCategoryMap(svcs, map[string]string{"hospital": "health", "health_station": "health", "dentist": "health"})
	if svcs[0].Category != "health" || svcs[1].Category != "health" || svcs[2].Category != "pharmacy" {
		t.Errorf("categories %v", svcs)
	}
	if len(ws) != 1 || !strings.Contains(ws[0], "no service has the categories dentist") {
		t.Errorf("warnings %q", ws)
	}
}

// TestServicesFromShapefile reads services from the zipped shapefile
// fixture and from a GeoPackage in EPSG:3067, converted to lon/lat.
func TestServicesFromShapefile(t *testing.T) {
	svcs, _, err := loadServices(testutil.Fixture(t, "shp", "palvelut.zip"))
	if err != nil {
		t.Fatal(err)
	}
	if len(svcs) != 3 || svcs[0].Name != "Pieksämäen terveysasema" || svcs[2].Category != "hospital" || svcs[0].Lon != 27.25 {
		t.Errorf("services %+v", svcs)
	}
	gp := filepath.Join(t.TempDir(), "palvelut.gpkg")
	if err := gpkg.FromGeoJSON(gp, []gpkg.LayerSource{{Name: "palvelut", Path: testutil.Fixture(t, "vector", "palvelut.geojson"), SRS: gpkg.ETRSTM35FIN}}, gpkg.Options{}); err != nil {
		t.Fatal(err)
	}
	svcs, _, err = loadServices(gp)
	if err != nil {
		t.Fatal(err)
	}
	if len(svcs) != 3 || math.Abs(svcs[1].Lon-26.876) > 1e-7 || math.Abs(svcs[1].Lat-61.418) > 1e-7 || svcs[1].Name != "Mäntyharjun terveysasema" {
		t.Errorf("services from EPSG:3067 GeoPackage: %+v", svcs)
	}
}

// A CSV population counts a withheld group value (-1) as nobody in the
// group, with the same warning as the other formats; the totals count.
func TestPopulationWithheldCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pop.csv")
	csv := "lon,lat,vaesto,ika_65_\n" +
		"27.27,61.69,120,30\n" + // a cell with its breakdown
		"27.30,61.70,6,-1\n" + // withheld: fewer than 10 people
		"27.40,61.72,8,-1\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	o := &Options{Population: path, PopulationField: "vaesto", CellSize: 1000, Groups: []Group{{Name: "old", Field: "ika_65_"}}}
	c, ws, err := loadPopulation(o)
	if err != nil {
		t.Fatal(err)
	}
	sum := func(k int) float64 {
		s := 0.0
		for _, v := range c.Weight[k] {
			s += v
		}
		return s
	}
	if sum(0) != 134 || sum(1) != 30 {
		t.Errorf("totals %v and %v, want 134 people, 30 old", sum(0), sum(1))
	}
	if len(ws) != 1 || !strings.Contains(ws[0], `2 features have "ika_65_" withheld`) || !strings.Contains(ws[0], "total population, 14") {
		t.Errorf("warnings %q", ws)
	}
}
