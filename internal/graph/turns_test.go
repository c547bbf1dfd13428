package graph

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/saavu/saavu/data/osm"
)

func readTurnsGrid(tb testing.TB) *osm.Extract {
	tb.Helper()
	ext, err := osm.Read(context.Background(), filepath.Join("..", "..", "testdata", "osm", "turns.osm"), osm.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return ext
}

func TestTurnRestrictionStats(t *testing.T) {
	ext := readTurnsGrid(t)
	g, st, err := Build(ext, Car, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	checkGraph(t, g)
	if st.TurnRestrictions != 5 {
		t.Errorf("%d restrictions applied, want 5", st.TurnRestrictions)
	}
	if want := map[SkipReason]int{SkipViaWay: 1, SkipNotAtEnd: 1}; !reflect.DeepEqual(st.TurnRestrictionsSkipped, want) {
		t.Errorf("skipped %v, want %v", st.TurnRestrictionsSkipped, want)
	}
	// Via nodes 5 (two restricted arrivals, four directions leaving),
	// 6 (one arrival, two leaving) and 8 (two arrivals, two leaving: 8 to
	// 9 is one-way), each with its sink.
	if st.TurnCopies != 7+4+5 || g.NumVertices() != 9+st.TurnCopies || g.NumNodeVertices() != 9 {
		t.Errorf("%d copies, %d vertices, %d node vertices", st.TurnCopies, g.NumVertices(), g.NumNodeVertices())
	}
	for v := range g.NumVertices() {
		n := g.NodeVertex(int32(v))
		if g.Lon[v] != g.Lon[n] || g.Lat[v] != g.Lat[n] || g.NodeID[v] != g.NodeID[n] {
			t.Fatalf("copy %d is not where its node %d is", v, n)
		}
	}
	if got := []int64{g.NodeID[g.TurnVia[0]], g.NodeID[g.TurnVia[1]], g.NodeID[g.TurnVia[2]]}; !reflect.DeepEqual(got, []int64{5, 6, 8}) {
		t.Errorf("via nodes %v", got)
	}
	// Walk and bike ignore restrictions.
	for _, m := range []Mode{Walk, Bike} {
		a, sa, _ := Build(ext, m, DefaultParams())
		p := DefaultParams()
		p.IgnoreTurnRestrictions = true
		b, sb, _ := Build(ext, m, p)
		if !reflect.DeepEqual(a, b) || sa.TurnRestrictions != 0 || sa.TurnCopies != 0 || len(sb.TurnRestrictionsSkipped) != 0 {
			t.Errorf("%s graph changed by restrictions", m)
		}
	}
}

// TestTurnCopiesKeepSnapsAndIslands checks that the copies change neither
// where points snap nor the junction counts islands are measured in.
func TestTurnCopiesKeepSnapsAndIslands(t *testing.T) {
	for _, name := range []string{"turns", "monaco"} {
		t.Run(name, func(t *testing.T) {
			var ext *osm.Extract
			if name == "turns" {
				ext = readTurnsGrid(t)
			} else {
				var err error
				ext, err = osm.Read(context.Background(), sharedData(t, "monaco/monaco.osm.pbf"), osm.Options{})
				if err != nil {
					t.Fatal(err)
				}
			}
			g, st, err := Build(ext, Car, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			p := DefaultParams()
			p.IgnoreTurnRestrictions = true
			free, _, _ := Build(ext, Car, p)
			if st.TurnCopies == 0 {
				t.Fatal("no turn copies")
			}
			checkGraph(t, g)
			nn := g.NumNodeVertices()
			if nn != free.NumVertices() || !reflect.DeepEqual(g.SegU, free.SegU) || !reflect.DeepEqual(g.SegWay, free.SegWay) ||
				!reflect.DeepEqual(g.SegFwdMs, free.SegFwdMs) || !reflect.DeepEqual(g.NodeID[:nn], free.NodeID) {
				t.Fatal("node vertices or segments differ")
			}
			jg, jf := g.Junctions(), free.Junctions()
			if !reflect.DeepEqual(jg[:nn], jf) || countTrue(jg[nn:]) != 0 {
				t.Error("junctions differ")
			}
			cg, _ := g.Components()
			cf, _ := free.Components()
			for v := range g.NumVertices() {
				if cg[v] != cg[g.NodeVertex(int32(v))] {
					t.Fatalf("copy %d in another component than its node", v)
				}
			}
			for v := 1; v < nn; v++ {
				if (cg[v] == cg[v-1]) != (cf[v] == cf[v-1]) {
					t.Fatalf("components differ at vertex %d", v)
				}
			}
			b := [4]float64{g.Lon[0], g.Lat[0], g.Lon[0], g.Lat[0]}
			for v := range nn {
				b = [4]float64{min(b[0], g.Lon[v]), min(b[1], g.Lat[v]), max(b[2], g.Lon[v]), max(b[3], g.Lat[v])}
			}
			r := rand.New(rand.NewPCG(1, 2))
			lg, lf := NewLinker(g, DefaultMinIsland), NewLinker(free, DefaultMinIsland)
			for range 2000 {
				lon, lat := b[0]+r.Float64()*(b[2]-b[0]), b[1]+r.Float64()*(b[3]-b[1])
				if r.IntN(10) == 0 { // exactly on a node
					v := r.IntN(nn)
					lon, lat = g.Lon[v], g.Lat[v]
				}
				sg, okg := lg.Snap(lon, lat, 500)
				sf, okf := lf.Snap(lon, lat, 500)
				if okg != okf || sg.Seg != sf.Seg || sg.Frac != sf.Frac || sg.ConnMs != sf.ConnMs {
					t.Fatalf("%v,%v: snaps %+v and %+v", lon, lat, sg, sf)
				}
				for i := range 2 {
					for _, pair := range [][2]Anchor{{sg.Out[i], sf.Out[i]}, {sg.In[i], sf.In[i]}} {
						a, f := pair[0], pair[1]
						if a.TimeMs != f.TimeMs || a.LenM != f.LenM || (a.V < 0) != (f.V < 0) || a.V >= 0 && g.NodeVertex(a.V) != f.V {
							t.Fatalf("%v,%v: anchor %+v, without restrictions %+v", lon, lat, a, f)
						}
					}
				}
			}
		})
	}
}

func countTrue(b []bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}

// tampereUTurns returns the Tampere extract with a no_u_turn restriction
// at both ends of every car street: the real extract holds no turn
// restrictions, so this stands in for a city dense with them.
func tampereUTurns(tb testing.TB) *osm.Extract {
	ext := *readTampere(tb)
	ext.Restrictions = nil
	id := int64(1)
	for _, w := range ext.Ways {
		if h := w.Tags.Get("highway"); !slices.Contains(carClasses, h) {
			continue
		}
		for _, v := range []int64{w.Nodes[0], w.Nodes[len(w.Nodes)-1]} {
			ext.Restrictions = append(ext.Restrictions, osm.Restriction{ID: id, From: w.ID, To: w.ID, Via: []int64{v}, Kind: "no_u_turn"})
			id++
		}
	}
	return &ext
}

// BenchmarkBuildCarTurns builds car graphs with and without their turn
// restrictions: Tampere as read (none), Tampere with a no_u_turn at both
// ends of every car street, and Monaco (43 restrictions).
func BenchmarkBuildCarTurns(b *testing.B) {
	monaco := func(tb testing.TB) *osm.Extract {
		ext, err := osm.Read(context.Background(), sharedData(tb, "monaco/monaco.osm.pbf"), osm.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		return ext
	}
	for _, c := range []struct {
		name string
		ext  func(testing.TB) *osm.Extract
	}{{"tampere", readTampere}, {"tampere-uturns", tampereUTurns}, {"monaco", monaco}} {
		ext := c.ext(b)
		for _, turns := range []bool{false, true} {
			b.Run(fmt.Sprintf("city=%s/turns=%v", c.name, turns), func(b *testing.B) {
				p := DefaultParams()
				p.IgnoreTurnRestrictions = !turns
				b.ReportAllocs()
				var st Stats
				for b.Loop() {
					var err error
					if _, st, err = Build(ext, Car, p); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(st.TurnRestrictions), "applied")
				b.ReportMetric(float64(st.TurnCopies), "copies")
			})
		}
	}
}

func TestTampereUTurns(t *testing.T) {
	ext := tampereUTurns(t)
	g, st, err := Build(ext, Car, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	checkGraph(t, g)
	t.Logf("%d restrictions: %v", len(ext.Restrictions), st)
	if st.TurnRestrictions == 0 || st.TurnCopies == 0 {
		t.Error("nothing applied")
	}
}
