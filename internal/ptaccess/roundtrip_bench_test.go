package ptaccess

import (
	"context"
	"fmt"
	"testing"

	"github.com/saavu/saavu/data/openinghours"
	"github.com/saavu/saavu/internal/graph"
)

// poaRoundTripSetup picks origins and services from the Porto Alegre grid:
// every k-th point an origin (nOrig of them), and 2 x nSvc other points as
// the services of two categories, the second open 08:00-12:00 only.
func poaRoundTripSetup(b *testing.B, nOrig, nSvc int) (*Network, []graph.Snap, []graph.Snap, []int32, []openinghours.Schedule) {
	net, _ := poaNetwork(b, poaGridSettings(), "poa_eptc.zip")
	grid := poaGrid(b, net)
	var origins, services []graph.Snap
	var cats []int32
	var hours []openinghours.Schedule
	morning, err := openinghours.Parse("Mo-Fr 08:00-12:00")
	if err != nil {
		b.Fatal(err)
	}
	step := max(1, len(grid)/nOrig)
	for i := 0; i < len(grid) && len(origins) < nOrig; i += step {
		origins = append(origins, grid[i])
	}
	sstep := max(1, len(grid)/(2*nSvc))
	for i := sstep / 2; i < len(grid) && len(services) < 2*nSvc; i += sstep {
		services = append(services, grid[i])
		c := int32(len(services) % 2)
		cats = append(cats, c)
		if c == 1 {
			hours = append(hours, morning)
		} else {
			hours = append(hours, openinghours.Schedule{})
		}
	}
	return net, origins, services, cats, hours
}

// BenchmarkPortoAlegreRoundTrips times same-day round trips (06:00-20:00,
// one hour at the service) from grid points to two categories of services.
// The baseline is NearestCategory over the same departure minutes
// (06:00-19:00): the outbound leg alone.
//
//	go test -run XXX -bench PortoAlegreRoundTrips -benchtime 2x ./internal/ptaccess/
func BenchmarkPortoAlegreRoundTrips(b *testing.B) {
	for _, size := range []struct{ origins, services int }{{200, 10}} {
		net, origins, services, cats, hours := poaRoundTripSetup(b, size.origins, size.services)
		name := fmt.Sprintf("origins=%d/services=%d", len(origins), len(services))
		b.Run(name+"/roundtrips", func(b *testing.B) {
			b.ReportAllocs()
			feasible := 0
			cpu0 := cpuTime()
			for b.Loop() {
				res, err := net.RoundTrips(context.Background(), origins, services, cats, 2, hours, RoundTripParams{Date: "20190513"})
				if err != nil {
					b.Fatal(err)
				}
				feasible = 0
				for _, t := range res.Trips {
					if t.Feasible {
						feasible++
					}
				}
			}
			b.ReportMetric(float64(feasible)/float64(2*len(origins)), "feasible-share")
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
		})
		b.Run(name+"/baseline-nearest-780min", func(b *testing.B) {
			b.ReportAllocs()
			reached := 0
			cpu0 := cpuTime()
			win := Window{Date: "20190513", Depart: DefaultRoundTripEarliest, Minutes: 780}
			for b.Loop() {
				m, err := net.NearestCategory(context.Background(), origins, services, cats, 2, win, []int{50})
				if err != nil {
					b.Fatal(err)
				}
				reached = 0
				for _, v := range m.Seconds {
					if v >= 0 {
						reached++
					}
				}
			}
			b.ReportMetric(float64(reached)/float64(2*len(origins)), "reached-share")
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}
