package graph

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/saavu/saavu/internal/testutil"

	"github.com/saavu/saavu/data/osm"
)

// sharedData returns a path under ../shared/data, skipping the test when absent.
func sharedData(tb testing.TB, rel string) string { return testutil.SharedData(tb, rel) }

// readTown reads the hand-made town of testdata/osm/town.osm.
func readTown(tb testing.TB) *osm.Extract {
	tb.Helper()
	ext, err := osm.Read(context.Background(), filepath.Join("..", "..", "testdata", "osm", "town.osm"), osm.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return ext
}

func buildTown(tb testing.TB, m Mode, p Params) *Graph {
	tb.Helper()
	g, _, err := Build(readTown(tb), m, p)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

var (
	tampereOnce sync.Once
	tampereExt  *osm.Extract
	tampereErr  error
)

// readTampere reads the real Tampere extract once per test binary.
func readTampere(tb testing.TB) *osm.Extract {
	tb.Helper()
	path := sharedData(tb, "tampere/tampere.osm.pbf")
	tampereOnce.Do(func() { tampereExt, tampereErr = osm.Read(context.Background(), path, osm.Options{}) })
	if tampereErr != nil {
		tb.Fatal(tampereErr)
	}
	return tampereExt
}

// vertex returns the vertex of an OSM node, failing the test when absent.
func vertex(tb testing.TB, g *Graph, node int64) int32 {
	tb.Helper()
	v, ok := slices.BinarySearch(g.NodeID[:g.NumNodeVertices()], node)
	if !ok {
		tb.Fatalf("%s graph: node %d is not a vertex", g.Mode, node)
	}
	return int32(v)
}

// edgeBetween returns the edge from node a to node b.
func edgeBetween(tb testing.TB, g *Graph, a, b int64) (ms uint32, lenM float32, ok bool) {
	tb.Helper()
	u, v := vertex(tb, g, a), vertex(tb, g, b)
	for e := g.FirstOut[u]; e < g.FirstOut[u+1]; e++ {
		if g.Head[e] == v {
			return g.TimeMs[e], g.LenM[e], true
		}
	}
	return 0, 0, false
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

type testEdge struct {
	tail, head int32
	ms         uint32
	lenM       float32
}

// checkGraph verifies the structural invariants every graph must have.
func checkGraph(t *testing.T, g *Graph) {
	t.Helper()
	n := g.NumVertices()
	if len(g.Lat) != n || len(g.NodeID) != n || len(g.FirstOut) != n+1 || len(g.RevFirstOut) != n+1 {
		t.Fatalf("vertex arrays of different lengths")
	}
	for i := 1; i < g.NumNodeVertices(); i++ {
		if g.NodeID[i-1] >= g.NodeID[i] {
			t.Fatalf("node ids not ascending at vertex %d", i)
		}
	}
	m := g.NumEdges()
	if g.FirstOut[0] != 0 || int(g.FirstOut[n]) != m || g.RevFirstOut[0] != 0 || int(g.RevFirstOut[n]) != m {
		t.Fatalf("CSR bounds wrong")
	}
	var fwd, rev []testEdge
	for v := range n {
		if g.FirstOut[v] > g.FirstOut[v+1] || g.RevFirstOut[v] > g.RevFirstOut[v+1] {
			t.Fatalf("CSR offsets decrease at %d", v)
		}
		for e := g.FirstOut[v]; e < g.FirstOut[v+1]; e++ {
			h := g.Head[e]
			if h < 0 || int(h) >= n || h == int32(v) {
				t.Fatalf("edge %d from %d has head %d", e, v, h)
			}
			if e > g.FirstOut[v] && g.Head[e-1] >= h {
				t.Fatalf("edges of %d not sorted by head or parallel", v)
			}
			if g.TimeMs[e] == NoTime || (g.LenM[e] > 0 && g.TimeMs[e] == 0) || math.IsNaN(float64(g.LenM[e])) || math.IsInf(float64(g.LenM[e]), 0) {
				t.Fatalf("edge %d: time %d length %v", e, g.TimeMs[e], g.LenM[e])
			}
			fwd = append(fwd, testEdge{int32(v), h, g.TimeMs[e], g.LenM[e]})
		}
		for e := g.RevFirstOut[v]; e < g.RevFirstOut[v+1]; e++ {
			rev = append(rev, testEdge{g.RevHead[e], int32(v), g.RevTimeMs[e], g.RevLenM[e]})
		}
	}
	cmpEdge := func(a, b testEdge) int {
		if a.tail != b.tail {
			return int(a.tail - b.tail)
		}
		return int(a.head - b.head)
	}
	slices.SortFunc(rev, cmpEdge)
	if !slices.Equal(fwd, rev) {
		t.Fatal("reverse star holds other edges than the forward star")
	}
	for s := range g.SegU {
		u, v := g.SegU[s], g.SegV[s]
		nn := g.NumNodeVertices()
		if u == v || u < 0 || v < 0 || int(u) >= nn || int(v) >= nn {
			t.Fatalf("segment %d joins %d and %d", s, u, v)
		}
		if g.SegFwdMs[s] == NoTime && g.SegBwdMs[s] == NoTime {
			t.Fatalf("segment %d closed both ways", s)
		}
		fFrom, fTo := g.FwdEnds(int32(s))
		bFrom, bTo := g.BwdEnds(int32(s))
		if g.NodeVertex(fFrom) != u || g.NodeVertex(fTo) != v || g.NodeVertex(bFrom) != v || g.NodeVertex(bTo) != u {
			t.Fatalf("segment %d: ends %d->%d, %d->%d are no copies of %d and %d", s, fFrom, fTo, bFrom, bTo, u, v)
		}
		// Every open direction has an edge at most as slow.
		for _, d := range []struct {
			a, b int32
			ms   uint32
		}{{fFrom, fTo, g.SegFwdMs[int32(s)]}, {bFrom, bTo, g.SegBwdMs[int32(s)]}} {
			if d.ms == NoTime {
				continue
			}
			found := false
			for e := g.FirstOut[d.a]; e < g.FirstOut[d.a+1]; e++ {
				if g.Head[e] == d.b && g.TimeMs[e] <= d.ms {
					found = true
				}
			}
			if !found {
				t.Fatalf("segment %d direction %d->%d has no edge", s, d.a, d.b)
			}
		}
	}
}
