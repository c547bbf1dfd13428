package access

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/ch"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/testutil"
)

// BenchmarkStreetMatrixTampere: a 500 x 500 matrix on the Tampere
// extract, walk and car, by contraction hierarchy (its preprocessing and
// the matrix) and by one Dijkstra search per origin.
//
//	go test ./internal/access -run '^$' -bench StreetMatrixTampere -benchtime 1x
func BenchmarkStreetMatrixTampere(b *testing.B) {
	path := testutil.SharedData(b, "tampere/tampere.osm.pbf")
	ext, err := osm.Read(context.Background(), path, osm.Options{})
	if err != nil {
		b.Fatal(err)
	}
	const n = 500
	workers := runtime.GOMAXPROCS(0)
	for _, mode := range []graph.Mode{graph.Walk, graph.Car} {
		g, _, err := graph.Build(ext, mode, graph.DefaultParams())
		if err != nil {
			b.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(500, uint64(mode)))
		origins, dests := samplePoints(g, rng, n), samplePoints(g, rng, n)
		var h *ch.Hierarchy
		b.Run(fmt.Sprintf("mode=%s/method=ch/stage=build", mode), func(b *testing.B) {
			b.ReportAllocs()
			peak := 0.0
			for b.Loop() {
				h = nil
				peak = testutil.PeakHeapMB(func() {
					if h, err = ch.Build(g, ch.Options{}); err != nil {
						b.Fatal(err)
					}
				})
			}
			b.ReportMetric(float64(g.NumVertices()), "vertices")
			b.ReportMetric(float64(h.Shortcuts), "shortcuts")
			b.ReportMetric(float64(h.Bytes())/(1<<20), "ch-MB")
			b.ReportMetric(peak, "peak-heap-MB")
		})
		if h == nil {
			b.Fatal("build did not run")
		}
		b.Run(fmt.Sprintf("mode=%s/method=ch/stage=matrix/n=%d/workers=%d", mode, n, workers), func(b *testing.B) {
			b.ReportAllocs()
			var st CHStats
			for b.Loop() {
				_, st = StreetMatrixCH(g, h, origins, dests, 0, workers)
			}
			b.ReportMetric(float64(st.Rows), "rows-followed")
			b.ReportMetric(float64(st.DijkstraRows), "rows-dijkstra")
		})
		b.Run(fmt.Sprintf("mode=%s/method=dijkstra/n=%d/workers=%d", mode, n, workers), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				StreetMatrix(g, origins, dests, 0, workers)
			}
		})
	}
}
