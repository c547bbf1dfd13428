package prepare

import (
	"bytes"
	"context"
	"encoding/gob"
	"os"
	"path/filepath"
	"testing"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/netfile"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/transit"
)

// BenchmarkTampere compares preparing the Tampere extract and feed with
// loading the file written, for two areas: area=all is the central box
// of tampere-centre.geojson plus the default 20 km buffer, which covers
// the whole extract (the worst case: nothing is clipped); area=centre is
// the box plus 1 km, about a third of the extract's ways (the usual case
// of a national extract prepared for some regions, in miniature).
//
//   - build: Build, from the raw files to the network in memory;
//   - build+index: the same and the snapping index of each graph, which
//     an analysis needs before snapping its points;
//   - rebuild: what an analysis without a network file does on every run
//     (read the extract, build the three graphs, load and compile the
//     feed), for comparison;
//   - load: netfile.Read, snapping indexes included (compare with
//     build+index);
//   - load-noindex: netfile.ReadWith without the indexes (compare with
//     build);
//   - load-gob: the same network decoded with encoding/gob (no indexes),
//     the naive baseline of the raw-section format.
func BenchmarkTampere(b *testing.B) {
	for _, c := range []struct {
		name     string
		bufferKm float64
	}{{"area=all", DefaultBufferKm}, {"area=centre", 1}} {
		b.Run(c.name, func(b *testing.B) { benchTampere(b, c.bufferKm) })
	}
}

func benchTampere(b *testing.B, bufferKm float64) {
	osmPath := sharedData(b, "tampere/tampere.osm.pbf")
	feedPath := sharedData(b, "tampere/tampere-gtfs.zip")
	ctx := context.Background()
	o := &Options{OSM: osmPath, Feeds: []Source{{Name: "tampere", Path: feedPath}}, Regions: fixture(b, "tampere-centre.geojson"),
		BufferKm: bufferKm, Modes: []graph.Mode{graph.Walk, graph.Bike, graph.Car}, Graph: graph.DefaultParams(),
		Out: filepath.Join(b.TempDir(), "tampere.saavu"), Version: "bench"}
	sum, err := Run(ctx, o)
	if err != nil {
		b.Fatal(err)
	}
	n, err := netfile.Read(o.Out)
	if err != nil {
		b.Fatal(err)
	}
	var gobBuf bytes.Buffer
	if err := gob.NewEncoder(&gobBuf).Encode(n); err != nil {
		b.Fatal(err)
	}
	gobPath := filepath.Join(b.TempDir(), "tampere.gob")
	if err := os.WriteFile(gobPath, gobBuf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}

	// run times f per iteration and reports processor time beside wall
	// time: the machine may be shared, and processor time varies less.
	run := func(name string, fileBytes int, f func() int) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			v := 0
			cpu0 := cpuTime()
			for b.Loop() {
				v += f()
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
			if fileBytes > 0 {
				// After the loop: b.Loop's first call drops metrics
				// reported before it.
				b.ReportMetric(float64(fileBytes), "file-bytes")
			}
			if v == 0 {
				b.Fatal("no vertices")
			}
		})
	}
	modes := []graph.Mode{graph.Walk, graph.Bike, graph.Car}
	build := func(index bool) func() int {
		return func() int {
			n, _, err := Build(ctx, o)
			if err != nil {
				b.Fatal(err)
			}
			if index {
				for _, g := range n.Graphs {
					g.PrepareSnap()
				}
			}
			return n.Graphs[graph.Car].NumVertices()
		}
	}
	run("build", 0, build(false))
	run("build+index", 0, build(true))
	run("rebuild", 0, func() int {
		ext, err := osm.Read(ctx, osmPath, osm.Options{})
		if err != nil {
			b.Fatal(err)
		}
		v := 0
		for _, m := range modes {
			g, _, err := graph.Build(ext, m, o.Graph)
			if err != nil {
				b.Fatal(err)
			}
			v += g.NumVertices()
		}
		f, err := gtfs.Load(ctx, feedPath, gtfs.Options{Prefix: "tampere"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := transit.Compile([]*gtfs.Feed{f}, nil); err != nil {
			b.Fatal(err)
		}
		return v
	})
	load := func(opts netfile.ReadOptions) func() int {
		return func() int {
			n, err := netfile.ReadWith(o.Out, opts)
			if err != nil {
				b.Fatal(err)
			}
			return n.Graphs[graph.Car].NumVertices()
		}
	}
	run("load", int(sum.FileBytes), load(netfile.ReadOptions{}))
	run("load-noindex", int(sum.FileBytes), load(netfile.ReadOptions{NoSnapIndex: true}))
	run("load-gob", gobBuf.Len(), func() int {
		f, err := os.Open(gobPath)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		var n netfile.Network
		if err := gob.NewDecoder(f).Decode(&n); err != nil {
			b.Fatal(err)
		}
		return n.Graphs[graph.Car].NumVertices()
	})
}
