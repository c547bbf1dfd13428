package demo

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestRingAreaAndContains(t *testing.T) {
	sq := []xy{{0, 0}, {2, 0}, {2, 2}, {0, 2}}
	if a := ringArea(sq); a != 4 {
		t.Errorf("area %v, want 4", a)
	}
	rev := slices.Clone(sq)
	slices.Reverse(rev)
	if a := ringArea(rev); a != -4 {
		t.Errorf("clockwise area %v, want -4", a)
	}
	cases := []struct {
		p  xy
		in bool
	}{{xy{1, 1}, true}, {xy{3, 1}, false}, {xy{-0.5, 1}, false}, {xy{1.9, 0.1}, true}}
	for _, c := range cases {
		if got := inRing(c.p, sq); got != c.in {
			t.Errorf("inRing(%v) = %v", c.p, got)
		}
	}
}

func TestSegments(t *testing.T) {
	cases := []struct {
		name       string
		a, b, c, d xy
		cross      bool
	}{
		{"x", xy{0, 0}, xy{2, 2}, xy{0, 2}, xy{2, 0}, true},
		{"parallel", xy{0, 0}, xy{2, 0}, xy{0, 1}, xy{2, 1}, false},
		{"touching end", xy{0, 0}, xy{1, 1}, xy{1, 1}, xy{2, 0}, true},
		{"apart", xy{0, 0}, xy{1, 0}, xy{2, -1}, xy{2, 1}, false},
		{"collinear overlap", xy{0, 0}, xy{2, 0}, xy{1, 0}, xy{3, 0}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := segmentsCross(c.a, c.b, c.c, c.d); got != c.cross {
				t.Errorf("segmentsCross = %v", got)
			}
		})
	}
	if d := segDist(xy{1, 1}, xy{0, 0}, xy{2, 0}); d != 1 {
		t.Errorf("segDist to middle %v, want 1", d)
	}
	if d := segDist(xy{3, 4}, xy{-1, 0}, xy{0, 0}); d != 5 {
		t.Errorf("segDist past the end %v, want 5", d)
	}
}

func TestClipHalfPlane(t *testing.T) {
	sq := []xy{{0, 0}, {2, 0}, {2, 2}, {0, 2}}
	// Keep x <= 1.5: a 1.5 x 2 rectangle.
	got := clipHalfPlane(nil, sq, xy{1, 0}, 1.5)
	if a := ringArea(got); !near(a, 3, 1e-12) {
		t.Errorf("area %v, want 3 (%v)", a, got)
	}
	// Keep x + y <= 2: the lower-left triangle, area 2.
	got = clipHalfPlane(nil, sq, xy{1, 1}, 2)
	if a := ringArea(got); !near(a, 2, 1e-12) {
		t.Errorf("area %v, want 2 (%v)", a, got)
	}
	if got := clipHalfPlane(nil, sq, xy{1, 0}, -1); len(got) != 0 {
		t.Errorf("clip to nothing left %v", got)
	}
}

