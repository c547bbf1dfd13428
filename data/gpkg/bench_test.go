package gpkg

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// BenchmarkInsert writes n square cells with the attributes of an analyse
// cells layer (4 text, 2 integer, 14 real columns), spatial index included,
// and closes the file: the cost of results.gpkg per cell.
func BenchmarkInsert(b *testing.B) {
	cols := []Column{{"id", Text}, {"region_id", Text}, {"region", Text}, {"population", Integer}, {"aged_65_plus", Integer}}
	for _, m := range []string{"walk", "bike", "car", "transit"} {
		cols = append(cols, Column{"health_" + m + "_min", Real}, Column{"health_" + m + "_km", Real}, Column{"health_" + m + "_service", Text})
	}
	for _, noIndex := range []bool{false, true} {
		for _, n := range []int{1000, 20000} {
			name := fmt.Sprintf("n=%d/index=%v", n, !noIndex)
			b.Run(name, func(b *testing.B) {
				rng := rand.New(rand.NewPCG(1, 2))
				cells := make([]orb.Polygon, n)
				vals := make([][]any, n)
				for i := range cells {
					x, y := 21+rng.Float64()*10, 60+rng.Float64()*9
					cells[i] = orb.Polygon{{{x, y}, {x + 0.02, y}, {x + 0.02, y + 0.009}, {x, y + 0.009}, {x, y}}}
					v := []any{fmt.Sprintf("1kmN%dE%d", i/100, i%100), "091", "Mikkeli", int64(rng.IntN(500)), int64(rng.IntN(100))}
					for range 4 {
						v = append(v, rng.Float64()*60, rng.Float64()*40, "Mikkeli health station")
					}
					vals[i] = v
				}
				dir := b.TempDir()
				b.ReportAllocs()
				k := 0
				for b.Loop() {
					k++
					w, err := Create(filepath.Join(dir, fmt.Sprintf("%d.gpkg", k)), Options{NoSpatialIndex: noIndex})
					if err != nil {
						b.Fatal(err)
					}
					l, err := w.AddLayer("cells", Polygon, WGS84, cols)
					if err != nil {
						b.Fatal(err)
					}
					for i, c := range cells {
						if err := l.Insert(c, vals[i]); err != nil {
							b.Fatal(err)
						}
					}
					if err := w.Close(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/feature")
			})
		}
	}
}
