package gpkg

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// FuzzPlanLayer feeds arbitrary GeoJSON to the schema inference of
// FromGeoJSON. It must never panic; when it accepts a file, every value
// must fit the type inferred for its column and every geometry must fit
// the layer type and come back unchanged from its GeoPackage encoding.
// (Writing SQLite itself is left out: it makes each run slow to fuzz; the
// seeds go through FromGeoJSON in TestFuzzSeedsFromGeoJSON.)
func FuzzPlanLayer(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := filepath.Join(t.TempDir(), "in.geojson")
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := planLayer(LayerSource{Name: "l", Path: in}, "geom")
		if err != nil {
			return
		}
		var values []any
		for i, f := range p.features {
			values = p.row(i, values)
			if len(values) != len(p.columns) {
				t.Fatalf("feature %d: %d values for %d columns", i, len(values), len(p.columns))
			}
			for j, v := range values {
				if _, err := convert(v, p.columns[j].Type); err != nil {
					t.Fatalf("feature %d column %s: inferred type refuses its own value: %v", i, p.columns[j].Name, err)
				}
			}
			if f.Geometry == nil {
				continue
			}
			g, err := fit(f.Geometry, p.geomType)
			if err != nil {
				t.Fatalf("feature %d: inferred layer type %s refuses it: %v", i, p.geomType, err)
			}
			blob, _, empty, err := encodeGeometry(nil, g, int32(p.srs))
			if err != nil {
				if errors.Is(err, ErrGeometry) {
					continue
				}
				t.Fatal(err)
			}
			d := decodeGP(t, blob)
			if !orb.Equal(d.geom, g) && !empty {
				t.Fatalf("feature %d: %v came back as %v", i, g, d.geom)
			}
			if empty != (d.flags&flagEmpty != 0) {
				t.Fatalf("feature %d: empty flag %v", i, d.flags)
			}
		}
	})
}

func fuzzSeeds(t testing.TB) [][]byte {
	root := repoRoot(t)
	var seeds [][]byte
	for _, p := range []string{"testdata/gpkg/mixed.geojson", "testdata/gpkg/tm35.geojson", "testdata/report/run/services.geojson", "testdata/report/run/gaps.geojson"} {
		if b, err := os.ReadFile(filepath.Join(root, p)); err == nil {
			seeds = append(seeds, b)
		}
	}
	return append(seeds,
		[]byte(`{"type":"Feature","geometry":{"type":"LineString","coordinates":[[27,61],[28,62]]},"properties":{"a":[1],"b":{"c":null}}}`),
		[]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[27,61]}]},"properties":null}]}`),
		[]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[]},"properties":{"x":1e300}},{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"x":-0.0}}]}`),
	)
}

// TestFuzzSeedsFromGeoJSON writes each seed that FromGeoJSON accepts and
// checks the feature count; a refused seed leaves no file.
func TestFuzzSeedsFromGeoJSON(t *testing.T) {
	for i, s := range fuzzSeeds(t) {
		dir := t.TempDir()
		in := filepath.Join(dir, "in.geojson")
		os.WriteFile(in, s, 0o644)
		out := filepath.Join(dir, "out.gpkg")
		if err := FromGeoJSON(out, []LayerSource{{Name: "l", Path: in}}, Options{}); err != nil {
			if len(listDir(t, dir)) != 1 {
				t.Errorf("seed %d failed (%v) and left files: %q", i, err, listDir(t, dir))
			}
			continue
		}
		p, err := planLayer(LayerSource{Name: "l", Path: in}, "geom")
		if err != nil {
			t.Fatal(err)
		}
		if n := queryInt(t, openRO(t, out), "SELECT count(*) FROM l"); n != int64(len(p.features)) {
			t.Errorf("seed %d: %d features written, %d read", i, n, len(p.features))
		}
	}
}

// FuzzDecodeGeometry: no blob panics the decoder; what it accepts has
// finite coordinates and encodes again to a blob that decodes; encoding
// closes open rings, so from there on the round trip is exact.
func FuzzDecodeGeometry(f *testing.F) {
	for _, g := range []orb.Geometry{orb.Point{1, 2}, orb.LineString{{0, 0}, {1, 1}}, orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}} {
		b, _, _, _ := encodeGeometry(nil, g, 3067)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		g, _, err := DecodeGeometry(b)
		if err != nil || g == nil {
			return
		}
		if err := checkCoords(g); err != nil {
			t.Fatalf("decoded %v: %v", g, err)
		}
		again, _, _, err := encodeGeometry(nil, g, 3067)
		if err != nil {
			t.Fatalf("re-encoding %v: %v", g, err)
		}
		g2, _, err := DecodeGeometry(again)
		if err != nil {
			t.Fatalf("re-decoding %v: %v", g, err)
		}
		third, _, _, _ := encodeGeometry(nil, g2, 3067)
		g3, _, err := DecodeGeometry(third)
		if err != nil || !orb.Equal(g2, g3) {
			t.Fatalf("round trip changed %v to %v (%v)", g2, g3, err)
		}
	})
}
