package synth

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/netfile"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/transit"
)

// National timetable benchmark: the default country and its national
// GTFS (DefaultTransitParams), generated as files, read by data/gtfs,
// compiled by internal/transit (as saavu's --gtfs loading does), stored
// in network files (data/netfile, as saavu prepare writes them) and
// loaded back, then routed with range RAPTOR over a 120-minute window
// (internal/ptaccess) to the nearest of 400 health stations, from 300
// origins drawn like Country.Origins, from those of them with a
// departure within their access walk, and from 300 points in the ten
// largest towns. Stages run in order and share what earlier ones built:
// run them together.
//
//	go test ./internal/synth -run '^$' -bench NationalGTFS -benchtime 1x -count 3 -timeout 60m
//
// Stages: generate (write the feed), read (gtfs.Load), compile
// (transit.Compile and Timetable.Day), day (Timetable.Day alone, what an
// analysis does after loading a network file), netfile-write (three
// files: walk, bike and car graphs with the timetable; walk graph with
// the timetable; the timetable alone), netfile-load (netfile.Read of
// each), network (ptaccess.NewNetwork: stop linking and walking
// transfers) and nearest (NearestCategory).
//
// peak-RSS-MB is the process's resident high-water mark (VmHWM) during
// the stage, reset before the generate, read and load stages (Linux
// only; 0 elsewhere); heap-MB the heap in use after a collection at the
// end of the stage, with what is kept for later stages; cpu-s/op and
// cpu-ms/origin count user and system time of the whole process. It
// needs about 2.6 GB of memory. SAAVU_NATIONAL_DIR keeps the feed and
// the network files in that folder instead of a temporary one.

// nationalDate is a Tuesday in the feed's calendar.
const nationalDate = "20260310"

type nationalGTFS struct {
	dir     string
	country *Country
	stats   GTFSStats
	feed    *gtfs.Feed
	tt      *transit.Timetable
	day     *transit.Day
	walk    *graph.Graph
	netPath string
	net     *ptaccess.Network

	originPts, stationPts [][2]float64
	cityPts               [][2]float64
}

// cityPoints draws perTown points uniformly over each of the largest
// towns: origins where the timetable is densest.
func cityPoints(c *Country, towns, perTown int, seed uint64) [][2]float64 {
	idx := make([]int, len(c.Towns))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return c.Towns[b].Blocks - c.Towns[a].Blocks })
	rng := rand.New(rand.NewPCG(seed, 0xc17))
	var pts [][2]float64
	for _, ti := range idx[:min(towns, len(idx))] {
		t := c.Towns[ti]
		half := float64(t.Blocks) / 2 * t.BlockM
		for range perTown {
			lon, lat := offset(t.Lon, t.Lat, (rng.Float64()*2-1)*half, (rng.Float64()*2-1)*half)
			pts = append(pts, [2]float64{lon, lat})
		}
	}
	return pts
}

// resetPeak frees what the runtime holds and resets VmHWM to the
// current resident size.
func resetPeak() {
	runtime.GC()
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSSMB reads VmHWM from /proc/self/status, in MB (0 when absent).
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if f := bytes.Fields(sc.Bytes()); len(f) >= 2 && string(f[0]) == "VmHWM:" {
			kb, _ := strconv.ParseFloat(string(f[1]), 64)
			return kb / 1024
		}
	}
	return 0
}

func reportMem(b *testing.B) {
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
	b.ReportMetric(heapMB(), "heap-MB")
}

// benchTransitParams are DefaultTransitParams, or with
// SAAVU_NATIONAL_DENSE=1 town lines two blocks closer and stops a block
// closer: about twice the stop times, a feed the size of the real
// national one.
func benchTransitParams() TransitParams {
	p := DefaultTransitParams()
	if os.Getenv("SAAVU_NATIONAL_DENSE") != "" {
		p.LineBlocks, p.StopBlocks = 4, 2
	}
	return p
}

