package csvio

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadServices(t *testing.T) {
	cases := []struct {
		file     string
		opts     ServicesOptions
		want     []Service
		warnings []string
	}{
		{file: "services-basic.csv", want: []Service{
			{Line: 2, ID: "hs1", Name: "Mikkeli health station", Category: "health", Lon: 27.2723454, Lat: 61.6869978, Capacity: 3,
				OpeningHours: "Mo-Fr 08:00-16:00", Props: map[string]string{"municipality": "Mikkeli"}},
			{Line: 3, ID: "hs2", Name: "Juva health station, main building", Category: "health", Lon: 27.8574753, Lat: 61.8979615, Capacity: 1,
				Props: map[string]string{"municipality": "Juva"}},
			{Line: 4, ID: "lib1", Name: `The "Old" Library`, Category: "library", Lon: 26.6447403, Lat: 61.9899328, Capacity: 0.5,
				Props: map[string]string{"municipality": "Kangasniemi"}},
		}},
		{file: "services-excel.csv", want: []Service{
			{Line: 2, Name: "Mikkelin terveysasema", Category: "terveys", Lon: 27.2723454, Lat: 61.6869978, Capacity: 2.5, OpeningHours: "ma-pe 8-16"},
			{Line: 3, Name: "Juvan terveysasema; päärakennus", Category: "terveys", Lon: 27.8574753, Lat: 61.8979615, Capacity: 1000},
		}},
		{file: "services-tab.csv", want: []Service{
			{Line: 2, Name: "Savonlinna hospital", Category: "hospital", Lon: 28.85342, Lat: 61.870649, Capacity: 1, Props: map[string]string{"Notes": "yhteispäivystys"}},
			{Line: 4, Name: "Sulkava station", Category: "health_station", Lon: 28.375745, Lat: 61.789759, Capacity: 1, Props: map[string]string{"Notes": ""}},
		}},
		{file: "services-nocategory.csv", opts: ServicesOptions{DefaultCategory: "health"}, want: []Service{
			{Line: 2, Name: "Mikkelin keskussairaala", Category: "health", Lon: 27.278264, Lat: 61.691952, Capacity: 1, Props: map[string]string{"municipality": "Mikkeli"}},
			{Line: 3, Name: "Savonlinnan keskussairaala", Category: "health", Lon: 28.85342, Lat: 61.870649, Capacity: 1, Props: map[string]string{"municipality": "Savonlinna"}},
		}},
		{file: "svc-bad-empty-category.csv", opts: ServicesOptions{DefaultCategory: "other"}, want: []Service{
			{Line: 2, Name: "A", Category: "other", Lon: 27.2, Lat: 61.6, Capacity: 1},
		}},
		{file: "services-latin1.csv", want: []Service{
			{Line: 2, Name: "Pieksmäen sairaala", Category: "hospital", Lon: 27.150259, Lat: 62.302574, Capacity: 1},
		}, warnings: []string{"line 2: text is not valid UTF-8; read as Windows-1252"}},
		{file: "services-duplicate-place.csv", want: []Service{
			{Line: 2, Name: "A", Category: "health", Lon: 27.2, Lat: 61.6, Capacity: 1},
			{Line: 3, Name: "B", Category: "health", Lon: 27.2, Lat: 61.6, Capacity: 1},
			{Line: 4, Name: "C", Category: "library", Lon: 27.2, Lat: 61.6, Capacity: 1},
		}, warnings: []string{`line 3: field lon: same place and category "health" as line 2`}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			got, warns, err := ReadServicesWith(fixture(t, tc.file), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d services, want %d", len(got), len(tc.want))
			}
			for i, w := range tc.want {
				if !sameService(got[i], w) {
					t.Errorf("service %d\n got %+v\nwant %+v", i, got[i], w)
				}
			}
			if len(warns) != len(tc.warnings) {
				t.Fatalf("warnings %v, want %d", warns, len(tc.warnings))
			}
			for i, w := range tc.warnings {
				if s := warns[i].String(); !strings.Contains(s, tc.file+" "+w) {
					t.Errorf("warning %q, want it to contain %q", s, w)
				}
			}
		})
	}
}

