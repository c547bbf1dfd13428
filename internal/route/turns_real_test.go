package route

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/testutil"
)

// TestTurnRestrictionsRealData builds the car graph of real extracts with
// and without their turn restrictions and compares drives between
// sampled nodes: a restriction may only lengthen a drive. The Tampere
// extract of ../shared/data holds no restriction relations (it was cut
// down to streets and amenities), so it must come out unchanged; the
// Monaco extract has them, and some drive must take longer.
func TestTurnRestrictionsRealData(t *testing.T) {
	cases := []struct {
		name, path  string
		wantApplied bool
	}{
		{"tampere", "tampere/tampere.osm.pbf", false},
		{"monaco", "monaco/monaco.osm.pbf", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := testutil.SharedData(t, c.path)
			ext, err := osm.Read(context.Background(), path, osm.Options{})
			if err != nil {
				t.Fatal(err)
			}
			oc := ext.Counts
			t.Logf("read: %d relations, %d restrictions kept, %d not for cars, %d malformed, %d with a member outside",
				oc.Relations, oc.Restrictions, oc.RestrictionsNotForCar, oc.RestrictionsMalformed, oc.RestrictionsOutside)
			on, st, err := graph.Build(ext, graph.Car, graph.DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			p := graph.DefaultParams()
			p.IgnoreTurnRestrictions = true
			off, _, err := graph.Build(ext, graph.Car, p)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("car graph: %d applied, skipped %v, %d turn copies", st.TurnRestrictions, st.TurnRestrictionsSkipped, st.TurnCopies)
			if (st.TurnRestrictions > 0) != c.wantApplied {
				t.Fatalf("%d restrictions applied", st.TurnRestrictions)
			}

			// Drives between sampled nodes, each source against every target.
			nn := off.NumVertices()
			r := rand.New(rand.NewPCG(7, 11))
			var srcs, dsts []int32
			for range 60 {
				srcs = append(srcs, int32(r.IntN(nn)))
			}
			for range 400 {
				dsts = append(dsts, int32(r.IntN(nn)))
			}
			// Every restriction's via node is a target too, and the
			// nodes next to it sources, where a change is likeliest.
			for _, v := range on.TurnVia {
				dsts = append(dsts, v)
				for e := off.RevFirstOut[v]; e < off.RevFirstOut[v+1]; e++ {
					srcs = append(srcs, off.RevHead[e])
				}
			}
			ref := newTurnRef(off, ext)
			don, doff := NewDijkstra(on), NewDijkstra(off)
			differ, lost, pairs := 0, 0, 0
			var ex struct {
				from, to   int64
				on, offMs  uint32
				increaseMs uint32
			}
			for i, s := range srcs {
				don.Run(false, []Source{{V: s}}, 0)
				doff.Run(false, []Source{{V: s}}, 0)
				var want []uint32
				if i%4 == 0 { // the edge-based reference, on a quarter of the sources
					want = ref.times(s)
				}
				for _, d := range dsts {
					a, b := don.Time(on.TurnSink(d)), doff.Time(d)
					if want != nil && want[d] != a {
						t.Fatalf("node %d to %d: %d ms, the edge-based reference %d", off.NodeID[s], off.NodeID[d], a, want[d])
					}
					if b == Unreached {
						continue
					}
					pairs++
					if a < b {
						t.Fatalf("node %d to %d: %d ms with restrictions, %d without", off.NodeID[s], off.NodeID[d], a, b)
					}
					if a == Unreached {
						lost++
					}
					if a != b {
						differ++
						if a != Unreached && a-b > ex.increaseMs {
							ex.from, ex.to, ex.on, ex.offMs, ex.increaseMs = off.NodeID[s], off.NodeID[d], a, b, a-b
						}
					}
				}
			}
			t.Logf("%d of %d drives change, %d of them no longer possible; the longest detour: node %d to node %d, %d ms without restrictions, %d ms with",
				differ, pairs, lost, ex.from, ex.to, ex.offMs, ex.on)
			if (differ > 0) != c.wantApplied {
				t.Errorf("%d drives changed", differ)
			}
		})
	}
}
