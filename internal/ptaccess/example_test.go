package ptaccess_test

import (
	"context"
	"fmt"
	"math"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/transit"
)

// The hand-made network of testdata/ptaccess: bus line 1 leaves stop
// Aukio, 500 s on foot from the origin, every 10 minutes from 08:05 and
// reaches Risteys 10 minutes later; the destination is 500 s beyond.
func ExampleNetwork_Matrix() {
	ctx := context.Background()
	ext, err := osm.Read(ctx, "../../testdata/ptaccess/grid.osm", osm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := graph.DefaultParams()
	p.WalkSpeed = 6371008.8 * math.Pi / 180 * 0.001 / 100 // 0.001 degree in 100 s
	walk, _, err := graph.Build(ext, graph.Walk, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	feed, err := gtfs.Load(ctx, "../../testdata/ptaccess/gtfs", gtfs.Options{Prefix: "eq"})
	if err != nil {
		fmt.Println(err)
		return
	}
	tt, err := transit.Compile([]*gtfs.Feed{feed}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	day, err := tt.Day("20240108", transit.DayOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	net, err := ptaccess.NewNetwork(walk, tt, day, ptaccess.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	origin, _ := net.Snap(25.000, 0, 50)
	dest, _ := net.Snap(25.035, 0, 50)
	// Departures every minute from 08:00 to 08:09.
	win := ptaccess.Window{Date: "20240108", Depart: 8 * 3600, Minutes: 10}
	m, err := net.Matrix(ctx, []graph.Snap{origin}, []graph.Snap{dest}, win, []int{5, 50, 95})
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, pc := range m.Percentiles {
		fmt.Printf("p%d: %d s\n", pc, m.At(0, 0, k))
	}
	it, _ := net.Itinerary(origin, dest, 8*3600)
	for _, l := range it.Legs {
		fmt.Print(l.Kind, " ", l.From, " -> ", l.To, " ", gtfs.FormatTime(gtfs.Seconds(l.Start)), "-", gtfs.FormatTime(gtfs.Seconds(l.End)))
		if l.Route != "" {
			fmt.Print(" line ", l.Route)
		}
		fmt.Println()
	}
	// Output:
	// p5: 1700 s
	// p50: 1940 s
	// p95: 2240 s
	// walk origin -> Aukio 08:00:00-08:08:20
	// wait Aukio -> Aukio 08:08:20-08:15:00
	// ride Aukio -> Risteys 08:15:00-08:25:00 line 1
	// walk Risteys -> destination 08:25:00-08:33:20
}
