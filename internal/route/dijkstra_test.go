package route

import (
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/saavu/saavu/internal/graph"
)

type testEdge struct {
	u, v int32
	ms   uint32
	len  float32
}

// csrGraph builds a graph with n vertices from a list of directed edges.
func csrGraph(n int, edges []testEdge) *graph.Graph {
	g := &graph.Graph{Lon: make([]float64, n), Lat: make([]float64, n), WalkSpeed: 1.2}
	fwd := append([]testEdge(nil), edges...)
	sort.SliceStable(fwd, func(i, j int) bool { return fwd[i].u < fwd[j].u })
	g.FirstOut = make([]int32, n+1)
	for _, e := range fwd {
		g.FirstOut[e.u+1]++
		g.Head = append(g.Head, e.v)
		g.TimeMs = append(g.TimeMs, e.ms)
		g.LenM = append(g.LenM, e.len)
	}
	rev := append([]testEdge(nil), edges...)
	sort.SliceStable(rev, func(i, j int) bool { return rev[i].v < rev[j].v })
	g.RevFirstOut = make([]int32, n+1)
	for _, e := range rev {
		g.RevFirstOut[e.v+1]++
		g.RevHead = append(g.RevHead, e.u)
		g.RevTimeMs = append(g.RevTimeMs, e.ms)
		g.RevLenM = append(g.RevLenM, e.len)
	}
	for i := 0; i < n; i++ {
		g.FirstOut[i+1] += g.FirstOut[i]
		g.RevFirstOut[i+1] += g.RevFirstOut[i]
	}
	return g
}

func randomGraph(r *rand.Rand, n, m int) (*graph.Graph, []testEdge) {
	edges := make([]testEdge, m)
	for i := range edges {
		edges[i] = testEdge{int32(r.IntN(n)), int32(r.IntN(n)), uint32(1 + r.IntN(1000)), float32(1 + r.IntN(500))}
	}
	return csrGraph(n, edges), edges
}

// bellmanFord is the plain reference: relax every edge until nothing changes.
func bellmanFord(n int, edges []testEdge, sources []Source, reverse bool) []uint64 {
	const inf = uint64(1) << 62
	dist := make([]uint64, n)
	for i := range dist {
		dist[i] = inf
	}
	for _, s := range sources {
		dist[s.V] = min(dist[s.V], uint64(s.TimeMs))
	}
	for changed := true; changed; {
		changed = false
		for _, e := range edges {
			u, v := e.u, e.v
			if reverse {
				u, v = v, u
			}
			if dist[u] != inf && dist[u]+uint64(e.ms) < dist[v] {
				dist[v] = dist[u] + uint64(e.ms)
				changed = true
			}
		}
	}
	return dist
}

func TestDijkstraMatchesBellmanFord(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 50; trial++ {
		n := 2 + r.IntN(60)
		g, edges := randomGraph(r, n, r.IntN(4*n))
		var src []Source
		for k := 0; k < 1+r.IntN(3); k++ {
			src = append(src, Source{V: int32(r.IntN(n)), TimeMs: uint32(r.IntN(50)), Tag: int32(k)})
		}
		d := NewDijkstra(g)
		for _, reverse := range []bool{false, true} {
			want := bellmanFord(n, edges, src, reverse)
			d.Run(reverse, src, 0)
			for v := 0; v < n; v++ {
				got := d.Time(int32(v))
				if want[v] == 1<<62 {
					if got != Unreached {
						t.Fatalf("trial %d reverse=%v vertex %d: got %d, want unreached", trial, reverse, v, got)
					}
					continue
				}
				if uint64(got) != want[v] {
					t.Fatalf("trial %d reverse=%v vertex %d: got %d, want %d", trial, reverse, v, got, want[v])
				}
			}
		}
	}
}

func TestDijkstraMultiSourceIsMinOfSingle(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n := 200
	g, _ := randomGraph(r, n, 700)
	src := []Source{{V: 3, Tag: 0}, {V: 77, TimeMs: 100, Tag: 1}, {V: 150, Tag: 2}}
	multi := NewDijkstra(g)
	multi.Run(true, src, 0)
	single := NewDijkstra(g)
	best := make([]uint32, n)
	bestTag := make([]int32, n)
	for i := range best {
		best[i], bestTag[i] = Unreached, -1
	}
	for _, s := range src {
		single.Run(true, []Source{s}, 0)
		for v := 0; v < n; v++ {
			if tm := single.Time(int32(v)); tm < best[v] {
				best[v], bestTag[v] = tm, s.Tag
			}
		}
	}
	for v := 0; v < n; v++ {
		if multi.Time(int32(v)) != best[v] {
			t.Fatalf("vertex %d: multi-source %d, min of single %d", v, multi.Time(int32(v)), best[v])
		}
		if best[v] != Unreached && single.Tag(int32(v)) < 0 && multi.Tag(int32(v)) < 0 {
			t.Fatalf("vertex %d reached without a tag", v)
		}
	}
}

