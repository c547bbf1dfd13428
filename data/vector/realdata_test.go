package vector

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/internal/testutil"
)

// TestRealMunicipalities converts the 12 South Savo municipalities of
// the shared data with ogr2ogr to a Shapefile in ISO-8859-1 and a
// GeoPackage in EPSG:3067 and reads both back.
func TestRealMunicipalities(t *testing.T) {
	src := testutil.SharedData(t, "south-savo/municipalities-2024.geojson")
	ogr, err := exec.LookPath("ogr2ogr")
	if err != nil {
		t.Skip("ogr2ogr (GDAL, Debian package gdal-bin) is not installed")
	}
	want, err := geojson.Read(src, geojsonOpts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	shp := filepath.Join(dir, "kunnat.shp")
	gp := filepath.Join(dir, "kunnat.gpkg")
	for _, args := range [][]string{
		{"-f", "ESRI Shapefile", "-lco", "ENCODING=ISO-8859-1", shp, src},
		{"-f", "GPKG", "-t_srs", "EPSG:3067", gp, src},
	} {
		if b, err := exec.Command(ogr, args...).CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr %s: %v\n%s", strings.Join(args, " "), err, b)
		}
	}
	for _, p := range []string{shp, gp} {
		got, err := Read(p, geojsonOpts)
		if err != nil {
			t.Fatal(err)
		}
		compare(t, want, got, p == gp)
		var names []string
		for _, f := range got.Features {
			if s, ok := f.Props["NAMEFIN"].(string); ok && strings.ContainsAny(s, "äö") {
				names = append(names, s)
			}
		}
		t.Logf("%s: %d features, CRS %s, names with ä/ö: %s", filepath.Base(p), len(got.Features), got.CRS, strings.Join(names, ", "))
	}
}
