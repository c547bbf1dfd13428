package geo

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestCellAt(t *testing.T) {
	cases := []struct {
		name string
		e, n float64
		size int32
		want Cell
	}{
		{"inside 1km", 332999.9, 6820000, 1000, Cell{332000, 6820000, 1000}},
		{"on corner", 332000, 6820000, 1000, Cell{332000, 6820000, 1000}},
		{"on upper edge goes up", 332500, 6821000, 1000, Cell{332000, 6821000, 1000}},
		{"250m", 386124.99, 6671999.99, 250, Cell{386000, 6671750, 250}},
		{"negative floors down", -1, -250.5, 250, Cell{-250, -500, 250}},
		{"bad size", 1, 1, 0, Cell{}},
		{"NaN", math.NaN(), 1, 250, Cell{}},
		{"Inf", 1, math.Inf(-1), 250, Cell{}},
		{"overflow", 3e9, 1, 250, Cell{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CellAt(c.e, c.n, c.size); got != c.want {
				t.Errorf("CellAt(%v, %v, %d) = %+v, want %+v", c.e, c.n, c.size, got, c.want)
			}
		})
	}
}

func TestCellGeometry(t *testing.T) {
	c := Cell{386000, 6671750, 250}
	if got, want := c.Center(), (orb.Point{386125, 6671875}); got != want {
		t.Errorf("Center = %v, want %v", got, want)
	}
	p := c.Polygon()
	want := orb.Polygon{{{386000, 6671750}, {386250, 6671750}, {386250, 6672000}, {386000, 6672000}, {386000, 6671750}}}
	if !orb.Equal(p, want) {
		t.Errorf("Polygon = %v, want %v", p, want)
	}
	if a := RingArea(p[0]); a != 62500 {
		t.Errorf("ring area %v, want +62500 (counter-clockwise)", a)
	}
	if b := c.Bound(); b.Min != want[0][0] || b.Max != want[0][2] {
		t.Errorf("Bound = %v", b)
	}
}

func TestCellID(t *testing.T) {
	// Identifiers as published by Statistics Finland (grd_id / grid_inspire
	// fields of the population grid and statistical grid data sets), and the
	// 1 km example of the same INSPIRE short-code rule.
	cases := []struct {
		id   string
		cell Cell
	}{
		{"250mN667175E38600", Cell{386000, 6671750, 250}},
		{"250mN674400E31725", Cell{317250, 6744000, 250}},
		{"250mN667675E38875", Cell{388750, 6676750, 250}},
		{"1kmN6820E332", Cell{332000, 6820000, 1000}},
		{"1kmN6675E385", Cell{385000, 6675000, 1000}},
		{"5kmN6670E380", Cell{380000, 6670000, 5000}},
		{"100mN0E-1", Cell{-100, 0, 100}},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			if got := c.cell.ID(); got != c.id {
				t.Errorf("ID() = %q, want %q", got, c.id)
			}
			got, err := ParseCellID(c.id)
			if err != nil || got != c.cell {
				t.Errorf("ParseCellID(%q) = %+v, %v; want %+v", c.id, got, err, c.cell)
			}
		})
	}
}

// TestCellIDPublishedPoint: the Statistics Finland population grid gives
// cell 250mN667175E38600 (Helsinki) with a representative point at
// lon 24.9477872860078, lat 60.1678597021898, its centre. Projecting that
// point must land in that cell, at its centre.
func TestCellIDPublishedPoint(t *testing.T) {
	e, n := ToTM35(24.9477872860078, 60.1678597021898)
	c := CellAt(e, n, 250)
	if c.ID() != "250mN667175E38600" {
		t.Fatalf("cell %s, want 250mN667175E38600", c.ID())
	}
	if d := planar.Distance(orb.Point{e, n}, c.Center()); d > 0.001 {
		t.Errorf("published point is %.4f m from the cell centre", d)
	}
}

func TestParseCellIDErrors(t *testing.T) {
	for _, s := range []string{
		"", "1km", "1kmN6820", "1kmN6820E", "N6820E332", "0kmN1E1", "1000mN6820E332",
		"1kmN06820E332", "1kmN+6820E332", "1kmN-0E1", "1kmN68x0E332", "250mN667176E38600",
		"2kmN1E1", "1kmN99999999999E1", "250MN1E1", "1kmN6820E332 ", "250mN667175E38600E1",
	} {
		c, err := ParseCellID(s)
		if err == nil {
			t.Errorf("ParseCellID(%q) = %+v, want an error", s, c)
			continue
		}
		if !errors.Is(err, ErrCellID) {
			t.Errorf("ParseCellID(%q): error %v does not wrap ErrCellID", s, err)
		}
	}
}

func FuzzParseCellID(f *testing.F) {
	for _, s := range []string{"250mN667175E38600", "1kmN6820E332", "5kmN6670E380", "1kmN-1E-2", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCellID(s)
		if err != nil {
			return
		}
		if c.ID() != s {
			t.Fatalf("ParseCellID(%q) = %+v whose ID is %q", s, c, c.ID())
		}
		if c.E%c.Size != 0 || c.N%c.Size != 0 || c.Size <= 0 {
			t.Fatalf("misaligned cell %+v", c)
		}
	})
}

