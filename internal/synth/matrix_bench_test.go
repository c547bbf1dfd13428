package synth

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/ch"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/testutil"
)

// Matrix benchmark: a 2,500 x 2,500 travel-time matrix, car and walk, over
// the default country (about 2.4 million vertices), by contraction
// hierarchy (method=ch: the preprocessing, then the matrix) and by one
// Dijkstra search per origin (method=dijkstra, timed on the first
// matrixSample origins only: all 2,500 would take about half an hour per
// mode; s/2500-origins extrapolates linearly).
//
//	go test ./internal/synth -run '^$' -bench Matrix2500 -benchtime 1x
//
// Stages share what earlier ones built; run them together.

const (
	matrixPoints = 2500
	matrixSample = 40
)

func BenchmarkMatrix2500(b *testing.B) {
	if testing.Short() {
		b.Skip("matrix benchmark skipped in -short mode")
	}
	c, err := Generate(DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	op, err := c.Origins(matrixPoints, 3)
	if err != nil {
		b.Fatal(err)
	}
	dp, err := c.Origins(matrixPoints, 4)
	if err != nil {
		b.Fatal(err)
	}
	workers := runtime.GOMAXPROCS(0)
	for _, mode := range []graph.Mode{graph.Car, graph.Walk} {
		g, _, err := graph.Build(c.Extract, mode, graph.DefaultParams())
		if err != nil {
			b.Fatal(err)
		}
		origins := snapOrNone(g, op, workers)
		dests := snapOrNone(g, dp, workers)
		var h *ch.Hierarchy
		b.Run(fmt.Sprintf("mode=%s/method=ch/stage=build", mode), func(b *testing.B) {
			b.ReportAllocs()
			cpu, peak := 0.0, 0.0
			for b.Loop() {
				h = nil
				c0 := cpuSeconds()
				peak = testutil.PeakHeapMB(func() {
					if h, err = ch.Build(g, ch.Options{}); err != nil {
						b.Fatal(err)
					}
				})
				cpu = cpuSeconds() - c0
			}
			b.ReportMetric(cpu, "cpu-s")
			b.ReportMetric(peak, "peak-heap-MB")
			b.ReportMetric(float64(g.NumVertices()), "vertices")
			b.ReportMetric(float64(g.NumEdges()), "edges")
			b.ReportMetric(float64(h.Shortcuts), "shortcuts")
			b.ReportMetric(float64(h.Bytes())/(1<<20), "ch-MB")
		})
		if h == nil {
			continue // build filtered out
		}
		b.Run(fmt.Sprintf("mode=%s/method=ch/stage=matrix/workers=%d", mode, workers), func(b *testing.B) {
			b.ReportAllocs()
			var st access.CHStats
			var m access.Matrix
			cpu := 0.0
			for b.Loop() {
				c0 := cpuSeconds()
				m, st = access.StreetMatrixCH(g, h, origins, dests, 0, workers)
				cpu = cpuSeconds() - c0
			}
			b.ReportMetric(cpu, "cpu-s")
			b.ReportMetric(float64(st.Rows), "rows-followed")
			b.ReportMetric(float64(st.DijkstraRows), "rows-dijkstra")
			b.ReportMetric(float64(st.Pairs), "open-pairs")
			b.ReportMetric(reachedShare(m), "reached")
		})
		b.Run(fmt.Sprintf("mode=%s/method=dijkstra/origins=%d/workers=%d", mode, matrixSample, workers), func(b *testing.B) {
			b.ReportAllocs()
			var m access.Matrix
			var el time.Duration
			cpu := 0.0
			for b.Loop() {
				t0, c0 := time.Now(), cpuSeconds()
				m = access.StreetMatrix(g, origins[:matrixSample], dests, 0, workers)
				el, cpu = time.Since(t0), cpuSeconds()-c0
			}
			b.ReportMetric(el.Seconds()*matrixPoints/matrixSample, "s/2500-origins")
			b.ReportMetric(cpu*matrixPoints/matrixSample, "cpu-s/2500-origins")
			b.ReportMetric(reachedShare(m), "reached")
		})
		h = nil
	}
}

func reachedShare(m access.Matrix) float64 {
	n := 0
	for _, t := range m.TimeMs {
		if t != access.Unreachable {
			n++
		}
	}
	return float64(n) / float64(max(1, len(m.TimeMs)))
}

// snapOrNone snaps the points, Seg -1 for those beyond the radius.
func snapOrNone(g *graph.Graph, pts [][2]float64, workers int) []graph.Snap {
	s, ok := g.SnapAll(pts, snapRadiusM, workers)
	for i := range s {
		if !ok[i] {
			s[i] = graph.Snap{Seg: -1}
		}
	}
	return s
}

// cpuSeconds is the processor time this process has used, user and
// system: on a shared machine it tells the work apart from the waiting.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
