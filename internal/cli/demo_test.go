package cli

import (
	"encoding/csv"
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
	code, stdout, stderr := run(t, "demo", "-q", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"Mikkeli", "Savonlinna", "Pieksämäki", "Schematic", "health/transit", "kela/car"} {
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
}
