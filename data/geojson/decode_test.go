package geojson

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestReadValid(t *testing.T) {
	cases := []struct {
		file     string
		opts     ReadOptions
		crs      CRS
		n        int
		warnings []string // substrings, one per expected warning
		check    func(t *testing.T, c *Collection)
	}{
		{file: "regions-wgs84.geojson", crs: WGS84, n: 3, check: func(t *testing.T, c *Collection) {
			f0, f1, f2 := c.Features[0], c.Features[1], c.Features[2]
			if f0.Index != 0 || f0.ID != "491" || f1.Index != 1 || f1.ID != "97" || f2.Index != 2 || f2.ID != "" {
				t.Errorf("index/id = (%d %q) (%d %q) (%d %q)", f0.Index, f0.ID, f1.Index, f1.ID, f2.Index, f2.ID)
			}
			poly, ok := f0.Geometry.(orb.Polygon)
			if !ok || len(poly) != 1 || len(poly[0]) != 5 || poly[0][1] != (orb.Point{27.5, 61.5}) {
				t.Errorf("feature 0 geometry = %#v", f0.Geometry)
			}
			mp, ok := f1.Geometry.(orb.MultiPolygon)
			if !ok || len(mp) != 2 || len(mp[0]) != 2 || len(mp[1][0]) != 4 {
				t.Errorf("feature 1 geometry = %#v", f1.Geometry)
			}
			if f2.Geometry != nil {
				t.Errorf("feature 2 geometry = %#v, want nil", f2.Geometry)
			}
			if f0.Props["pop"] != 52000.0 || f0.Props["centre"] != true || f0.Props["name"] != "Mikkeli" {
				t.Errorf("feature 0 props = %v", f0.Props)
			}
			if v, ok := f1.Props["note"]; !ok || v != nil {
				t.Errorf("null property: %v %v", v, ok)
			}
			if s, ok := f1.PropString("code"); !ok || s != "097" {
				t.Errorf("PropString(code) = %q %v", s, ok)
			}
			if s, ok := f1.PropString("pop"); !ok || s != "2100.5" {
				t.Errorf("PropString(pop) = %q %v", s, ok)
			}
			if v, ok := f1.PropFloat("code"); !ok || v != 97 {
				t.Errorf("PropFloat(code) = %v %v", v, ok)
			}
			if _, ok := f2.PropFloat("name"); ok {
				t.Error("PropFloat of a non-numeric string succeeded")
			}
		}},
		{file: "regions-3067.geojson", crs: EPSG3067, n: 1},
		{file: "regions-3067-nocrs.geojson", crs: EPSG3067, n: 2, warnings: []string{"read as EPSG:3067"},
			check: func(t *testing.T, c *Collection) {
				if p := c.Features[1].Geometry.(orb.Point); p != (orb.Point{478000.5, 6835000.25}) {
					t.Errorf("point = %v", p)
				}
			}},
		{file: "regions-3067-nocrs.geojson", opts: ReadOptions{CRS: EPSG3067}, crs: EPSG3067, n: 2},
		{file: "services.geojson", crs: WGS84, n: 3},
		{file: "feature-single.geojson", crs: WGS84, n: 1, check: func(t *testing.T, c *Collection) {
			if ls, ok := c.Features[0].Geometry.(orb.LineString); !ok || len(ls) != 2 || c.Features[0].ID != "x" {
				t.Errorf("feature = %#v", c.Features[0])
			}
		}},
		{file: "geometry-bare.geojson", crs: WGS84, n: 1, check: func(t *testing.T, c *Collection) {
			if mls, ok := c.Features[0].Geometry.(orb.MultiLineString); !ok || len(mls) != 2 || len(mls[1]) != 3 {
				t.Errorf("geometry = %#v", c.Features[0].Geometry)
			}
		}},
		{file: "swapped.geojson", crs: WGS84, n: 2, warnings: []string{"look swapped"}},
		{file: "collection-mixed.geojson", crs: WGS84, n: 1, check: func(t *testing.T, c *Collection) {
			gc, ok := c.Features[0].Geometry.(orb.Collection)
			if !ok || len(gc) != 2 || gc[0] != (orb.Point{-0.0000001, 0.1234565}) {
				t.Errorf("geometry = %#v", c.Features[0].Geometry)
			}
		}},
		{file: "bad-empty-collection.geojson", crs: WGS84, n: 0},
		// The option overrides an unknown crs member, with a warning.
		{file: "bad-unknown-crs.geojson", opts: ReadOptions{CRS: EPSG3067}, crs: EPSG3067, n: 1, warnings: []string{"crs member \"urn:ogc:def:crs:EPSG::2393\" ignored"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			c, err := Read(fixture(t, tc.file), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if c.CRS != tc.crs || len(c.Features) != tc.n {
				t.Fatalf("CRS %v, %d features; want %v, %d", c.CRS, len(c.Features), tc.crs, tc.n)
			}
			if len(c.Warnings) != len(tc.warnings) {
				t.Fatalf("warnings %v, want %d", c.Warnings, len(tc.warnings))
			}
			for i, w := range tc.warnings {
				if s := c.Warnings[i].String(); !strings.Contains(s, w) || !strings.Contains(s, tc.file) {
					t.Errorf("warning %q does not name the file or contain %q", s, w)
				}
			}
			if tc.check != nil {
				tc.check(t, c)
			}
		})
	}
}

func TestReadMalformed(t *testing.T) {
	cases := []struct {
		file string
		opts ReadOptions
		is   error
		want string // substring of the error, after the file name
	}{
		{"bad-truncated.geojson", ReadOptions{}, ErrSyntax, `: feature 1: truncated JSON`},
		{"bad-coordinates-string.geojson", ReadOptions{}, ErrInvalid, `: feature 1 (id "b"): Polygon coordinates: expected an array of rings, found a string`},
		{"bad-empty-collection.geojson", ReadOptions{RequireFeatures: true}, ErrEmpty, `: no features`},
		{"bad-duplicate-id.geojson", ReadOptions{}, ErrDuplicateID, `: feature 2 (id "091"): id "091" already used by feature 0`},
		{"bad-unknown-crs.geojson", ReadOptions{}, ErrUnknownCRS, `: unknown CRS "urn:ogc:def:crs:EPSG::2393": supported are EPSG:4326`},
		{"bad-ring3.geojson", ReadOptions{}, ErrInvalid, `: feature 3 (id "091"): polygon ring 0 has 3 positions, needs at least 4`},
		{"bad-unclosed-ring.geojson", ReadOptions{}, ErrInvalid, `: feature 0 (id "r"): polygon 1 ring 0 is not closed: first position (27, 61) differs from last (27, 62)`},
		{"bad-geometry-type.geojson", ReadOptions{}, ErrInvalid, `: feature 0 (id "7"): unknown geometry type "Circle"`},
		{"bad-properties-array.geojson", ReadOptions{}, ErrInvalid, `: feature 0 (id "p"): properties must be an object or null, found an array`},
		{"bad-huge-number.geojson", ReadOptions{}, ErrInvalid, `: feature 0 (id "h"): LineString coordinates: position 1: number 1e400 is out of range`},
		{"bad-out-of-range.geojson", ReadOptions{}, ErrCoordinates, `: feature 1 (id "far"): coordinate (200, 61) is outside lon -180..180, lat -90..90`},
		{"bad-mixed-crs.geojson", ReadOptions{}, ErrCoordinates, `: feature 0 (id "deg"): coordinate (27, 61) is outside the EPSG:3067 extent of Finland, but feature 1 (id "m") has projected coordinate (500000, 6.83e+06)`},
		{"bad-unknown-metres.geojson", ReadOptions{}, ErrCoordinates, `: feature 0 (id "sweref"): coordinate (674000, 6.58e+06) is neither lon/lat degrees nor EPSG:3067 metres in Finland`},
		{"bad-short-position.geojson", ReadOptions{}, ErrInvalid, `: feature 0 (id "s"): MultiPoint coordinates: position 1: position has 1 numbers, needs at least 2`},
		{"bad-null-coordinate.geojson", ReadOptions{}, ErrInvalid, `: feature 0 (id "n"): Point coordinates: expected a number, found null`},
		{"bad-string-coordinate.geojson", ReadOptions{}, ErrInvalid, `: feature 0 (id "q"): Polygon coordinates: ring 0: position 0: expected a number, found a string`},
		{"bad-feature-type.geojson", ReadOptions{}, ErrInvalid, `: feature 0: type is "Point", want "Feature"`},
		{"bad-trailing-data.geojson", ReadOptions{}, ErrSyntax, `: unexpected an object after the top-level object`},
		{"bad-top-array.geojson", ReadOptions{}, ErrInvalid, `: top level is an array, not a GeoJSON object`},
		{"bad-id-object.geojson", ReadOptions{}, ErrInvalid, `: feature 0: id must be a string or a number, found an object`},
		{"bad-syntax.geojson", ReadOptions{}, ErrSyntax, `: feature 1: invalid JSON at line 3, column 28: invalid character '"' after object key:value pair`},
		{"bad-features-object.geojson", ReadOptions{}, ErrInvalid, `: features must be an array, found an object`},
		{"bad-linestring-one.geojson", ReadOptions{}, ErrInvalid, `: feature 0 (id "l"): line string has 1 position, needs at least 2`},
		{"bad-3067-implausible.geojson", ReadOptions{}, ErrCoordinates, `: feature 0 (id "big"): coordinate (1e+300, 6.83e+06) is not plausible for EPSG:3067`},
		{"regions-3067.geojson", ReadOptions{CRS: WGS84}, ErrCoordinates, `: feature 0 (id "491"): coordinate (500000, 6.83e+06) is outside lon -180..180, lat -90..90 for EPSG:4326; it looks like EPSG:3067 metres`},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			c, err := Read(fixture(t, tc.file), tc.opts)
			if err == nil {
				t.Fatalf("no error; got %d features", len(c.Features))
			}
			if c != nil {
				t.Error("non-nil collection returned with an error")
			}
			if !errors.Is(err, tc.is) {
				t.Errorf("error %v does not wrap %v", err, tc.is)
			}
			want := "geojson: " + fixture(t, tc.file) + tc.want
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error\n  %s\nwant it to contain\n  %s", err, want)
			}
		})
	}
}

