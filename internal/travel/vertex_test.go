package travel

import (
	"context"
	"testing"

	"github.com/saavu/saavu/internal/graph"
)

// TestVertexTimesFixture checks the times to street vertices (the surface
// of isochrones) worked out by hand on the fixture. Vertices are the OSM
// nodes in id order: node k is vertex k-1 (see grid.osm).
//
// From O, 08:00-08:09 (p5, p50, p95):
//
//	n3 (S5, 25.010): walk 1000 s; line 1 reaches S5 2 minutes after S1:
//	  08:00..08:05 give 1020 (walking wins: 1000), 960, 900, 840, 780,
//	  720; later departures walk (1000). Sorted 720 780 840 900 960
//	  1000 x5: 720, 960, 1000.
//	n7 (S2): 1500 .. 1200 for 08:00..08:05, 1740 .. 1560 after:
//	  1200, 1440, 1740.
//	n14 (S4): as D2: 1680, 1920, 2220.
func TestVertexTimesFixture(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	o := f.transit.Origins[0]
	want := map[int32][3]uint32{2: {720, 960, 1000}, 6: {1200, 1440, 1740}, 13: {1680, 1920, 2220}}
	for k := range fixturePcts {
		vt, err := f.transit.VertexTimes(ctx, []graph.Snap{o}, 120*60000, k)
		if err != nil {
			t.Fatal(err)
		}
		for v, w := range want {
			if vt[v] != s(w[k]) {
				t.Errorf("transit p%d vertex %d: %d ms, want %d", fixturePcts[k], v, vt[v], s(w[k]))
			}
		}
		if vt[0] != 0 {
			t.Errorf("transit p%d: the start's own vertex at %d ms", fixturePcts[k], vt[0])
		}
	}
	// From D1 (25.035) no line runs back west: by transit O (n1) is
	// beyond the 20-minute walk; without a car it is 3500 s on foot.
	// S2 (n7) is 500 s away on foot either way.
	d1 := f.transit.Services.Snaps[1]
	tr, err := f.transit.VertexTimes(ctx, []graph.Snap{d1}, 120*60000, 1)
	if err != nil {
		t.Fatal(err)
	}
	nc, err := f.nocar.VertexTimes(ctx, []graph.Snap{d1}, 120*60000, 1)
	if err != nil {
		t.Fatal(err)
	}
	if tr[0] != Unreachable || nc[0] != s(3500) || tr[6] != s(500) || nc[6] != s(500) {
		t.Errorf("from D1: n1 transit %d nocar %d ms (want unreachable, 3500000); n7 transit %d nocar %d (want 500000)", tr[0], nc[0], tr[6], nc[6])
	}
	// A limit cuts the surface: within 30 minutes nothing beyond.
	nc, err = f.nocar.VertexTimes(ctx, []graph.Snap{d1}, 30*60000, 1)
	if err != nil {
		t.Fatal(err)
	}
	if nc[0] != Unreachable {
		t.Errorf("nocar within 30 min reaches n1 in %d ms", nc[0])
	}
	// Street: the walk source's surface is the plain search.
	w, err := f.walk.VertexTimes(ctx, []graph.Snap{o}, 120*60000, 0)
	if err != nil {
		t.Fatal(err)
	}
	if w[2] != s(1000) || w[13] != s(5000) {
		t.Errorf("walk: n3 %d ms, n14 %d ms; want 1000000 and 5000000", w[2], w[13])
	}
}
