package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/links"
)

// badCase is one malformed input. Fixtures are testdata/bad/<kind>/<name>;
// gen makes the input instead (binary or real-data-derived files) and
// returns its path.
type badCase struct {
	name string
	want []string // substrings the message must hold besides the file name
	gen  func(t *testing.T, dir string) string
}

// badKind is one kind of input and the command line that reads it.
type badKind struct {
	kind string
	// args returns the command line reading input, writing to out (a
	// folder that exists and is empty).
	args  func(t *testing.T, input, out string) []string
	cases []badCase
}

// TestBadInputTable runs every malformed input through the real command,
// in process: exit code 2, a message naming the file and the line or
// feature and saying what is wrong, and nothing at all in --out.
func TestBadInputTable(t *testing.T) {
	for _, k := range badKinds(t) {
		t.Run(k.kind, func(t *testing.T) {
			if len(k.cases) < 10 {
				t.Errorf("%s has %d cases, want at least 10", k.kind, len(k.cases))
			}
			seen := map[string]bool{}
			for _, c := range k.cases {
				if seen[c.name] {
					t.Fatalf("case %s listed twice", c.name)
				}
				seen[c.name] = true
				t.Run(c.name, func(t *testing.T) { runBadCase(t, k, c) })
			}
			if fixtures, err := os.ReadDir(fixture(t, "bad", k.kind)); err == nil {
				for _, f := range fixtures {
					// A Shapefile's .shx, .dbf, .prj and .cpg go with its .shp.
					shp := strings.TrimSuffix(f.Name(), filepath.Ext(f.Name())) + ".shp"
					if !seen[f.Name()] && !seen[shp] && f.Name() != "base" && gtfsWarningCases[f.Name()] == nil {
						t.Errorf("fixture %s/%s is not in the table", k.kind, f.Name())
					}
				}
			}
		})
	}
}

// gtfsWarningCases are feeds whose stop times are out of order in a way
// the reader repairs: row-level problems of real feeds are warnings that
// name the row, and the feed loads.
// The first string of each is the place, the second what is wrong.
var gtfsWarningCases = map[string][]string{
	"out-of-order":          {"stop_times.txt line 4: field arrival_time", `arrival 08:05:00 of trip "T1" is before the previous departure 08:10:00`},
	"sequence-out-of-order": {"stop_times.txt line 2: field stop_sequence", `stop times of trip "T1" are not in stop_sequence order; sorted`},
}

func TestBadInputGTFSWarnings(t *testing.T) {
	for name, want := range gtfsWarningCases {
		t.Run(name, func(t *testing.T) {
			feed, err := gtfs.Load(context.Background(), gtfsCase(name, "")(t, t.TempDir()), gtfs.Options{})
			if err != nil {
				t.Fatalf("feed does not load: %v", err)
			}
			var b strings.Builder
			if err := feed.Report.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			for _, w := range want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("report lacks %q:\n%s", w, b.String())
				}
			}
			if hasCommand("validate") {
				// saavu validate reports the warning and exits 0.
				code, stdout, stderr := run(t, "validate", "--gtfs", gtfsCase(name, "")(t, t.TempDir()))
				if code != ExitOK || !strings.Contains(stdout, want[0]) || !strings.Contains(stdout, "1 warnings") {
					t.Errorf("validate: exit %d, want 0 with the warning at %q\n%s%s", code, want[0], stdout, stderr)
				}
			}
			// The repaired trip keeps its times in order.
			st := &feed.StopTimes
			from, to := st.Trip(0)
			for j := from + 1; j < to; j++ {
				if st.Arr[j] < st.Dep[j-1] {
					t.Errorf("stop time %d arrives at %v, before the departure %v before it", j, st.Arr[j], st.Dep[j-1])
				}
			}
		})
	}
}

