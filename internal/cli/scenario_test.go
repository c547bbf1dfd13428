package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saavu/saavu/internal/demo"
)

// cellTimes reads one time property of every cell of an analyse output.
func cellTimes(t *testing.T, dir, prop string) map[string]float64 {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "cells.geojson"))
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
	out := map[string]float64{}
	for _, f := range fc.Features {
		id, _ := f.Properties["id"].(string)
		if v, ok := f.Properties[prop].(float64); ok {
			out[id] = v
		} else {
			out[id] = -1 // unreachable
		}
	}
	return out
}

// A scenario on the demo: a Kela desk opens in Juva, the schematic ferry
// closes. Kela gets nearer for some cells; without the ferry no car trip
// gets shorter and the car graph has no ferry left.
func TestAnalyseScenarioOnDemo(t *testing.T) {
	dir, m := demoInputs(t)
	sc := filepath.Join(dir, "scenario.json")
	if err := os.WriteFile(sc, []byte(`{"name": "Kela in Juva, no ferry",
  "add_services": [{"name": "Kela Juva", "category": "kela", "lon": 27.8575, "lat": 61.898}],
  "close_ferries": [{"name": "Puumalan lossi (schematic)"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	common := []string{"--osm", m.Roads, "--regions", m.Regions, "--group-by", "seutukunta",
		"--population", m.Population, "--services", m.Services, "--modes", "car", "--categories", "kela,health"}
	base, after := filepath.Join(dir, "base"), filepath.Join(dir, "after")
	if code, _, stderr := run(t, append([]string{"analyse", "-q", "--out", base}, common...)...); code != 0 {
		t.Fatalf("base: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run(t, append([]string{"analyse", "-q", "--scenario", sc, "--out", after}, common...)...); code != 0 {
		t.Fatalf("scenario: exit %d\n%s", code, stderr)
	}
	kb, ka := cellTimes(t, base, "kela_car_min"), cellTimes(t, after, "kela_car_min")
	hb, ha := cellTimes(t, base, "health_car_min"), cellTimes(t, after, "health_car_min")
	nearer, longer := 0, 0
	for id, b := range kb {
		if ka[id] < b-0.01 {
			nearer++
		}
		if hb[id] >= 0 && ha[id] > hb[id]+0.01 {
			longer++
		}
		if hb[id] >= 0 && ha[id] < hb[id]-0.01 {
			t.Fatalf("cell %s: health by car got faster (%v -> %v) although only a ferry closed", id, hb[id], ha[id])
		}
	}
	if nearer < 50 {
		t.Errorf("cells nearer to Kela: %d", nearer)
	}
	t.Logf("cells farther from health care without the ferry: %d", longer)
	runJSON, err := os.ReadFile(filepath.Join(after, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(runJSON), "Kela Juva") || !strings.Contains(string(runJSON), "scenario.json") {
		t.Errorf("run.json does not record the scenario and its changes")
	}
	// The car graph lost its one ferry.
	var info struct {
		Counts struct {
			Graph map[string]map[string]int `json:"graph"`
		} `json:"counts"`
	}
	if err := json.Unmarshal(runJSON, &info); err != nil {
		t.Fatal(err)
	}
	if n := info.Counts.Graph["car"]["ferries"]; n != 0 {
		t.Errorf("car graph still has %d ferries", n)
	}
	// A scenario naming a service that does not exist is bad input.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"remove_services": [{"name": "Kela Atlantis"}]}`), 0o644)
	code, _, stderr := run(t, append([]string{"analyse", "-q", "--scenario", bad, "--out", filepath.Join(dir, "x")}, common...)...)
	if code != 2 || !strings.Contains(stderr, "Kela Atlantis") {
		t.Errorf("unknown service in scenario: exit %d\n%s", code, stderr)
	}
}

// A transit scenario on the demo: a half-hourly sketch bus from Ristiina
// to the Kela office in Mikkeli centre. By transit and without a car
// people gain access to Kela within an hour and nobody loses it; saavu
// diff counts them for both modes.
func TestTransitScenarioDiffOnDemo(t *testing.T) {
	dir, m := demoInputs(t)
	sc := filepath.Join(dir, "scenario.json")
	if err := os.WriteFile(sc, []byte(`{"name": "Ristiina express",
  "add_links": [{"line": "R1", "stops": "Ristiina@27.2458 61.5118|Mikkeli centre@27.2723 61.6870",
    "minutes": 25, "headway_min": 30, "first": "6:00", "last": "18:00"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	common := []string{"--osm", m.Roads, "--regions", m.Regions, "--group-by", "seutukunta", "--gtfs", "demo=" + m.GTFS,
		"--population", m.Population, "--services", m.Services, "--modes", "transit,nocar", "--categories", "kela",
		"--date", m.Date, "--depart", "07:00", "--window", "60"}
	base, after, diff := filepath.Join(dir, "base"), filepath.Join(dir, "after"), filepath.Join(dir, "diff")
	if code, _, stderr := run(t, append([]string{"analyse", "-q", "--out", base}, common...)...); code != 0 {
		t.Fatalf("base: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run(t, append([]string{"analyse", "-q", "--scenario", sc, "--out", after}, common...)...); code != 0 {
		t.Fatalf("scenario: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run(t, "diff", "-q", base, after, "--out", diff); code != 0 {
		t.Fatalf("diff: exit %d\n%s", code, stderr)
	}
	rows := readCSV(t, filepath.Join(diff, "diff.csv"))
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	gained := map[string]float64{}
	for _, r := range rows[1:] {
		if r[col["threshold_min"]] != "60" {
			continue
		}
		g, _ := strconv.ParseFloat(r[col["gained"]], 64)
		l, _ := strconv.ParseFloat(r[col["lost"]], 64)
		if l != 0 {
			t.Errorf("%v: %v people lose access to Kela with an added bus", r[col["mode"]], l)
		}
		gained[r[col["mode"]]] += g
	}
	if gained["transit"] < 50 || gained["nocar"] < 50 {
		t.Errorf("people gaining Kela within an hour: %v", gained)
	}
	// Every cell: nocar no slower than transit, before and after.
	for _, d := range []string{base, after} {
		tr, nc := cellTimes(t, d, "kela_transit_min"), cellTimes(t, d, "kela_nocar_min")
		for id, v := range tr {
			if v >= 0 && (nc[id] < 0 || nc[id] > v+1e-9) {
				t.Fatalf("%s cell %s: nocar %v, transit %v", d, id, nc[id], v)
			}
		}
	}
}

// demoInputs writes the demo's inputs under a test folder's "in" and
// returns that folder and the manifest; it skips the test in -short mode.
func demoInputs(t *testing.T) (string, *demo.Manifest) {
	t.Helper()
	if testing.Short() {
		t.Skip("demo-sized run skipped in -short mode")
	}
	dir := t.TempDir()
	m, err := demo.Generate(filepath.Join(dir, "in"), demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return dir, m
}
