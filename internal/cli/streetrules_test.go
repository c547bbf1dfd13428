package cli

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// walkRoute runs saavu route by walking and returns its time in minutes
// and length in metres.
func walkRoute(t *testing.T, osm, from, to, maxSnap string) (float64, float64) {
	t.Helper()
	code, stdout, stderr := run(t, "route", "-q", "--osm", osm, "--mode", "walk", "--from="+from, "--to="+to, "--max-snap", maxSnap)
	if code != 0 {
		t.Fatalf("route %s -> %s: exit %d\n%s", from, to, code, stderr)
	}
	m := regexp.MustCompile(`walk: ([0-9.]+) min, ([0-9]+) m`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("route output %q", stdout)
	}
	min, _ := strconv.ParseFloat(m[1], 64)
	metres, _ := strconv.ParseFloat(m[2], 64)
	return min, metres
}

// Street rules on real extracts: the cases where the walk graph used to
// send walkers on long detours or leave them cut off.
func TestStreetRulesReal(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data routes skipped in -short mode")
	}
	t.Run("Sao Paulo trunk_link bridge", func(t *testing.T) {
		// Grid points 89a8100c603ffff and 89a8100c60fffff, 340 m apart,
		// are joined by an untagged trunk_link bridge (way 188462851),
		// open to walkers by OSM's worldwide defaults; without it the walk
		// took 6 km (84 minutes).
		osm := testutil.SharedData(t, "sao-paulo/spo_osm.pbf")
		_, m := walkRoute(t, osm, "-46.6079746773408,-23.5710980272876", "-46.607884390391,-23.5680319362552", "1000")
		if m > 600 {
			t.Errorf("walk of %.0f m between neighbours 340 m apart", m)
		}
	})
	t.Run("Sao Paulo patch of service ways", func(t *testing.T) {
		// Grid point 89a8100c6abffff lies beside a patch of service ways
		// of 64 nodes that only private ways join to the streets: 64
		// vertices, but few junctions, so that R5 does not attach points
		// to it and neither does saavu now; the point used to reach
		// nothing.
		osm := testutil.SharedData(t, "sao-paulo/spo_osm.pbf")
		_, m := walkRoute(t, osm, "-46.6140882002316,-23.5708159194855", "-46.6079746773408,-23.5710980272876", "1000")
		if m > 2000 {
			t.Errorf("walk of %.0f m to a point 620 m away", m)
		}
	})
	osm := testutil.SharedData(t, "tampere/tampere.osm.pbf")
	t.Run("Tampere foot=use_sidepath", func(t *testing.T) {
		// The end of service road 43189631 (node 541189364) is 18 m along
		// Nekalantie (way 742610497, foot=use_sidepath) from its node
		// 60026656; treating use_sidepath as "no" made it a 1 km walk.
		min, m := walkRoute(t, osm, "23.8035139,61.4829237", "23.8032411,61.4830161", "5")
		if m > 25 || min > 1 {
			t.Errorf("%.1f min, %.0f m along 18 m of Nekalantie", min, m)
		}
	})
	t.Run("Tampere tracks reached", func(t *testing.T) {
		// The tracks around way 203297317 reach the street network only
		// through Nekalantie's end: they were cut off.
		_, m := walkRoute(t, osm, "23.8094819,61.4812660", "23.8035139,61.4829237", "5")
		if m > 1000 {
			t.Errorf("walk of %.0f m from the track to Nekalantie's end", m)
		}
	})
}
