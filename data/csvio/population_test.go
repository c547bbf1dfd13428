package csvio

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadPopulation(t *testing.T) {
	cases := []struct {
		file     string
		opts     PopulationOptions
		crs      CRS
		want     []PopPoint
		warnings []string
	}{
		{file: "population-wgs84.csv", opts: PopulationOptions{Fields: []string{"age_15_24", "AGE_65_"}}, crs: WGS84, want: []PopPoint{
			{Line: 2, ID: "c1", X: 27.27, Y: 61.68, Pop: 120, Groups: []float64{15, 30}},
			{Line: 3, ID: "c2", X: 27.28, Y: 61.69, Pop: 0, Groups: []float64{0, 0}},
			{Line: 4, ID: "c3", X: 27.29, Y: 61.70, Pop: 7.5, Groups: []float64{1, 2}},
		}},
		{file: "population-3067.csv", opts: PopulationOptions{Fields: []string{"ika_0_14"}}, crs: EPSG3067, want: []PopPoint{
			{Line: 2, X: 512500, Y: 6838500, Pop: 1234, Groups: []float64{200}},
			{Line: 3, X: 513500, Y: 6838500, Pop: 0.5, Groups: []float64{0}},
		}},
		{file: "population-xy.csv", crs: EPSG3067, want: []PopPoint{
			{Line: 2, X: 512500, Y: 6838500, Pop: 10},
			{Line: 3, X: 513500, Y: 6839500, Pop: 20},
		}, warnings: []string{"line 1: columns x, y read as EPSG:3067 metres"}},
		{file: "population-xy-degrees.csv", crs: WGS84, want: []PopPoint{{Line: 2, X: 27.27, Y: 61.68, Pop: 10}}},
		{file: "population-protected.csv", opts: PopulationOptions{Fields: []string{"ika_0_14"}, ProtectedAsZero: true}, crs: EPSG3067, want: []PopPoint{
			{Line: 2, X: 512500, Y: 6838500, Pop: 12, Groups: []float64{0}},
			{Line: 3, X: 513500, Y: 6838500, Pop: 40, Groups: []float64{11}},
		}, warnings: []string{"line 2: field ika_0_14: -1 (protected value) read as 0"}},
		{file: "pop-bad-no-pop.csv", opts: PopulationOptions{PopulationColumn: "Count"}, crs: WGS84, want: []PopPoint{{Line: 2, X: 27.2, Y: 61.6, Pop: 10}}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			p, err := ReadPopulationWith(fixture(t, tc.file), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if p.CRS != tc.crs || len(p.Points) != len(tc.want) {
				t.Fatalf("CRS %v, %d points", p.CRS, len(p.Points))
			}
			for i, w := range tc.want {
				g := p.Points[i]
				if g.Line != w.Line || g.ID != w.ID || g.X != w.X || g.Y != w.Y || g.Pop != w.Pop || len(g.Groups) != len(w.Groups) {
					t.Errorf("point %d = %+v, want %+v", i, g, w)
					continue
				}
				for j := range w.Groups {
					if g.Groups[j] != w.Groups[j] {
						t.Errorf("point %d groups %v, want %v", i, g.Groups, w.Groups)
					}
				}
			}
			if len(p.Warnings) != len(tc.warnings) {
				t.Fatalf("warnings %v", p.Warnings)
			}
			for i, w := range tc.warnings {
				if s := p.Warnings[i].String(); !strings.Contains(s, tc.file+" "+w) {
					t.Errorf("warning %q, want %q", s, w)
				}
			}
		})
	}
}

func TestReadPopulationMalformed(t *testing.T) {
	cases := []struct {
		file   string
		fields []string
		is     error
		want   string
	}{
		{"pop-bad-negative.csv", nil, ErrRange, ` line 3: field population: "-5": population cannot be negative`},
		{"pop-bad-missing-field.csv", []string{"age_15_24"}, ErrMissingColumn, ` line 1: missing required column age_15_24 (accepted names: age_15_24); the header has: lon, lat, population, age_0_14`},
		{"pop-bad-protected.csv", []string{"ika_0_14"}, ErrRange, ` line 2: field ika_0_14: "-1" cannot be negative (Statistics Finland marks protected values with -1`},
		{"pop-bad-no-coords.csv", nil, ErrMissingColumn, ` line 1: missing coordinate columns: need lon/lat`},
		{"pop-bad-no-pop.csv", nil, ErrMissingColumn, ` line 1: missing required column population (accepted names: population, pop, vaesto`},
		{"pop-bad-swapped-metres.csv", nil, ErrSwapped, ` line 2: field e: "6838500" is a northing, not an easting?`},
		{"pop-bad-nan.csv", nil, ErrNumber, ` line 2: field vaesto: "nan" is not a finite number`},
		{"pop-bad-header-only.csv", nil, ErrNoRows, `: no data rows after the header`},
		{"pop-bad-implausible.csv", nil, ErrRange, ` line 2: field e: "1e12" is not a plausible EPSG:3067 easting`},
		{"pop-bad-lonlat-swapped.csv", nil, ErrSwapped, ` line 3: field lon: "61.6" is a latitude, not a longitude?`},
		{"pop-bad-empty-pop.csv", nil, ErrEmptyValue, ` line 2: field vaesto: empty, a number is needed`},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := fixture(t, tc.file)
			p, err := ReadPopulation(path, tc.fields)
			if p != nil {
				t.Errorf("population returned with an error")
			}
			checkErr(t, err, tc.is, "csvio: "+path+tc.want)
		})
	}
	dir := t.TempDir()
	empty := filepath.Join(dir, "pop.csv")
	os.WriteFile(empty, nil, 0o644)
	_, err := ReadPopulation(empty, nil)
	checkErr(t, err, ErrEmptyFile, "csvio: "+empty+": file is empty (0 bytes)")
	_, err = ReadPopulation(dir, nil)
	checkErr(t, err, ErrNotFile, "csvio: "+dir+": is a directory")
	_, err = DecodePopulation(strings.NewReader("lon,lat,pop\n27,61,1\n"), "p.csv", PopulationOptions{CRS: 3857})
	checkErr(t, err, ErrUnsupported, "csvio: p.csv: unsupported CRS EPSG:3857")
}
