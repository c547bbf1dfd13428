package graph

import (
	"context"
	"testing"

	"github.com/saavu/saavu/internal/testutil"

	"github.com/saavu/saavu/data/osm"
)

// fuzzWayKeys are the tags FuzzWayTags varies, in the order of its
// arguments.
var fuzzWayKeys = []string{"highway", "oneway", "oneway:bicycle", "junction", "maxspeed", "access", "route", "duration"}

// FuzzWayTags builds every mode's graph from one way of three nodes (two
// segments of about 111 m running north) with fuzzed tag values, seeded
// with the tags of the ways of testdata/osm/town.osm. Build must not fail
// or panic on tag values, and the graph must hold: a street segment is open
// in at least one direction, walking both ways; car times come from a speed
// of at most 300 km/h; oneway=yes/true/1 on a kept car street opens only the
// forward direction and -1/reverse only the backward one; ferry crossings
// take at most 48 h plus the wait; edges match the open directions.
func FuzzWayTags(f *testing.F) {
	seedWayTags(f)
	f.Add("residential", "yes", "", "", "30 mph", "", "", "")
	f.Add("primary", "-1", "no", "roundabout", "FI:urban", "", "", "")
	f.Add("", "", "", "", "", "", "ferry", "PT20M")
	f.Add("service", "reversible", "", "", "none", "private", "", "")
	f.Fuzz(func(t *testing.T, highway, oneway, onewayBike, junction, maxspeed, access, route, duration string) {
		var tags osm.Tags
		for i, v := range []string{highway, oneway, onewayBike, junction, maxspeed, access, route, duration} {
			if v != "" {
				tags = append(tags, osm.Tag{Key: fuzzWayKeys[i], Value: v})
			}
		}
		ext := &osm.Extract{
			Ways:    []osm.Way{{ID: 7, Nodes: []int64{1, 2, 3}, Tags: tags}},
			NodeIDs: []int64{1, 2, 3},
			Lon:     []float64{23.7, 23.7, 23.7},
			Lat:     []float64{61.500, 61.501, 61.502},
		}
		p := DefaultParams()
		for _, m := range []Mode{Walk, Bike, Car} {
			g, _, err := Build(ext, m, p)
			if err != nil {
				t.Fatalf("%v: Build failed on tags %v: %v", m, tags, err)
			}
			checkWayGraph(t, g, m, p, tags)
		}
	})
}

func checkWayGraph(t *testing.T, g *Graph, m Mode, p Params, tags osm.Tags) {
	t.Helper()
	open := 0
	for s := range g.SegU {
		fwd, bwd := g.SegFwdMs[s] != NoTime, g.SegBwdMs[s] != NoTime
		if !fwd && !bwd {
			t.Fatalf("%v: segment %d closed both ways (tags %v)", m, s, tags)
		}
		if m == Walk && !(fwd && bwd) {
			t.Fatalf("walk: segment %d is one-way (tags %v)", s, tags)
		}
		if m == Car {
			// The two segments are about 111.2 m long: at most 300 km/h
			// takes 1334 ms.
			for _, ms := range []uint32{g.SegFwdMs[s], g.SegBwdMs[s]} {
				if ms != NoTime && ms < 1300 {
					t.Fatalf("car: segment %d takes %d ms (tags %v)", s, ms, tags)
				}
			}
			switch tags.Get("oneway") {
			case "yes", "true", "1":
				if !fwd || bwd {
					t.Fatalf("car: oneway=%s segment open fwd %v bwd %v", tags.Get("oneway"), fwd, bwd)
				}
			case "-1", "reverse":
				if fwd || !bwd {
					t.Fatalf("car: oneway=%s segment open fwd %v bwd %v", tags.Get("oneway"), fwd, bwd)
				}
			}
		}
		if fwd {
			open++
		}
		if bwd {
			open++
		}
	}
	maxFerry := uint32((48*3600 + p.FerryWait.Seconds()) * 1000)
	for _, fe := range g.Ferries {
		if fe.TimeMs == 0 || fe.TimeMs > maxFerry {
			t.Fatalf("%v: ferry takes %d ms (tags %v)", m, fe.TimeMs, tags)
		}
	}
	if want := open + 2*len(g.Ferries); g.NumEdges() != want {
		t.Fatalf("%v: %d edges for %d open segment directions and %d ferries (tags %v)", m, g.NumEdges(), open, len(g.Ferries), tags)
	}
}

// seedWayTags adds the fuzzed tags of every way of testdata/osm/town.osm.
func seedWayTags(f *testing.F) {
	ext, err := osm.Read(context.Background(), testutil.Fixture(f, "osm", "town.osm"), osm.Options{})
	if err != nil {
		f.Fatal(err)
	}
	for _, w := range ext.Ways {
		vals := make([]any, len(fuzzWayKeys))
		for i, k := range fuzzWayKeys {
			vals[i] = w.Tags.Get(k)
		}
		f.Add(vals...)
	}
}
