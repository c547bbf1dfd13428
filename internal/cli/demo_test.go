package cli

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("demo run skipped in -short mode")
	}
	out := filepath.Join(t.TempDir(), "demo")
	code, stdout, stderr := run(t, "demo", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// The printed table gives the measures too: the share of Mikkeli's
	// people with a same-day round trip to employment services.
	for _, want := range []string{"Mikkeli", "Savonlinna", "Pieksämäki", "Schematic", "health/transit", "kela/car", "health/nocar",
		"Measures, population-weighted per region", "employment/transit share_round_trip        38.5%"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("demo output lacks %q:\n%s", want, stdout)
		}
	}
	for _, f := range []string{"report.html", "results.gpkg", "cells.geojson", "inputs/roads.osm", "inputs/gtfs/stop_times.txt"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty", f)
		}
	}
	report, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil || !strings.Contains(string(report), "schematic") {
		t.Errorf("the report does not say the network is schematic")
	}
	// Same-day round trips by public transport: a share per region and
	// category, between 0 and 1, and not the same everywhere.
	f, err := os.Open(filepath.Join(out, "measures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	shares := map[string]bool{}
	for _, r := range rows[1:] {
		if r[5] != "share_round_trip" {
			continue
		}
		v, err := strconv.ParseFloat(r[6], 64)
		if err != nil || v < 0 || v > 1 {
			t.Errorf("round-trip share %q in row %v", r[6], r)
		}
		shares[r[6]] = true
	}
	if len(shares) < 2 {
		t.Errorf("round-trip shares: %v", shares)
	}
	checkDemoNoCar(t, filepath.Join(out, "summary.csv"))
	checkDemoMembers(t, out)
}

// checkDemoMembers checks summary_members.csv of the demo's economic
// regions (--group-by seutukunta): the municipalities of each region add
// up to the region's population and persons within each threshold.
func checkDemoMembers(t *testing.T, out string) {
	t.Helper()
	type key struct{ region, group, cat, mode, th string }
	sum := func(rows [][]string, regionCol, popCol, withinCol int, groupCol int) map[key][2]float64 {
		m := map[key][2]float64{}
		for _, r := range rows[1:] {
			k := key{r[regionCol], r[groupCol], r[groupCol+1], r[groupCol+2], r[groupCol+3]}
			p, err1 := strconv.ParseFloat(r[popCol], 64)
			w, err2 := strconv.ParseFloat(r[withinCol], 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("row %v", r)
			}
			v := m[k]
			m[k] = [2]float64{v[0] + p, v[1] + w}
		}
		return m
	}
	members := readCSV(t, filepath.Join(out, "summary_members.csv"))
	if got := strings.Join(members[0][:4], ","); got != "region_id,region,member_id,member" {
		t.Fatalf("summary_members.csv header %v", members[0])
	}
	names := map[string]bool{}
	for _, r := range members[1:] {
		names[r[3]] = true
	}
	for _, want := range []string{"Mikkeli", "Hirvensalmi", "Savonlinna", "Enonkoski", "Pieksämäki", "Juva"} {
		if !names[want] {
			t.Errorf("municipality %s missing from summary_members.csv", want)
		}
	}
	byMember := sum(members, 0, 8, 9, 4)
	byRegion := sum(readCSV(t, filepath.Join(out, "summary.csv")), 0, 6, 7, 2)
	if len(byMember) != len(byRegion) {
		t.Fatalf("%d region rows from members, %d in summary.csv", len(byMember), len(byRegion))
	}
	for k, want := range byRegion {
		got := byMember[k]
		if math.Abs(got[0]-want[0]) > 1 || math.Abs(got[1]-want[1]) > 1 {
			t.Errorf("%v: members add up to population %v within %v, region has %v within %v", k, got[0], got[1], want[0], want[1])
		}
	}
}

// checkDemoNoCar checks the demo's summary: in each economic region and
// category, as many people or more reach a service within every
// threshold without a car as by walking or by transit alone, and without
// a car beats both somewhere.
func checkDemoNoCar(t *testing.T, path string) {
	t.Helper()
	rows := readCSV(t, path)
	// region|group|category|threshold -> mode -> within
	within := map[string]map[string]float64{}
	for _, r := range rows[1:] {
		k := r[1] + "|" + r[2] + "|" + r[3] + "|" + r[5]
		if within[k] == nil {
			within[k] = map[string]float64{}
		}
		v, err := strconv.ParseFloat(r[7], 64)
		if err != nil {
			t.Fatalf("within %q in row %v", r[7], r)
		}
		within[k][r[4]] = v
	}
	better := 0
	for k, m := range within {
		nc, ok := m["nocar"]
		if !ok {
			t.Fatalf("%s: no nocar row", k)
		}
		if nc < m["walk"]-1e-6 || nc < m["transit"]-1e-6 {
			t.Errorf("%s: %.1f people within by nocar, %.1f by walking, %.1f by transit", k, nc, m["walk"], m["transit"])
		}
		if nc > max(m["walk"], m["transit"])+0.5 {
			better++
		}
	}
	if better == 0 {
		t.Error("nocar never beats both walking and transit in the demo")
	}
	for _, region := range []string{"Mikkeli", "Savonlinna", "Pieksämäki"} {
		if _, ok := within[region+"|population|employment|30"]["nocar"]; !ok {
			t.Errorf("no nocar figure for %s", region)
		}
	}
}
