package isochrone

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/saavu/saavu/internal/graph"
)

// naiveTimes is the plain baseline of Times: every piece evaluated at
// every cell of the same raster.
func naiveTimes(g *graph.Graph, starts []Start, o Options) []float64 {
	o, _ = o.withDefaults(g)
	limit := o.LimitMin * 60000
	pieces := networkPieces(g, starts, nil, uint32(limit))
	w := walker{b: 1000 / o.WalkSpeed, r: o.OffNetworkM}
	kept := pieces[:0]
	for _, p := range pieces {
		if p.trim(limit) {
			w.prepare(&p)
			kept = append(kept, p)
		}
	}
	r, _ := frame(kept, w, limit, o)
	for row := range r.H {
		for col := range r.W {
			x := r.Origin[0] + (float64(col)+0.5)*r.CellSize
			y := r.Origin[1] + (float64(row)+0.5)*r.CellSize
			best := math.Inf(1)
			for i := range kept {
				best = min(best, w.time(&kept[i], x, y))
			}
			r.Values[row*r.W+col] = best
		}
	}
	return r.Values
}

// BenchmarkTimes: a square grid of streets 100 m apart, walking from the
// middle for 15 minutes at a 25 m resolution, against the plain baseline.
func BenchmarkTimes(b *testing.B) {
	for _, n := range []int{20, 40} {
		g := loadGraph(b, writeGridOSM(b, n, 100), graph.Walk)
		starts := []Start{startTM(b, g, 320000+float64(n/2)*100+30, 6825000+float64(n/2)*100)}
		o := Options{LimitMin: 15, ResolutionM: 25}
		b.Run(fmt.Sprintf("size=%d", n*n), func(b *testing.B) {
			b.ReportAllocs()
			var sink float64
			c0 := processTime()
			for b.Loop() {
				r, err := Times(context.Background(), g, starts, o)
				if err != nil {
					b.Fatal(err)
				}
				sink += r.Values[len(r.Values)/2]
			}
			b.ReportMetric(float64(processTime()-c0)/float64(b.N), "cpu-ns/op")
			_ = sink
		})
		if n > 20 {
			continue
		}
		b.Run(fmt.Sprintf("naive/size=%d", n*n), func(b *testing.B) {
			b.ReportAllocs()
			var sink float64
			c0 := processTime()
			for b.Loop() {
				v := naiveTimes(g, starts, o)
				sink += v[len(v)/2]
			}
			b.ReportMetric(float64(processTime()-c0)/float64(b.N), "cpu-ns/op")
			_ = sink
		})
	}
}

// BenchmarkTampere: 15 and 30 minutes on foot and 15 minutes by car from
// the centre of Tampere at 100 m, search, raster and contours.
func BenchmarkTampere(b *testing.B) {
	path := sharedData(b, "tampere", "tampere.osm.pbf")
	for _, c := range []struct {
		mode   graph.Mode
		limit  float64
		cutoff []float64
	}{{graph.Walk, 30, []float64{15, 30}}, {graph.Car, 15, []float64{5, 10, 15}}} {
		g := loadGraph(b, path, c.mode)
		s, _ := NewSnapper(g, DefaultMinPiece).Snap(tampereLon, tampereLat, 1000)
		starts := []Start{s}
		b.Run(fmt.Sprintf("%s/limit=%g", c.mode, c.limit), func(b *testing.B) {
			b.ReportAllocs()
			var sink float64
			c0 := processTime()
			for b.Loop() {
				r, err := Times(context.Background(), g, starts, Options{LimitMin: c.limit})
				if err != nil {
					b.Fatal(err)
				}
				bands, _ := Bands(r, c.cutoff)
				sink += bands[len(bands)-1].AreaKm2
			}
			b.ReportMetric(float64(processTime()-c0)/float64(b.N), "cpu-ns/op")
			_ = sink
		})
	}
}
