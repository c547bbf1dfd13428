package ptaccess

import (
	"context"
	"testing"

	"github.com/saavu/saavu/internal/graph"
)

// BenchmarkTampereVertexTimes times the transit surface of an isochrone
// from Keskustori (Tampere's central square): the median over 60
// departures from 08:00 to every vertex of the walk graph. The first call
// computes and keeps the stop walks; "cold" builds the network anew each
// time so that it counts them, "warm" reuses one network.
func BenchmarkTampereVertexTimes(b *testing.B) {
	g := buildWalk(b, sharedData(b, "tampere/tampere.osm.pbf"), graph.DefaultParams().WalkSpeed)
	tt, day := compileDay(b, "20220111", sharedData(b, "tampere/tampere-gtfs.zip"))
	newNet := func() (*Network, graph.Snap) {
		net, err := NewNetwork(g, tt, day, Options{})
		if err != nil {
			b.Fatal(err)
		}
		o, ok := net.Snap(23.7610, 61.4978, 500)
		if !ok {
			b.Fatal("Keskustori does not snap")
		}
		return net, o
	}
	win := Window{Depart: hms(8, 0, 0), Minutes: 60}
	limit := uint32(60 * 60000)
	run := func(b *testing.B, net *Network, o graph.Snap) {
		vt, err := net.VertexTimes(context.Background(), []graph.Snap{o}, win, []int{50}, ms(net.opts.MaxWalk), limit)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, t := range vt[0] {
			if t <= limit {
				n++
			}
		}
		b.ReportMetric(float64(n), "vertices-within-60min")
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			net, o := newNet()
			b.StartTimer()
			run(b, net, o)
		}
	})
	b.Run("warm", func(b *testing.B) {
		net, o := newNet()
		run(b, net, o)
		for b.Loop() {
			run(b, net, o)
		}
	})
}
