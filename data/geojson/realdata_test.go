package geojson

import (
	"bytes"
	"testing"

	"github.com/paulmach/orb"
)

func TestRealSouthSavo(t *testing.T) {
	cases := []struct {
		file     string
		n        int
		popField string
		popTotal float64
	}{
		{"south-savo/municipalities-2024.geojson", 12, "", 0},
		{"south-savo/postal-areas-population-2022.geojson", 159, "pop_2022", 128547}, // total from the data README
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			c, err := Read(sharedData(t, tc.file), ReadOptions{RequireFeatures: true})
			if err != nil {
				t.Fatal(err)
			}
			if c.CRS != WGS84 || len(c.Features) != tc.n || len(c.Warnings) != 0 {
				t.Fatalf("CRS %v, %d features, warnings %v", c.CRS, len(c.Features), c.Warnings)
			}
			var total float64
			for _, f := range c.Features {
				switch f.Geometry.(type) {
				case orb.Polygon, orb.MultiPolygon:
				default:
					t.Errorf("feature %d: geometry %T", f.Index, f.Geometry)
				}
				// South Savo lies within lon 25..31, lat 60.5..63.
				eachPoint(f.Geometry, func(p orb.Point) bool {
					if p[0] < 25 || p[0] > 31 || p[1] < 60.5 || p[1] > 63 {
						t.Errorf("feature %d: point %v outside South Savo", f.Index, p)
						return false
					}
					return true
				})
				if tc.popField != "" {
					v, ok := f.PropFloat(tc.popField)
					if !ok {
						t.Errorf("feature %d: no %s", f.Index, tc.popField)
					}
					total += v
				}
			}
			if total != tc.popTotal {
				t.Errorf("population total %v, want %v", total, tc.popTotal)
			}

			// Writing at full precision and reading back keeps every coordinate.
			var buf bytes.Buffer
			w := NewWriter(&buf)
			w.SetPrecision(-1)
			for _, f := range c.Features {
				if err := w.Write(f.Out()); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			back, err := Decode(&buf, "rewritten", ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for i, f := range c.Features {
				if !orb.Equal(f.Geometry, back.Features[i].Geometry) {
					t.Fatalf("feature %d geometry changed on rewrite", i)
				}
			}
		})
	}
}
