package demo

import (
	"encoding/json"
	"math"
	"os"
	"sync"
	"testing"

	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/testutil"
)

// The scenario is generated once for all tests that only read it.
var (
	genOnce sync.Once
	genDir  string
	genMan  *Manifest
	genErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if genDir != "" {
		os.RemoveAll(genDir)
	}
	os.Exit(code)
}

// generated returns the manifest of a scenario generated with default
// options into a temporary directory shared by the tests.
func generated(t testing.TB) *Manifest {
	t.Helper()
	genOnce.Do(func() {
		genDir, genErr = os.MkdirTemp("", "saavu-demo-test-")
		if genErr == nil {
			genMan, genErr = Generate(genDir, Options{})
		}
	})
	if genErr != nil {
		t.Fatalf("Generate: %v", genErr)
	}
	return genMan
}

// sharedData returns the path of ../shared/data/<rel>, skipping the test
// when it is absent.
func sharedData(t *testing.T, rel string) string { return testutil.SharedData(t, rel) }

// readCSV reads a whole CSV file, header first.
func readCSV(t testing.TB, path string) [][]string { return testutil.ReadCSV(t, path) }

// column returns the index of a header column.
func column(t testing.TB, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %v", name, header)
	return -1
}

// feature is a region read back from regions.geojson.
type feature struct {
	props map[string]any
	polys [][][][2]float64 // polygon -> ring -> point (lon, lat)
}

func (f feature) str(key string) string {
	s, _ := f.props[key].(string)
	return s
}

// readRegions parses regions.geojson with encoding/json.
func readRegions(t testing.TB, path string) []feature {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Type       string
			Properties map[string]any
			Geometry   struct {
				Type        string
				Coordinates json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if fc.Type != "FeatureCollection" {
		t.Fatalf("%s: type %q", path, fc.Type)
	}
	var out []feature
	for i, f := range fc.Features {
		ft := feature{props: f.Properties}
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
				t.Fatalf("feature %d: %v", i, err)
			}
			ft.polys = [][][][2]float64{p}
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &ft.polys); err != nil {
				t.Fatalf("feature %d: %v", i, err)
			}
		default:
			t.Fatalf("feature %d: geometry %q", i, f.Geometry.Type)
		}
		out = append(out, ft)
	}
	return out
}

// ringContains is an even-odd point-in-ring test in lon/lat; the ring is
// closed (first point repeated last).
func ringContains(r [][2]float64, lon, lat float64) bool {
	in := false
	for i := 0; i+1 < len(r); i++ {
		a, b := r[i], r[i+1]
		if (a[1] > lat) != (b[1] > lat) {
			x := a[0] + (lat-a[1])*(b[0]-a[0])/(b[1]-a[1])
			if lon < x {
				in = !in
			}
		}
	}
	return in
}

// contains reports whether the feature's polygons hold the point.
func (f feature) contains(lon, lat float64) bool {
	for _, p := range f.polys {
		if !ringContains(p[0], lon, lat) {
			continue
		}
		hole := false
		for _, h := range p[1:] {
			if ringContains(h, lon, lat) {
				hole = true
			}
		}
		if !hole {
			return true
		}
	}
	return false
}

// areaKm2 returns the feature's area, rings projected to EPSG:3067.
func (f feature) areaKm2() float64 {
	a := 0.0
	for _, p := range f.polys {
		for _, r := range p {
			s := 0.0
			for i := 0; i+1 < len(r); i++ {
				e1, n1 := geo.ToTM35(r[i][0], r[i][1])
				e2, n2 := geo.ToTM35(r[i+1][0], r[i+1][1])
				s += e1*n2 - e2*n1
			}
			a += s / 2
		}
	}
	return a / 1e6
}

// metres returns the EPSG:3067 distance between two lon/lat points.
func metres(lon1, lat1, lon2, lat2 float64) float64 {
	e1, n1 := geo.ToTM35(lon1, lat1)
	e2, n2 := geo.ToTM35(lon2, lat2)
	return math.Hypot(e1-e2, n1-n2)
}

// expectedPopulation is the 2022 population of each 2026 municipality,
// from the project's South Savo facts (Statistics Finland).
var expectedPopulation = map[string]int{
	"491": 51980, // Mikkeli
	"507": 7164,  // Mäntyharju incl. Pertunmaa (5,564 + 1,600)
	"213": 5154,  // Kangasniemi
	"623": 2107,  // Puumala
	"097": 2091,  // Hirvensalmi
	"740": 32085, // Savonlinna
	"681": 3308,  // Rantasalmi
	"768": 2375,  // Sulkava
	"046": 1341,  // Enonkoski
	"593": 17077, // Pieksämäki
	"178": 5769,  // Juva
}

// expectedSubRegion is the seutukunta of each municipality in the 2026
// classification (Juva is in 105 Pieksämäki).
var expectedSubRegion = map[string]string{
	"491": "101", "507": "101", "213": "101", "623": "101", "097": "101",
	"740": "103", "681": "103", "768": "103", "046": "103",
	"593": "105", "178": "105",
}

// expectedSubRegionPop are the facts' sub-region totals for 2022.
var expectedSubRegionPop = map[string]int{"101": 68496, "103": 39109, "105": 22846}

func tm35(lon, lat float64) (float64, float64) { return geo.ToTM35(lon, lat) }

func mod(v, m float64) float64 { return v - m*math.Floor(v/m) }

func abs(v float64) float64 { return math.Abs(v) }