func TestSquareCell(t *testing.T) {
	sq := Cell{386000, 6671750, 250}.Polygon()
	km := Cell{332000, 6820000, 1000}.Polygon()
	rev := orb.Polygon{{{386000, 6671750}, {386000, 6672000}, {386250, 6672000}, {386250, 6671750}, {386000, 6671750}}}
	rot := orb.Polygon{{{386250, 6672000}, {386000, 6672000}, {386000, 6671750}, {386250, 6671750}}}
	jitter := orb.Polygon{{{386000.004, 6671749.996}, {386250.009, 6671750}, {386250, 6672000.008}, {385999.992, 6672000}, {386000, 6671750}}}
	cases := []struct {
		name string
		p    orb.Polygon
		want Cell
		ok   bool
	}{
		{"250m square", sq, Cell{386000, 6671750, 250}, true},
		{"1km square", km, Cell{332000, 6820000, 1000}, true},
		{"clockwise", rev, Cell{386000, 6671750, 250}, true},
		{"unclosed, other start", rot, Cell{386000, 6671750, 250}, true},
		{"within 1 cm", jitter, Cell{386000, 6671750, 250}, true},
		{"off by 2 cm", orb.Polygon{{{386000.02, 6671750}, {386250.02, 6671750}, {386250.02, 6672000}, {386000.02, 6672000}, {386000.02, 6671750}}}, Cell{}, false},
		{"misaligned", orb.Polygon{{{386100, 6671750}, {386350, 6671750}, {386350, 6672000}, {386100, 6672000}, {386100, 6671750}}}, Cell{}, false},
		{"500m square", orb.Polygon{{{386000, 6671500}, {386500, 6671500}, {386500, 6672000}, {386000, 6672000}, {386000, 6671500}}}, Cell{}, false},
		{"bow tie", orb.Polygon{{{386000, 6671750}, {386250, 6672000}, {386250, 6671750}, {386000, 6672000}, {386000, 6671750}}}, Cell{}, false},
		{"repeated corner", orb.Polygon{{{386000, 6671750}, {386250, 6671750}, {386250, 6672000}, {386250, 6672000}, {386000, 6671750}}}, Cell{}, false},
		{"with hole", orb.Polygon{sq[0], {{386100, 6671800}, {386100, 6671900}, {386200, 6671800}, {386100, 6671800}}}, Cell{}, false},
		{"extra vertex", orb.Polygon{{{386000, 6671750}, {386125, 6671750}, {386250, 6671750}, {386250, 6672000}, {386000, 6672000}, {386000, 6671750}}}, Cell{}, false},
		{"empty", orb.Polygon{}, Cell{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := SquareCell(c.p)
			if ok != c.ok || got != c.want {
				t.Errorf("SquareCell = %+v, %v; want %+v, %v", got, ok, c.want, c.ok)
			}
		})
	}
}

func TestCellsInBound(t *testing.T) {
	cases := []struct {
		name string
		b    orb.Bound
		size int32
		want []Cell
	}{
		{"2x2 block", orb.Bound{Min: orb.Point{1000, 2000}, Max: orb.Point{1400, 2300}}, 250,
			[]Cell{{1000, 2000, 250}, {1250, 2000, 250}, {1000, 2250, 250}, {1250, 2250, 250}}},
		{"edges on grid lines", orb.Bound{Min: orb.Point{1000, 2000}, Max: orb.Point{2000, 3000}}, 1000,
			[]Cell{{1000, 2000, 1000}}},
		{"point", orb.Bound{Min: orb.Point{1250, 2000}, Max: orb.Point{1250, 2000}}, 250,
			[]Cell{{1250, 2000, 250}}},
		{"vertical segment on a line", orb.Bound{Min: orb.Point{1250, 2010}, Max: orb.Point{1250, 2300}}, 250,
			[]Cell{{1250, 2000, 250}, {1250, 2250, 250}}},
		{"negative", orb.Bound{Min: orb.Point{-10, -10}, Max: orb.Point{10, 10}}, 1000,
			[]Cell{{-1000, -1000, 1000}, {0, -1000, 1000}, {-1000, 0, 1000}, {0, 0, 1000}}},
		{"inverted", orb.Bound{Min: orb.Point{10, 10}, Max: orb.Point{0, 0}}, 250, nil},
		{"bad size", orb.Bound{Max: orb.Point{10, 10}}, 0, nil},
		{"NaN", orb.Bound{Min: orb.Point{math.NaN(), 0}, Max: orb.Point{10, 10}}, 250, nil},
		{"too many", orb.Bound{Min: orb.Point{-1e9, -1e9}, Max: orb.Point{1e9, 1e9}}, 250, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CellsInBound(c.b, c.size)
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("got %v, want %v", got, c.want)
				}
			}
		})
	}
}

// TestCellsInBoundCovers checks on random bounds that every random point of
// the bound lies in a listed cell and that the list is in row order.
func TestCellsInBoundCovers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		x, y := 1e6*rng.Float64()-5e5, 1e6*rng.Float64()+6e6
		b := orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + 3000*rng.Float64(), y + 3000*rng.Float64()}}
		cells := CellsInBound(b, 250)
		set := map[Cell]bool{}
		for i, c := range cells {
			set[c] = true
			if i > 0 {
				p := cells[i-1]
				if p.N > c.N || (p.N == c.N && p.E >= c.E) {
					t.Fatalf("cells out of order at %d: %v then %v", i, p, c)
				}
			}
			if !b.Intersects(c.Bound()) {
				t.Fatalf("cell %v does not touch %v", c, b)
			}
		}
		for range 50 {
			p := orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
			if !set[CellAt(p[0], p[1], 250)] {
				t.Fatalf("point %v of %v not covered", p, b)
			}
		}
	}
}

func BenchmarkCellID(b *testing.B) {
	c := Cell{386000, 6671750, 250}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n += len(c.ID())
	}
	sinkF += float64(n)
}
