package synth

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
)

// National benchmark: the stages of a street-mode run (walk and car,
// nearest service per category) over the default country, about 2.4
// million nodes, with 250,000 origins and five categories of services.
// Each stage reports its time per op and heap-MB, the heap in use after a
// collection with everything built so far still held.
//
//	go test ./internal/synth -run '^$' -bench National -benchtime 1x
//
// Stages run in order and share what earlier ones built; run them
// together, not one by one with -bench filters that skip the builds.

const (
	nationalOrigins = 250_000
	snapRadiusM     = 1000
)

var nationalServices = []int{300, 150, 80, 40, 20}

type national struct {
	country  *Country
	origins  [][2]float64
	services [][][2]float64 // per category
	g        map[graph.Mode]*graph.Graph
	oSnaps   map[graph.Mode][]graph.Snap
	sSnaps   map[graph.Mode][][]graph.Snap // per category
}

func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse) / (1 << 20)
}

// nearestAll runs one multi-source search per category on a pool of
// workers; results are per category, whatever the pool size.
func nearestAll(g *graph.Graph, origins []graph.Snap, perCat [][]graph.Snap, workers int) []access.Nearest {
	out := make([]access.Nearest, len(perCat))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(perCat)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				c := int(next.Add(1)) - 1
				if c >= len(perCat) {
					return
				}
				out[c] = access.NearestService(g, origins, perCat[c], 0)
			}
		}()
	}
	wg.Wait()
	return out
}

func BenchmarkNational(b *testing.B) {
	if testing.Short() {
		b.Skip("national benchmark skipped in -short mode")
	}
	n := &national{g: map[graph.Mode]*graph.Graph{}, oSnaps: map[graph.Mode][]graph.Snap{}, sSnaps: map[graph.Mode][][]graph.Snap{}}
	modes := []graph.Mode{graph.Car, graph.Walk}

	b.Run("stage=generate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c, err := Generate(DefaultParams())
			if err != nil {
				b.Fatal(err)
			}
			n.country = c
		}
		var err error
		if n.origins, err = n.country.Origins(nationalOrigins, 1); err != nil {
			b.Fatal(err)
		}
		svc, err := n.country.Services(nationalServices, 2)
		if err != nil {
			b.Fatal(err)
		}
		n.services = make([][][2]float64, len(nationalServices))
		for _, s := range svc {
			n.services[s.Category] = append(n.services[s.Category], [2]float64{s.Lon, s.Lat})
		}
		b.ReportMetric(float64(len(n.country.Extract.NodeIDs)), "nodes")
		b.ReportMetric(float64(len(n.country.Extract.Ways)), "ways")
		b.ReportMetric(heapMB(), "heap-MB")
	})
	if n.country == nil {
		b.Fatal("generate did not run")
	}
	for _, m := range modes {
		b.Run("stage=build/mode="+m.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				g, _, err := graph.Build(n.country.Extract, m, graph.DefaultParams())
				if err != nil {
					b.Fatal(err)
				}
				g.PrepareSnap()
				n.g[m] = g
			}
			b.ReportMetric(float64(n.g[m].NumVertices()), "vertices")
			b.ReportMetric(float64(n.g[m].NumEdges()), "edges")
			b.ReportMetric(heapMB(), "heap-MB")
		})
	}
	for _, m := range modes {
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("stage=snap/mode=%s/workers=%d", m, w), func(b *testing.B) {
				b.ReportAllocs()
				var ok []bool
				for b.Loop() {
					n.oSnaps[m], ok = n.g[m].SnapAll(n.origins, snapRadiusM, w)
					per := make([][]graph.Snap, len(n.services))
					for c, pts := range n.services {
						per[c], _ = n.g[m].SnapAll(pts, snapRadiusM, w)
					}
					n.sSnaps[m] = per
				}
				snapped := 0
				for _, o := range ok {
					if o {
						snapped++
					}
				}
				b.ReportMetric(float64(snapped)/float64(len(ok)), "snapped")
				b.ReportMetric(heapMB(), "heap-MB")
			})
		}
	}
	for _, m := range modes {
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("stage=nearest/mode=%s/categories=%d/workers=%d", m, len(nationalServices), w), func(b *testing.B) {
				b.ReportAllocs()
				var res []access.Nearest
				for b.Loop() {
					res = nearestAll(n.g[m], n.oSnaps[m], n.sSnaps[m], w)
				}
				reached := 0
				for _, t := range res[0].TimeMs {
					if t != access.Unreachable {
						reached++
					}
				}
				b.ReportMetric(float64(reached)/float64(len(res[0].TimeMs)), "reached")
				b.ReportMetric(heapMB(), "heap-MB")
			})
		}
	}
}