func TestReadFileProblems(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.geojson")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path string
		want       string
	}{
		{"zero bytes", empty, empty + ": file is empty (0 bytes)"},
		{"directory", dir, dir + ": is a directory, not a GeoJSON file"},
		{"missing", filepath.Join(dir, "nope.geojson"), filepath.Join(dir, "nope.geojson") + ": open: no such file or directory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.path, ReadOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestDecodeStrings(t *testing.T) {
	cases := []struct {
		name, in string
		want     string // error substring; empty for success
	}{
		{"whitespace only", "  \n", "t.json: no JSON value (empty input)"},
		{"no type", `{"features":[]}`, "t.json: top-level object has no type member"},
		{"type not string", `{"type":5,"features":[]}`, "t.json: top-level type must be a string, found a number"},
		{"unknown top type", `{"type":"Topology"}`, `unknown top-level type "Topology"`},
		{"no features", `{"type":"FeatureCollection"}`, "FeatureCollection has no features member"},
		{"features twice", `{"type":"FeatureCollection","features":[],"features":[]}`, "features member appears twice"},
		{"feature not object", `{"type":"FeatureCollection","features":[3]}`, "feature 0: feature must be an object, found a number"},
		{"feature without type", `{"type":"FeatureCollection","features":[{"id":"a","geometry":null}]}`, `feature 0 (id "a"): feature has no type member`},
		{"geometry not object", `{"type":"Feature","geometry":[1,2]}`, "feature 0: geometry must be an object or null, found an array"},
		{"geometry without type", `{"type":"Feature","geometry":{"coordinates":[1,2]}}`, "geometry has no type member"},
		{"no coordinates", `{"type":"Feature","geometry":{"type":"Point"}}`, "Point has no coordinates"},
		{"feature as geometry", `{"type":"Feature","geometry":{"type":"Feature"}}`, "a Feature is not allowed where a geometry is expected"},
		{"collection no geometries", `{"type":"GeometryCollection"}`, "feature 0: GeometryCollection has no geometries member"},
		{"collection null member", `{"type":"GeometryCollection","geometries":[null]}`, "GeometryCollection geometry 0 is null"},
		{"collection too deep", strings.Repeat(`{"type":"GeometryCollection","geometries":[`, 10) + strings.Repeat(`]}`, 10), "nested more than 8 deep"},
		{"extra after coordinates", `{"type":"Point","coordinates":[1,2]}`, ""},
		{"position with altitude", `{"type":"Point","coordinates":[1,2,3,4]}`, ""},
		{"coordinate object", `{"type":"Point","coordinates":{"x":1}}`, "expected a position (an array of numbers), found an object"},
		{"coordinate boolean", `{"type":"LineString","coordinates":[[1,2],true]}`, "position 1: expected a position (an array of numbers), found a boolean"},
		{"ring not array", `{"type":"MultiPolygon","coordinates":[[5]]}`, "polygon 0: ring 0: expected an array of positions, found a number"},
		{"feature with features", `{"type":"Feature","features":[]}`, "a Feature may not have a features member"},
		{"crs malformed", `{"type":"Point","coordinates":[1,2],"crs":"EPSG:3067"}`, "crs member is malformed"},
		{"crs link", `{"type":"Point","coordinates":[1,2],"crs":{"type":"link","properties":{"href":"http://x"}}}`, "linked CRS definitions are not supported"},
		{"crs old EPSG form", `{"type":"Point","coordinates":[500000,6830000],"crs":{"type":"EPSG","properties":{"code":3067}}}`, ""},
		{"string id with escape", `{"type":"Feature","id":"a\"b","geometry":null}`, ""},
		{"properties huge", `{"type":"Feature","geometry":null,"properties":{"a":1e999}}`, "properties: number 1e999 is out of range"},
		{"truncated string", `{"type":"FeatureCollection","features":[{"type":"Feature","id":"a`, "feature 0: truncated JSON"},
		{"truncated after key", `{"type"`, "truncated JSON"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tc.in), "t.json", ReadOptions{})
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			case tc.want != "" && !strings.HasPrefix(err.Error(), "geojson: t.json: "):
				t.Fatalf("error %q does not start with the package and file", err)
			}
		})
	}
}
