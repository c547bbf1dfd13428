package csvio

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"testing"
)

func benchPointsFile(n int) []byte {
	rng := rand.New(rand.NewPCG(3, 4))
	var b bytes.Buffer
	b.WriteString("id,lon,lat,population,jobs\n")
	for i := range n {
		fmt.Fprintf(&b, "p%d,%.7f,%.7f,%d,%d\n", i, 25+rng.Float64()*5, 60.5+rng.Float64()*2.5, rng.IntN(500), rng.IntN(100))
	}
	return b.Bytes()
}

// naivePoints is the baseline: encoding/csv ReadAll and strconv, without
// header aliases, validation or error positions.
func naivePoints(data []byte) (int, error) {
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range recs[1:] {
		for _, s := range r[1:] {
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				return 0, err
			}
		}
		n++
	}
	return n, nil
}

func BenchmarkReadPoints(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		data := benchPointsFile(n)
		b.Run(fmt.Sprintf("size=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				pts, err := DecodePoints(bytes.NewReader(data), "bench.csv")
				if err != nil || len(pts) != n {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("naive/size=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if got, err := naivePoints(data); err != nil || got != n {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWriter(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("size=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w := NewWriter(io.Discard, []string{"id", "minutes", "share"})
				for i := range n {
					if err := w.WriteRow(i, float64(i)/7, Fixed(float64(i)/n2f(n), 3)); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Flush(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func n2f(n int) float64 { return float64(n) }
