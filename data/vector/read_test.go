package vector

import (
	"archive/zip"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/gpkg"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/testutil"
)

var geojsonOpts = geojson.ReadOptions{}

func TestReadShapefileFixtures(t *testing.T) {
	c, err := Read(testutil.Fixture(t, "shp", "kunnat.shp"), geojsonOpts)
	if err != nil {
		t.Fatal(err)
	}
	if c.CRS != geojson.EPSG3067 || len(c.Features) != 3 {
		t.Fatalf("CRS %s, %d features", c.CRS, len(c.Features))
	}
	if got := c.Features[1].Props["nimi"]; got != "Mäntyharju" || c.Features[1].Index != 2 {
		t.Errorf("feature 1: %q index %d", got, c.Features[1].Index)
	}
	if len(c.Warnings) != 1 || !strings.HasPrefix(c.Warnings[0].String(), "shp: ") || !strings.Contains(c.Warnings[0].String(), "null shapes") {
		t.Errorf("warnings %v", c.Warnings)
	}
	z, err := Read(testutil.Fixture(t, "shp", "palvelut.zip")+":palvelut", geojsonOpts)
	if err != nil || z.CRS != geojson.WGS84 || len(z.Features) != 3 {
		t.Fatalf("zip: %v %v", z, err)
	}
	// A layer for a format without layers is an error.
	if _, err := Read(testutil.Fixture(t, "vector", "kunnat.geojson")+":x", geojsonOpts); err == nil || !strings.Contains(err.Error(), "has no layers") {
		t.Errorf("layer on GeoJSON: %v", err)
	}
}

func TestReadGeoPackageLayers(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "two.gpkg")
	err := gpkg.FromGeoJSON(p, []gpkg.LayerSource{
		{Name: "kunnat", Path: testutil.Fixture(t, "vector", "kunnat.geojson"), SRS: gpkg.ETRSTM35FIN},
		{Name: "palvelut", Path: testutil.Fixture(t, "vector", "palvelut.geojson")},
	}, gpkg.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Read(p, geojsonOpts)
	var u *UnsupportedError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), "2 feature layers (kunnat, palvelut)") || !strings.Contains(err.Error(), "ogr2ogr") {
		t.Fatalf("two layers, none chosen: %v", err)
	}
	c, err := Read(p+":kunnat", geojsonOpts)
	if err != nil {
		t.Fatal(err)
	}
	if c.CRS != geojson.EPSG3067 || len(c.Features) != 3 || c.Features[0].ID != "1" || c.Name != p+":kunnat" {
		t.Errorf("kunnat: CRS %s, %d features, id %q, name %q", c.CRS, len(c.Features), c.Features[0].ID, c.Name)
	}
	// --crs overrides the layer's SRS, with a warning.
	c, err = Read(p+":palvelut", geojson.ReadOptions{CRS: geojson.WGS84})
	if err != nil || c.CRS != geojson.WGS84 || len(c.Warnings) != 0 {
		t.Errorf("palvelut with --crs: %v %v", c, err)
	}
	if _, err := Read(p+":kunnat", geojson.ReadOptions{CRS: geojson.WGS84}); err == nil || !strings.HasPrefix(err.Error(), "gpkg: ") || !strings.Contains(err.Error(), "outside lon") {
		t.Errorf("kunnat read as WGS84: %v", err)
	}
}

