package access

import (
	"sync"
	"sync/atomic"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
)

// Matrix holds travel times and network lengths between origins and
// destinations, row-major by origin: entry o*Cols+d.
type Matrix struct {
	Rows, Cols int
	TimeMs     []uint32 // Unreachable where no path exists
	LenM       []float64
}

// StreetMatrix computes the origin x destination matrix with one bounded
// forward search per origin, spread over workers. The result does not
// depend on the number of workers.
func StreetMatrix(g *graph.Graph, origins, dests []graph.Snap, limitMs uint32, workers int) Matrix {
	m := Matrix{Rows: len(origins), Cols: len(dests), TimeMs: make([]uint32, len(origins)*len(dests)), LenM: make([]float64, len(origins)*len(dests))}
	for i := range m.TimeMs {
		m.TimeMs[i] = Unreachable
	}
	bySeg := map[int32][]int32{}
	for j, d := range dests {
		if d.Seg >= 0 {
			bySeg[d.Seg] = append(bySeg[d.Seg], int32(j))
		}
	}
	workers = max(1, min(workers, len(origins)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			d := route.NewDijkstra(g)
			var src []route.Source
			for {
				i := int(next.Add(1) - 1)
				if i >= len(origins) {
					return
				}
				o := origins[i]
				if o.Seg < 0 {
					continue
				}
				src = route.OutSources(o, 0, src[:0])
				d.Run(false, src, limitMs)
				row := i * m.Cols
				for j, dst := range dests {
					if dst.Seg < 0 {
						continue
					}
					t, l, _ := d.ToPoint(dst)
					if t != Unreachable && (limitMs == 0 || t <= limitMs) {
						m.TimeMs[row+j], m.LenM[row+j] = t, l
					}
				}
				for _, j := range bySeg[o.Seg] {
					if t, l, ok := direct(g, o, dests[j]); ok && t < m.TimeMs[row+int(j)] && (limitMs == 0 || t <= limitMs) {
						m.TimeMs[row+int(j)], m.LenM[row+int(j)] = t, l
					}
				}
			}
		})
	}
	wg.Wait()
	return m
}