func TestDijkstraLimitAndReuse(t *testing.T) {
	// 0 -> 1 -> 2 -> 3 in a line, 10 ms and 5 m each.
	g := csrGraph(4, []testEdge{{0, 1, 10, 5}, {1, 2, 10, 5}, {2, 3, 10, 5}})
	d := NewDijkstra(g)
	d.Run(false, []Source{{V: 0}}, 20)
	wantT := []uint32{0, 10, 20, Unreached}
	for v, w := range wantT {
		if d.Time(int32(v)) != w {
			t.Errorf("limit 20: vertex %d time %d, want %d", v, d.Time(int32(v)), w)
		}
	}
	if d.Len(2) != 10 {
		t.Errorf("length to 2 = %v, want 10", d.Len(2))
	}
	// A second run from another source must not see the first run's labels.
	d.Run(false, []Source{{V: 2, TimeMs: 7}}, 0)
	wantT = []uint32{Unreached, Unreached, 7, 17}
	for v, w := range wantT {
		if d.Time(int32(v)) != w {
			t.Errorf("reuse: vertex %d time %d, want %d", v, d.Time(int32(v)), w)
		}
	}
	// Reverse: times towards vertex 3.
	d.Run(true, []Source{{V: 3}}, 0)
	wantT = []uint32{30, 20, 10, 0}
	for v, w := range wantT {
		if d.Time(int32(v)) != w {
			t.Errorf("reverse: vertex %d time %d, want %d", v, d.Time(int32(v)), w)
		}
	}
}

func TestDijkstraTiesAreDeterministic(t *testing.T) {
	// Two equal-time paths 0->1->3 and 0->2->3 of different lengths: the
	// path through the lower vertex id is settled first and wins.
	g := csrGraph(4, []testEdge{{0, 2, 5, 100}, {0, 1, 5, 1}, {2, 3, 5, 100}, {1, 3, 5, 1}})
	d := NewDijkstra(g)
	for i := 0; i < 3; i++ {
		d.Run(false, []Source{{V: 0}}, 0)
		if d.Time(3) != 10 || d.Len(3) != 2 {
			t.Fatalf("run %d: time %d len %v, want 10 and 2", i, d.Time(3), d.Len(3))
		}
	}
}

func TestPointAnchors(t *testing.T) {
	// Segment 0-1 (100 ms each way), a point a quarter of the way along it
	// with a 50 ms connector; vertex 2 beyond vertex 1 (40 ms).
	g := csrGraph(3, []testEdge{{0, 1, 100, 10}, {1, 0, 100, 10}, {1, 2, 40, 4}})
	s := graph.Snap{ConnMs: 50, ConnM: 6,
		Out: [2]graph.Anchor{{V: 0, TimeMs: 25, LenM: 2.5}, {V: 1, TimeMs: 75, LenM: 7.5}},
		In:  [2]graph.Anchor{{V: 0, TimeMs: 25, LenM: 2.5}, {V: 1, TimeMs: 75, LenM: 7.5}},
	}
	d := NewDijkstra(g)
	d.Run(false, OutSources(s, 9, nil), 0)
	// To vertex 2: 50 + 75 + 40.
	if d.Time(2) != 165 || d.Tag(2) != 9 {
		t.Fatalf("time to 2 = %d tag %d, want 165 and 9", d.Time(2), d.Tag(2))
	}
	// Closed direction: only the way through vertex 0 remains.
	s.Out[1].TimeMs = graph.NoTime
	d.Run(false, OutSources(s, 0, nil), 0)
	if d.Time(2) != 50+25+100+40 {
		t.Fatalf("time to 2 with v1 anchor closed = %d, want %d", d.Time(2), 50+25+100+40)
	}
	// Reverse search from vertex 2 ... nothing leaves 2, so from the point.
	d.Run(true, []Source{{V: 2, Tag: 4}}, 0)
	s.Out[1].TimeMs = 75
	tm, l, tag := d.FromPoint(s)
	if tm != 165 || tag != 4 || l != 6+7.5+4 {
		t.Fatalf("FromPoint = %d, %v, %d; want 165, 17.5, 4", tm, l, tag)
	}
}
