package geo

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// cellsAt makes 250 m cells from (column, row) pairs.
func cellsAt(cr ...[2]int32) []Cell {
	out := make([]Cell, len(cr))
	for i, c := range cr {
		out[i] = Cell{E: c[0] * 250, N: c[1] * 250, Size: 250}
	}
	return out
}

// ringOf scales grid corners by 250 and closes the ring.
func ringOf(pts ...[2]float64) orb.Ring {
	r := make(orb.Ring, 0, len(pts)+1)
	for _, p := range pts {
		r = append(r, orb.Point{p[0] * 250, p[1] * 250})
	}
	return append(r, r[0])
}

func TestDissolveCells(t *testing.T) {
	cases := []struct {
		name  string
		cells []Cell
		want  orb.MultiPolygon
	}{
		{"one cell", cellsAt([2]int32{0, 0}),
			orb.MultiPolygon{{ringOf([2]float64{0, 0}, [2]float64{1, 0}, [2]float64{1, 1}, [2]float64{0, 1})}}},
		{"two adjacent: one rectangle", cellsAt([2]int32{3, 2}, [2]int32{4, 2}),
			orb.MultiPolygon{{ringOf([2]float64{3, 2}, [2]float64{5, 2}, [2]float64{5, 3}, [2]float64{3, 3})}}},
		{"2x2 block", cellsAt([2]int32{0, 0}, [2]int32{1, 0}, [2]int32{0, 1}, [2]int32{1, 1}),
			orb.MultiPolygon{{ringOf([2]float64{0, 0}, [2]float64{2, 0}, [2]float64{2, 2}, [2]float64{0, 2})}}},
		{"duplicates count once", cellsAt([2]int32{0, 0}, [2]int32{0, 0}),
			orb.MultiPolygon{{ringOf([2]float64{0, 0}, [2]float64{1, 0}, [2]float64{1, 1}, [2]float64{0, 1})}}},
		{"ring of 8: polygon with hole", cellsAt(
			[2]int32{0, 0}, [2]int32{1, 0}, [2]int32{2, 0}, [2]int32{0, 1},
			[2]int32{2, 1}, [2]int32{0, 2}, [2]int32{1, 2}, [2]int32{2, 2}),
			orb.MultiPolygon{{
				ringOf([2]float64{0, 0}, [2]float64{3, 0}, [2]float64{3, 3}, [2]float64{0, 3}),
				ringOf([2]float64{1, 1}, [2]float64{1, 2}, [2]float64{2, 2}, [2]float64{2, 1}),
			}}},
		{"diagonal: two polygons", cellsAt([2]int32{1, 1}, [2]int32{0, 0}),
			orb.MultiPolygon{
				{ringOf([2]float64{0, 0}, [2]float64{1, 0}, [2]float64{1, 1}, [2]float64{0, 1})},
				{ringOf([2]float64{1, 1}, [2]float64{2, 1}, [2]float64{2, 2}, [2]float64{1, 2})},
			}},
		// Ring of 8 missing its top-left cell: the hole (1,1) touches the
		// outside at corner (1,2) only. The exterior goes into the notch at
		// (0,2); the hole keeps the cell at (1,1) open and touches the
		// exterior at (1,2).
		{"pinch: hole touching exterior", cellsAt(
			[2]int32{0, 0}, [2]int32{1, 0}, [2]int32{2, 0}, [2]int32{0, 1},
			[2]int32{2, 1}, [2]int32{1, 2}, [2]int32{2, 2}),
			orb.MultiPolygon{{
				ringOf([2]float64{0, 0}, [2]float64{3, 0}, [2]float64{3, 3}, [2]float64{1, 3}, [2]float64{1, 2}, [2]float64{0, 2}),
				ringOf([2]float64{1, 1}, [2]float64{1, 2}, [2]float64{2, 2}, [2]float64{2, 1}),
			}}},
		// A 1 km cell and two 250 m cells: one inside it (absorbed), one
		// beside its lower-right corner.
		{"mixed sizes", []Cell{{0, 0, 1000}, {250, 250, 250}, {1000, 0, 250}},
			orb.MultiPolygon{{orb.Ring{{0, 0}, {1250, 0}, {1250, 250}, {1000, 250}, {1000, 1000}, {0, 1000}, {0, 0}}}}},
		{"empty", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := DissolveCells(c.cells)
			if !orb.Equal(got, c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

func TestDissolveCellsIsland(t *testing.T) {
	// A 5x5 frame of 16 cells around a 3x3 hole, with one cell in the
	// middle of the hole: two polygons, the island sorted after the frame.
	var cr [][2]int32
	for y := int32(0); y < 5; y++ {
		for x := int32(0); x < 5; x++ {
			if x == 0 || y == 0 || x == 4 || y == 4 || (x == 2 && y == 2) {
				cr = append(cr, [2]int32{x, y})
			}
		}
	}
	got := DissolveCells(cellsAt(cr...))
	want := orb.MultiPolygon{
		{
			ringOf([2]float64{0, 0}, [2]float64{5, 0}, [2]float64{5, 5}, [2]float64{0, 5}),
			ringOf([2]float64{1, 1}, [2]float64{1, 4}, [2]float64{4, 4}, [2]float64{4, 1}),
		},
		{ringOf([2]float64{2, 2}, [2]float64{3, 2}, [2]float64{3, 3}, [2]float64{2, 3})},
	}
	if !orb.Equal(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

// checkConventions verifies orientation, closure, start vertex, order of
// polygons and holes, absence of collinear vertices and validity.
func checkConventions(t *testing.T, mp orb.MultiPolygon) {
	t.Helper()
	if err := Validate(mp); err != nil {
		t.Fatalf("invalid output: %v", err)
	}
	less := func(a, b orb.Point) bool { return a[1] < b[1] || (a[1] == b[1] && a[0] < b[0]) }
	for pi, poly := range mp {
		for ri, r := range poly {
			if a := RingArea(r); (ri == 0) != (a > 0) {
				t.Fatalf("polygon %d ring %d: area %v has the wrong sign", pi, ri, a)
			}
			for vi, v := range r[:len(r)-1] {
				if less(v, r[0]) {
					t.Fatalf("polygon %d ring %d starts at %v, but vertex %d %v is lower-left", pi, ri, r[0], vi, v)
				}
				p, q := r[(vi+len(r)-2)%(len(r)-1)], r[vi+1]
				if (v[0]-p[0])*(q[1]-v[1])-(v[1]-p[1])*(q[0]-v[0]) == 0 {
					t.Fatalf("polygon %d ring %d vertex %d %v is collinear", pi, ri, vi, v)
				}
			}
			if ri > 1 && less(r[0], poly[ri-1][0]) {
				t.Fatalf("polygon %d: holes out of order", pi)
			}
		}
		if pi > 0 && less(poly[0][0], mp[pi-1][0][0]) {
			t.Fatalf("polygons %d and %d out of order", pi-1, pi)
		}
	}
}

// TestDissolveCellsRandom checks on random cell sets that the union covers
// exactly the cells (area and point containment at every cell centre and
// at the centres of the empty cells around them) and keeps the
// conventions.
func TestDissolveCellsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for it := range 200 {
		n := 1 + rng.IntN(12)
		set := map[[2]int32]bool{}
		var cells []Cell
		for range n * n / 2 {
			c := [2]int32{int32(rng.IntN(n)) + 1000, int32(rng.IntN(n)) + 27000}
			set[c] = true
			cells = append(cells, Cell{E: c[0] * 250, N: c[1] * 250, Size: 250})
		}
		mp := DissolveCells(cells)
		checkConventions(t, mp)
		if got, want := Area(mp), float64(len(set))*62500; got != want {
			t.Fatalf("iteration %d: area %v, want %v", it, got, want)
		}
		for x := int32(999); x <= int32(n)+1000; x++ {
			for y := int32(26999); y <= int32(n)+27000; y++ {
				p := orb.Point{float64(x)*250 + 125, float64(y)*250 + 125}
				if planar.MultiPolygonContains(mp, p) != set[[2]int32{x, y}] {
					t.Fatalf("iteration %d: cell (%d,%d) in set %v, in dissolved %v", it, x, y, set[[2]int32{x, y}], !set[[2]int32{x, y}])
				}
			}
		}
	}
}

func BenchmarkDissolveCells(b *testing.B) {
	for _, n := range []int{100, 1000} {
		// A blob: cells within a noisy disc of radius n/2.
		rng := rand.New(rand.NewPCG(1, 2))
		var cells []Cell
		for y := range n {
			for x := range n {
				dx, dy := float64(x-n/2), float64(y-n/2)
				if dx*dx+dy*dy < float64(n*n)/4*(0.8+0.2*rng.Float64()) {
					cells = append(cells, Cell{E: int32(300000 + x*250), N: int32(6800000 + y*250), Size: 250})
				}
			}
		}
		b.Run(fmt.Sprintf("cells=%d", len(cells)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkF += float64(len(DissolveCells(cells)))
			}
		})
	}
}

// FuzzDissolveCells reads cells of an 8x8 block of 250 m cells from the
// input bits (plus one 1 km cell when the first byte is odd) and checks
// that the union has the right area and point containment and keeps the
// output conventions.
func FuzzDissolveCells(f *testing.F) {
	f.Add([]byte{0xff, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0xff})
	f.Add([]byte{0x55, 0xaa, 0x55, 0xaa, 0x55, 0xaa, 0x55, 0xaa})
	f.Add([]byte{0x01, 0x02, 0x04, 0x08})
	f.Fuzz(func(t *testing.T, bits []byte) {
		set := map[[2]int32]bool{}
		var cells []Cell
		for y, b := range bits[:min(len(bits), 8)] {
			for x := range 8 {
				if b&(1<<x) != 0 {
					set[[2]int32{int32(x), int32(y)}] = true
					cells = append(cells, Cell{E: int32(x) * 250, N: int32(y) * 250, Size: 250})
				}
			}
		}
		if len(bits) > 0 && bits[0]&1 != 0 {
			cells = append(cells, Cell{E: 1000, N: 1000, Size: 1000})
			for y := int32(4); y < 8; y++ {
				for x := int32(4); x < 8; x++ {
					set[[2]int32{x, y}] = true
				}
			}
		}
		mp := DissolveCells(cells)
		checkConventions(t, mp)
		if got, want := Area(mp), float64(len(set))*62500; got != want {
			t.Fatalf("area %v, want %v", got, want)
		}
		for y := int32(-1); y <= 8; y++ {
			for x := int32(-1); x <= 8; x++ {
				p := orb.Point{float64(x)*250 + 125, float64(y)*250 + 125}
				if planar.MultiPolygonContains(mp, p) != set[[2]int32{x, y}] {
					t.Fatalf("cell (%d,%d): in set %v", x, y, set[[2]int32{x, y}])
				}
			}
		}
	})
}
