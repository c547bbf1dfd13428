package demo

import (
	"fmt"
	"math"
	"strconv"
	"testing"
)

// The tables in facts.go were typed from public figures; these tests check
// them against the real data files when those are present.

func TestFactsMatchKey2026(t *testing.T) {
	rows := readCSV(t, sharedData(t, "south-savo/municipality-key-2026.csv"))
	h := rows[0]
	kc, sc, ec := column(t, h, "kunta"), column(t, h, "seutukunta_code"), column(t, h, "tyollisyysalue_code")
	nc := column(t, h, "municipality_name_fi")
	if len(rows)-1 != len(municipalities) {
		t.Fatalf("key has %d municipalities, facts %d", len(rows)-1, len(municipalities))
	}
	for _, r := range rows[1:] {
		n, err := strconv.Atoi(r[kc])
		if err != nil {
			t.Fatal(err)
		}
		code := fmt.Sprintf("%03d", n)
		m, ok := muniByName(r[nc])
		if !ok || m.code != code {
			t.Errorf("%s (%s) missing or with code %q", r[nc], code, m.code)
			continue
		}
		if m.subRegion != r[sc] || m.employment != r[ec] {
			t.Errorf("%s: seutukunta %s työllisyysalue %s, key says %s %s", m.name, m.subRegion, m.employment, r[sc], r[ec])
		}
	}
	if m, _ := muniByName("Juva"); m.subRegion != "105" {
		t.Errorf("Juva in sub-region %s, want 105", m.subRegion)
	}
}

func TestFactsMatchPopulation(t *testing.T) {
	rows := readCSV(t, sharedData(t, "south-savo/municipality-population.csv"))
	kc, pc := column(t, rows[0], "kunta"), column(t, rows[0], "pop_2022_sotkanet")
	for _, r := range rows[1:] {
		found := false
		for _, p := range population2022 {
			if p.code == r[kc] {
				found = true
				if strconv.Itoa(p.pop) != r[pc] {
					t.Errorf("%s: %d, file says %s", r[kc], p.pop, r[pc])
				}
			}
		}
		if !found {
			t.Errorf("municipality %s missing", r[kc])
		}
	}
}

func TestFactsMatchPostalAreas(t *testing.T) {
	rows := readCSV(t, sharedData(t, "south-savo/postal-area-centroids.csv"))
	h := rows[0]
	cc, pc := column(t, h, "postal_code"), column(t, h, "population_2022")
	lc, bc, ac := column(t, h, "lon"), column(t, h, "lat"), column(t, h, "area_km2")
	n := 0
	for _, g := range postalAreas {
		n += len(g.areas)
	}
	if n != len(rows)-1 {
		t.Fatalf("%d postal areas, file has %d", n, len(rows)-1)
	}
	for _, r := range rows[1:] {
		code, _ := strconv.Atoi(r[cc])
		pa, _, ok := postalByCode(code)
		if !ok {
			t.Errorf("postal area %s missing", r[cc])
			continue
		}
		lon, _ := strconv.ParseFloat(r[lc], 64)
		lat, _ := strconv.ParseFloat(r[bc], 64)
		area, _ := strconv.ParseFloat(r[ac], 64)
		if strconv.Itoa(pa.pop) != r[pc] || math.Abs(pa.lon-lon) > 5e-5 || math.Abs(pa.lat-lat) > 5e-5 || math.Abs(pa.areaKm2-area) > 0.5 {
			t.Errorf("postal area %s: %+v, file %v", r[cc], pa, r)
		}
	}
}

func TestFactsMatchHealthPoints(t *testing.T) {
	rows := readCSV(t, sharedData(t, "south-savo/health-services.csv"))
	nc, lc, bc := column(t, rows[0], "name"), column(t, rows[0], "lon"), column(t, rows[0], "lat")
	if len(rows)-1 != len(healthPoints) {
		t.Fatalf("%d health points, file has %d", len(healthPoints), len(rows)-1)
	}
	for i, r := range rows[1:] {
		lon, _ := strconv.ParseFloat(r[lc], 64)
		lat, _ := strconv.ParseFloat(r[bc], 64)
		h := healthPoints[i]
		if h.name != r[nc] || math.Abs(h.lon-lon) > 5e-5 || math.Abs(h.lat-lat) > 5e-5 {
			t.Errorf("health point %d: %+v, file %v", i, h, r)
		}
	}
}

func TestFactsMatchCentres(t *testing.T) {
	rows := readCSV(t, sharedData(t, "south-savo/municipal-centres.csv"))
	cc, lc, bc := column(t, rows[0], "municipality_code"), column(t, rows[0], "lon"), column(t, rows[0], "lat")
	for _, r := range rows[1:] {
		lon, _ := strconv.ParseFloat(r[lc], 64)
		lat, _ := strconv.ParseFloat(r[bc], 64)
		found := false
		for _, m := range municipalities {
			if m.code == r[cc] {
				found = true
				if math.Abs(m.lon-lon) > 5e-5 || math.Abs(m.lat-lat) > 5e-5 {
					t.Errorf("%s centre %.4f %.4f, file %v", m.name, m.lon, m.lat, r)
				}
			}
		}
		if !found {
			t.Errorf("centre of %s missing", r[cc])
		}
	}
}
