package geo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

func TestArea(t *testing.T) {
	cases := []struct {
		name string
		mp   orb.MultiPolygon
		want float64
	}{
		{"square", orb.MultiPolygon{square(0, 0, 10, 10)}, 100},
		{"clockwise square", orb.MultiPolygon{{{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}}}}, 100},
		{"with hole", orb.MultiPolygon{{square(0, 0, 10, 10)[0], square(2, 2, 4, 5)[0]}}, 94},
		{"two parts", orb.MultiPolygon{square(0, 0, 10, 10), square(20, 0, 21, 3)}, 103},
		{"empty", nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Area(c.mp); math.Abs(got-c.want) > 1e-9 {
				t.Errorf("Area = %v, want %v", got, c.want)
			}
		})
	}
}

type cellVal struct {
	cell Cell
	vals []float64
}

func TestSpreadToGrid(t *testing.T) {
	sq := orb.MultiPolygon{square(200, 150, 450, 400)}
	tri := orb.MultiPolygon{{{{0, 0}, {500, 0}, {0, 500}, {0, 0}}}}
	holed := orb.MultiPolygon{{square(0, 0, 500, 500)[0], square(200, 200, 300, 260)[0]}}
	cases := []struct {
		name   string
		areas  []orb.MultiPolygon
		values [][]float64
		want   []cellVal
	}{
		// 250 x 250 square from (200,150): the cells get 50x100, 200x100,
		// 50x150 and 200x150 of its 62500 m², so 625 splits 50/200/75/300.
		{"square over 4 cells", []orb.MultiPolygon{sq}, [][]float64{{625, 1}}, []cellVal{
			{Cell{0, 0, 250}, []float64{50, 0.08}},
			{Cell{250, 0, 250}, []float64{200, 0.32}},
			{Cell{0, 250, 250}, []float64{75, 0.12}},
			{Cell{250, 250, 250}, []float64{300, 0.48}},
		}},
		// Right triangle with legs 500: the lower-left cell is full
		// (62500), the two neighbours hold half a cell each (31250), the
		// upper-right cell only touches the hypotenuse at a point.
		{"triangle", []orb.MultiPolygon{tri}, [][]float64{{1000}}, []cellVal{
			{Cell{0, 0, 250}, []float64{500}},
			{Cell{250, 0, 250}, []float64{250}},
			{Cell{0, 250, 250}, []float64{250}},
		}},
		// 500 x 500 square minus a 100 x 60 hole at (200,200): the hole
		// takes 2500, 2500, 500, 500 from the four cells; 244000 in all.
		{"hole", []orb.MultiPolygon{holed}, [][]float64{{244}}, []cellVal{
			{Cell{0, 0, 250}, []float64{60}},
			{Cell{250, 0, 250}, []float64{60}},
			{Cell{0, 250, 250}, []float64{62}},
			{Cell{250, 250, 250}, []float64{62}},
		}},
		// Two areas share cell (250,0): values merge.
		{"merge", []orb.MultiPolygon{{square(0, 0, 500, 250)}, {square(250, 0, 750, 250)}}, [][]float64{{10}, {4}}, []cellVal{
			{Cell{0, 0, 250}, []float64{5}},
			{Cell{250, 0, 250}, []float64{7}},
			{Cell{500, 0, 250}, []float64{2}},
		}},
		// A line (zero area) goes to the cell of its vertex mean (300, 100);
		// a point ring to its point.
		{"zero size", []orb.MultiPolygon{
			{{{{0, 0}, {600, 200}, {300, 100}, {0, 0}}}},
			{{{{1000, 1000}, {1000, 1000}, {1000, 1000}, {1000, 1000}}}},
		}, [][]float64{{3}, {8}}, []cellVal{
			{Cell{250, 0, 250}, []float64{3}},
			{Cell{1000, 1000, 250}, []float64{8}},
		}},
		{"no areas", nil, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cells, vals, err := SpreadToGrid(c.areas, c.values, 250)
			if err != nil {
				t.Fatal(err)
			}
			if len(cells) != len(c.want) || len(vals) != len(c.want) {
				t.Fatalf("got %d cells %v, want %d", len(cells), cells, len(c.want))
			}
			for i, w := range c.want {
				if cells[i] != w.cell {
					t.Errorf("cell %d = %v, want %v", i, cells[i], w.cell)
				}
				for f := range w.vals {
					if math.Abs(vals[i][f]-w.vals[f]) > 1e-9*math.Max(1, math.Abs(w.vals[f])) {
						t.Errorf("cell %v field %d = %v, want %v", cells[i], f, vals[i][f], w.vals[f])
					}
				}
			}
		})
	}
}

