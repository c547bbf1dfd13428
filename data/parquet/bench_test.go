package parquet

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/saavu/saavu/data/csvio"
)

// benchMatrix is an n x n street matrix shaped like a real one: origins
// and destinations scattered over 50 km, times from the straight-line
// distance with a detour factor and a car speed, distances rounded to
// 0.1 m as the CLI writes them, 2 % of pairs unreachable.
type benchMatrix struct {
	origins, dests []string
	time, dist     []float64
}

func makeBenchMatrix(n int) *benchMatrix {
	rng := rand.New(rand.NewPCG(7, 8))
	m := &benchMatrix{origins: make([]string, n), dests: make([]string, n), time: make([]float64, n*n), dist: make([]float64, n*n)}
	ox, oy := make([]float64, n), make([]float64, n)
	dx, dy := make([]float64, n), make([]float64, n)
	for i := range n {
		ox[i], oy[i] = rng.Float64()*50000, rng.Float64()*50000
		dx[i], dy[i] = rng.Float64()*50000, rng.Float64()*50000
		m.origins[i] = fmt.Sprintf("250mN%dE%d", 27000+int(oy[i]/250), 2000+int(ox[i]/250))
		m.dests[i] = fmt.Sprintf("service-%04d", i)
	}
	for i := range n {
		for j := range n {
			k := i*n + j
			if rng.IntN(50) == 0 {
				m.time[k], m.dist[k] = math.NaN(), math.NaN()
				continue
			}
			d := math.Hypot(ox[i]-dx[j], oy[i]-dy[j]) * (1.2 + 0.3*rng.Float64())
			m.dist[k] = math.Round(d*10) / 10
			m.time[k] = math.Round(d/16.7*1000) / 1000 // 60 km/h, millisecond steps
		}
	}
	return m
}

// countingWriter counts the bytes written.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkWriteMatrix writes the same matrix as Parquet and, as the
// baseline, as the CLI's CSV; "bytes" is the size of the output.
func BenchmarkWriteMatrix(b *testing.B) {
	for _, n := range []int{100, 1000, 2000} {
		m := makeBenchMatrix(n)
		b.Run(fmt.Sprintf("format=parquet/size=%d", n*n), func(b *testing.B) {
			b.ReportAllocs()
			var out countingWriter
			vals := make([]float64, 2)
			for b.Loop() {
				out.n = 0
				w, err := NewWriter(&out, StreetColumns(), Options{})
				if err != nil {
					b.Fatal(err)
				}
				for i, o := range m.origins {
					for j, d := range m.dests {
						k := i*n + j
						vals[0], vals[1] = m.time[k], m.dist[k]
						if err := w.Write(o, d, vals); err != nil {
							b.Fatal(err)
						}
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.n), "bytes")
		})
		b.Run(fmt.Sprintf("format=csv/size=%d", n*n), func(b *testing.B) {
			b.ReportAllocs()
			var out countingWriter
			for b.Loop() {
				out.n = 0
				if err := writeCSV(&out, m); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.n), "bytes")
		})
	}
}

// writeCSV writes the matrix as internal/cli's writeMatrixCSV does.
func writeCSV(w io.Writer, m *benchMatrix) error {
	cw := csvio.NewWriter(w, []string{"origin_id", "destination_id", "time_s", "distance_m"})
	n := len(m.dests)
	for i, o := range m.origins {
		for j, d := range m.dests {
			k := i*n + j
			var t, dd any
			if !math.IsNaN(m.time[k]) {
				t, dd = m.time[k], m.dist[k]
			}
			if err := cw.WriteRow(o, d, t, dd); err != nil {
				return err
			}
		}
	}
	return cw.Flush()
}
