package graph

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/saavu/saavu/data/osm"
)

func TestBuildTampere(t *testing.T) {
	ext := readTampere(t)
	for _, m := range []Mode{Walk, Bike, Car} {
		t.Run(m.String(), func(t *testing.T) {
			g, st, err := Build(ext, m, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			if g.NumVertices() == 0 || g.NumEdges() == 0 || len(g.SegU) == 0 {
				t.Fatalf("empty graph: %v", st)
			}
			checkGraph(t, g)
			again, _, err := Build(ext, m, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, again) {
				t.Error("two builds differ")
			}
			_, sizes := g.Components()
			largest := int32(0)
			for _, s := range sizes {
				largest = max(largest, s)
			}
			if int(largest) < g.NumVertices()/2 {
				t.Errorf("largest component %d of %d vertices", largest, g.NumVertices())
			}
			t.Logf("%v; %d components, largest %d", st, len(sizes), largest)
		})
	}
}

// BenchmarkBuildTampere builds each mode from an extract read once.
func BenchmarkBuildTampere(b *testing.B) {
	ext := readTampere(b)
	for _, m := range []Mode{Walk, Bike, Car} {
		b.Run("mode="+m.String(), func(b *testing.B) {
			b.ReportAllocs()
			edges := 0
			for b.Loop() {
				g, _, err := Build(ext, m, DefaultParams())
				if err != nil {
					b.Fatal(err)
				}
				edges += g.NumEdges()
			}
			if edges == 0 {
				b.Fatal("no edges")
			}
		})
	}
}

// BenchmarkReadBuildTampere is the whole street preparation: reading the
// PBF and building the three graphs.
func BenchmarkReadBuildTampere(b *testing.B) {
	path := sharedData(b, "tampere/tampere.osm.pbf")
	b.ReportAllocs()
	edges := 0
	for b.Loop() {
		ext, err := osm.Read(context.Background(), path, osm.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range []Mode{Walk, Bike, Car} {
			g, _, err := Build(ext, m, DefaultParams())
			if err != nil {
				b.Fatal(err)
			}
			edges += g.NumEdges()
		}
	}
	if edges == 0 {
		b.Fatal("no edges")
	}
}

func BenchmarkSnapTampere(b *testing.B) {
	ext := readTampere(b)
	g, _, err := Build(ext, Walk, DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	g.PrepareSnap()
	bb := ext.Bounds
	pts := randomPoints(1024, bb.MinLon, bb.MinLat, bb.MaxLon, bb.MaxLat)
	for _, maxM := range []float64{100, 1000} {
		b.Run(fmt.Sprintf("rtree/max=%g", maxM), func(b *testing.B) {
			b.ReportAllocs()
			n, i := 0, 0
			for b.Loop() {
				p := pts[i%len(pts)]
				if _, ok := g.Snap(p[0], p[1], maxM); ok {
					n++
				}
				i++
			}
			b.ReportMetric(float64(n)/float64(i), "snapped/op")
		})
	}
	b.Run("naive", func(b *testing.B) {
		n, i := 0, 0
		for b.Loop() {
			p := pts[i%len(pts)]
			if _, _, ok := naiveSnap(g, p[0], p[1], 1000); ok {
				n++
			}
			i++
		}
		b.ReportMetric(float64(n)/float64(i), "snapped/op")
	})
}

func BenchmarkPrepareSnapTampere(b *testing.B) {
	ext := readTampere(b)
	g, _, err := Build(ext, Walk, DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		g.index = nil
		g.PrepareSnap()
	}
}