func sameService(a, b Service) bool {
	if a.Line != b.Line || a.ID != b.ID || a.Name != b.Name || a.Category != b.Category ||
		!near(a.Lon, b.Lon, 1e-12) || !near(a.Lat, b.Lat, 1e-12) || a.Capacity != b.Capacity ||
		a.OpeningHours != b.OpeningHours || len(a.Props) != len(b.Props) {
		return false
	}
	for k, v := range b.Props {
		if a.Props[k] != v {
			return false
		}
	}
	return true
}

func TestReadServicesMalformed(t *testing.T) {
	cases := []struct {
		file string
		is   error
		want string // after "csvio: <path>"
	}{
		{"svc-bad-nan.csv", ErrNumber, ` line 3: field lon: "NaN" is not a finite number`},
		{"svc-bad-swapped.csv", ErrSwapped, ` line 7: field lon: "61.2" is a latitude, not a longitude? lon 61.2, lat 27.3 look swapped`},
		{"svc-bad-dup-id.csv", ErrDuplicateID, ` line 4: field id: "a1" already used on line 2`},
		{"svc-bad-missing-lat.csv", ErrMissingColumn, ` line 1: missing required column lat (accepted names: lat, latitude, y); the header has: name, kind, longitude, latitud`},
		{"svc-bad-header-only.csv", ErrNoRows, `: no data rows after the header`},
		{"svc-bad-empty-lon.csv", ErrEmptyValue, ` line 2: field lon: empty, a number is needed`},
		{"svc-bad-lat-range.csv", ErrRange, ` line 2: field lat: "95" is outside -90..90`},
		{"svc-bad-extra-field.csv", ErrFieldCount, ` line 2: 5 fields, but the header has 4 (a value containing ',' needs quotes)`},
		{"svc-bad-short-row.csv", ErrFieldCount, ` line 2: 3 fields, but the header has 4`},
		{"svc-bad-capacity.csv", ErrRange, ` line 2: field capacity: "-2": capacity must be zero or more`},
		{"svc-bad-no-category.csv", ErrMissingColumn, ` line 1: missing required column category (accepted names: category, type, kind`},
		{"svc-bad-empty-name.csv", ErrEmptyValue, ` line 2: field name: empty, every service needs a name`},
		{"svc-bad-empty-category.csv", ErrEmptyValue, ` line 2: field category: empty, every service needs a category`},
		{"svc-bad-metres.csv", ErrRange, ` line 2: field x: "512500" is not a longitude: lon 512500, lat 6838500 look like EPSG:3067 metres`},
		{"svc-bad-duplicate-column.csv", ErrDuplicateColumn, ` line 1: field Lon: column appears twice (columns 3 and 4)`},
		{"svc-bad-utf16.csv", ErrEncoding, `: file is UTF-16 encoded; save it as UTF-8 CSV`},
		{"svc-bad-decimal-comma.csv", ErrNumber, ` line 2: field lon: "27,2" is not a number (decimal commas are read only in ';'-separated files)`},
		{"svc-bad-inf-capacity.csv", ErrNumber, ` line 2: field capacity: "Infinity" is not a finite number`},
		{"svc-bad-null-island.csv", ErrRange, ` line 2: field lon: lon 0, lat 0 is not a real place`},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := fixture(t, tc.file)
			got, _, err := ReadServices(path)
			if got != nil {
				t.Errorf("services returned with an error: %v", got)
			}
			checkErr(t, err, tc.is, "csvio: "+path+tc.want)
		})
	}
}

func TestReadServicesFileProblems(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "services.csv")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := ReadServices(empty)
	checkErr(t, err, ErrEmptyFile, "csvio: "+empty+": file is empty (0 bytes)")
	_, _, err = ReadServices(dir)
	checkErr(t, err, ErrNotFile, "csvio: "+dir+": is a directory, not a CSV file")
}
