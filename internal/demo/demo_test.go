package demo

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	ma, err := Generate(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mb, err := Generate(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ma.Files) != len(mb.Files) || len(ma.Files) != 12 {
		t.Fatalf("files: %d and %d, want 12", len(ma.Files), len(mb.Files))
	}
	for i := range ma.Files {
		ra, _ := filepath.Rel(a, ma.Files[i])
		rb, _ := filepath.Rel(b, mb.Files[i])
		if ra != rb {
			t.Fatalf("file %d: %s vs %s", i, ra, rb)
		}
		da, err := os.ReadFile(ma.Files[i])
		if err != nil {
			t.Fatal(err)
		}
		db, err := os.ReadFile(mb.Files[i])
		if err != nil {
			t.Fatal(err)
		}
		if len(da) == 0 {
			t.Errorf("%s is empty", ra)
		}
		if !bytes.Equal(da, db) {
			t.Errorf("%s differs between runs", ra)
		}
	}
	// No temporary files are left behind.
	for _, dir := range []string{a, filepath.Join(a, GTFSDir)} {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if e.Name()[0] == '.' {
				t.Errorf("leftover %s in %s", e.Name(), dir)
			}
		}
	}
}

func TestGenerateOverwrites(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, RegionsFile), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := Generate(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(m.Regions)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(data, []byte("old")) {
		t.Error("regions.geojson was not replaced")
	}
}

func TestGenerateDates(t *testing.T) {
	cases := []struct {
		name    string
		date    string
		wantErr bool
		start   string
	}{
		{"default", "", false, "20260101"},
		{"other year", "20270105", false, "20270101"},
		{"not a date", "2026-03-10", true, ""},
		{"impossible day", "20260230", true, ""},
		{"garbage", "tuesday", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			m, err := Generate(dir, Options{Date: c.date})
			if c.wantErr {
				if !errors.Is(err, ErrBadDate) {
					t.Fatalf("err = %v, want ErrBadDate", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := c.date
			if want == "" {
				want = DefaultDate
			}
			if m.Date != want {
				t.Errorf("Date = %s, want %s", m.Date, want)
			}
			rows := readCSV(t, filepath.Join(m.GTFS, "calendar.txt"))
			for _, r := range rows[1:] {
				if r[column(t, rows[0], "start_date")] != c.start {
					t.Errorf("calendar %s starts %s, want %s", r[0], r[column(t, rows[0], "start_date")], c.start)
				}
			}
		})
	}
}

func TestManifest(t *testing.T) {
	m := generated(t)
	if len(m.SubRegions) != 3 {
		t.Fatalf("%d sub-regions, want 3", len(m.SubRegions))
	}
	seen := map[string]bool{}
	for _, sr := range m.SubRegions {
		if sr.Population != expectedSubRegionPop[sr.ID] {
			t.Errorf("sub-region %s population %d, want %d", sr.ID, sr.Population, expectedSubRegionPop[sr.ID])
		}
		sum := 0
		for _, code := range sr.Municipalities {
			if expectedSubRegion[code] != sr.ID {
				t.Errorf("municipality %s listed in %s, want %s", code, sr.ID, expectedSubRegion[code])
			}
			seen[code] = true
			sum += expectedPopulation[code]
		}
		if sum != sr.Population {
			t.Errorf("sub-region %s: municipalities sum to %d, manifest says %d", sr.ID, sum, sr.Population)
		}
	}
	if len(seen) != 11 {
		t.Errorf("%d municipalities in sub-regions, want 11", len(seen))
	}
	for _, mu := range m.Municipalities {
		if mu.Population != expectedPopulation[mu.Code] {
			t.Errorf("%s population %d, want %d", mu.Name, mu.Population, expectedPopulation[mu.Code])
		}
	}
	if m.Date != DefaultDate || len(m.Notes) == 0 || m.Cells == 0 || m.Stops == 0 || m.Trips == 0 {
		t.Errorf("incomplete manifest: %+v", m)
	}
	for _, p := range append([]string{m.Regions, m.Population, m.Services, m.Roads, m.Readme}, m.Files...) {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("manifest path: %v", err)
		}
	}
}

// TestPopulationTotals reads population.csv and regions.geojson back and
// checks that every point lies in exactly one municipality and that the
// municipal and sub-regional totals are the 2022 figures.
func TestPopulationTotals(t *testing.T) {
	m := generated(t)
	regions := readRegions(t, m.Regions)
	rows := readCSV(t, m.Population)
	h := rows[0]
	if len(h) != 4 || h[0] != "lon" || h[1] != "lat" || h[2] != "population" || h[3] != "age_65_plus" {
		t.Fatalf("header %v", h)
	}
	byMuni := map[string]int{}
	bySub := map[string]int{}
	total, old := 0, 0
	for i, r := range rows[1:] {
		lon, err1 := strconv.ParseFloat(r[0], 64)
		lat, err2 := strconv.ParseFloat(r[1], 64)
		pop, err3 := strconv.Atoi(r[2])
		o, err4 := strconv.Atoi(r[3])
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.Fatalf("line %d: %v", i+2, err)
		}
		if pop <= 0 || o < 0 || o > pop {
			t.Fatalf("line %d: population %d, 65+ %d", i+2, pop, o)
		}
		var in []feature
		for _, f := range regions {
			if f.contains(lon, lat) {
				in = append(in, f)
			}
		}
		if len(in) != 1 {
			t.Fatalf("line %d: point %.5f %.5f lies in %d regions", i+2, lon, lat, len(in))
		}
		byMuni[in[0].str("kunta")] += pop
		bySub[in[0].str("seutukunta")] += pop
		total += pop
		old += o
	}
	for code, want := range expectedPopulation {
		if byMuni[code] != want {
			t.Errorf("municipality %s: %d people, want %d", code, byMuni[code], want)
		}
	}
	for code, want := range expectedSubRegionPop {
		if bySub[code] != want {
			t.Errorf("sub-region %s: %d people, want %d", code, bySub[code], want)
		}
	}
	if total != 130451 {
		t.Errorf("total %d, want 130451", total)
	}
	// The schematic 65+ share lies between the town and the rural rate.
	if share := float64(old) / float64(total); share < 0.24 || share > 0.30 {
		t.Errorf("65+ share %.3f outside 0.24..0.30", share)
	}
}

func TestPopulationOnGridCentres(t *testing.T) {
	m := generated(t)
	rows := readCSV(t, m.Population)
	seen := map[[2]int64]bool{}
	for i, r := range rows[1:] {
		lon, _ := strconv.ParseFloat(r[0], 64)
		lat, _ := strconv.ParseFloat(r[1], 64)
		e, n := tm35(lon, lat)
		// Centre of a 1 km cell: 500 m past a multiple of 1000 m.
		ce, cn := mod(e, 1000), mod(n, 1000)
		if d := max(abs(ce-500), abs(cn-500)); d > 0.05 {
			t.Fatalf("line %d: %.2f %.2f is %.2f m off a 1 km cell centre", i+2, e, n, d)
		}
		k := [2]int64{int64(e) / 1000, int64(n) / 1000}
		if seen[k] {
			t.Fatalf("line %d: cell %v repeated", i+2, k)
		}
		seen[k] = true
	}
}
