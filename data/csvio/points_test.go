package csvio

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReadPoints(t *testing.T) {
	pts, err := ReadPoints(fixture(t, "points.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line     int
		id       string
		lon, lat float64
		pop, job float64
	}{
		{2, "89a901291abffff", -51.1582459466033, -30.0538460280879, 0, 1214},
		{3, "89a9012a3cfffff", -51.2118666785315, -30.1005760100267, 159, 0},
		{4, "o3", -51.2, -30.05, 12.5, 1000},
	}
	if len(pts) != len(want) {
		t.Fatalf("%d points", len(pts))
	}
	for i, w := range want {
		p := pts[i]
		if p.Line != w.line || p.ID != w.id || p.Lon != w.lon || p.Lat != w.lat {
			t.Errorf("point %d = %+v", i, p)
		}
		// "name" holds text in its first row: not a weight.
		if len(p.Weights) != 2 || p.Weights[0].Name != "population" || p.Weights[1].Name != "jobs" {
			t.Fatalf("point %d weights %+v", i, p.Weights)
		}
		if v, ok := p.Weight("population"); !ok || v != w.pop {
			t.Errorf("point %d population %v", i, v)
		}
		if v, ok := p.Weight("jobs"); !ok || v != w.job {
			t.Errorf("point %d jobs %v", i, v)
		}
		if _, ok := p.Weight("name"); ok {
			t.Errorf("point %d has a name weight", i)
		}
	}
	// Appending to one point's weights must not overwrite the next point's.
	_ = append(pts[0].Weights, Weight{Name: "x", Value: 1})
	if pts[1].Weights[0].Name != "population" {
		t.Error("weights share capacity between points")
	}
}

func TestReadPointsMissingWeights(t *testing.T) {
	pts, err := ReadPoints(fixture(t, "points-missing-weight.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// jobs is numeric (first non-empty cell 11); schools is all empty and
	// notes is text: neither is a weight.
	want := []Weight{{"jobs", 0, true}, {"jobs", 11, false}, {"jobs", 12, false}}
	for i, p := range pts {
		if len(p.Weights) != 1 || p.Weights[0] != want[i] {
			t.Errorf("point %d weights %+v, want %+v", i, p.Weights, want[i])
		}
	}
}

func TestReadPointsMalformed(t *testing.T) {
	cases := []struct {
		file string
		is   error
		want string
	}{
		{"pts-bad-dup-id.csv", ErrDuplicateID, ` line 3: field id: "p1" already used on line 2`},
		{"pts-bad-no-id.csv", ErrMissingColumn, ` line 1: missing required column id (accepted names: id, tunnus, fid); the header has: name, lon, lat`},
		{"pts-bad-empty-id.csv", ErrEmptyValue, ` line 3: field id: empty, every point needs an id`},
		{"pts-bad-weight.csv", ErrNumber, ` line 4: field jobs: "12o" is not a number (line 2 makes this a numeric column)`},
		{"pts-bad-nan-weight.csv", ErrNumber, ` line 3: field jobs: "nan" is not a finite number`},
		{"pts-bad-swapped.csv", ErrSwapped, ` line 2: field lon: "61,6" is a latitude, not a longitude?`},
		{"pts-bad-header-only.csv", ErrNoRows, `: no data rows after the header`},
		{"pts-bad-lon-range.csv", ErrRange, ` line 2: field lon: "-200" is outside -180..180`},
		{"pts-bad-lat-text.csv", ErrNumber, ` line 2: field lat: "abc" is not a number`},
		{"pts-bad-missing-lon.csv", ErrMissingColumn, ` line 1: missing required column lon (accepted names: lon, lng, long, longitude, x)`},
		{"svc-bad-extra-field.csv", ErrMissingColumn, ` line 1: missing required column id`},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := fixture(t, tc.file)
			pts, err := ReadPoints(path)
			if pts != nil {
				t.Errorf("points returned with an error")
			}
			checkErr(t, err, tc.is, "csvio: "+path+tc.want)
		})
	}
	dir := t.TempDir()
	empty := filepath.Join(dir, "o.csv")
	os.WriteFile(empty, nil, 0o644)
	_, err := ReadPoints(empty)
	checkErr(t, err, ErrEmptyFile, "csvio: "+empty+": file is empty (0 bytes)")
	_, err = ReadPoints(dir)
	checkErr(t, err, ErrNotFile, "csvio: "+dir+": is a directory")
}
