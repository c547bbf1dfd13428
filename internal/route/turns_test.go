package route

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
)

// The street grid of testdata/osm/turns.osm (see the comment in that
// file): every case routes a car between two of its nodes with some of
// its turn restrictions and compares the time with the sum of the
// segment times along the path worked out by hand.

func readTurns(tb testing.TB) *osm.Extract {
	tb.Helper()
	ext, err := osm.Read(context.Background(), filepath.Join("..", "..", "testdata", "osm", "turns.osm"), osm.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return ext
}

// carGraphWith builds the car graph with only the restrictions of the
// given relations.
func carGraphWith(tb testing.TB, ext *osm.Extract, p graph.Params, rels ...int64) *graph.Graph {
	tb.Helper()
	e := *ext
	e.Restrictions = nil
	for _, r := range ext.Restrictions {
		if slices.Contains(rels, r.ID) {
			e.Restrictions = append(e.Restrictions, r)
		}
	}
	g, _, err := graph.Build(&e, graph.Car, p)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// nodeVertex returns the vertex of an OSM node.
func nodeVertex(tb testing.TB, g *graph.Graph, node int64) int32 {
	tb.Helper()
	v, ok := slices.BinarySearch(g.NodeID[:g.NumNodeVertices()], node)
	if !ok {
		tb.Fatalf("node %d is not a vertex", node)
	}
	return int32(v)
}

// pathMs sums the segment times along a path of nodes.
func pathMs(tb testing.TB, g *graph.Graph, nodes ...int64) uint32 {
	tb.Helper()
	var sum uint32
	for i := 1; i < len(nodes); i++ {
		a, b := nodeVertex(tb, g, nodes[i-1]), nodeVertex(tb, g, nodes[i])
		found := false
		for s := range g.SegU {
			switch {
			case g.SegU[s] == a && g.SegV[s] == b && g.SegFwdMs[s] != graph.NoTime:
				sum += g.SegFwdMs[s]
				found = true
			case g.SegU[s] == b && g.SegV[s] == a && g.SegBwdMs[s] != graph.NoTime:
				sum += g.SegBwdMs[s]
				found = true
			}
			if found {
				break
			}
		}
		if !found {
			tb.Fatalf("no open segment from node %d to %d", nodes[i-1], nodes[i])
		}
	}
	return sum
}

// carMs is the time of the fastest drive from node a to node b: from the
// node itself, to its sink (which every arrival reaches).
func carMs(tb testing.TB, g *graph.Graph, a, b int64) uint32 {
	tb.Helper()
	d := NewDijkstra(g)
	d.Run(false, []Source{{V: nodeVertex(tb, g, a)}}, 0)
	return d.Time(g.TurnSink(nodeVertex(tb, g, b)))
}

func TestTurnRestrictionRoutes(t *testing.T) {
	ext := readTurns(t)
	all := []int64{1001, 1002, 1003, 1004, 1005, 1006, 1007}
	cases := []struct {
		name     string
		rels     []int64
		from, to int64
		path     []int64 // fastest path with the restrictions
		free     []int64 // fastest path without any
	}{
		{"no_left_turn forces a u-turn further on", []int64{1001}, 2, 4, []int64{2, 5, 8, 5, 4}, []int64{2, 5, 4}},
		{"no_u_turn there forces a longer one", []int64{1001, 1003}, 2, 4, []int64{2, 5, 6, 5, 4}, []int64{2, 5, 4}},
		{"no_left_turn keeps the right turn", []int64{1001}, 2, 6, []int64{2, 5, 6}, []int64{2, 5, 6}},
		{"no_left_turn binds only its from way", []int64{1001}, 8, 4, []int64{8, 5, 4}, []int64{8, 5, 4}},
		{"only_straight_on forbids the right turn", []int64{1002}, 4, 2, []int64{4, 5, 6, 5, 2}, []int64{4, 5, 2}},
		{"only_straight_on keeps straight on", []int64{1002}, 4, 6, []int64{4, 5, 6}, []int64{4, 5, 6}},
		{"only_straight_on and no_u_turn", []int64{1002, 1004}, 4, 2, []int64{4, 5, 6, 9, 8, 5, 2}, []int64{4, 5, 2}},
		{"no_left_turn from a one-way street", []int64{1005}, 9, 5, []int64{9, 6, 5}, []int64{9, 8, 5}},
		{"via way and via off the way change nothing", []int64{1006, 1007}, 1, 6, []int64{1, 2, 5, 6}, []int64{1, 2, 5, 6}},
		{"all together", all, 2, 4, []int64{2, 5, 8, 7, 8, 5, 4}, []int64{2, 5, 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := carGraphWith(t, ext, graph.DefaultParams(), c.rels...)
			free := carGraphWith(t, ext, graph.DefaultParams())
			if got, want := carMs(t, free, c.from, c.to), pathMs(t, free, c.free...); got != want {
				t.Fatalf("without restrictions: %d ms, want %d (path %v)", got, want, c.free)
			}
			got, want := carMs(t, g, c.from, c.to), pathMs(t, g, c.path...)
			if got != want {
				t.Errorf("%d ms, want %d (path %v; %d ms without restrictions)", got, want, c.path, pathMs(t, g, c.free...))
			}
			// The same time from a reverse search towards the node's sink.
			d := NewDijkstra(g)
			d.Run(true, []Source{{V: g.TurnSink(nodeVertex(t, g, c.to))}}, 0)
			if back := d.Time(nodeVertex(t, g, c.from)); back != got {
				t.Errorf("reverse search: %d ms, forward %d", back, got)
			}
		})
	}
	t.Run("all pairs against the edge-based reference", func(t *testing.T) {
		g := carGraphWith(t, ext, graph.DefaultParams(), all...)
		p := graph.DefaultParams()
		p.IgnoreTurnRestrictions = true
		ref := newTurnRef(carGraphWith(t, ext, p), ext)
		d := NewDijkstra(g)
		for a := range int32(g.NumNodeVertices()) {
			want := ref.times(a)
			d.Run(false, []Source{{V: a}}, 0)
			for b := range int32(g.NumNodeVertices()) {
				if got := d.Time(g.TurnSink(b)); got != want[b] {
					t.Errorf("node %d to %d: %d ms, reference %d", g.NodeID[a], g.NodeID[b], got, want[b])
				}
			}
		}
	})
	t.Run("IgnoreTurnRestrictions", func(t *testing.T) {
		p := graph.DefaultParams()
		p.IgnoreTurnRestrictions = true
		g := carGraphWith(t, ext, p, all...)
		if got, want := carMs(t, g, 2, 4), pathMs(t, g, 2, 5, 4); got != want {
			t.Errorf("%d ms, want %d", got, want)
		}
	})
}

// TestTurnRestrictionPoints routes between points snapped onto the grid:
// a point on a segment leaves it towards the via node as an arrival along
// its way, while a point on the via node itself may leave and be reached
// in any direction.
func TestTurnRestrictionPoints(t *testing.T) {
	ext := readTurns(t)
	g := carGraphWith(t, ext, graph.DefaultParams(), 1001)
	g.PrepareSnap()
	snap := func(lon, lat float64) graph.Snap {
		t.Helper()
		s, ok := g.Snap(lon, lat, 50)
		if !ok {
			t.Fatalf("%v, %v did not snap", lon, lat)
		}
		return s
	}
	s := snap(23.704, 61.5005) // halfway along 2 - 5
	d := NewDijkstra(g)
	d.Run(false, OutSources(s, 0, nil), 0)

	// Halfway along 4 - 5: the left turn at 5 is forbidden, so the car
	// goes on to 8 and comes back.
	dst := snap(23.702, 61.501)
	got, _, _ := d.ToPoint(dst)
	want := s.Out[1].TimeMs + pathMs(t, g, 5, 8, 5) + dst.In[1].TimeMs
	if got != want {
		t.Errorf("to the point on 4 - 5: %d ms, want %d", got, want)
	}
	// On node 5 itself: reached straight up 2 - 5.
	at5 := snap(23.704, 61.501)
	if got, want := func() uint32 { ms, _, _ := d.ToPoint(at5); return ms }(), s.Out[1].TimeMs; got != want {
		t.Errorf("to node 5: %d ms, want %d", got, want)
	}
	// From node 5 itself the left turn is no turn: straight to 4.
	d.Run(false, OutSources(at5, 0, nil), 0)
	if got, want := d.Time(g.TurnSink(nodeVertex(t, g, 4))), pathMs(t, g, 5, 4); got != want {
		t.Errorf("from node 5 to 4: %d ms, want %d", got, want)
	}
}

// FuzzTurnRestrictions puts restrictions made from the input (four bytes
// each: from way, to way, via node, no_ or only_) on the grid of
// testdata/osm/turns.osm and checks every drive between its nodes against
// the edge-based reference, forward and reverse.
func FuzzTurnRestrictions(f *testing.F) {
	f.Add([]byte{6, 2, 4, 0})                // 25 -> 45 via 5, no_
	f.Add([]byte{2, 3, 4, 1, 3, 3, 5, 0})    // 45 -> 56 via 5 only_, u-turn at 6
	f.Add([]byte{7, 7, 7, 0, 5, 7, 7, 0, 0}) // u-turn at 8, 89 -> 58 via 8
	ext := readTurns(f)
	ways := []int64{12, 23, 45, 56, 78, 89, 25, 58, 69}
	p := graph.DefaultParams()
	p.IgnoreTurnRestrictions = true
	free, _, err := graph.Build(ext, graph.Car, p)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		e := *ext
		e.Restrictions = nil
		for i := 0; i+3 < len(b) && i < 32; i += 4 {
			only := b[i+3]&1 == 1
			kind := "no_left_turn"
			if only {
				kind = "only_left_turn"
			}
			e.Restrictions = append(e.Restrictions, osm.Restriction{ID: int64(i), From: ways[int(b[i])%len(ways)],
				To: ways[int(b[i+1])%len(ways)], Via: []int64{int64(b[i+2]%9) + 1}, Only: only, Kind: kind})
		}
		g, _, err := graph.Build(&e, graph.Car, graph.DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		ref := newTurnRef(free, &e)
		d := NewDijkstra(g)
		back := NewDijkstra(g)
		for a := range int32(g.NumNodeVertices()) {
			want := ref.times(a)
			d.Run(false, []Source{{V: a}}, 0)
			for z := range int32(g.NumNodeVertices()) {
				if got := d.Time(g.TurnSink(z)); got != want[z] {
					t.Fatalf("%+v: node %d to %d: %d ms, reference %d", e.Restrictions, g.NodeID[a], g.NodeID[z], got, want[z])
				}
			}
		}
		for z := range int32(g.NumNodeVertices()) {
			back.Run(true, []Source{{V: g.TurnSink(z)}}, 0)
			for a := range int32(g.NumNodeVertices()) {
				d.Run(false, []Source{{V: a}}, 0)
				if got, fwd := back.Time(a), d.Time(g.TurnSink(z)); got != fwd {
					t.Fatalf("%+v: node %d to %d: reverse %d ms, forward %d", e.Restrictions, g.NodeID[a], g.NodeID[z], got, fwd)
				}
			}
		}
	})
}