func runBadCase(t *testing.T, k badKind, c badCase) {
	var input string
	if c.gen != nil {
		input = c.gen(t, t.TempDir())
	} else {
		input = fixture(t, "bad", k.kind, c.name)
		if _, err := os.Stat(input); err != nil {
			t.Fatalf("fixture missing: %v", err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	code, msg := runReader(t, k, input, out)
	if code != ExitInput {
		t.Fatalf("exit %d, want %d\n%s", code, ExitInput, msg)
	}
	name := filepath.Base(input)
	if filepath.Ext(name) == ".shp" {
		name = strings.TrimSuffix(name, ".shp") + "." // the .shp or one of its files
	}
	if !strings.Contains(msg, name) {
		t.Errorf("message does not name the file %s:\n%s", name, msg)
	}
	for _, w := range c.want {
		if !strings.Contains(msg, w) {
			t.Errorf("message lacks %q:\n%s", w, msg)
		}
	}
	if strings.Count(strings.TrimSpace(msg), "\n") > 2 {
		t.Errorf("message runs over %d lines:\n%s", strings.Count(msg, "\n"), msg)
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		t.Fatalf("--out folder: %v", err)
	}
	for _, e := range ents {
		t.Errorf("--out holds %s after a failed run", e.Name())
	}
}

// runReader runs the command for k, or, for GTFS and sketch links while
// no command reads them, the package loader; it returns the exit code and
// the message.
func runReader(t *testing.T, k badKind, input, out string) (int, string) {
	if k.args != nil {
		code, _, stderr := run(t, k.args(t, input, out)...)
		return code, stderr
	}
	var err error
	switch k.kind {
	case "gtfs":
		var ge *gtfs.Error
		if _, err = gtfs.Load(context.Background(), input, gtfs.Options{}); err != nil && !errors.As(err, &ge) {
			return ExitFailure, err.Error()
		}
	case "links":
		var le *links.RowError
		if _, err = links.Load(input); err != nil && !errors.As(err, &le) && !errors.Is(err, os.ErrNotExist) && !isDirError(err) {
			return ExitFailure, err.Error()
		}
	}
	if err == nil {
		return ExitOK, ""
	}
	return ExitInput, err.Error()
}

func isDirError(err error) bool {
	var pe *os.PathError
	return errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "is a directory")
}

// hasCommand tells whether saavu has the named subcommand.
func hasCommand(name string) bool {
	for _, c := range commands() {
		if c.name == name {
			return true
		}
	}
	return false
}

func badKinds(t *testing.T) []badKind {
	town := fixture(t, "osm", "town.osm")
	regions := fixture(t, "cli", "regions.geojson")
	population := fixture(t, "cli", "population.csv")
	services := fixture(t, "cli", "services.csv")
	analyse := func(extra ...string) func(*testing.T, string, string) []string {
		return func(t *testing.T, input, out string) []string {
			args := []string{"analyse", "-q", "--cell-size", "250", "--out", out}
			for i := 0; i < len(extra); i += 2 {
				v := extra[i+1]
				if v == "" {
					v = input
				}
				args = append(args, extra[i], v)
			}
			return args
		}
	}
	// Cases every file input shares: a folder and a missing file.
	common := func(name string, dirWant ...string) []badCase {
		return []badCase{
			{name: "directory", want: dirWant, gen: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, name)
				if err := os.Mkdir(p, 0o755); err != nil {
					t.Fatal(err)
				}
				return p
			}},
			{name: "missing file", want: []string{"no such file"}, gen: func(t *testing.T, dir string) string {
				return filepath.Join(dir, name)
			}},
		}
	}

	kinds := []badKind{
		{
			kind: "regions",
			args: analyse("--osm", town, "--services", services, "--population", population, "--regions", ""),
			cases: append(common("regions.geojson", "is a directory"),
				badCase{name: "truncated.geojson", want: []string{"feature 1", "truncated JSON"}},
				badCase{name: "empty.geojson", want: []string{"empty (0 bytes)"}},
				badCase{name: "empty-collection.geojson", want: []string{"no features"}},
				badCase{name: "string-coordinates.geojson", want: []string{`feature 0 (id "T")`, "position 0", "expected a number, found a string"}},
				badCase{name: "nan-coordinate.geojson", want: []string{"feature 0", "line 3, column 78", "invalid character 'N'"}},
				badCase{name: "huge-coordinate.geojson", want: []string{`feature 1 (id "U")`, "position 1", "1e400 is out of range"}},
				badCase{name: "swapped.geojson", want: []string{`feature 0 (id "T")`, "lon and lat look swapped"}},
				badCase{name: "bowtie.geojson", want: []string{`feature 1 (id "B")`, "self-intersection"}},
				badCase{name: "wfs.gml", want: []string{"wfs.gml: GML/XML (as from a WFS service) is not a format saavu reads", "ogr2ogr -f GeoJSON -t_srs EPSG:4326"}},
				badCase{name: "no-dbf.shp", want: []string{"no-dbf.shp: no .dbf beside it", "ogr2ogr -f GeoJSON"}},
				badCase{name: "truncated.gpkg", want: []string{"truncated.gpkg: cannot read as a GeoPackage", "malformed"}},
				badCase{name: "wrong-prj.shp", want: []string{"wrong-prj.shp", `coordinate system "KKJ_Finland_Uniform_Coordinate_System" is not one saavu reads`,
					"ogr2ogr -t_srs EPSG:3067 out.shp "}},
				badCase{name: "codepage.shp", want: []string{"codepage.dbf: record 1", `field "nimi"`, `text "Pieks?m?ki" is not UTF-8`, "such as ISO-8859-1"}},
				badCase{name: "duplicate-feature-id.geojson", want: []string{`feature 1 (id "T")`, "already used by feature 0"}},
				badCase{name: "duplicate-region-id.geojson", want: []string{"features 0 and 1", `share the id "091"`}},
				badCase{name: "unknown-crs.geojson", want: []string{"unknown CRS", "EPSG::3879"}},
				badCase{name: "point-geometry.geojson", want: []string{`feature 1 (id "C")`, "is a Point, want a Polygon or MultiPolygon"}},
				badCase{name: "unclosed-ring.geojson", want: []string{`feature 0 (id "T")`, "ring 0 is not closed"}},
				badCase{name: "metres-outside-finland.geojson", want: []string{`feature 0 (id "T")`, "neither lon/lat degrees nor EPSG:3067"}},
				badCase{name: "null-geometry.geojson", want: []string{`feature 1 (id "V")`, "has no geometry"}},
				badCase{name: "utf16.geojson", want: []string{"UTF-16", "must be UTF-8"}},
				badCase{name: "outside-extract.geojson", want: []string{"population.csv", "populated cells", "lies inside the regions"}},
			),
		},
		{
			kind: "population-geojson",
			args: analyse("--osm", town, "--services", services, "--regions", regions, "--population", ""),
			cases: append(common("population.geojson", "is a directory"),
				badCase{name: "truncated.geojson", want: []string{"feature 2", "truncated JSON"}},
				badCase{name: "empty.geojson", want: []string{"empty (0 bytes)"}},
				badCase{name: "empty-collection.geojson", want: []string{"no features"}},
				badCase{name: "text-population.geojson", want: []string{`feature 1 (id "c2")`, `"population" = "many" is not a number`}},
				badCase{name: "negative-population.geojson", want: []string{`feature 1 (id "c2")`, `"population" = -80: must be a finite number >= 0`}},
				badCase{name: "nan-population.geojson", want: []string{`feature 1 (id "c2")`, `"population" = NaN: must be a finite number`}},
				badCase{name: "huge-population.geojson", want: []string{`feature 1 (id "c2")`, "1e999 is out of range"}},
				badCase{name: "missing-population.geojson", want: []string{`feature 1 (id "c2")`, `property "population" is missing`}},
				badCase{name: "no-population-property.geojson", want: []string{"no population property found", "properties: count", "--population-field"}},
				badCase{name: "swapped.geojson", want: []string{`feature 0 (id "c1")`, "lon and lat look swapped"}},
				badCase{name: "nan-coordinate.geojson", want: []string{`feature 1 (id "c2")`, "expected a number, found a string"}},
				badCase{name: "inf-coordinate.geojson", want: []string{`feature 1 (id "c2")`, "-1e309 is out of range"}},
				badCase{name: "mixed-crs.geojson", want: []string{`feature 1 (id "c2")`, "mixed or unknown CRS"}},
				badCase{name: "duplicate-id.geojson", want: []string{`feature 1 (id "c1")`, "already used by feature 0"}},
				badCase{name: "null-geometry.geojson", want: []string{`feature 1 (id "c2")`, "has no geometry"}},
				badCase{name: "line-geometry.geojson", want: []string{`feature 1 (id "a2")`, "is a LineString, want a Polygon or MultiPolygon"}},
				badCase{name: "bowtie-area.geojson", want: []string{`feature 1 (id "a2")`, "self-intersection"}},
				badCase{name: "unknown-crs.geojson", want: []string{"unknown CRS", "EPSG:2393"}},
				badCase{name: "utf16be.geojson", want: []string{"UTF-16", "must be UTF-8"}},
			),
		},
		{
			kind: "population-csv",
			args: analyse("--osm", town, "--services", services, "--regions", regions, "--population", ""),
			cases: append(common("population.csv", "is a directory"),
				badCase{name: "truncated.csv", want: []string{"line 4", "2 fields, but the header has 3"}},
				badCase{name: "empty.csv", want: []string{"empty (0 bytes)"}},
				badCase{name: "header-only.csv", want: []string{"no data rows"}},
				badCase{name: "text-population.csv", want: []string{"line 3", "field population", `"many" is not a number`}},
				badCase{name: "nan-population.csv", want: []string{"line 3", "field population", `"NaN" is not a finite number`}},
				badCase{name: "huge-population.csv", want: []string{"line 3", "field population", `"1e999" is out of range`}},
				badCase{name: "negative-population.csv", want: []string{"line 3", "field population", "cannot be negative"}},
				badCase{name: "swapped.csv", want: []string{"line 3", "field lon", "look swapped"}},
				badCase{name: "inf-coordinate.csv", want: []string{"line 3", "field lon", `"inf" is not a finite number`}},
				badCase{name: "huge-coordinate.csv", want: []string{"line 3", "field lat", `"-1e400" is out of range`}},
				badCase{name: "no-coordinates.csv", want: []string{"line 1", "missing coordinate columns", "the header has: name, population"}},
				badCase{name: "no-population-column.csv", want: []string{"line 1", "missing required column population"}},
				badCase{name: "swapped-metres.csv", want: []string{"line 3", "field e", "look swapped"}},
				badCase{name: "duplicate-id.csv", want: []string{"line 3", "field grd_id", "already used on line 2"}},
				badCase{name: "unterminated-quote.csv", want: []string{"line 3", "quote opened on this line is never closed"}},
				badCase{name: "utf16.csv", want: []string{"UTF-16"}},
				badCase{name: "extra-field.csv", want: []string{"line 3", "4 fields, but the header has 3"}},
				badCase{name: "outside-extract.csv", want: []string{"regions.geojson", "none of the 1 populated cells", "lies inside the regions"}},
			),
		},
		{
			kind: "services-csv",
			args: analyse("--osm", town, "--regions", regions, "--population", population, "--services", ""),
			cases: append(common("services.csv", "is a directory"),
				badCase{name: "truncated.csv", want: []string{"line 3", "1 field, but the header has 4"}},
				badCase{name: "empty.csv", want: []string{"empty (0 bytes)"}},
				badCase{name: "header-only.csv", want: []string{"no data rows"}},
				badCase{name: "no-category-column.csv", want: []string{"line 1", "missing required column category", "the header has: name, lon, lat"}},
				badCase{name: "nan-lat.csv", want: []string{"line 3", "field lat", `"NaN" is not a finite number`}},
				badCase{name: "huge-lon.csv", want: []string{"line 3", "field lon", `"1e999" is out of range`}},
				badCase{name: "inf-capacity.csv", want: []string{"line 3", "field capacity", `"Infinity" is not a finite number`}},
				badCase{name: "negative-capacity.csv", want: []string{"line 3", "field capacity", "zero or more"}},
				badCase{name: "swapped.csv", want: []string{"line 3", "field lon", "look swapped"}},
				badCase{name: "duplicate-id.csv", want: []string{"line 3", "field id", `"S1" already used on line 2`}},
				badCase{name: "lat-out-of-range.csv", want: []string{"line 3", "field lat", "outside -90..90"}},
				badCase{name: "metres.csv", want: []string{"line 2", "field lon", "look like EPSG:3067 metres"}},
				badCase{name: "empty-name.csv", want: []string{"line 3", "field name", "empty"}},
				badCase{name: "short-row.csv", want: []string{"line 3", "3 fields, but the header has 4"}},
				badCase{name: "text-lon.csv", want: []string{"line 3", "field lon", `"twenty-three" is not a number`}},
				badCase{name: "utf16.csv", want: []string{"UTF-16"}},
				badCase{name: "duplicate-column.csv", want: []string{"line 1", "field name", "column appears twice"}},
				badCase{name: "outside-extract.csv", want: []string{"town.osm", "no service (of 1)", "the extract does not cover them"}},
			),
		},
		{
			kind: "services-geojson",
			args: analyse("--osm", town, "--regions", regions, "--population", population, "--services", ""),
			cases: append(common("services.geojson", "is a directory"),
				badCase{name: "truncated.geojson", want: []string{"feature 1", "line 3, column 81", "in string literal"}},
				badCase{name: "empty.geojson", want: []string{"empty (0 bytes)"}},
				badCase{name: "empty-collection.geojson", want: []string{"no features"}},
				badCase{name: "polygon-geometry.geojson", want: []string{`feature 1 (id "s2")`, "is a Polygon, expected a Point"}},
				badCase{name: "no-category.geojson", want: []string{`feature 1 (id "s2")`, `no "category" property`}},
				badCase{name: "duplicate-id.geojson", want: []string{`feature 1 (id "s1")`, "already used by feature 0"}},
				badCase{name: "epsg3067.geojson", want: []string{"WGS84"}},
				badCase{name: "swapped.geojson", want: []string{`feature 0 (id "s1")`, "lon and lat look swapped"}},
				badCase{name: "text-capacity.geojson", want: []string{`feature 1 (id "s2")`, `"capacity" = "lots" is not a number`}},
				badCase{name: "negative-capacity.geojson", want: []string{`feature 1 (id "s2")`, `"capacity" = -3: must be a finite number >= 0`}},
				badCase{name: "nan-capacity.geojson", want: []string{`feature 1 (id "s2")`, `"capacity" = NaN: must be a finite number`}},
				badCase{name: "lon-out-of-range.geojson", want: []string{`feature 1 (id "s2")`, "(203.704, 61.502)"}},
				badCase{name: "unknown-crs.geojson", want: []string{"unknown CRS", "EPSG:25835"}},
				badCase{name: "string-coordinates.geojson", want: []string{`feature 1 (id "s2")`, "expected a number, found a string"}},
				badCase{name: "multipoint.geojson", want: []string{`feature 1 (id "s2")`, "MultiPoint of 2 points"}},
				badCase{name: "top-level-array.geojson", want: []string{"top level is an array"}},
				badCase{name: "utf16.geojson", want: []string{"UTF-16", "must be UTF-8"}},
			),
		},
		{
			kind: "osm",
			args: analyse("--services", services, "--regions", regions, "--population", population, "--osm", ""),
			cases: append(common("roads.osm.pbf", "is a directory"),
				badCase{name: "empty.osm", want: []string{"the file is empty"}},
				badCase{name: "truncated.osm", want: []string{"line 8", "unexpected EOF"}},
				badCase{name: "not-osm.osm", want: []string{"not an OpenStreetMap PBF or XML file"}},
				badCase{name: "html-page.osm.pbf", want: []string{"HTML page"}},
				badCase{name: "text-coordinate.osm", want: []string{"line 7", "node 5", `lat="sixty-one" is not a coordinate`}},
				badCase{name: "lat-out-of-range.osm", want: []string{"line 7", "node 5", `lat="161.5" is not a coordinate`}},
				badCase{name: "nan-coordinate.osm", want: []string{"line 7", "node 5", `lat="NaN" is not a coordinate`}},
				badCase{name: "huge-coordinate.osm", want: []string{"line 7", "node 5", `lon="1e400" is not a coordinate`}},
				badCase{name: "text-id.osm", want: []string{"line 7", `id="x5" is not an integer`}},
				badCase{name: "no-streets.osm", want: []string{"no street usable by walk"}},
				badCase{name: "missing-nodes.osm", want: []string{"no street usable by walk"}},
				badCase{name: "corrupt.osm.gz", want: []string{"corrupt data: gzip"}},
				badCase{name: "corrupt.osm.bz2", want: []string{"bzip2-compressed data that is not OSM XML"}},
				badCase{name: "utf16.osm", want: []string{"UTF-16"}},
				badCase{name: "elsewhere.osm", want: []string{"population.csv", "no populated cell (of ", "the extract does not cover them"}},
				badCase{name: "mismatched-tag.osm", want: []string{"line 11", "element <osm> closed by </node>"}},
				badCase{name: "zip archive", want: []string{"zip archive"}, gen: zipOf("roads.osm.pbf", "town.osm")},
				badCase{name: "pbf cut in half", want: []string{"truncated PBF", "needs", "more bytes"}, gen: cutTampere(0.5, false)},
				badCase{name: "pbf cut after 100 bytes", want: []string{"truncated PBF at byte 100"}, gen: cutTampere(100, false)},
				badCase{name: "pbf block zeroed", want: []string{"block at byte", "corrupt data"}, gen: cutTampere(0.5, true)},
			),
		},
		{
			kind: "points",
			args: func(t *testing.T, input, out string) []string {
				return []string{"matrix", "-q", "--osm", town, "--mode", "walk", "--origins", input, "--out", filepath.Join(out, "m.csv")}
			},
			cases: append(common("points.csv", "is a directory"),
				badCase{name: "truncated.csv", want: []string{"line 3", "2 fields, but the header has 3"}},
				badCase{name: "empty.csv", want: []string{"empty (0 bytes)"}},
				badCase{name: "header-only.csv", want: []string{"no data rows"}},
				badCase{name: "no-id-column.csv", want: []string{"line 1", "missing required column id"}},
				badCase{name: "duplicate-id.csv", want: []string{"line 3", "field id", `"a" already used on line 2`}},
				badCase{name: "empty-id.csv", want: []string{"line 3", "field id", "empty"}},
				badCase{name: "nan-lon.csv", want: []string{"line 3", "field lon", `"NaN" is not a finite number`}},
				badCase{name: "inf-lat.csv", want: []string{"line 3", "field lat", `"-inf" is not a finite number`}},
				badCase{name: "huge-lat.csv", want: []string{"line 3", "field lat", `"1e999" is out of range`}},
				badCase{name: "swapped.csv", want: []string{"line 3", "field lon", "look swapped"}},
				badCase{name: "null-island.csv", want: []string{"line 3", "lon 0, lat 0 is not a real place"}},
				badCase{name: "metres.csv", want: []string{"line 3", "look like EPSG:3067 metres"}},
				badCase{name: "text-weight.csv", want: []string{"line 3", "field jobs", `"many" is not a number`}},
				badCase{name: "unterminated-quote.csv", want: []string{"line 3", "quote opened on this line is never closed"}},
				badCase{name: "utf16.csv", want: []string{"UTF-16"}},
				badCase{name: "semicolon-extra-field.csv", want: []string{"line 3", "4 fields, but the header has 3", "';'"}},
			),
		},
		{
			kind: "gtfs",
			cases: []badCase{
				{name: "missing file", want: []string{"no such file"}, gen: func(t *testing.T, dir string) string { return filepath.Join(dir, "feed.zip") }},
				{name: "text file as feed", want: []string{"not a zip archive or a directory"}, gen: func(t *testing.T, dir string) string {
					return writeFile(t, filepath.Join(dir, "feed.zip"), []byte("route_id,route_type\nR1,3\n"))
				}},
				{name: "empty zip file", want: []string{"not a zip archive or a directory"}, gen: func(t *testing.T, dir string) string {
					return writeFile(t, filepath.Join(dir, "feed.zip"), nil)
				}},
				{name: "zip cut in half", want: []string{"not a zip archive or a directory"}, gen: func(t *testing.T, dir string) string {
					b := zipFeed(t, "base", "")
					return writeFile(t, filepath.Join(dir, "feed.zip"), b[:len(b)/2])
				}},
				{name: "missing-stops", want: []string{"stops.txt", "required file is missing"}, gen: gtfsCase("missing-stops", "stops.txt")},
				{name: "missing-calendar", want: []string{"calendar.txt", "required file is missing", "calendar_dates.txt"}, gen: gtfsCase("missing-calendar", "calendar.txt")},
				{name: "missing-column", want: []string{"stop_times.txt line 1", "field stop_sequence", "required column is missing"}, gen: gtfsCase("missing-column", "")},
				{name: "negative-headway", want: []string{"frequencies.txt line 2", "field headway_secs", `"-600" is not a positive number of seconds`}, gen: gtfsCase("negative-headway", "")},
				{name: "bad-time", want: []string{"stop_times.txt line 4", "field arrival_time", "minutes must be < 60"}, gen: gtfsCase("bad-time", "")},
				{name: "unknown-stop", want: []string{"stop_times.txt line 3", "field stop_id", `unknown stop "S9"`}, gen: gtfsCase("unknown-stop", "")},
				{name: "unknown-trip", want: []string{"stop_times.txt line 6", "field trip_id", `unknown trip "T3"`}, gen: gtfsCase("unknown-trip", "")},
				{name: "bad-date", want: []string{"calendar.txt line 2", "field start_date", "expected YYYYMMDD"}, gen: gtfsCase("bad-date", "")},
				{name: "nan-latitude", want: []string{"stops.txt line 3", "field stop_lat", `"NaN" is not a latitude`}, gen: gtfsCase("nan-latitude", "")},
				{name: "huge-longitude", want: []string{"stops.txt line 3", "field stop_lon", `"1e400" is not a longitude`}, gen: gtfsCase("huge-longitude", "")},
				{name: "empty-stops", want: []string{"stops.txt", "file is empty"}, gen: gtfsCase("empty-stops", "")},
				{name: "utf16-stops", want: []string{"stops.txt line 1", "UTF-16"}, gen: gtfsCase("utf16-stops", "")},
				{name: "sequence-out-of-order-untimed", want: []string{"stop_times.txt line 3", "first stop time of trip", `T1" has no time`}, gen: gtfsCase("sequence-out-of-order-untimed", "")},
				{name: "unterminated-quote", want: []string{"trips.txt line 3", "field trip_id", "quote opened on this line is never closed"}, gen: gtfsCase("unterminated-quote", "")},
				{name: "zip with a bad time", want: []string{"feed.zip", "stop_times.txt line 4", "minutes must be < 60"}, gen: func(t *testing.T, dir string) string {
					return writeFile(t, filepath.Join(dir, "feed.zip"), zipFeed(t, "bad-time", ""))
				}},
			},
		},
		{
			kind: "links",
			cases: append(common("links.csv", "is a directory"),
				badCase{name: "empty.csv", want: []string{"the file is empty"}},
				badCase{name: "header-only.csv", want: []string{"header but no line"}},
				badCase{name: "missing-minutes-column.csv", want: []string{"line 1", "field minutes", "required column is missing"}},
				badCase{name: "negative-headway.csv", want: []string{"line 2", "field headway_min", `"-10" is not a number of minutes between 1 and 1440`}},
				badCase{name: "tiny-headway.csv", want: []string{"line 3", "field headway_min", `"0.5"`}},
				badCase{name: "swapped.csv", want: []string{"line 2", "field stops", "look swapped"}},
				badCase{name: "nan-coordinate.csv", want: []string{"line 2", "field stops", "stop 1", "must be numbers within"}},
				badCase{name: "huge-coordinate.csv", want: []string{"line 2", "field stops", "stop 2", "must be numbers within"}},
				badCase{name: "duplicate-line.csv", want: []string{"line 3", "field line", `"K1" is already on line 2`}},
				badCase{name: "last-before-first.csv", want: []string{"line 2", "field last", "07:00 is before first 09:00"}},
				badCase{name: "bad-time.csv", want: []string{"line 2", "field departures", `"6:75" is not a time`}},
				badCase{name: "minutes-count.csv", want: []string{"line 2", "field minutes", "expected one value or 2"}},
				badCase{name: "negative-minutes.csv", want: []string{"line 2", "field minutes", `"-4"`}},
				badCase{name: "single-stop.csv", want: []string{"line 2", "field stops", "at least two stops"}},
				badCase{name: "unknown-mode.csv", want: []string{"line 2", "field mode", `"hovercraft" is not a mode`}},
				badCase{name: "bad-days.csv", want: []string{"line 2", "field days", "is not a day"}},
				badCase{name: "truncated.csv", want: []string{"line 3", "field stops", `stop 2 "Asema@27.28"`}},
				badCase{name: "utf16.csv", want: []string{"UTF-16"}},
			),
		},
	}
	if hasCommand("validate") {
		for i := range kinds {
			switch kinds[i].kind {
			case "gtfs":
				kinds[i].args = func(t *testing.T, input, out string) []string { return []string{"validate", "--gtfs", input} }
			case "links":
				kinds[i].args = func(t *testing.T, input, out string) []string { return []string{"validate", "--links", input} }
			}
		}
	}
	return kinds
}