// TestGDALRoundTrip converts the hand-made GeoJSON fixtures with GDAL's
// ogr2ogr to Shapefile (UTF-8 and ISO-8859-1 text, zipped too) and
// GeoPackage, in EPSG:4326 and EPSG:3067, reads them back and compares
// them with the GeoJSON.
func TestGDALRoundTrip(t *testing.T) {
	ogr, err := exec.LookPath("ogr2ogr")
	if err != nil {
		t.Skip("ogr2ogr (GDAL, Debian package gdal-bin) is not installed: files written by GDAL are not checked")
	}
	for _, fixture := range []string{"kunnat", "palvelut"} {
		src := testutil.Fixture(t, "vector", fixture+".geojson")
		want, err := geojson.Read(src, geojsonOpts)
		if err != nil {
			t.Fatal(err)
		}
		type target struct {
			name string
			args []string
			file string
		}
		var targets []target
		for _, srs := range []string{"EPSG:4326", "EPSG:3067"} {
			s := strings.TrimPrefix(srs, "EPSG:")
			targets = append(targets,
				target{"shp-utf8-" + s, []string{"-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8"}, "utf8-" + s + "/" + fixture + ".shp"},
				target{"shp-latin1-" + s, []string{"-f", "ESRI Shapefile", "-lco", "ENCODING=ISO-8859-1"}, "latin1-" + s + "/" + fixture + ".shp"},
				target{"gpkg-" + s, []string{"-f", "GPKG"}, fixture + "-" + s + ".gpkg"},
			)
			for i := range targets[len(targets)-3:] {
				targets[len(targets)-3+i].args = append(targets[len(targets)-3+i].args, "-t_srs", srs)
			}
		}
		for _, tg := range targets {
			t.Run(fixture+"/"+tg.name, func(t *testing.T) {
				dir := t.TempDir()
				out := filepath.Join(dir, tg.file)
				os.MkdirAll(filepath.Dir(out), 0o755)
				args := append(append([]string{}, tg.args...), out, src)
				if b, err := exec.Command(ogr, args...).CombinedOutput(); err != nil {
					t.Fatalf("ogr2ogr %s: %v\n%s", strings.Join(args, " "), err, b)
				}
				got, err := Read(out, geojsonOpts)
				if err != nil {
					t.Fatal(err)
				}
				compare(t, want, got, strings.HasSuffix(tg.name, "3067"))
				if strings.HasPrefix(tg.name, "shp") {
					z := zipFolder(t, filepath.Dir(out), filepath.Join(dir, "in.zip"))
					got, err := Read(z, geojsonOpts)
					if err != nil {
						t.Fatal(err)
					}
					compare(t, want, got, strings.HasSuffix(tg.name, "3067"))
				}
			})
		}
	}
}

func zipFolder(t *testing.T, dir, out string) string {
	t.Helper()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		w, _ := zw.Create("data/" + e.Name())
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// compare checks features in order: same properties (text exact, numbers
// to 1e-9; names too long for a dBASE field are skipped when absent), same geometry type, ring count, bound and area, in EPSG:3067
// when projected is set.
func compare(t *testing.T, want, got *geojson.Collection, projected bool) {
	t.Helper()
	wantCRS := geojson.WGS84
	if projected {
		wantCRS = geojson.EPSG3067
	}
	if got.CRS != wantCRS {
		t.Errorf("CRS %s, want %s", got.CRS, wantCRS)
	}
	if len(got.Features) != len(want.Features) {
		t.Fatalf("%d features, want %d", len(got.Features), len(want.Features))
	}
	for i, wf := range want.Features {
		gf := got.Features[i]
		for k, wv := range wf.Props {
			gv, ok := gf.Props[k]
			if !ok && len(k) > 10 {
				continue // a dBASE field name holds at most 10 characters
			}
			switch w := wv.(type) {
			case string:
				if gv != w {
					t.Errorf("feature %d %s: %q, want %q", i, k, gv, w)
				}
			case float64:
				if g, ok := gv.(float64); !ok || math.Abs(g-w) > 1e-9 {
					t.Errorf("feature %d %s: %v, want %v", i, k, gv, w)
				}
			}
		}
		wg := wf.Geometry
		tol := 1e-9
		if projected {
			wg, tol = geo.ProjectTM35(wg), 0.01
		}
		gg := gf.Geometry
		if p, ok := gg.(orb.Polygon); ok {
			if _, multi := wg.(orb.MultiPolygon); multi {
				gg = orb.MultiPolygon{p}
			}
		}
		if gg.GeoJSONType() != wg.GeoJSONType() {
			t.Errorf("feature %d: %s, want %s", i, gg.GeoJSONType(), wg.GeoJSONType())
			continue
		}
		if rings(gg) != rings(wg) {
			t.Errorf("feature %d: %d rings, want %d", i, rings(gg), rings(wg))
		}
		wb, gb := wg.Bound(), gg.Bound()
		for k := 0; k < 2; k++ {
			if math.Abs(wb.Min[k]-gb.Min[k]) > tol || math.Abs(wb.Max[k]-gb.Max[k]) > tol {
				t.Errorf("feature %d: bound %v, want %v", i, gb, wb)
			}
		}
		if wa, ga := planar.Area(wg), planar.Area(gg); math.Abs(wa-ga) > tol*math.Max(1, wa)*1e-3+tol {
			t.Errorf("feature %d: area %v, want %v", i, ga, wa)
		}
	}
}

func rings(g orb.Geometry) int {
	switch v := g.(type) {
	case orb.Polygon:
		return len(v)
	case orb.MultiPolygon:
		n := 0
		for _, p := range v {
			n += len(p)
		}
		return n
	}
	return 0
}