// TestPowerCells checks the power diagram against hand-computed splits of
// a 10 x 10 square between two sites at (2,5) and (8,5): equal weights
// split at x = 5; a weight of 24 on the first moves the split to
// x = 5 + 24/(2*6) = 7.
func TestPowerCells(t *testing.T) {
	sq := []xy{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	cases := []struct {
		w0    float64
		split float64
	}{{0, 5}, {24, 7}, {-24, 3}}
	for _, c := range cases {
		sites := []site{{p: xy{2, 5}, w: c.w0}, {p: xy{8, 5}}}
		cells := powerCells(sq, sites, nil)
		if a := ringArea(cells[0]); !near(a, 10*c.split, 1e-9) {
			t.Errorf("w0=%v: left area %v, want %v", c.w0, a, 10*c.split)
		}
		if a := ringArea(cells[1]); !near(a, 10*(10-c.split), 1e-9) {
			t.Errorf("w0=%v: right area %v, want %v", c.w0, a, 10*(10-c.split))
		}
	}
}

func TestFitPowerWeights(t *testing.T) {
	sq := []xy{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	pieces := makePieces([][]xy{sq})
	sites := []site{{p: xy{2, 5}, target: 30}, {p: xy{8, 5}, target: 70}}
	cells := fitPowerWeights(sq, pieces, sites, 40)
	if a := ringArea(cells[0]); !near(a, 30, 0.5) {
		t.Errorf("fitted area %v, want 30", a)
	}
}

// TestDissolve unites four unit squares: the two left ones form group 0,
// the lower right one group 1 and the upper right one group 2. Group 0
// becomes one 1 x 2 rectangle whose right side keeps its middle point
// (1,1), where three groups meet; the straight points elsewhere go.
func TestDissolve(t *testing.T) {
	sq := func(x, y float64) []xy { return []xy{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}} }
	cells := [][]xy{sq(0, 0), sq(0, 1), sq(1, 0), sq(1, 1)}
	vs := newVertexSet(0.01)
	regs, err := dissolve(vs, cells, []int{0, 0, 1, 2}, 3)
	if err != nil {
		t.Fatal(err)
	}
	dropCollinear(vs, regs, 1e-9)
	coords := func(g int) []xy {
		if len(regs[g].polys) != 1 || len(regs[g].polys[0]) != 1 {
			t.Fatalf("group %d: %d polygons", g, len(regs[g].polys))
		}
		var pts []xy
		for _, v := range regs[g].polys[0][0] {
			pts = append(pts, vs.pts[v])
		}
		return pts
	}
	left := coords(0)
	if a := ringArea(left); a != 2 {
		t.Errorf("group 0: area %v, want 2", a)
	}
	if len(left) != 5 || !slices.Contains(left, xy{1, 1}) || slices.Contains(left, xy{0, 1}) {
		t.Errorf("group 0 ring %v, want the corners and (1,1)", left)
	}
	for g := 1; g <= 2; g++ {
		if pts := coords(g); ringArea(pts) != 1 || len(pts) != 4 {
			t.Errorf("group %d ring %v, want a unit square", g, pts)
		}
	}
	// (1,1) is one vertex for all three groups.
	mid := vs.id(xy{1, 1})
	for g := range 3 {
		if !slices.Contains(regs[g].polys[0][0], mid) {
			t.Errorf("group %d does not use the shared vertex (1,1)", g)
		}
	}
}

// TestDissolveHole puts one square in the middle of a 3 x 3 block: the
// ring around it becomes a clockwise hole of the outer group.
func TestDissolveHole(t *testing.T) {
	var cells [][]xy
	var group []int
	for x := range 3 {
		for y := range 3 {
			fx, fy := float64(x), float64(y)
			cells = append(cells, []xy{{fx, fy}, {fx + 1, fy}, {fx + 1, fy + 1}, {fx, fy + 1}})
			if x == 1 && y == 1 {
				group = append(group, 1)
			} else {
				group = append(group, 0)
			}
		}
	}
	vs := newVertexSet(0.01)
	regs, err := dissolve(vs, cells, group, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(regs[0].polys) != 1 || len(regs[0].polys[0]) != 2 {
		t.Fatalf("outer group: %d polygons, %d rings", len(regs[0].polys), len(regs[0].polys[0]))
	}
	area := 0.0
	for _, r := range regs[0].polys[0] {
		pts := make([]xy, len(r))
		for i, v := range r {
			pts[i] = vs.pts[v]
		}
		area += ringArea(pts)
	}
	if area != 8 {
		t.Errorf("outer area %v, want 8", area)
	}
}

func TestStarOutline(t *testing.T) {
	// The first disc covers the centre, so every ray meets a disc.
	discs := []disc{{xy{5000, 8000}, 3000}, {xy{0, 0}, 1000}, {xy{20000, 0}, 1000}, {xy{0, 30000}, 2000}}
	ring := starOutline(xy{5000, 8000}, discs, 500, 9e8)
	if a := ringArea(ring); !near(a, 9e8, 9e8*1e-3) {
		t.Errorf("area %v, want 9e8", a)
	}
	for _, d := range discs {
		if !inRing(d.c, ring) {
			t.Errorf("disc centre %v outside the outline", d.c)
		}
	}
	tri := fan(xy{5000, 8000}, ring)
	sum := 0.0
	for _, tr := range tri {
		a := ringArea(tr)
		if a < 0 {
			t.Fatalf("fan triangle %v is clockwise", tr)
		}
		sum += a
	}
	if !near(sum, ringArea(ring), 1) {
		t.Errorf("fan covers %v, outline %v", sum, ringArea(ring))
	}
}

func TestNodeIndexNearest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ix := newNodeIndex(500)
	var pts []xy
	for i := range 2000 {
		p := xy{r.Float64() * 20000, r.Float64() * 20000}
		pts = append(pts, p)
		ix.add(int32(i), p)
	}
	for q := range 200 {
		p := xy{r.Float64()*24000 - 2000, r.Float64()*24000 - 2000}
		got := ix.nearest(p, 5, 3000)
		// Brute force.
		var want []int32
		for i := range pts {
			if p.dist(pts[i]) <= 3000 {
				want = append(want, int32(i))
			}
		}
		slices.SortFunc(want, func(a, b int32) int { return cmpF(p.dist(pts[a]), p.dist(pts[b])) })
		if len(want) > 5 {
			want = want[:5]
		}
		if !slices.Equal(got, want) {
			t.Fatalf("query %d: got %v, want %v", q, got, want)
		}
	}
}

func TestRoadGraphPath(t *testing.T) {
	// A square 0-1-2-3 with a long way round 0-4-2 and a shortcut 0-2
	// missing: the path 0->2 goes round the square's shorter side.
	nw := newNetwork()
	for _, p := range []xy{{0, 0}, {100, 0}, {100, 100}, {0, 100}, {-500, 500}} {
		nw.node(p, true)
	}
	nw.ways = []way{
		{kind: road, nodes: []int32{0, 1, 2}},
		{kind: road, nodes: []int32{0, 3, 2}},
		{kind: road, nodes: []int32{0, 4, 2}},
		{kind: ferry, nodes: []int32{0, 2}},
	}
	g := newRoadGraph(nw)
	p, err := g.path(0, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p, []int32{0, 1, 2}) {
		t.Errorf("path %v, want [0 1 2] (ferries are not for buses; ties go to the lower id)", p)
	}
	nw.node(xy{1e6, 0}, true) // isolated
	g = newRoadGraph(nw)
	if _, err := g.path(0, 5); err == nil {
		t.Error("path to an isolated node found")
	}
}

func TestPolylineSpacing(t *testing.T) {
	nw := newNetwork()
	a := nw.node(xy{0, 0}, true)
	b := nw.node(xy{1200, 0}, true)
	ids := nw.polyline(a, []xy{{1200, 900}}, b, nil) // 1500 m then 900 m
	if ids[0] != a || ids[len(ids)-1] != b {
		t.Fatalf("ends %v", ids)
	}
	// ceil(1500/500) + ceil(900/500) = 3 + 2 segments.
	if len(ids) != 6 {
		t.Errorf("%d nodes, want 6", len(ids))
	}
	for i := 1; i < len(ids); i++ {
		if d := nw.pts[ids[i-1]].dist(nw.pts[ids[i]]); d > nodeSpacing+1e-9 {
			t.Errorf("gap %v m", d)
		}
	}
}
