package geo

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// DissolveCells merges grid cells into polygons: the union of the cells'
// squares, in EPSG:3067 metres. Cells sharing an edge join; cells touching
// only at a corner stay in separate polygons (a region that touches itself
// at a corner gets a hole touching its exterior there). Duplicate cells
// count once, and cells of different sizes are dissolved on the grid of
// their greatest common divisor, so a 1 km cell and the 250 m cells inside
// it merge too. Cells with a size <= 0 or a corner that is not a multiple
// of that common size (never produced by CellAt or ParseCellID) are
// ignored.
//
// The output follows RFC 7946 orientation (exteriors counter-clockwise,
// holes clockwise), has no collinear vertices, starts every ring at its
// lowest vertex (the leftmost of the lowest), orders holes and polygons by
// that start vertex (northing, then easting), and is closed.
func DissolveCells(cells []Cell) orb.MultiPolygon {
	g := int64(0)
	for _, c := range cells {
		if c.Size > 0 {
			g = gcd(g, int64(c.Size))
		}
	}
	if g == 0 {
		return nil
	}
	m := newCellMask()
	for _, c := range cells {
		if c.Size <= 0 {
			continue
		}
		k := int64(c.Size) / g
		x0, y0 := int64(c.E)/g, int64(c.N)/g
		if int64(c.E)%g != 0 || int64(c.N)%g != 0 {
			// Not aligned to its own grid: cannot be expressed in units
			// of g. Cells from CellAt and ParseCellID never are.
			continue
		}
		for y := y0; y < y0+k; y++ {
			for x := x0; x < x0+k; x++ {
				m.add(x, y)
			}
		}
	}
	m.build()
	return m.trace(func(x, y int64) orb.Point {
		return orb.Point{float64(x * g), float64(y * g)}
	})
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// cellMask is a set of unit cells (x, y) on an integer grid, with 4 bits
// per cell recording which of its boundary sides have been traced. It is
// dense over the bounding box when that is not much larger than the set,
// and a map otherwise.
type cellMask struct {
	list         [][2]int64
	x0, y0, w, h int64
	dense        []uint8
	sparse       map[[2]int64]uint8
	minX, minY   int64
	maxX, maxY   int64
	haveBound    bool
}

const filledBit = 0x10

func newCellMask() *cellMask { return &cellMask{} }

func (m *cellMask) add(x, y int64) {
	m.list = append(m.list, [2]int64{x, y})
	if !m.haveBound {
		m.minX, m.maxX, m.minY, m.maxY, m.haveBound = x, x, y, y, true
		return
	}
	m.minX, m.maxX = min(m.minX, x), max(m.maxX, x)
	m.minY, m.maxY = min(m.minY, y), max(m.maxY, y)
}

// build freezes the set and chooses its storage.
func (m *cellMask) build() {
	slices.SortFunc(m.list, func(a, b [2]int64) int {
		if c := cmp.Compare(a[1], b[1]); c != 0 {
			return c
		}
		return cmp.Compare(a[0], b[0])
	})
	m.list = slices.Compact(m.list)
	if !m.haveBound {
		return
	}
	w, h := m.maxX-m.minX+1, m.maxY-m.minY+1
	if w > 0 && h > 0 && w <= 1<<31/h && w*h <= max(1<<20, 8*int64(len(m.list))) {
		m.x0, m.y0, m.w, m.h = m.minX, m.minY, w, h
		m.dense = make([]uint8, w*h)
		for _, c := range m.list {
			m.dense[(c[1]-m.y0)*w+c[0]-m.x0] = filledBit
		}
		return
	}
	m.sparse = make(map[[2]int64]uint8, len(m.list))
	for _, c := range m.list {
		m.sparse[c] = filledBit
	}
}

func (m *cellMask) get(x, y int64) uint8 {
	if m.dense != nil {
		x -= m.x0
		y -= m.y0
		if x < 0 || y < 0 || x >= m.w || y >= m.h {
			return 0
		}
		return m.dense[y*m.w+x]
	}
	return m.sparse[[2]int64{x, y}]
}

func (m *cellMask) or(x, y int64, bits uint8) {
	if m.dense != nil {
		m.dense[(y-m.y0)*m.w+x-m.x0] |= bits
		return
	}
	m.sparse[[2]int64{x, y}] |= bits
}

func (m *cellMask) has(x, y int64) bool { return m.get(x, y)&filledBit != 0 }

// Directions of boundary edges; the filled cell is on the edge's left.
const (
	dirE = iota
	dirN
	dirW
	dirS
)

var dirDX = [4]int64{1, 0, -1, 0}
var dirDY = [4]int64{0, 1, 0, -1}

// edgeCell returns the filled cell on the left of the edge leaving vertex
// (x, y) in direction d, and the side bit of that cell the edge is.
func edgeCell(x, y int64, d int) (int64, int64, uint8) {
	switch d {
	case dirE: // bottom side of the cell to the north-east
		return x, y, 1
	case dirN: // right side of the cell to the north-west
		return x - 1, y, 2
	case dirW: // top side of the cell to the south-west
		return x - 1, y - 1, 4
	}
	return x, y - 1, 8 // left side of the cell to the south-east
}

// hasEdge reports whether a boundary edge leaves vertex (x, y) in
// direction d: the cell on its left is filled and the one on its right
// is not.
func (m *cellMask) hasEdge(x, y int64, d int) bool {
	switch d {
	case dirE:
		return m.has(x, y) && !m.has(x, y-1)
	case dirN:
		return m.has(x-1, y) && !m.has(x, y)
	case dirW:
		return m.has(x-1, y-1) && !m.has(x-1, y)
	}
	return m.has(x, y-1) && !m.has(x-1, y-1)
}

// trace follows every boundary cycle, keeping filled cells that touch only
// at a corner apart (at such a vertex the walk turns left), splits cycles
// that visit a vertex twice, and assembles the rings into polygons. pt maps
// grid vertices to output coordinates.
func (m *cellMask) trace(pt func(x, y int64) orb.Point) orb.MultiPolygon {
	var rings [][][2]int64
	var walk [][2]int64
	for _, c := range m.list {
		// Sides: bottom (1), right (2), top (4), left (8), each with the
		// vertex it starts at and its direction.
		starts := [4][3]int64{{c[0], c[1], dirE}, {c[0] + 1, c[1], dirN}, {c[0] + 1, c[1] + 1, dirW}, {c[0], c[1] + 1, dirS}}
		for s, st := range starts {
			bit := uint8(1) << s
			if m.get(c[0], c[1])&bit != 0 || !m.hasEdge(st[0], st[1], int(st[2])) {
				continue
			}
			walk = walk[:0]
			x, y, d := st[0], st[1], int(st[2])
			for {
				cx, cy, b := edgeCell(x, y, d)
				m.or(cx, cy, b)
				walk = append(walk, [2]int64{x, y})
				x, y = x+dirDX[d], y+dirDY[d]
				// Prefer a left turn, then straight on, then right.
				for _, nd := range [3]int{(d + 1) % 4, d, (d + 3) % 4} {
					if m.hasEdge(x, y, nd) {
						d = nd
						break
					}
				}
				if x == st[0] && y == st[1] && d == int(st[2]) {
					break
				}
			}
			rings = splitWalk(walk, rings)
		}
	}
	return assemble(rings, pt)
}

// splitWalk cuts a closed walk of grid vertices (first vertex not repeated
// at the end) into simple cycles at every vertex it visits twice, drops
// collinear vertices and appends the cycles to out.
func splitWalk(walk [][2]int64, out [][][2]int64) [][][2]int64 {
	pos := make(map[[2]int64]int, len(walk))
	stack := make([][2]int64, 0, len(walk))
	for _, v := range walk {
		if p, ok := pos[v]; ok {
			out = appendCycle(out, stack[p:])
			for _, u := range stack[p+1:] {
				delete(pos, u)
			}
			stack = stack[:p+1]
			continue
		}
		pos[v] = len(stack)
		stack = append(stack, v)
	}
	return appendCycle(out, stack)
}

// appendCycle removes collinear vertices from the cycle and appends a copy
// rotated to start at its lowest-leftmost vertex.
func appendCycle(out [][][2]int64, cyc [][2]int64) [][][2]int64 {
	n := len(cyc)
	r := make([][2]int64, 0, n)
	for i, v := range cyc {
		p, q := cyc[(i+n-1)%n], cyc[(i+1)%n]
		if (v[0]-p[0])*(q[1]-v[1])-(v[1]-p[1])*(q[0]-v[0]) != 0 {
			r = append(r, v)
		}
	}
	if len(r) < 3 {
		return out
	}
	start := 0
	for i, v := range r {
		if v[1] < r[start][1] || (v[1] == r[start][1] && v[0] < r[start][0]) {
			start = i
		}
	}
	rot := append(slices.Clone(r[start:]), r[:start]...)
	return append(out, rot)
}

// assemble classifies grid rings by orientation, gives each hole to the
// smallest exterior containing it and returns the sorted polygons.
func assemble(rings [][][2]int64, pt func(x, y int64) orb.Point) orb.MultiPolygon {
	type ringInfo struct {
		r    orb.Ring
		area float64
		g    [][2]int64
	}
	var exts, holes []ringInfo
	for _, g := range rings {
		r := make(orb.Ring, 0, len(g)+1)
		for _, v := range g {
			r = append(r, pt(v[0], v[1]))
		}
		r = append(r, r[0])
		ri := ringInfo{r: r, area: RingArea(r), g: g}
		if ri.area > 0 {
			exts = append(exts, ri)
		} else if ri.area < 0 {
			holes = append(holes, ri)
		}
	}
	byStart := func(a, b ringInfo) int {
		if c := cmp.Compare(a.g[0][1], b.g[0][1]); c != 0 {
			return c
		}
		if c := cmp.Compare(a.g[0][0], b.g[0][0]); c != 0 {
			return c
		}
		return cmp.Compare(math.Abs(a.area), math.Abs(b.area))
	}
	slices.SortStableFunc(exts, byStart)
	slices.SortStableFunc(holes, byStart)
	out := make(orb.MultiPolygon, len(exts))
	for i, e := range exts {
		out[i] = orb.Polygon{e.r}
	}
	if len(holes) == 0 {
		return out
	}
	// Exteriors by increasing area: the lowest index containing a point is
	// the innermost exterior around it.
	bySize := make([]int, len(exts))
	for i := range bySize {
		bySize[i] = i
	}
	slices.SortStableFunc(bySize, func(a, b int) int { return cmp.Compare(exts[a].area, exts[b].area) })
	polys := make([]orb.MultiPolygon, len(exts))
	for k, i := range bySize {
		polys[k] = orb.MultiPolygon{{exts[i].r}}
	}
	ix := NewPolygonIndex(polys)
	for _, h := range holes {
		// The filled cell left of the hole's first edge is inside its
		// owner; test that cell's centre, which is never on a boundary.
		a, b := h.g[0], h.g[1]
		d := dirOf(a, b)
		cx, cy, _ := edgeCell(a[0], a[1], d)
		p0, p1 := pt(cx, cy), pt(cx+1, cy+1)
		k := ix.Locate(orb.Point{(p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2})
		if k < 0 {
			continue // cannot happen for a cell set; dropped rather than misplaced
		}
		i := bySize[k]
		out[i] = append(out[i], h.r)
	}
	return out
}

// dirOf returns the direction of the axis-parallel step from a towards b.
func dirOf(a, b [2]int64) int {
	switch {
	case b[0] > a[0]:
		return dirE
	case b[1] > a[1]:
		return dirN
	case b[0] < a[0]:
		return dirW
	}
	return dirS
}
