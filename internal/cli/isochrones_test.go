package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/geo"
)

type isoFeature struct {
	ID       string `json:"id"`
	Geometry struct {
		Type        string           `json:"type"`
		Coordinates [][][][2]float64 `json:"coordinates"`
	} `json:"geometry"`
	Properties struct {
		CutoffMin float64 `json:"cutoff_min"`
		Mode      string  `json:"mode"`
		AreaKm2   float64 `json:"area_km2"`
	} `json:"properties"`
}

// tm35 returns the feature's polygons in EPSG:3067.
func (f isoFeature) tm35() orb.MultiPolygon {
	var mp orb.MultiPolygon
	for _, poly := range f.Geometry.Coordinates {
		var p orb.Polygon
		for _, ring := range poly {
			var r orb.Ring
			for _, c := range ring {
				e, n := geo.ToTM35(c[0], c[1])
				r = append(r, orb.Point{e, n})
			}
			p = append(p, r)
		}
		mp = append(mp, p)
	}
	return mp
}

func readIsochrones(t *testing.T, path string) ([]isoFeature, string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []isoFeature
	}
	if err := json.Unmarshal(b, &fc); err != nil || fc.Type != "FeatureCollection" {
		t.Fatalf("%s: %v\n%.500s", path, err, b)
	}
	return fc.Features, string(b)
}

// maxDecimals returns the most decimals of any number in the text.
func maxDecimals(s string) int {
	most := 0
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !(r == '.' || r == '-' || (r >= '0' && r <= '9')) }) {
		if _, err := strconv.ParseFloat(f, 64); err == nil {
			if i := strings.IndexByte(f, '.'); i >= 0 {
				most = max(most, len(f)-i-1)
			}
		}
	}
	return most
}

