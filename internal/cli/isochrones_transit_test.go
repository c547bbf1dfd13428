package cli

import (
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/saavu/saavu/geo"
)

// Transit isochrones on the hand-made fixture (testdata/ptaccess, see
// internal/travel/vertex_test.go for the times): from O (25.000, 0) over
// the departures 08:00-08:09 the median reaches S5 (25.010) in 960 s
// (16 min) and S2 (25.030) in 1440 s (24 min) by line 1; on foot S2 is 50
// minutes away. From D1 (25.035) no line runs back: without a car O is
// 3500 s (58.3 min) away on foot, by transit not within the 20-minute
// walk limit.
func TestIsochronesTransitFixture(t *testing.T) {
	dir := ptDir(t)
	base := []string{"isochrones", "-q", "--osm", filepath.Join(dir, "grid.osm"), "--gtfs", filepath.Join(dir, "gtfs"),
		"--walk-speed", ptSpeed, "--date", "20240108", "--depart", "08:00", "--window", "10", "--resolution", "20", "--off-network", "30"}
	inside := func(f isoFeature, lon, lat float64) bool {
		e, n := geo.ToTM35(lon, lat)
		return planar.MultiPolygonContains(f.tm35(), orb.Point{e, n})
	}
	cases := []struct {
		name, mode, from string
		cutoffs          string
		// points inside (true) or outside each band, by cut-off index
		points []struct {
			lon, lat float64
			in       []bool
		}
	}{
		{"transit from O", "transit", "25.000,0", "15,20,25", []struct {
			lon, lat float64
			in       []bool
		}{
			{25.010, 0, []bool{false, true, true}},   // S5 at 16 min
			{25.030, 0, []bool{false, false, true}},  // S2 at 24 min
			{25.040, 0, []bool{false, false, false}}, // 24 + 16.7 min
		}},
		{"walk from O", "walk", "25.000,0", "15,20,25", []struct {
			lon, lat float64
			in       []bool
		}{
			{25.010, 0, []bool{false, true, true}}, // 1000 s on foot
			{25.030, 0, []bool{false, false, false}},
		}},
		{"nocar from D1", "nocar", "25.035,0", "30,59", []struct {
			lon, lat float64
			in       []bool
		}{
			{25.0005, 0, []bool{false, true}}, // 3450 s on foot
			{25.030, 0, []bool{true, true}},
		}},
		{"transit from D1", "transit", "25.035,0", "30,59", []struct {
			lon, lat float64
			in       []bool
		}{
			{25.0005, 0, []bool{false, false}},
			{25.030, 0, []bool{true, true}},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "iso.geojson")
			args := append(append([]string{}, base...), "--mode", c.mode, "--from", c.from, "--cutoffs", c.cutoffs, "--out", out)
			if c.mode == "walk" {
				args = []string{"isochrones", "-q", "--osm", filepath.Join(dir, "grid.osm"), "--walk-speed", ptSpeed,
					"--resolution", "20", "--off-network", "30", "--mode", "walk", "--from", c.from, "--cutoffs", c.cutoffs, "--out", out}
			}
			code, stdout, stderr := run(t, args...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			fs, _ := readIsochrones(t, out)
			for _, p := range c.points {
				for k, want := range p.in {
					if got := inside(fs[k], p.lon, p.lat); got != want {
						t.Errorf("%g,%g within %g min: %v, want %v\n%s", p.lon, p.lat, fs[k].Properties.CutoffMin, got, want, stdout)
					}
				}
			}
			if fs[0].Properties.Mode != c.mode {
				t.Errorf("mode %q", fs[0].Properties.Mode)
			}
		})
	}
}
