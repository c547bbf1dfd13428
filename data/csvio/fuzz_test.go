package csvio

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// FuzzCSVRow feeds whole files (seeded from testdata/csv) to the three
// readers. They must not panic, must fail with a *RowError, and what they
// accept must hold the checked invariants. Services that were read must
// survive a write and read-back unchanged.
func FuzzCSVRow(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(repoRoot(f), "testdata", "csv", "*.csv"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		svcs, _, err := DecodeServices(bytes.NewReader(data), "f.csv", ServicesOptions{DefaultCategory: "x"})
		checkFuzzErr(t, err)
		for _, s := range svcs {
			if !(s.Lon >= -180 && s.Lon <= 180 && s.Lat >= -90 && s.Lat <= 90) || !(s.Capacity >= 0) ||
				math.IsInf(s.Capacity, 0) || s.Name == "" || s.Category == "" {
				t.Fatalf("invalid service accepted: %+v", s)
			}
		}
		if err == nil {
			roundTripServices(t, svcs)
		}

		pts, err := DecodePoints(bytes.NewReader(data), "f.csv")
		checkFuzzErr(t, err)
		ids := map[string]bool{}
		for _, p := range pts {
			if p.ID == "" || ids[p.ID] || !(p.Lon >= -180 && p.Lon <= 180 && p.Lat >= -90 && p.Lat <= 90) {
				t.Fatalf("invalid point accepted: %+v", p)
			}
			ids[p.ID] = true
			for _, w := range p.Weights {
				if math.IsNaN(w.Value) || math.IsInf(w.Value, 0) {
					t.Fatalf("non-finite weight accepted: %+v", p)
				}
			}
		}

		pop, err := DecodePopulation(bytes.NewReader(data), "f.csv", PopulationOptions{})
		checkFuzzErr(t, err)
		if err == nil {
			for _, p := range pop.Points {
				if !(p.Pop >= 0) || math.IsInf(p.Pop, 0) || (pop.CRS != WGS84 && pop.CRS != EPSG3067) {
					t.Fatalf("invalid population point accepted: %+v (%v)", p, pop.CRS)
				}
			}
		}
	})
}

func checkFuzzErr(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var re *RowError
	if !errors.As(err, &re) || re.Line < 0 {
		t.Fatalf("error %T %v is not a RowError", err, err)
	}
}

func roundTripServices(t *testing.T, svcs []Service) {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, []string{"id", "name", "category", "lon", "lat", "capacity", "opening_hours"})
	for _, s := range svcs {
		if err := w.WriteRow(s.ID, s.Name, s.Category, s.Lon, s.Lat, s.Capacity, s.OpeningHours); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	back, _, err := DecodeServices(&buf, "back.csv", ServicesOptions{})
	if err != nil {
		t.Fatalf("cannot read written services: %v\n%s", err, buf.String())
	}
	if len(back) != len(svcs) {
		t.Fatalf("%d services read back, wrote %d", len(back), len(svcs))
	}
	for i := range svcs {
		a, b := svcs[i], back[i]
		if a.ID != b.ID || a.Name != b.Name || a.Category != b.Category || a.Lon != b.Lon || a.Lat != b.Lat ||
			a.Capacity != b.Capacity || a.OpeningHours != b.OpeningHours {
			t.Fatalf("service %d changed:\n%+v\n%+v", i, a, b)
		}
	}
}

// FuzzParseNumber: accepted numbers are finite and read back from their
// shortest form unchanged.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"27.5", "27,5", "1 234", "NaN", "1e308", "-0", ".5", "0x10", "1e-400"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, comma bool) {
		v, err := parseNumber(s, comma)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("parseNumber(%q) = %v", s, v)
		}
		back, err := parseNumber(strconv.FormatFloat(v, 'f', -1, 64), false)
		if err != nil || back != v {
			t.Fatalf("%v does not read back: %v %v", v, back, err)
		}
	})
}
