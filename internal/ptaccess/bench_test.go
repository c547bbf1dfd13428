package ptaccess

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/internal/graph"
)

// poaGridSettings are those of the published r5r timing: walk + transit
// with the EPTC feed, departures 14:00 to 16:00 every minute, percentiles
// 5/25/50/75/95, walks of at most 1,000 m at 3.6 km/h (1,000 s), trips
// under 120 minutes, at most 3 rides (r5r's default).
func poaGridSettings() Options {
	return Options{MaxWalk: 1000 * time.Second, MaxAccessEgressM: 1000, MaxRides: 3, MaxTime: 120 * time.Minute, PruneTransfers: true}
}

func poaGrid(b testing.TB, net *Network) []graph.Snap {
	pts, err := csvio.ReadPoints(sharedData(b, "porto-alegre/poa_hexgrid.csv"))
	if err != nil {
		b.Fatal(err)
	}
	coords := make([][2]float64, len(pts))
	for i, p := range pts {
		coords[i] = [2]float64{p.Lon, p.Lat}
	}
	snaps, _ := net.SnapAll(coords, r5LinkRadiusM)
	return snaps
}

// BenchmarkPortoAlegreGrid routes the whole Porto Alegre grid (1,227 x
// 1,227 points): one op is the full matrix. The network build is timed
// separately by BenchmarkPortoAlegreNetwork.
//
//	go test -run XXX -bench PortoAlegre -benchtime 3x ./internal/ptaccess/
func BenchmarkPortoAlegreGrid(b *testing.B) {
	net, _ := poaNetwork(b, poaGridSettings(), "poa_eptc.zip")
	snaps := poaGrid(b, net)
	win := Window{Date: "20190513", Depart: hms(14, 0, 0), Minutes: 120}
	ps := []int{5, 25, 50, 75, 95}
	b.ReportAllocs()
	reached := 0
	cpu0 := cpuTime()
	for b.Loop() {
		m, err := net.Matrix(context.Background(), snaps, snaps, win, ps)
		if err != nil {
			b.Fatal(err)
		}
		reached = 0
		for r := range m.Rows {
			for c := range m.Cols {
				if m.At(r, c, 2) >= 0 {
					reached++
				}
			}
		}
	}
	b.ReportMetric(float64(reached)/float64(len(snaps)*len(snaps)), "reached-share")
	cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
	// CPU time is the figure to compare on a shared machine: wall time
	// on two otherwise idle cores is about half of it.
	b.ReportMetric(cpu, "cpu-s/op")
	b.ReportMetric(cpu*1000/float64(len(snaps)), "cpu-ms/origin")
}

// cpuTime is the user + system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPortoAlegreNetwork times building the network: stop snapping,
// walking transfers and the RAPTOR tables (graph and feed already read).
func BenchmarkPortoAlegreNetwork(b *testing.B) {
	g := buildWalk(b, sharedData(b, "porto-alegre/poa_osm.pbf"), 1.0)
	tt, day := compileDay(b, "20190513", sharedData(b, "porto-alegre/poa_eptc.zip"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewNetwork(g, tt, day, poaGridSettings()); err != nil {
			b.Fatal(err)
		}
	}
}
