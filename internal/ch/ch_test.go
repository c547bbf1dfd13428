package ch

import (
	"math/rand/v2"
	"testing"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/graph/graphtest"
	"github.com/saavu/saavu/internal/route"
)

// randomSources picks one or two start vertices with start times.
func randomSources(rng *rand.Rand, n int) []route.Source {
	k := 1 + rng.IntN(2)
	var src []route.Source
	for range k {
		t := uint32(rng.IntN(5))
		src = append(src, route.Source{V: int32(rng.IntN(n)), TimeMs: t, LenM: float64(t) * 1.5})
	}
	return src
}

// reference is the per-origin answer: a forward Dijkstra search from the
// origin's sources, read at each target's sources.
func reference(g *graph.Graph, origins, targets [][]route.Source) (times []uint32, lens []float64) {
	d := route.NewDijkstra(g)
	for _, o := range origins {
		d.Run(false, o, 0)
		for _, tg := range targets {
			best, bestL := uint64(route.Unreached), 0.0
			for _, s := range tg {
				tv := d.Time(s.V)
				if tv == route.Unreached {
					continue
				}
				if t := uint64(tv) + uint64(s.TimeMs); t < best {
					best, bestL = t, d.Len(s.V)+s.LenM
				}
			}
			if best >= route.Unreached {
				times = append(times, route.Unreached)
				lens = append(lens, 0)
			} else {
				times = append(times, uint32(best))
				lens = append(lens, bestL)
			}
		}
	}
	return times, lens
}

func checkRandom(t *testing.T, seed uint64, n, deg, maxT int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	g := graphtest.Random(rng, n, deg, maxT, 12)
	h, err := Build(g, Options{WitnessSettled: 1 + rng.IntN(30)})
	if err != nil {
		t.Fatal(err)
	}
	origins := make([][]route.Source, 1+rng.IntN(12))
	targets := make([][]route.Source, 1+rng.IntN(12))
	for i := range origins {
		origins[i] = randomSources(rng, n)
	}
	for j := range targets {
		targets[j] = randomSources(rng, n)
	}
	wantT, wantL := reference(g, origins, targets)
	for _, workers := range []int{1, 3} {
		tab := h.Matrix(origins, targets, workers)
		for k := range wantT {
			if tab.TimeMs[k] != wantT[k] {
				t.Fatalf("seed %d n %d: pair %d (origin %d, target %d): time %d, Dijkstra %d", seed, n, k, k/tab.Cols, k%tab.Cols, tab.TimeMs[k], wantT[k])
			}
			if wantT[k] == route.Unreached {
				continue
			}
			tol := ErrBound(tab.Lmax[k], tab.Hops[k])
			if wantL[k] < tab.Lmin[k]-tol || wantL[k] > tab.Lmax[k]+tol {
				t.Fatalf("seed %d: pair %d: Dijkstra length %g outside [%g, %g]", seed, k, wantL[k], tab.Lmin[k], tab.Lmax[k])
			}
		}
	}
}

func TestMatrixRandom(t *testing.T) {
	for seed := range uint64(300) {
		n := 2 + int(seed%60)
		checkRandom(t, seed, n, 1+int(seed%4), 1+int(seed%9))
	}
}

func FuzzMatrix(f *testing.F) {
	f.Add(uint64(1), uint8(10), uint8(2), uint8(3))
	f.Add(uint64(2), uint8(50), uint8(3), uint8(1))
	f.Add(uint64(3), uint8(200), uint8(4), uint8(20))
	f.Fuzz(func(t *testing.T, seed uint64, n, deg, maxT uint8) {
		checkRandom(t, seed, 2+int(n), 1+int(deg%6), 1+int(maxT%40))
	})
}

func TestBuildRejectsZeroTimeLength(t *testing.T) {
	g := &graph.Graph{Lon: make([]float64, 2), Lat: make([]float64, 2),
		FirstOut: []int32{0, 1, 1}, Head: []int32{1}, TimeMs: []uint32{0}, LenM: []float32{3}}
	if _, err := Build(g, Options{}); err == nil {
		t.Fatal("no error for an edge of no time with a length")
	}
}

// TestLengthRangeUnique: on a graph whose shortest paths are unique the
// range is one value, the Dijkstra length.
func TestLengthRangeUnique(t *testing.T) {
	// 0 -> 1 -> 2 takes 5, 0 -> 2 directly 7.
	g := &graph.Graph{Lon: make([]float64, 3), Lat: make([]float64, 3),
		FirstOut: []int32{0, 2, 3, 3}, Head: []int32{1, 2, 2}, TimeMs: []uint32{2, 7, 3}, LenM: []float32{20, 50, 30}}
	h, err := Build(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tab := h.Matrix([][]route.Source{{{V: 0}}}, [][]route.Source{{{V: 2}}}, 1)
	if tab.TimeMs[0] != 5 || tab.Lmin[0] != 50 || tab.Lmax[0] != 50 {
		t.Fatalf("got %d ms [%g, %g], want 5 ms [50, 50]", tab.TimeMs[0], tab.Lmin[0], tab.Lmax[0])
	}
}

func TestOneToAllRandom(t *testing.T) {
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 9))
		n := 2 + int(seed%70)
		g := graphtest.Random(rng, n, 1+int(seed%4), 1+int(seed%9), 12)
		h, err := Build(g, Options{WitnessSettled: 1 + rng.IntN(30)})
		if err != nil {
			t.Fatal(err)
		}
		src := randomSources(rng, n)
		d := route.NewDijkstra(g)
		d.Run(false, src, 0)
		got := make([]uint32, n)
		h.OneToAll(h.NewSearcher(), src, got)
		for v := range n {
			if got[h.Rank[v]] != d.Time(int32(v)) {
				t.Fatalf("seed %d: vertex %d: %d, Dijkstra %d", seed, v, got[h.Rank[v]], d.Time(int32(v)))
			}
		}
	}
}
