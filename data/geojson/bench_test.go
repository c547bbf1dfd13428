package geojson

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"
)

// benchCells returns n square polygons in lon/lat with two properties, like
// a grid of result cells.
func benchCells(n int) []OutFeature {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]OutFeature, n)
	for i := range out {
		x, y := 25+rng.Float64()*5, 60.5+rng.Float64()*2.5
		d := 0.0045
		out[i] = OutFeature{
			ID:       fmt.Sprintf("cell%d", i),
			Geometry: orb.Polygon{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}},
			Props:    []Prop{{"pop", rng.IntN(500)}, {"minutes", rng.Float64() * 90}},
		}
	}
	return out
}

func benchDoc(b *testing.B, n int) []byte {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.SetPrecision(-1)
	for _, f := range benchCells(n) {
		if err := w.Write(f); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkDecode(b *testing.B) {
	for _, n := range []int{100, 10000} {
		doc := benchDoc(b, n)
		b.Run(fmt.Sprintf("size=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				c, err := Decode(bytes.NewReader(doc), "bench", ReadOptions{})
				if err != nil || len(c.Features) != n {
					b.Fatal(err)
				}
			}
		})
		// Peer: orb's geojson package decoding the same document.
		b.Run(fmt.Sprintf("orb/size=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				fc, err := orbjson.UnmarshalFeatureCollection(doc)
				if err != nil || len(fc.Features) != n {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{100, 10000} {
		fs := benchCells(n)
		b.Run(fmt.Sprintf("size=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w := NewWriter(io.Discard)
				for _, f := range fs {
					if err := w.Write(f); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
		// Peer: orb's geojson marshalling (encoding/json, unrounded).
		fc := orbjson.NewFeatureCollection()
		for _, f := range fs {
			g := orbjson.NewFeature(f.Geometry)
			g.ID = f.ID
			for _, p := range f.Props {
				g.Properties[p.Key] = p.Value
			}
			fc.Append(g)
		}
		b.Run(fmt.Sprintf("orb/size=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := fc.MarshalJSON(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
