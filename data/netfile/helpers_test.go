package netfile

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/saavu/saavu/internal/testutil"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/links"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/transit"
)

// repoRoot is the folder holding go.mod.
func repoRoot(tb testing.TB) string { return testutil.RepoRoot(tb) }

// sharedData returns a path under ../shared/data, skipping the test when absent.
func sharedData(tb testing.TB, rel string) string { return testutil.SharedData(tb, rel) }

// fixture builds a network from the hand-made town fixtures: the OSM town
// (with ferries and points of interest), the town GTFS feed (stations,
// frequencies, transfers, calendar dates) and the sketch lines.
func fixture(tb testing.TB) *Network {
	tb.Helper()
	root := repoRoot(tb)
	ext, err := osm.Read(context.Background(), filepath.Join(root, "testdata", "osm", "town.osm"), osm.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	n := &Network{Graphs: map[graph.Mode]*graph.Graph{}, POIs: ext.POIs}
	p := graph.DefaultParams()
	modes := []graph.Mode{graph.Walk, graph.Bike, graph.Car}
	for _, m := range modes {
		g, _, err := graph.Build(ext, m, p)
		if err != nil {
			tb.Fatal(err)
		}
		n.Graphs[m] = g
	}
	feed, err := gtfs.Load(context.Background(), filepath.Join(root, "testdata", "gtfs", "town"), gtfs.Options{Prefix: "town"})
	if err != nil {
		tb.Fatal(err)
	}
	lf, err := links.Load(filepath.Join(root, "testdata", "links", "sketch.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	n.Timetable, err = transit.Compile([]*gtfs.Feed{feed}, []transit.Sketch{{Prefix: "sketch", File: lf}})
	if err != nil {
		tb.Fatal(err)
	}
	n.Header = Header{
		SaavuVersion: "test",
		Inputs:       []Input{{Role: "osm", Path: "town.osm", Size: 1234, SHA256: "00ff"}},
		Params:       ParamsOf(p, modes, 2.5),
		Area:         NewArea([]Box{{3e5, 6.8e6, 3.1e5, 6.9e6}}),
		Regions:      Box{3.02e5, 6.82e6, 3.08e5, 6.88e6},
		Counts:       map[string]int{"osm_ways": len(ext.Ways)},
	}
	return n
}
