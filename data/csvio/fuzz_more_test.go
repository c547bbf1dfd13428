package csvio

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// csvSeeds adds every CSV of testdata/csv and testdata/bad to f.
func csvSeeds(f *testing.F, add func([]byte)) {
	for _, pattern := range []string{"csv/*.csv", "bad/*/*.csv"} {
		files, _ := filepath.Glob(filepath.Join(repoRoot(f), "testdata", pattern))
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				add(data)
			}
		}
	}
}

// FuzzReader drives the generic reader over whole files: every record has
// as many fields as the header, trimmed, not all empty, on increasing
// lines after the header; failures are *RowError values on a line at or
// after the last record read.
func FuzzReader(f *testing.F) {
	csvSeeds(f, func(b []byte) { f.Add(b) })
	f.Add([]byte("a;b\n\"x;y\";\"1,5\"\n"))
	f.Add([]byte("a,b\n1,\"2\n3,4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data), "f.csv")
		if err != nil {
			checkFuzzErr(t, err)
			return
		}
		if r.Line() != 1 || len(r.Header()) == 0 {
			t.Fatalf("header on line %d with %d columns", r.Line(), len(r.Header()))
		}
		for _, h := range r.Header() {
			if h != strings.TrimSpace(h) {
				t.Fatalf("header name %q not trimmed", h)
			}
		}
		last := 1
		for {
			rec, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				var re *RowError
				if !errors.As(err, &re) || re.Line < last {
					t.Fatalf("error %v after line %d", err, last)
				}
				return
			}
			if r.Line() <= last {
				t.Fatalf("record on line %d after line %d", r.Line(), last)
			}
			last = r.Line()
			if len(rec) != len(r.Header()) {
				t.Fatalf("%d fields for %d columns", len(rec), len(r.Header()))
			}
			empty := true
			for _, v := range rec {
				if v != strings.TrimSpace(v) {
					t.Fatalf("field %q not trimmed", v)
				}
				empty = empty && v == ""
			}
			if empty {
				t.Fatal("an empty record was returned")
			}
		}
	})
}

// FuzzPopulationOptions reads population files with each combination of
// options (a group column, protected values as zero, a forced CRS): what is
// accepted has finite non-negative values, one group value per requested
// field, unique ids and coordinates in range for the reported CRS.
func FuzzPopulationOptions(f *testing.F) {
	csvSeeds(f, func(b []byte) { f.Add(b, uint8(0)) })
	f.Add([]byte("grd_id,x,y,vaesto,age_0_14\n1,327000,6822000,10,-1\n2,327250,6822000,5,3\n"), uint8(3))
	f.Add([]byte("id;lon;lat;pop;age_0_14\na;23,7;61,5;1 234;0\n"), uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, opt uint8) {
		opts := PopulationOptions{ProtectedAsZero: opt&1 != 0, CRS: [3]CRS{0, WGS84, EPSG3067}[int(opt>>2)%3]}
		if opt&2 != 0 {
			opts.Fields = []string{"age_0_14"}
		}
		pop, err := DecodePopulation(bytes.NewReader(data), "f.csv", opts)
		if err != nil {
			checkFuzzErr(t, err)
			return
		}
		if pop.CRS != WGS84 && pop.CRS != EPSG3067 || (opts.CRS != 0 && pop.CRS != opts.CRS) {
			t.Fatalf("CRS %v with option %v", pop.CRS, opts.CRS)
		}
		ids := map[string]bool{}
		for _, p := range pop.Points {
			if p.ID != "" {
				if ids[p.ID] {
					t.Fatalf("id %q accepted twice", p.ID)
				}
				ids[p.ID] = true
			}
			if !(p.Pop >= 0) || math.IsInf(p.Pop, 0) || len(p.Groups) != len(opts.Fields) {
				t.Fatalf("point %+v", p)
			}
			for _, g := range p.Groups {
				if !(g >= 0) || math.IsInf(g, 0) {
					t.Fatalf("group value %v in %+v", g, p)
				}
			}
			inRange := p.X >= -180 && p.X <= 180 && p.Y >= -90 && p.Y <= 90
			if pop.CRS == EPSG3067 {
				inRange = math.Abs(p.X) <= tmMaxAbsE && p.Y >= 0 && p.Y <= tmMaxN
			}
			if !inRange {
				t.Fatalf("point %+v out of range for %v", p, pop.CRS)
			}
		}
	})
}
