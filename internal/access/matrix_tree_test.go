package access

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/ch"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/graph/graphtest"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/testutil"
)

// checkTreeLength holds treeLength to Dijkstra's ToPoint for every vertex
// of g as a destination: when it answers, the same length to the bit.
func checkTreeLength(t *testing.T, g *graph.Graph, h *ch.Hierarchy, src []route.Source, dests []graph.Snap) (answered, total int) {
	t.Helper()
	d := route.NewDijkstra(g)
	d.Run(false, src, 0)
	dist := make([]uint32, g.NumVertices())
	h.OneToAll(h.NewSearcher(), src, dist)
	var path []float32
	for _, dst := range dests {
		wt, wl, _ := d.ToPoint(dst)
		if wt == route.Unreached {
			continue
		}
		total++
		var l float64
		var ok bool
		if l, ok, path = treeLength(g, dist, h.Rank, src, dst, wt, path); !ok {
			continue
		}
		answered++
		if l != wl {
			t.Fatalf("sources %v, destination %+v: length %v, Dijkstra %v", src, dst.In, l, wl)
		}
	}
	return answered, total
}

func randomTreeCase(t *testing.T, seed uint64, n, deg, maxT int) (answered, total int) {
	rng := rand.New(rand.NewPCG(seed, 21))
	g := graphtest.Random(rng, n, deg, maxT, 10)
	h, err := ch.Build(g, ch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var src []route.Source
	for range 1 + rng.IntN(2) {
		tm := uint32(rng.IntN(3))
		src = append(src, route.Source{V: int32(rng.IntN(n)), TimeMs: tm, LenM: float64(tm) * 0.9})
	}
	var dests []graph.Snap
	for range 20 {
		s := graph.Snap{ConnMs: uint32(rng.IntN(3)), ConnM: float64(rng.IntN(4)) * 0.37}
		for k := range 2 {
			s.In[k] = graph.Anchor{V: int32(rng.IntN(n)), TimeMs: uint32(rng.IntN(3)), LenM: float32(rng.IntN(3)) * 0.5}
		}
		dests = append(dests, s)
	}
	return checkTreeLength(t, g, h, src, dests)
}

func TestTreeLengthRandom(t *testing.T) {
	answered, total := 0, 0
	for seed := range uint64(400) {
		a, tt := randomTreeCase(t, seed, 2+int(seed%50), 1+int(seed%4), 1+int(seed%5))
		answered += a
		total += tt
	}
	t.Logf("answered %d of %d reachable destinations", answered, total)
	if answered < total/2 {
		t.Fatalf("answered only %d of %d", answered, total)
	}
}

func FuzzTreeLength(f *testing.F) {
	f.Add(uint64(1), uint8(10), uint8(2), uint8(3))
	f.Add(uint64(5), uint8(60), uint8(3), uint8(1))
	f.Fuzz(func(t *testing.T, seed uint64, n, deg, maxT uint8) {
		randomTreeCase(t, seed, 2+int(n), 1+int(deg%6), 1+int(maxT%8))
	})
}

// TestTreeLengthRealData follows Dijkstra's paths from the times on real
// extracts (Monaco's car graph has turn copies joined by edges of no
// time) to points everywhere.
func TestTreeLengthRealData(t *testing.T) {
	if testing.Short() {
		t.Skip("real extracts skipped in -short mode")
	}
	for _, c := range []struct{ name, path string }{{"monaco", "monaco/monaco.osm.pbf"}, {"tampere", "tampere/tampere.osm.pbf"}} {
		t.Run(c.name, func(t *testing.T) {
			ext, err := osm.Read(context.Background(), testutil.SharedData(t, c.path), osm.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, mode := range []graph.Mode{graph.Walk, graph.Car} {
				g, _, err := graph.Build(ext, mode, graph.DefaultParams())
				if err != nil {
					t.Fatal(err)
				}
				h, err := ch.Build(g, ch.Options{})
				if err != nil {
					t.Fatal(err)
				}
				rng := rand.New(rand.NewPCG(4, uint64(mode)))
				origins, dests := samplePoints(g, rng, 8), samplePoints(g, rng, 400)
				answered, total := 0, 0
				for _, o := range origins {
					if o.Seg < 0 {
						continue
					}
					a, tt := checkTreeLength(t, g, h, route.OutSources(o, 0, nil), dests)
					answered, total = answered+a, total+tt
				}
				t.Logf("%s: answered %d of %d", mode, answered, total)
			}
		})
	}
}