// The ring road (testdata/isochrones/ring.osm) around a lake, from its
// south-west corner on foot: the whole ring is within 33.3 min, so the
// 45 min polygon has a hole over the middle of the lake.
func TestIsochronesRingRoad(t *testing.T) {
	out := filepath.Join(t.TempDir(), "iso.geojson")
	code, stdout, stderr := run(t, "isochrones", "--osm", fixture(t, "isochrones", "ring.osm"),
		"--from", "23.98683373,61.57017718", "--cutoffs", "45,10,20", "--resolution", "25", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	fs, text := readIsochrones(t, out)
	if len(fs) != 3 {
		t.Fatalf("%d features, want 3", len(fs))
	}
	for i, want := range []float64{10, 20, 45} {
		f := fs[i]
		if f.Properties.CutoffMin != want || f.Properties.Mode != "walk" || f.Geometry.Type != "MultiPolygon" || f.ID != strconv.Itoa(int(want)) {
			t.Errorf("feature %d: cutoff %g mode %q type %q id %q, want %g walk MultiPolygon", i, f.Properties.CutoffMin, f.Properties.Mode, f.Geometry.Type, f.ID, want)
		}
		// The area written is that of the polygon written.
		if a := geo.Area(f.tm35()) / 1e6; !planNear(a, f.Properties.AreaKm2, 0.002*a+1e-4) {
			t.Errorf("%g min: area_km2 %.4f, polygon %.4f km²", want, f.Properties.AreaKm2, a)
		}
		if i > 0 && f.Properties.AreaKm2 <= fs[i-1].Properties.AreaKm2 {
			t.Errorf("%g min area %.4f not above %g min %.4f", want, f.Properties.AreaKm2, fs[i-1].Properties.CutoffMin, fs[i-1].Properties.AreaKm2)
		}
	}
	if d := maxDecimals(text); d > 6 {
		t.Errorf("numbers with %d decimals, want at most 6", d)
	}
	full := fs[2].tm35()
	if len(full) != 1 || len(full[0]) != 2 {
		t.Fatalf("45 min: %d polygons, want one with one hole", len(full))
	}
	ix := geo.NewPolygonIndex([]orb.MultiPolygon{full})
	if ix.Locate(orb.Point{340600, 6830600}) >= 0 {
		t.Error("the middle of the lake is inside the 45 min polygon")
	}
	if ix.Locate(orb.Point{341200, 6831000}) < 0 || ix.Locate(orb.Point{340010, 6830010}) < 0 {
		t.Error("the ring road or the start lies outside the 45 min polygon")
	}
	if !strings.Contains(stdout, "45 min") {
		t.Errorf("summary:\n%s", stdout)
	}
}

// One minute on foot from the middle of a straight road: 72 m each way
// along it (the road lies on a cell edge at 10 m resolution; the nearest
// cell centres, 5 m beside it, are 71.8 m away at most, and the polygon
// reaches the far edge of their cells, 5 m on).
func TestIsochronesStraightRoadMinute(t *testing.T) {
	code, stdout, stderr := run(t, "isochrones", "-q", "--osm", fixture(t, "isochrones", "straight.osm"),
		"--from", "23.84086050,61.47703040", "--cutoffs", "1", "--resolution", "10")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	path := filepath.Join(t.TempDir(), "iso.geojson")
	if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	fs, _ := readIsochrones(t, path)
	if len(fs) != 1 {
		t.Fatalf("%d features", len(fs))
	}
	b := fs[0].tm35().Bound()
	const e0 = 331750.0
	// Cell centres at 5 m beside the road, 10 m apart: the last within
	// 72 m is at sqrt(72² - 5²) = 71.8 m -> the one at 65 m, whose cell
	// ends at 70 m.
	for _, v := range []struct {
		what      string
		got, want float64
	}{{"east", b.Max[0] - e0, 70}, {"west", e0 - b.Min[0], 70}} {
		if !planNear(v.got, v.want, 1) {
			t.Errorf("reach %s %.1f m, want %.0f", v.what, v.got, v.want)
		}
	}
}

// Starting from the kela offices of the plan fixture (cells 0, 6 and
// 12, 1.5 km apart; 5 min on foot is 360 m): three separate areas. From
// the candidate sites (cells 3, 6, 8, 12 and 14; 4 min is 288 m, 1.16
// cell steps): 6 and 8 merge, 12 and 14 merge, 3 stays apart.
func TestIsochronesFromFiles(t *testing.T) {
	osmPath := fixture(t, "plan-cli", "road.osm")
	cases := []struct {
		name   string
		cutoff string
		args   []string
		polys  int
	}{
		{"services of a category", "5", []string{"--services", fixture(t, "plan-cli", "services.csv"), "--category", "kela"}, 3},
		{"points file", "4", []string{"--points", fixture(t, "plan-cli", "candidates.csv")}, 3},
		{"one service", "5", []string{"--services", fixture(t, "plan-cli", "services.csv"), "--category", "library"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "iso.geojson")
			args := append([]string{"isochrones", "-q", "--osm", osmPath, "--cutoffs", c.cutoff, "--resolution", "20", "--out", out}, c.args...)
			code, _, stderr := run(t, args...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			fs, _ := readIsochrones(t, out)
			if len(fs) != 1 {
				t.Fatalf("%d features", len(fs))
			}
			if n := len(fs[0].Geometry.Coordinates); n != c.polys {
				t.Errorf("%d polygons, want %d", n, c.polys)
			}
		})
	}
}

func TestIsochronesBadFlags(t *testing.T) {
	ring := fixture(t, "isochrones", "ring.osm")
	from := "23.98683373,61.57017718"
	services := fixture(t, "plan-cli", "services.csv")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no start", []string{"--osm", ring}, "--from"},
		{"two kinds of start", []string{"--osm", ring, "--from", from, "--points", services}, "one of"},
		{"bad point", []string{"--osm", ring, "--from", "61.57,23.98,1"}, "--from"},
		{"no osm", []string{"--from", from}, "--osm"},
		{"zero cutoff", []string{"--osm", ring, "--from", from, "--cutoffs", "0,15"}, "--cutoffs"},
		{"transit without a feed", []string{"--osm", ring, "--from", from, "--mode", "transit"}, "--gtfs FILE (or --links FILE) is required"},
		{"feed without transit", []string{"--osm", ring, "--from", from, "--gtfs", "x.zip"}, "use --mode transit or nocar"},
		{"transit from a network file", []string{"--network", "x.saavu", "--from", from, "--mode", "nocar"}, "needs --osm and the feeds"},
		{"cut-off beyond the trip limit", []string{"--osm", ring, "--from", from, "--mode", "transit", "--gtfs", "x.zip", "--cutoffs", "60,120"}, "under --max-time"},
		{"percentile", []string{"--osm", ring, "--from", from, "--mode", "transit", "--gtfs", "x.zip", "--percentile", "0"}, "--percentile 0"},
		{"zero resolution", []string{"--osm", ring, "--from", from, "--resolution", "0"}, "--resolution"},
		{"category without services", []string{"--osm", ring, "--from", from, "--category", "kela"}, "--services"},
		{"services without category", []string{"--osm", ring, "--services", services}, "--category"},
		{"unknown category", []string{"--osm", ring, "--services", services, "--category", "school"}, "school"},
		{"start far from streets", []string{"--osm", ring, "--from", "25.0,62.0"}, "--max-snap"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "iso.geojson")
			code, _, stderr := run(t, append([]string{"isochrones", "-q", "--out", out}, c.args...)...)
			if code != 2 {
				t.Fatalf("exit %d, want 2\n%s", code, stderr)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("message lacks %q:\n%s", c.want, stderr)
			}
			if ents, _ := os.ReadDir(dir); len(ents) > 0 {
				t.Errorf("%d files left after a failed run", len(ents))
			}
		})
	}
}
