package access

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/ch"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/testutil"
)

// samplePoints draws n points near random vertices of g (up to ~150 m
// off) and a few on the same segments as earlier ones, then snaps them;
// some are left unsnapped (Seg -1), as points beyond the snap radius are.
func samplePoints(g *graph.Graph, rng *rand.Rand, n int) []graph.Snap {
	out := make([]graph.Snap, 0, n)
	for len(out) < n {
		if len(out) > 0 && rng.IntN(6) == 0 { // on the segment of an earlier point
			p := out[rng.IntN(len(out))]
			if p.Seg >= 0 {
				u, v := g.SegU[p.Seg], g.SegV[p.Seg]
				f := rng.Float64()
				lon, lat := g.Lon[u]+f*(g.Lon[v]-g.Lon[u]), g.Lat[u]+f*(g.Lat[v]-g.Lat[u])
				if s, ok := g.Snap(lon, lat, 50); ok {
					out = append(out, s)
					continue
				}
			}
		}
		v := rng.IntN(g.NumVertices())
		lon := g.Lon[v] + (rng.Float64()-0.5)*0.004
		lat := g.Lat[v] + (rng.Float64()-0.5)*0.002
		s, ok := g.Snap(lon, lat, 100)
		if !ok {
			s = graph.Snap{Seg: -1}
		}
		out = append(out, s)
	}
	return out
}

// compareMatrices holds the fast matrix to the per-origin one pair by
// pair: the same times, and the same lengths to a tenth of a metre.
func compareMatrices(t *testing.T, want, got Matrix) {
	t.Helper()
	for k := range want.TimeMs {
		if got.TimeMs[k] != want.TimeMs[k] {
			t.Fatalf("pair %d (origin %d, destination %d): %d ms, per-origin search %d ms", k, k/want.Cols, k%want.Cols, got.TimeMs[k], want.TimeMs[k])
		}
		if math.Round(got.LenM[k]*10) != math.Round(want.LenM[k]*10) {
			t.Fatalf("pair %d (origin %d, destination %d): %.6f m, per-origin search %.6f m", k, k/want.Cols, k%want.Cols, got.LenM[k], want.LenM[k])
		}
		if d := math.Abs(got.LenM[k] - want.LenM[k]); d > 0.1 {
			t.Fatalf("pair %d: lengths %.6f and %.6f m", k, got.LenM[k], want.LenM[k])
		}
	}
}

// TestStreetMatrixCHRealData compares StreetMatrixCH with StreetMatrix
// pair by pair on real extracts, walk and car (Monaco's car graph has
// turn restrictions, so turn copies), without a limit and with one, on
// one and two workers.
func TestStreetMatrixCHRealData(t *testing.T) {
	if testing.Short() {
		t.Skip("real extracts skipped in -short mode")
	}
	cases := []struct {
		name, path string
		n          int
	}{
		{"monaco", "monaco/monaco.osm.pbf", 150},
		{"terre-haute", "terre-haute/terre_haute.osm.pbf", 100},
		{"tampere", "tampere/tampere.osm.pbf", 250},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := testutil.SharedData(t, c.path)
			ext, err := osm.Read(context.Background(), path, osm.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, mode := range []graph.Mode{graph.Walk, graph.Car} {
				t.Run(mode.String(), func(t *testing.T) {
					g, _, err := graph.Build(ext, mode, graph.DefaultParams())
					if err != nil {
						t.Fatal(err)
					}
					h, err := ch.Build(g, ch.Options{})
					if err != nil {
						t.Fatal(err)
					}
					rng := rand.New(rand.NewPCG(15, uint64(mode)))
					origins := samplePoints(g, rng, c.n)
					dests := samplePoints(g, rng, c.n+20)
					for _, limit := range []uint32{0, 6 * 60000} {
						want := StreetMatrix(g, origins, dests, limit, 2)
						for _, w := range []int{1, 2} {
							got, st := StreetMatrixCH(g, h, origins, dests, limit, w)
							compareMatrices(t, want, got)
							if w == 1 {
								t.Logf("%s limit %d ms: %d vertices, %d shortcuts; %d pairs with open lengths in %d rows, %d searched by Dijkstra", mode, limit, g.NumVertices(), h.Shortcuts, st.Pairs, st.Rows, st.DijkstraRows)
							}
						}
					}
				})
			}
		})
	}
}
