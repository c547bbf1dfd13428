package travel

import (
	"context"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/graph"
)

// checkNoCarBounds fails when a nocar time is above the walk time (counted
// up to the trip limit) or the transit time of the same pair and
// percentile, or when it is below both (it must be one of them).
func checkNoCarBounds(t *testing.T, what string, walk, tr, nocar func(o, k int) uint32, origins, cols int, maxMs uint32) {
	t.Helper()
	bad := 0
	for o := range origins {
		for k := range cols {
			w, x, n := walk(o, k), tr(o, k), nocar(o, k)
			if w >= maxMs {
				w = Unreachable
			}
			if n > w || n > x || (n != w && n != x) {
				bad++
				if bad <= 5 {
					t.Errorf("%s origin %d column %d: nocar %d, walk %d, transit %d", what, o, k, n, w, x)
				}
			}
		}
	}
}

// TestNoCarBounds checks, from origins every 0.001 degree along both
// streets of the fixture, that nocar is the lower of walk and transit for
// every origin, category and percentile, in Nearest and in ToPoints.
func TestNoCarBounds(t *testing.T) {
	f := newFixture(t)
	var origins []graph.Snap
	for i := 0; i <= 40; i++ {
		if s, ok := f.transit.Net.Snap(25+float64(i)*0.001, 0, 50); ok {
			origins = append(origins, s)
		}
	}
	for i := 1; i <= 20; i++ {
		if s, ok := f.transit.Net.Snap(25.030, float64(i)*0.001, 50); ok {
			origins = append(origins, s)
		}
	}
	f.walk.Origins, f.transit.Origins = origins, origins
	ctx := context.Background()
	w, err := f.walk.Nearest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := f.transit.Nearest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nc, err := f.nocar.Nearest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	max := f.transit.MaxTimeMs()
	// Without a car keeps the reasons of its transit part for every
	// origin, those walking reaches included.
	for c := range nc {
		if !slices.Equal(nc[c].TransitWhy, tr[c].Why) || tr[c].Why == nil {
			t.Errorf("category %d: nocar's transit reasons %v, transit's %v", c, nc[c].TransitWhy, tr[c].Why)
		}
		if tr[c].TransitWhy != nil || w[c].TransitWhy != nil {
			t.Errorf("category %d: TransitWhy set outside nocar", c)
		}
	}
	for c := range nc {
		checkNoCarBounds(t, "nearest", func(o, _ int) uint32 { return w[c].TimeMs[o] },
			func(o, k int) uint32 { return tr[c].Pct[k][o] }, func(o, k int) uint32 { return nc[c].Pct[k][o] },
			len(origins), len(fixturePcts), max)
	}
	dests := origins
	wt, err := f.walk.ToPoints(ctx, dests)
	if err != nil {
		t.Fatal(err)
	}
	tt, err := f.transit.ToPoints(ctx, dests)
	if err != nil {
		t.Fatal(err)
	}
	nt, err := f.nocar.ToPoints(ctx, dests)
	if err != nil {
		t.Fatal(err)
	}
	improved := 0
	for d := range dests {
		checkNoCarBounds(t, "matrix", func(o, _ int) uint32 { return wt.At(o, d, 0) },
			func(o, k int) uint32 { return tt.At(o, d, k) }, func(o, k int) uint32 { return nt.At(o, d, k) },
			len(origins), len(fixturePcts), max)
		for o := range origins {
			if nt.At(o, d, 1) < wt.At(o, d, 0) {
				improved++
			}
		}
	}
	// The check above would pass on a nocar equal to walking everywhere:
	// transit must win somewhere.
	if improved == 0 {
		t.Error("transit never beats walking in the fixture")
	}
}