func writeFile(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// gtfsCase builds a feed folder from testdata/bad/gtfs/base with the .txt
// files of the case folder laid over it and the file drop removed.
func gtfsCase(name, drop string) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		feed := filepath.Join(dir, name)
		if err := os.Mkdir(feed, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, src := range []string{"base", name} {
			files, err := filepath.Glob(filepath.Join(fixture(t, "bad", "gtfs", src), "*.txt"))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(feed, filepath.Base(f)), b)
			}
		}
		if drop != "" {
			if err := os.Remove(filepath.Join(feed, drop)); err != nil {
				t.Fatal(err)
			}
		}
		return feed
	}
}

// zipFeed zips the feed gtfsCase(name, drop) builds.
func zipFeed(t *testing.T, name, drop string) []byte {
	t.Helper()
	feed := gtfsCase(name, drop)(t, t.TempDir())
	files, err := os.ReadDir(feed)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(feed, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipOf writes a zip archive named name holding the OSM fixture file: an
// extract downloaded zipped and given as it is.
func zipOf(name, osmFixture string) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		b, err := os.ReadFile(fixture(t, "osm", osmFixture))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.Create(osmFixture)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return writeFile(t, filepath.Join(dir, name), buf.Bytes())
	}
}

// cutTampere derives a broken PBF from the real Tampere extract: its first
// n bytes (n > 1) or that fraction of it (n <= 1); with zero, the file
// keeps its length but 4 KiB from that point on are zeroed. It skips when
// the shared data is absent.
func cutTampere(n float64, zero bool) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		src := filepath.Join(repoRoot(t), "..", "shared", "data", "tampere", "tampere.osm.pbf")
		b, err := os.ReadFile(src)
		if err != nil {
			t.Skipf("real data absent (%v): PBF cases need %s", err, src)
		}
		at := int(n)
		if n <= 1 {
			at = int(n * float64(len(b)))
		}
		if zero {
			clear(b[at:min(at+4096, len(b))])
		} else {
			b = b[:at]
		}
		return writeFile(t, filepath.Join(dir, "tampere-broken.osm.pbf"), b)
	}
}