func BenchmarkNationalGTFS(b *testing.B) {
	if testing.Short() {
		b.Skip("national timetable benchmark skipped in -short mode")
	}
	n := &nationalGTFS{dir: os.Getenv("SAAVU_NATIONAL_DIR")}
	if n.dir == "" {
		n.dir = b.TempDir()
	}
	feedDir := filepath.Join(n.dir, "national-gtfs")
	ctx := context.Background()

	b.Run("stage=generate", func(b *testing.B) {
		c, err := Generate(DefaultParams())
		if err != nil {
			b.Fatal(err)
		}
		n.country = c
		resetPeak()
		b.ReportAllocs()
		for b.Loop() {
			if n.stats, err = c.WriteGTFS(feedDir, benchTransitParams()); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n.stats.Stops), "stops")
		b.ReportMetric(float64(n.stats.Routes), "routes")
		b.ReportMetric(float64(n.stats.Trips), "trips")
		b.ReportMetric(float64(n.stats.StopTimes), "stop-times")
		b.ReportMetric(float64(n.stats.Bytes)/1e6, "feed-MB")
		reportMem(b)
	})
	if n.country == nil {
		b.Fatal("generate did not run")
	}
	// The timetable is loaded with nothing else held.
	n.country = nil
	b.Run("stage=read", func(b *testing.B) {
		n.feed = nil
		resetPeak()
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			n.feed = nil
			f, err := gtfs.Load(ctx, feedDir, gtfs.Options{Prefix: "fi"})
			if err != nil {
				b.Fatal(err)
			}
			n.feed = f
		}
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		b.ReportMetric(float64(n.feed.Report.Warnings), "warnings")
		b.ReportMetric(float64(n.feed.StopTimes.Len()), "stop-times")
		reportMem(b)
	})
	b.Run("stage=compile", func(b *testing.B) {
		b.ReportAllocs()
		var err error
		cpu := cpuTime()
		for b.Loop() {
			if n.tt, err = transit.Compile([]*gtfs.Feed{n.feed}, nil); err != nil {
				b.Fatal(err)
			}
			if n.day, err = n.tt.Day(nationalDate, transit.DayOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		b.ReportMetric(float64(len(n.tt.Trips)), "trips")
		b.ReportMetric(float64(n.day.NumTrips()), "day-trips")
		b.ReportMetric(float64(n.day.NumPatterns()), "day-patterns")
		reportMem(b)
	})
	if n.tt == nil {
		b.Fatal("compile did not run")
	}
	n.feed = nil
	// What an analysis does after loading a prepared network: flatten the
	// date.
	b.Run("stage=day", func(b *testing.B) {
		b.ReportAllocs()
		var err error
		for b.Loop() {
			if n.day, err = n.tt.Day(nationalDate, transit.DayOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n.day.NumTrips()), "day-trips")
	})

	// Prepared networks: walk, bike and car graphs with the timetable, as
	// saavu prepare writes them by default; the walk graph and the
	// timetable (what transit routing needs); the timetable alone.
	n.netPath = filepath.Join(n.dir, "national-walk.saavu")
	fullPath := filepath.Join(n.dir, "national-all.saavu")
	ttPath := filepath.Join(n.dir, "national-timetable.saavu")
	b.Run("stage=netfile-write", func(b *testing.B) {
		c, err := Generate(DefaultParams())
		if err != nil {
			b.Fatal(err)
		}
		n.country = c
		graphs := map[graph.Mode]*graph.Graph{}
		for _, m := range []graph.Mode{graph.Walk, graph.Bike, graph.Car} {
			if graphs[m], _, err = graph.Build(c.Extract, m, graph.DefaultParams()); err != nil {
				b.Fatal(err)
			}
		}
		n.walk = graphs[graph.Walk]
		if n.originPts, err = c.Origins(nationalSample, 7); err != nil {
			b.Fatal(err)
		}
		svc, err := c.Services([]int{nationalHealth}, 8)
		if err != nil {
			b.Fatal(err)
		}
		n.cityPts = cityPoints(c, 10, 30, 9)
		n.stationPts = n.stationPts[:0]
		for _, s := range svc {
			n.stationPts = append(n.stationPts, [2]float64{s.Lon, s.Lat})
		}
		n.country = nil // the graph is all later stages need
		for b.Loop() {
			if err := netfile.Write(fullPath, &netfile.Network{Graphs: graphs, Timetable: n.tt}); err != nil {
				b.Fatal(err)
			}
			if err := netfile.Write(n.netPath, &netfile.Network{Graphs: map[graph.Mode]*graph.Graph{graph.Walk: n.walk}, Timetable: n.tt}); err != nil {
				b.Fatal(err)
			}
			if err := netfile.Write(ttPath, &netfile.Network{Timetable: n.tt}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(fileMB(b, fullPath), "all-file-MB")
		b.ReportMetric(fileMB(b, n.netPath), "walk-file-MB")
		b.ReportMetric(fileMB(b, ttPath), "timetable-file-MB")
		reportMem(b)
	})
	for _, c := range []struct{ name, path string }{{"walk+bike+car+timetable", fullPath}, {"walk+timetable", n.netPath}, {"timetable", ttPath}} {
		b.Run("stage=netfile-load/file="+c.name, func(b *testing.B) {
			resetPeak()
			before := peakRSSMB()
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := netfile.Read(c.path); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(peakRSSMB()-before, "added-peak-RSS-MB")
			reportMem(b)
		})
	}

	// Range RAPTOR: nearest health station from a sample of origins.
	var origins, stations []graph.Snap
	b.Run("stage=network", func(b *testing.B) {
		var err error
		cpu := cpuTime()
		for b.Loop() {
			if n.net, err = ptaccess.NewNetwork(n.walk, n.tt, n.day, ptaccess.Options{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		st := n.net.Stats()
		b.ReportMetric(float64(st.Transfers), "transfers")
		b.ReportMetric(float64(st.ServedStops), "served-stops")
		b.ReportMetric(float64(st.LinkedStops), "linked-stops")
		var ok int
		origins, ok = n.net.SnapAll(n.originPts, snapRadiusM)
		b.ReportMetric(float64(ok)/float64(len(origins)), "origins-snapped")
		stations, _ = n.net.SnapAll(n.stationPts, snapRadiusM)
		reportMem(b)
	})
	if n.net == nil {
		b.Fatal("network did not run")
	}
	cats := make([]int32, len(stations))
	win := ptaccess.Window{Date: nationalDate, Depart: 7 * 3600, Minutes: 120}
	var servedOrigins []graph.Snap
	nearest := func(b *testing.B, origins []graph.Snap, w int) *ptaccess.Matrix {
		net, err := ptaccess.NewNetwork(n.walk, n.tt, n.day, ptaccess.Options{Workers: w})
		if err != nil {
			b.Fatal(err)
		}
		var m *ptaccess.Matrix
		start, cpu := time.Now(), cpuTime()
		for b.Loop() {
			if m, err = net.NearestCategory(ctx, origins, stations, cats, 1, win, []int{50}); err != nil {
				b.Fatal(err)
			}
		}
		per := float64(b.N) * float64(len(origins))
		b.ReportMetric(time.Since(start).Seconds()/per*1e3, "ms/origin")
		b.ReportMetric((cpuTime()-cpu).Seconds()/per*1e3, "cpu-ms/origin")
		return m
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("stage=nearest/origins=%d/window=120/workers=%d", len(origins), w), func(b *testing.B) {
			m := nearest(b, origins, w)
			reached, served := 0, 0
			for r := range m.Rows {
				if m.At(r, 0, 0) != ptaccess.Unreachable {
					reached++
				}
				if m.Access[r] == ptaccess.AccessServed {
					served++
				}
			}
			if w == 1 {
				servedOrigins = servedOrigins[:0]
				for r, a := range m.Access {
					if a == ptaccess.AccessServed {
						servedOrigins = append(servedOrigins, origins[r])
					}
				}
			}
			b.ReportMetric(float64(reached)/float64(m.Rows), "reached")
			b.ReportMetric(float64(served)/float64(m.Rows), "served")
		})
	}
	// Only the origins with departures within their access walk: the
	// others cost a walk search and no RAPTOR.
	b.Run("stage=nearest/origins=served/window=120/workers=1", func(b *testing.B) {
		if len(servedOrigins) == 0 {
			b.Skip("no served origin")
		}
		nearest(b, servedOrigins, 1)
		b.ReportMetric(float64(len(servedOrigins)), "origins")
	})
	// Origins in the ten largest towns, where most lines run most often.
	cityOrigins, _ := n.net.SnapAll(n.cityPts, snapRadiusM)
	b.Run(fmt.Sprintf("stage=nearest/origins=cities-%d/window=120/workers=1", len(cityOrigins)), func(b *testing.B) {
		m := nearest(b, cityOrigins, 1)
		served := 0
		for _, a := range m.Access {
			if a == ptaccess.AccessServed {
				served++
			}
		}
		b.ReportMetric(float64(served)/float64(m.Rows), "served")
	})
}

const (
	nationalSample = 300 // origins routed
	nationalHealth = 400 // health stations
)

func fileMB(b *testing.B, path string) float64 {
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return float64(fi.Size()) / 1e6
}
