package geo

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/saavu/saavu/internal/testutil"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// sharedData returns a path under ../shared/data, skipping the test when absent.
func sharedData(t testing.TB, rel string) string { return testutil.SharedData(t, rel) }

// loadAreas reads a GeoJSON file of (multi)polygons and returns them
// projected to EPSG:3067 with their features.
func loadAreas(t testing.TB, rel string) ([]orb.MultiPolygon, []*geojson.Feature) {
	t.Helper()
	b, err := os.ReadFile(sharedData(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	out := make([]orb.MultiPolygon, len(fc.Features))
	for i, f := range fc.Features {
		switch g := ProjectTM35(f.Geometry).(type) {
		case orb.Polygon:
			out[i] = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			out[i] = g
		default:
			t.Fatalf("%s feature %d: geometry %T", rel, i, g)
		}
	}
	return out, fc.Features
}

// loadPoints reads name and lon/lat columns of a CSV file.
func loadPoints(t testing.TB, rel, nameCol string) (names []string, pts []orb.Point) {
	t.Helper()
	f, err := os.Open(sharedData(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for line, r := range rows[1:] {
		lon, err1 := strconv.ParseFloat(r[col["lon"]], 64)
		lat, err2 := strconv.ParseFloat(r[col["lat"]], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s line %d: bad lon/lat", rel, line+2)
		}
		e, n := ToTM35(lon, lat)
		names = append(names, r[col[nameCol]])
		pts = append(pts, orb.Point{e, n})
	}
	return names, pts
}

func TestRealSouthSavoMunicipalities(t *testing.T) {
	munis, feats := loadAreas(t, "south-savo/municipalities-2024.geojson")
	for i, mp := range munis {
		name := feats[i].Properties.MustString("NAMEFIN", "?")
		if err := Validate(mp); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		// The boundaries are simplified for 1:4.5M maps, so the planar
		// area agrees with the published total area only roughly.
		km2 := Area(mp) / 1e6
		want := feats[i].Properties.MustFloat64("TOTALAREA", math.NaN())
		if !(math.Abs(km2-want) < 0.15*want) {
			t.Errorf("%s: area %.0f km², published %.0f km²", name, km2, want)
		}
	}

	// Every municipal centre lies in the municipality of its name.
	ix := NewPolygonIndex(munis)
	names, centres := loadPoints(t, "south-savo/municipal-centres.csv", "name")
	for k, p := range centres {
		i := ix.Locate(p)
		if i < 0 {
			t.Errorf("centre of %s at %v located nowhere", names[k], p)
			continue
		}
		if got := feats[i].Properties.MustString("NAMEFIN", "?"); got != names[k] {
			t.Errorf("centre of %s located in %s", names[k], got)
		}
	}

	// Dissolve by sub-region: the outline covers the members' area, and
	// each member's centre stays inside its sub-region.
	groups := map[string][]orb.MultiPolygon{}
	for i, mp := range munis {
		code := feats[i].Properties.MustString("seutukunta_code", "?")
		groups[code] = append(groups[code], mp)
	}
	if len(groups) != 3 {
		t.Fatalf("%d sub-regions, want 3", len(groups))
	}
	var regions []orb.MultiPolygon
	var codes []string
	for code, parts := range groups {
		// The municipalities of this data set share their boundary
		// vertices exactly, so each sub-region dissolves into one piece.
		region, err := DissolvePolygonsStrict(parts)
		if err != nil {
			t.Errorf("sub-region %s: %v", code, err)
			region = DissolvePolygons(parts)
		} else if len(region) != 1 {
			t.Errorf("sub-region %s: %d polygons, want 1", code, len(region))
		}
		t.Logf("sub-region %s: %d municipalities -> %d polygon(s), %d vertices", code, len(parts), len(region), len(flatten(region)))
		sum := 0.0
		for _, p := range parts {
			sum += Area(p)
		}
		if a := Area(region); math.Abs(a-sum) > 1e-6*sum {
			t.Errorf("sub-region %s: area %v, members %v", code, a, sum)
		}
		regions = append(regions, region)
		codes = append(codes, code)
	}
	rix := NewPolygonIndex(regions)
	for k, p := range centres {
		mi := ix.Locate(p)
		ri := rix.Locate(p)
		if mi < 0 || ri < 0 {
			continue
		}
		if want := feats[mi].Properties.MustString("seutukunta_code", "?"); codes[ri] != want {
			t.Errorf("centre of %s in sub-region %s, want %s", names[k], codes[ri], want)
		}
	}
}

func TestRealSouthSavoPopulationToGrid(t *testing.T) {
	areas, feats := loadAreas(t, "south-savo/postal-areas-population-2022.geojson")
	vals := make([][]float64, len(areas))
	total := 0.0
	for i, f := range feats {
		v := f.Properties.MustFloat64("pop_2022", math.NaN())
		if math.IsNaN(v) {
			t.Fatalf("postal area %d has no pop_2022", i)
		}
		vals[i] = []float64{v}
		total += v
	}
	if total != 128547 {
		t.Errorf("population %v, README says 128547", total)
	}
	cells, out, err := SpreadToGrid(areas, vals, 1000)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, v := range out {
		sum += v[0]
	}
	if math.Abs(sum-total) > 1e-9*total {
		t.Errorf("grid population %v, want %v", sum, total)
	}
	// The populated cells, dissolved, cover at least the postal areas'
	// area (partial cells at the edges add to it).
	covered := Area(DissolveCells(cells))
	areaSum := 0.0
	for _, a := range areas {
		areaSum += Area(a)
	}
	if covered < areaSum*(1-1e-9) {
		t.Errorf("cells cover %v m², postal areas %v m²", covered, areaSum)
	}
	t.Logf("%d postal areas -> %d cells of 1 km; %.0f people", len(areas), len(cells), sum)
}
