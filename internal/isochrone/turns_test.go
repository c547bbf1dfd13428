package isochrone

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/graph"
)

// TestTurnRestrictionSurface drives from halfway along 2 - 5 of the turn
// restriction grid (testdata/osm/turns.osm), where no_left_turn from 2 - 5
// onto 5 - 4 sends the car on to 8, and no_u_turn there on to the dead
// end 7 and back: street 4 - 5 is reached later than without
// restrictions, by the 5 - 8 - 7 - 8 - 5 detour, and no cell earlier.
func TestTurnRestrictionSurface(t *testing.T) {
	ext, err := osm.Read(context.Background(), filepath.Join(repoRoot(t), "testdata", "osm", "turns.osm"), osm.Options{SkipPOIs: true})
	if err != nil {
		t.Fatal(err)
	}
	build := func(ignore bool) *graph.Graph {
		p := graph.DefaultParams()
		p.IgnoreTurnRestrictions = ignore
		g, _, err := graph.Build(ext, graph.Car, p)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	on, off := build(false), build(true)
	start := func(g *graph.Graph) Start {
		s, ok := g.Snap(23.704, 61.5005, 50)
		if !ok {
			t.Fatal("start did not snap")
		}
		return Start{Lon: 23.704, Lat: 61.5005, Snap: s}
	}
	o := Options{LimitMin: 2, ResolutionM: 10, OffNetworkM: 5}
	ron, err := Times(context.Background(), on, []Start{start(on)}, o)
	if err != nil {
		t.Fatal(err)
	}
	roff, err := Times(context.Background(), off, []Start{start(off)}, o)
	if err != nil {
		t.Fatal(err)
	}
	// Halfway along 4 - 5: later by the time of 5 - 8 - 7 - 8 - 5.
	e, n := geo.ToTM35(23.702, 61.501)
	a, b := valueAt(ron, e, n), valueAt(roff, e, n)
	var detourMs float64
	for s := range on.SegU {
		if w := on.SegWay[s]; w == 58 || w == 78 {
			detourMs += float64(on.SegFwdMs[s] + on.SegBwdMs[s])
		}
	}
	if math.IsNaN(a) || math.IsNaN(b) || math.Abs(a-b-detourMs/60000) > 0.5/60 {
		t.Errorf("halfway along 4 - 5: %.4f min with restrictions, %.4f without; want %.4f more", a, b, detourMs/60000)
	}
	// No cell is reached earlier.
	for i, v := range roff.Values {
		if math.IsNaN(v) {
			continue
		}
		x := roff.Origin[0] + (float64(i%roff.W)+0.5)*roff.CellSize
		y := roff.Origin[1] + (float64(i/roff.W)+0.5)*roff.CellSize
		if w := valueAt(ron, x, y); w < v-1e-9 {
			t.Fatalf("cell at %.0f, %.0f: %.4f min with restrictions, %.4f without", x, y, w, v)
		}
	}
}
