package geojson

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// FuzzParseCRS: a name is either one of the two supported CRSs, whose
// String form ("EPSG:4326", "EPSG:3067") and bare code parse back to the
// same value, or an error wrapping ErrUnknownCRS that quotes the name.
func FuzzParseCRS(f *testing.F) {
	for _, s := range []string{"EPSG:3067", "urn:ogc:def:crs:EPSG::3067", "http://www.opengis.net/def/crs/EPSG/0/3067",
		"urn:ogc:def:crs:OGC:1.3:CRS84", "CRS84", "WGS84", "4258", "ETRS-TM35FIN", "EPSG:2393", "urn:ogc:def:crs:EPSG::3879",
		"https://www.opengis.net/def/crs/EPSG/0/4326/", "urn:ogc:def:crs:", " epsg:4326 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		c, err := ParseCRS(name)
		if err != nil {
			if !errors.Is(err, ErrUnknownCRS) || !strings.Contains(err.Error(), strconv.Quote(name)) {
				t.Fatalf("ParseCRS(%q): %v", name, err)
			}
			if c != 0 {
				t.Fatalf("ParseCRS(%q) = %v with an error", name, c)
			}
			return
		}
		if c != WGS84 && c != EPSG3067 {
			t.Fatalf("ParseCRS(%q) = %v", name, c)
		}
		for _, again := range []string{c.String(), strconv.Itoa(int(c)), strings.ToLower(c.String())} {
			if back, err := ParseCRS(again); err != nil || back != c {
				t.Fatalf("%q -> %v -> %q -> %v, %v", name, c, again, back, err)
			}
		}
	})
}

// FuzzDecodeOptions decodes fuzzed documents (seeded from testdata/geojson
// and testdata/bad) under each CRS option: no panic, every failure is an
// *Error, and what is accepted has a supported CRS, finite coordinates
// within that CRS's range, features numbered in file order and unique
// ids. With RequireFeatures an empty result is an error.
func FuzzDecodeOptions(f *testing.F) {
	for _, pattern := range []string{"geojson/*.geojson", "bad/*/*.geojson"} {
		files, _ := filepath.Glob(filepath.Join(repoRoot(f), "testdata", pattern))
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data, uint8(0))
			}
		}
	}
	f.Add([]byte("\xff\xfe{\x00}\x00"), uint8(1))
	f.Add([]byte(`{"type":"FeatureCollection","crs":{"type":"EPSG","properties":{"code":3067}},"features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[327000,6822000]},"properties":null}]}`), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, opt uint8) {
		opts := ReadOptions{CRS: [3]CRS{0, WGS84, EPSG3067}[opt%3], RequireFeatures: opt&4 != 0}
		c, err := Decode(bytes.NewReader(data), "fuzz", opts)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz" {
				t.Fatalf("error %T %v does not name the input", err, err)
			}
			return
		}
		if c.CRS != WGS84 && c.CRS != EPSG3067 || (opts.CRS != 0 && c.CRS != opts.CRS) {
			t.Fatalf("CRS %v with option %v", c.CRS, opts.CRS)
		}
		if opts.RequireFeatures && len(c.Features) == 0 {
			t.Fatal("no features accepted with RequireFeatures")
		}
		ids := map[string]bool{}
		for i, ft := range c.Features {
			if ft.Index != i {
				t.Fatalf("feature %d has index %d", i, ft.Index)
			}
			if ft.ID != "" {
				if ids[ft.ID] {
					t.Fatalf("id %q accepted twice", ft.ID)
				}
				ids[ft.ID] = true
			}
			eachPoint(ft.Geometry, func(p orb.Point) bool {
				ok := !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
				if c.CRS == WGS84 {
					ok = ok && inDegrees(p)
				} else {
					ok = ok && inTM(p)
				}
				if !ok {
					t.Fatalf("feature %d: coordinate %v accepted as %v", i, p, c.CRS)
				}
				return true
			})
		}
	})
}
