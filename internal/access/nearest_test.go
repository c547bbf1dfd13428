package access

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
)

// gridOSM writes an OSM XML street grid of rows x cols nodes about 110 m
// apart near Tampere, with random one-way streets, speeds and gaps.
func gridOSM(r *rand.Rand, rows, cols int) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n")
	id := func(i, j int) int { return 1 + i*cols + j }
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			fmt.Fprintf(&b, "<node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\"/>\n", id(i, j), 61.45+float64(i)*0.001, 23.70+float64(j)*0.002)
		}
	}
	way := 1
	street := func(a, c int) {
		if r.IntN(10) == 0 {
			return // missing street
		}
		fmt.Fprintf(&b, "<way id=\"%d\"><nd ref=\"%d\"/><nd ref=\"%d\"/><tag k=\"highway\" v=\"residential\"/>", way, a, c)
		switch r.IntN(6) {
		case 0:
			b.WriteString("<tag k=\"oneway\" v=\"yes\"/>")
		case 1:
			b.WriteString("<tag k=\"oneway\" v=\"-1\"/>")
		}
		fmt.Fprintf(&b, "<tag k=\"maxspeed\" v=\"%d\"/></way>\n", []int{30, 40, 50, 60}[r.IntN(4)])
		way++
	}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			if j+1 < cols {
				street(id(i, j), id(i, j+1))
			}
			if i+1 < rows {
				street(id(i, j), id(i+1, j))
			}
		}
	}
	b.WriteString("</osm>\n")
	return b.Bytes()
}

func buildGrid(t testing.TB, seed uint64, rows, cols int, mode graph.Mode) *graph.Graph {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	ext, err := osm.ReadReader(context.Background(), bytes.NewReader(gridOSM(r, rows, cols)), "grid.osm", osm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, _, err := graph.Build(ext, mode, graph.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func randomSnaps(t testing.TB, g *graph.Graph, r *rand.Rand, n int, maxSnap float64) []graph.Snap {
	out := make([]graph.Snap, n)
	for i := range out {
		lon := 23.70 + r.Float64()*0.002*float64(25)
		lat := 61.45 + r.Float64()*0.001*float64(25)
		s, ok := g.Snap(lon, lat, maxSnap)
		if !ok {
			s = graph.Snap{Seg: -1}
		}
		out[i] = s
	}
	return out
}

func TestNearestServiceMatchesPerOrigin(t *testing.T) {
	for _, mode := range []graph.Mode{graph.Car, graph.Walk} {
		for seed := uint64(1); seed <= 4; seed++ {
			g := buildGrid(t, seed, 20, 20, mode)
			r := rand.New(rand.NewPCG(seed, 99))
			origins := randomSnaps(t, g, r, 300, 60)
			services := randomSnaps(t, g, r, 1+int(seed)*2, 1000)
			// Put one service exactly on an origin's segment to exercise
			// travel along a single segment.
			for _, o := range origins {
				if o.Seg >= 0 {
					services = append(services, o)
					break
				}
			}
			fast := NearestService(g, origins, services, 0)
			slow := NearestServicePerOrigin(g, origins, services, 0)
			reached := 0
			for i := range origins {
				if fast.TimeMs[i] != slow.TimeMs[i] {
					t.Fatalf("%s seed %d origin %d: multi-source %d ms, per-origin %d ms", mode, seed, i, fast.TimeMs[i], slow.TimeMs[i])
				}
				if fast.TimeMs[i] != Unreachable {
					reached++
					if d := fast.LenM[i] - slow.LenM[i]; fast.Service[i] == slow.Service[i] && (d > 0.01 || d < -0.01) {
						t.Fatalf("%s seed %d origin %d: lengths %v vs %v", mode, seed, i, fast.LenM[i], slow.LenM[i])
					}
				}
			}
			if reached < len(origins)/2 {
				t.Fatalf("%s seed %d: only %d of %d origins reached a service; the test grid is too sparse", mode, seed, reached, len(origins))
			}
			// A bound cuts exactly the times above it.
			limit := uint32(60000)
			bounded := NearestService(g, origins, services, limit)
			for i := range origins {
				want := fast.TimeMs[i]
				if want > limit {
					want = Unreachable
				}
				if bounded.TimeMs[i] != want {
					t.Fatalf("%s seed %d origin %d: bounded %d, want %d", mode, seed, i, bounded.TimeMs[i], want)
				}
			}
		}
	}
}

func TestNearestServiceUnsnapped(t *testing.T) {
	g := buildGrid(t, 1, 5, 5, graph.Walk)
	origins := []graph.Snap{{Seg: -1}}
	if n := NearestService(g, origins, nil, 0); n.TimeMs[0] != Unreachable || n.Service[0] != -1 {
		t.Fatalf("unsnapped origin: %+v", n)
	}
	r := rand.New(rand.NewPCG(5, 5))
	origins = randomSnaps(t, g, r, 3, 1000)
	if n := NearestService(g, origins, []graph.Snap{{Seg: -1}}, 0); n.TimeMs[0] != Unreachable {
		t.Fatalf("no snapped service: origin reached in %d ms", n.TimeMs[0])
	}
}

func BenchmarkNearest(b *testing.B) {
	g := buildGrid(b, 3, 60, 60, graph.Car)
	r := rand.New(rand.NewPCG(3, 3))
	origins := make([]graph.Snap, 0, 2000)
	for len(origins) < 2000 {
		lon := 23.70 + r.Float64()*0.002*60
		lat := 61.45 + r.Float64()*0.001*60
		if s, ok := g.Snap(lon, lat, 200); ok {
			origins = append(origins, s)
		}
	}
	services := origins[:10]
	b.Run("multi-source", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NearestService(g, origins, services, 0)
		}
	})
	b.Run("per-origin", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NearestServicePerOrigin(g, origins, services, 0)
		}
	})
}
