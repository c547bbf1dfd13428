package netfile

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
)

// turnsNetwork holds the car graph of the turn restriction grid.
func turnsNetwork(tb testing.TB) *Network {
	tb.Helper()
	ext, err := osm.Read(context.Background(), filepath.Join(repoRoot(tb), "testdata", "osm", "turns.osm"), osm.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	p := graph.DefaultParams()
	g, st, err := graph.Build(ext, graph.Car, p)
	if err != nil {
		tb.Fatal(err)
	}
	if st.TurnCopies == 0 {
		tb.Fatal("no turn copies in the car graph")
	}
	return &Network{
		Graphs: map[graph.Mode]*graph.Graph{graph.Car: g},
		Header: Header{SaavuVersion: "test", Params: ParamsOf(p, []graph.Mode{graph.Car}, 1),
			Counts: map[string]int{"car_turn_restrictions": st.TurnRestrictions}},
	}
}

// TestRoundTripTurns keeps the turn copies of a car graph.
func TestRoundTripTurns(t *testing.T) {
	want := turnsNetwork(t)
	var b bytes.Buffer
	if err := Encode(&b, want); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(bytes.NewReader(b.Bytes()), "turns.saavu", int64(b.Len()), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	compareGraphs(t, "car", got.Graphs[graph.Car], want.Graphs[graph.Car])
	if got.Header.Counts["car_turn_restrictions"] != 5 {
		t.Errorf("counts %v", got.Header.Counts)
	}
}

func TestDecodeChecksTurns(t *testing.T) {
	cases := []struct {
		name    string
		break_  func(g *graph.Graph)
		message string
	}{
		{"via out of range", func(g *graph.Graph) { g.TurnVia[0] = 1 << 20 }, "car graph: TurnVia: corrupt"},
		{"offsets", func(g *graph.Graph) { g.TurnFirst[1] = 0 }, "car graph: TurnFirst: corrupt"},
		{"offsets missing", func(g *graph.Graph) { g.TurnFirst = g.TurnFirst[:1] }, "car graph: TurnFirst: corrupt"},
		{"segment end", func(g *graph.Graph) { g.SegBwdTo[0] = -1 }, "car graph: SegBwdTo: corrupt"},
		{"segment to a copy", func(g *graph.Graph) { g.SegU[0] = int32(g.NumVertices() - 1) }, "car graph: SegU: corrupt"},
		{"ends without copies", func(g *graph.Graph) { g.TurnVia, g.TurnFirst = nil, nil }, "car graph: SegFwdFrom: corrupt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := turnsNetwork(t)
			c.break_(n.Graphs[graph.Car])
			var b bytes.Buffer
			if err := Encode(&b, n); err != nil {
				t.Fatal(err)
			}
			_, err := Decode(bytes.NewReader(b.Bytes()), "bad.saavu", int64(b.Len()), ReadOptions{})
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "bad.saavu: "+c.message) {
				t.Errorf("error %v, want one containing %q", err, c.message)
			}
		})
	}
}