func TestSpreadToGridErrors(t *testing.T) {
	sq := orb.MultiPolygon{square(0, 0, 10, 10)}
	cases := []struct {
		name   string
		areas  []orb.MultiPolygon
		values [][]float64
		size   int32
		want   string
	}{
		{"size", []orb.MultiPolygon{sq}, [][]float64{{1}}, 0, "cell size 0"},
		{"rows", []orb.MultiPolygon{sq, sq}, [][]float64{{1}}, 250, "2 areas but 1 value rows"},
		{"fields", []orb.MultiPolygon{sq, sq}, [][]float64{{1}, {1, 2}}, 250, "area 1 has 2 values"},
		{"NaN", []orb.MultiPolygon{sq, {{{{0, 0}, {1, math.NaN()}, {1, 1}, {0, 0}}}}}, [][]float64{{1}, {1}}, 250, "area 1: polygon 0 ring 0 vertex 1: non-finite"},
		{"empty", []orb.MultiPolygon{{}}, [][]float64{{1}}, 250, "area 0: no vertices"},
		{"out of grid range", []orb.MultiPolygon{{square(0, 0, 1e12, 10)}}, [][]float64{{1}}, 250, "outside the grid's range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := SpreadToGrid(c.areas, c.values, c.size)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// randomArea makes a simple star-shaped polygon, sometimes with a
// triangular hole well inside it, in EPSG:3067-like coordinates.
func randomArea(rng *rand.Rand) orb.MultiPolygon {
	cx, cy := 300000+1e5*rng.Float64(), 6.8e6+1e5*rng.Float64()
	r := 100 + 3000*rng.Float64()
	n := 3 + rng.IntN(60)
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * (float64(i) + 0.8*rng.Float64()) / float64(n)
		rad := r * (0.4 + 0.6*rng.Float64())
		ring = append(ring, orb.Point{cx + rad*math.Cos(a), cy + rad*math.Sin(a)})
	}
	ring = append(ring, ring[0])
	poly := orb.Polygon{ring}
	if n >= 12 && rng.IntN(2) == 0 {
		// Stays inside the shell: with n >= 12 the shell keeps 0.35r
		// clear of its centre, and the hole reaches 0.15r*sqrt(2).
		h := 0.15 * r
		poly = append(poly, orb.Ring{{cx - h, cy - h}, {cx, cy + h}, {cx + h, cy - h}, {cx - h, cy - h}})
	}
	if rng.IntN(3) == 0 { // clockwise input must work too
		for _, rr := range poly {
			for i, j := 0, len(rr)-1; i < j; i, j = i+1, j-1 {
				rr[i], rr[j] = rr[j], rr[i]
			}
		}
	}
	return orb.MultiPolygon{poly}
}

// TestSpreadToGridRandom checks on random polygons that every area's totals
// are preserved, that the cell shares add up to the polygon's area, and
// that each cell's share matches orb's own clipping of the polygon.
func TestSpreadToGridRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	var sp spreader
	for it := range 300 {
		mp := randomArea(rng)
		size := int32(250)
		if it%3 == 0 {
			size = 1000
		}
		vals := []float64{1e6 * rng.Float64(), 1, -7}
		cells, out, err := SpreadToGrid([]orb.MultiPolygon{mp}, [][]float64{vals}, size)
		if err != nil {
			t.Fatal(err)
		}
		for f := range vals {
			sum := 0.0
			for i := range cells {
				sum += out[i][f]
			}
			if math.Abs(sum-vals[f]) > 1e-9*math.Abs(vals[f]) {
				t.Fatalf("iteration %d field %d: total %v, want %v", it, f, sum, vals[f])
			}
		}
		shares, err := sp.shares(mp, size)
		if err != nil {
			t.Fatal(err)
		}
		rawSum := 0.0
		for _, c := range sp.keys {
			rawSum += sp.acc[c]
		}
		area := Area(mp)
		if math.Abs(rawSum-area) > 1e-9*area {
			t.Fatalf("iteration %d: shares sum to %v m², area is %v", it, rawSum, area)
		}
		for _, s := range shares {
			ref := Area(clip.MultiPolygon(s.cell.Bound(), orb.Clone(mp).(orb.MultiPolygon)))
			if math.Abs(s.weight*area-ref) > 1e-6*area+1e-6 {
				t.Fatalf("iteration %d cell %v: share %v m², orb clip %v m²", it, s.cell, s.weight*area, ref)
			}
		}
	}
}

func BenchmarkSpreadToGrid(b *testing.B) {
	for _, n := range []int{10, 100} {
		rng := rand.New(rand.NewPCG(1, 2))
		areas := make([]orb.MultiPolygon, n)
		vals := make([][]float64, n)
		for i := range areas {
			areas[i] = randomArea(rng)
			vals[i] = []float64{float64(i), 1}
		}
		b.Run(fmt.Sprintf("areas=%d/size=250", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				cells, _, err := SpreadToGrid(areas, vals, 250)
				if err != nil {
					b.Fatal(err)
				}
				sinkF += float64(len(cells))
			}
		})
	}
	// One large municipality-like boundary: 20 000 vertices, 60 km across.
	rng := rand.New(rand.NewPCG(5, 6))
	big := []orb.MultiPolygon{{{starRing(rng, 20000, 500000, 6900000, 30000)}}}
	b.Run("municipality/vertices=20000/size=250", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			cells, _, err := SpreadToGrid(big, [][]float64{{1}}, 250)
			if err != nil {
				b.Fatal(err)
			}
			sinkF += float64(len(cells))
		}
	})
}
