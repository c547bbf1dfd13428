package prepare

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/netfile"
	"github.com/saavu/saavu/internal/graph"
)

func lineOptions(t *testing.T) *Options {
	return &Options{
		OSM:      fixture(t, "line.osm"),
		Feeds:    []Source{{Name: "l", Path: fixture(t, "gtfs")}},
		Regions:  fixture(t, "regions.geojson"),
		BufferKm: 1,
		Modes:    []graph.Mode{graph.Car, graph.Bike},
		Graph:    graph.DefaultParams(),
		Out:      filepath.Join(t.TempDir(), "line.saavu"),
		Version:  "v0.test",
	}
}

// lineAccess is the access table of the line fixture's location, on the equator: OSM's worldwide table.
const lineAccess = "world"

// TestRunFixture prepares the line fixture (see testdata/prepare/line.osm
// for the expected values) and reads the file back.
func TestRunFixture(t *testing.T) {
	o := lineOptions(t)
	sum, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	n, err := netfile.Read(o.Out)
	if err != nil {
		t.Fatal(err)
	}
	// Walk comes with the feed; modes are stored in mode order.
	if got := n.Modes(); !slices.Equal(got, []graph.Mode{graph.Walk, graph.Bike, graph.Car}) {
		t.Errorf("modes %v", got)
	}
	walk := n.Graphs[graph.Walk]
	// Ways 101 (nodes 1-3) and 102 (3-6) are kept: 6 vertices, 5 segments.
	if !slices.Equal(walk.NodeID, []int64{1, 2, 3, 4, 5, 6}) || len(walk.SegU) != 5 {
		t.Errorf("walk graph: nodes %v, %d segments", walk.NodeID, len(walk.SegU))
	}
	if len(n.POIs) != 1 || n.POIs[0].ID != 20 {
		t.Errorf("POIs %+v", n.POIs)
	}
	if n.Timetable == nil || len(n.Timetable.Trips) != 3 || len(n.Timetable.Stops) != 4 {
		t.Fatalf("timetable %+v", n.Timetable)
	}
	if sum.Ways != 2 || sum.WaysOutside != 2 || sum.Vertices[graph.Walk] != 6 || sum.Transit.TripsKept != 3 || sum.FileBytes == 0 {
		t.Errorf("summary %+v", sum)
	}
	if fi, err := os.Stat(o.Out); err != nil || fi.Size() != sum.FileBytes {
		t.Errorf("file size %v, summary says %d", err, sum.FileBytes)
	}

	h := n.Header
	if h.SaavuVersion != "v0.test" || h.Params.BufferKm != 1 || !slices.Equal(h.Params.Modes, []string{"walk", "bike", "car"}) ||
		h.Params.WalkSpeed != graph.DefaultParams().WalkSpeed || h.Params.CarSpeedKmh["residential"] != 40 ||
		h.Params.Access != lineAccess {
		t.Errorf("header params %+v", h.Params)
	}
	// The car graph's turn restriction counts (the fixture has none).
	if v, ok := h.Counts["car_turn_restrictions"]; !ok || v != 0 || len(sum.Turns) != 4 {
		t.Errorf("turn restriction counts %v, summary %v", h.Counts, sum.Turns)
	}
	// Inputs with sizes and digests computed here independently.
	if len(h.Inputs) != 3 {
		t.Fatalf("inputs %+v", h.Inputs)
	}
	for _, in := range h.Inputs[:2] {
		b, err := os.ReadFile(in.Path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if in.Size != int64(len(b)) || in.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("input %s: size %d digest %s, want %d %x", in.Path, in.Size, in.SHA256, len(b), sum)
		}
	}
	if in := h.Inputs[2]; in.Role != "gtfs" || in.Name != "l" || in.Size == 0 || len(in.SHA256) != 64 {
		t.Errorf("feed input %+v", in)
	}
	// The regions span lon 25.000..25.020 (2.2 km) at the equator; the
	// area is 1 km wider on each side.
	if w := h.Regions[2] - h.Regions[0]; w < 2200 || w > 2240 {
		t.Errorf("regions box %v is %g m wide", h.Regions, w)
	}
	if len(h.Area.Boxes) != 1 || h.Area.Boxes[0][0] != h.Regions[0]-1000 || h.Area.Boxes[0][3] != h.Regions[3]+1000 {
		t.Errorf("area %+v", h.Area)
	}
	if !h.Area.Contains(25.028, 0) || h.Area.Contains(25.031, 0) {
		t.Error("the area does not end about 1 km east of lon 25.020")
	}
	if h.Counts["trips"] != 3 || h.Counts["walk_vertices"] != 6 || h.Counts["osm_ways"] != 2 {
		t.Errorf("counts %v", h.Counts)
	}
	// Bounds of what was kept: nodes 1 to 6 and the pharmacy.
	if h.Bounds != (netfile.Box{25.000, 0, 25.035, 0.001}) {
		t.Errorf("bounds %v", h.Bounds)
	}

	// Preparing again gives the same bytes.
	first, err := os.ReadFile(o.Out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(o.Out)
	if !slices.Equal(first, again) {
		t.Error("a second preparation wrote other bytes")
	}
}

func TestRunRefuses(t *testing.T) {
	cases := []struct {
		name    string
		change  func(o *Options)
		message string
	}{
		{"no osm", func(o *Options) { o.OSM = "" }, "no OpenStreetMap extract"},
		{"no regions", func(o *Options) { o.Regions = "" }, "no regions given"},
		{"negative buffer", func(o *Options) { o.BufferKm = -1 }, "buffer -1 km"},
		{"no modes", func(o *Options) { o.Modes = nil }, "no mode given"},
		{"transit without feeds", func(o *Options) { o.Feeds = nil; o.Modes = []graph.Mode{graph.Transit} }, "needs a GTFS feed"},
		{"same prefix", func(o *Options) { o.Feeds = append(o.Feeds, o.Feeds[0]) }, `share the id prefix "l"`},
		{"missing osm", func(o *Options) { o.OSM = filepath.Join(t.TempDir(), "nope.osm.pbf") }, "nope.osm.pbf"},
		{"regions elsewhere", func(o *Options) { o.Regions = fixture(t, "elsewhere.geojson") }, "no street reaches into the regions"},
		{"regions not geojson", func(o *Options) { o.Regions = o.OSM }, "line.osm"},
		{"no output", func(o *Options) { o.Out = "" }, "no output file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := lineOptions(t)
			c.change(o)
			_, err := Run(context.Background(), o)
			if err == nil || !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), c.message) {
				t.Errorf("error %v, want an input error containing %q", err, c.message)
			}
			if o.Out != "" {
				if _, err := os.Stat(o.Out); err == nil {
					t.Error("a failed preparation wrote the file")
				}
			}
		})
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	o := lineOptions(t)
	if _, err := Run(ctx, o); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v", err)
	}
	if _, err := os.Stat(o.Out); err == nil {
		t.Error("a cancelled preparation wrote the file")
	}
}
