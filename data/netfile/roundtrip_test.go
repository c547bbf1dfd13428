package netfile

import (
	"bytes"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/transit"
)

// TestRoundTrip writes the town fixture, reads it back and compares every
// slice of every graph, the timetable and the points of interest.
func TestRoundTrip(t *testing.T) {
	want := fixture(t)
	checkFixtureRich(t, want)
	path := filepath.Join(t.TempDir(), "town.saavu")
	if err := Write(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Path != path {
		t.Errorf("Path %q", got.Path)
	}
	wantHeader := want.Header
	wantHeader.Format = FormatVersion
	if !reflect.DeepEqual(got.Header, wantHeader) {
		t.Errorf("header\n got %+v\nwant %+v", got.Header, wantHeader)
	}
	if !slices.Equal(got.Modes(), want.Modes()) {
		t.Fatalf("modes %v, want %v", got.Modes(), want.Modes())
	}
	for _, m := range want.Modes() {
		compareGraphs(t, m.String(), got.Graphs[m], want.Graphs[m])
	}
	// Without the snapping index built up front, Snap builds it.
	lazy, err := ReadWith(path, ReadOptions{NoSnapIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range want.Modes() {
		compareGraphs(t, m.String()+" (no index)", lazy.Graphs[m], want.Graphs[m])
	}
	compareTimetables(t, got.Timetable, want.Timetable)
	if !reflect.DeepEqual(got.POIs, want.POIs) {
		t.Errorf("POIs\n got %+v\nwant %+v", got.POIs, want.POIs)
	}

	// The same network gives the same bytes.
	var a, b bytes.Buffer
	if err := Encode(&a, want); err != nil {
		t.Fatal(err)
	}
	if err := Encode(&b, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("writing the network read back gives other bytes")
	}
}

// checkFixtureRich makes sure the fixture exercises every part of the
// format, so that the round trip compares something.
func checkFixtureRich(t *testing.T, n *Network) {
	t.Helper()
	tt := n.Timetable
	hasAdded, hasRemoved := false, false
	for _, s := range tt.Services {
		hasAdded = hasAdded || len(s.Added) > 0
		hasRemoved = hasRemoved || len(s.Removed) > 0
	}
	hasParent := slices.ContainsFunc(tt.Stops, func(s transit.Stop) bool { return s.Parent >= 0 })
	if len(n.Graphs[graph.Walk].Ferries) == 0 || len(n.POIs) == 0 || len(tt.Frequencies) == 0 || len(tt.Transfers) == 0 ||
		!hasAdded || !hasRemoved || !hasParent || len(tt.Agencies) == 0 {
		t.Fatalf("fixture lacks a part of the format: ferries %d, POIs %d, frequencies %d, transfers %d, added %v, removed %v, parents %v",
			len(n.Graphs[graph.Walk].Ferries), len(n.POIs), len(tt.Frequencies), len(tt.Transfers), hasAdded, hasRemoved, hasParent)
	}
}

// eq compares two slices, nil and empty alike.
func eq[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: got %d values, want %d; first difference at %d", what, len(got), len(want), firstDiff(got, want))
	}
}

func firstDiff[T comparable](a, b []T) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func compareGraphs(t *testing.T, name string, got, want *graph.Graph) {
	t.Helper()
	if got == nil {
		t.Fatalf("%s: no graph", name)
	}
	if got.Mode != want.Mode || got.WalkSpeed != want.WalkSpeed {
		t.Errorf("%s: mode %v walk speed %v, want %v %v", name, got.Mode, got.WalkSpeed, want.Mode, want.WalkSpeed)
	}
	eq(t, name+" Lon", got.Lon, want.Lon)
	eq(t, name+" Lat", got.Lat, want.Lat)
	eq(t, name+" NodeID", got.NodeID, want.NodeID)
	eq(t, name+" FirstOut", got.FirstOut, want.FirstOut)
	eq(t, name+" Head", got.Head, want.Head)
	eq(t, name+" TimeMs", got.TimeMs, want.TimeMs)
	eq(t, name+" LenM", got.LenM, want.LenM)
	eq(t, name+" RevFirstOut", got.RevFirstOut, want.RevFirstOut)
	eq(t, name+" RevHead", got.RevHead, want.RevHead)
	eq(t, name+" RevTimeMs", got.RevTimeMs, want.RevTimeMs)
	eq(t, name+" RevLenM", got.RevLenM, want.RevLenM)
	eq(t, name+" SegU", got.SegU, want.SegU)
	eq(t, name+" SegV", got.SegV, want.SegV)
	eq(t, name+" SegLenM", got.SegLenM, want.SegLenM)
	eq(t, name+" SegFwdMs", got.SegFwdMs, want.SegFwdMs)
	eq(t, name+" SegBwdMs", got.SegBwdMs, want.SegBwdMs)
	eq(t, name+" SegWay", got.SegWay, want.SegWay)
	eq(t, name+" Ferries", got.Ferries, want.Ferries)
	eq(t, name+" SegFwdFrom", got.SegFwdFrom, want.SegFwdFrom)
	eq(t, name+" SegFwdTo", got.SegFwdTo, want.SegFwdTo)
	eq(t, name+" SegBwdFrom", got.SegBwdFrom, want.SegBwdFrom)
	eq(t, name+" SegBwdTo", got.SegBwdTo, want.SegBwdTo)
	eq(t, name+" TurnVia", got.TurnVia, want.TurnVia)
	eq(t, name+" TurnFirst", got.TurnFirst, want.TurnFirst)
	if (got.SegFwdFrom == nil) != (want.SegFwdFrom == nil) || (got.TurnVia == nil) != (want.TurnVia == nil) {
		t.Errorf("%s: turn copies nil in one graph only", name)
	}
	// The graph read back snaps like the one built.
	for _, p := range [][2]float64{{23.7004, 61.50095}, {23.705, 61.503}, {23.69, 61.499}} {
		a, okA := got.Snap(p[0], p[1], 2000)
		b, okB := want.Snap(p[0], p[1], 2000)
		if okA != okB || a != b {
			t.Errorf("%s: snap of %v: %+v %v, want %+v %v", name, p, a, okA, b, okB)
		}
	}
}

func compareTimetables(t *testing.T, got, want *transit.Timetable) {
	t.Helper()
	if got == nil {
		t.Fatal("no timetable")
	}
	eq(t, "Agencies", got.Agencies, want.Agencies)
	eq(t, "Stops", got.Stops, want.Stops)
	eq(t, "Routes", got.Routes, want.Routes)
	eq(t, "Trips", got.Trips, want.Trips)
	if len(got.Services) != len(want.Services) {
		t.Errorf("%d services, want %d", len(got.Services), len(want.Services))
	} else {
		for i := range want.Services {
			g, w := got.Services[i], want.Services[i]
			eq(t, "Services.Added", g.Added, w.Added)
			eq(t, "Services.Removed", g.Removed, w.Removed)
			g.Added, g.Removed, w.Added, w.Removed = nil, nil, nil, nil
			if !reflect.DeepEqual(g, w) {
				t.Errorf("service %d: got %+v, want %+v", i, g, w)
			}
		}
	}
	eq(t, "PatternStart", got.PatternStart, want.PatternStart)
	eq(t, "PatternStops", got.PatternStops, want.PatternStops)
	eq(t, "PatternRoute", got.PatternRoute, want.PatternRoute)
	eq(t, "Arr", got.Arr, want.Arr)
	eq(t, "Dep", got.Dep, want.Dep)
	eq(t, "Frequencies", got.Frequencies, want.Frequencies)
	eq(t, "Transfers", got.Transfers, want.Transfers)
	// Any date flattens the same: a weekday, the Saturday made a service
	// day by calendar_dates, an added date outside the calendar.
	for _, date := range []string{"20240102", "20240103", "20240106", "20240201", "20240301"} {
		dg, err := got.Day(date, transit.DayOptions{})
		if err != nil {
			t.Fatal(err)
		}
		dw, err := want.Day(date, transit.DayOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(dg, dw) {
			t.Errorf("day %s differs", date)
		}
	}
}

// TestRoundTripEmpty: a network without timetable, graphs or points of
// interest reads back as one.
func TestRoundTripEmpty(t *testing.T) {
	n := &Network{Header: Header{SaavuVersion: "x"}}
	var b bytes.Buffer
	if err := Encode(&b, n); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(bytes.NewReader(b.Bytes()), "empty.saavu", int64(b.Len()), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Timetable != nil || len(got.Graphs) != 0 || len(got.POIs) != 0 || got.Header.Format != FormatVersion {
		t.Errorf("got %+v", got)
	}
	if _, err := got.Graph(graph.Car); err == nil {
		t.Error("Graph(car) of an empty network: no error")
	}
}
