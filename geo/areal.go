package geo

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Area returns the planar area of mp with holes subtracted: for each
// polygon, the absolute area of its first ring minus the absolute areas of
// the others. Ring orientation does not matter. Units are the coordinates'
// squared (m² in EPSG:3067).
func Area(mp orb.MultiPolygon) float64 {
	total := 0.0
	for _, poly := range mp {
		for j, r := range poly {
			a := math.Abs(RingArea(r))
			if j == 0 {
				total += a
			} else {
				total -= a
			}
		}
	}
	return total
}

// SpreadToGrid distributes values attached to areas (for example
// population per postal-code area) onto the grid cells of the given size,
// in proportion to the area each cell shares with each area (areal
// weighting). areas are EPSG:3067 multipolygons; values[i] holds the
// fields of area i, and every area must have the same number of fields.
//
// Each cell's share is found by clipping the area's rings to the cell's
// square (Sutherland–Hodgman against one horizontal strip of cells at a
// time, then against each cell of the strip), holes subtracted. Shares are
// normalised by their sum, so each area's totals are preserved up to
// rounding (about 1e-12 relative) even when its polygons overlap. An area
// of zero size, such as a degenerate polygon or a ring of one repeated
// point, puts all its values in the cell containing the mean of its
// vertices (a ring's closing point not counted twice).
//
// The result lists each cell that received a share once, its values
// summed over areas, sorted with rows from south to north and each row
// from west to east. Cells whose share is zero are left out. The error
// names the area at fault: mismatched value rows, no vertices, or a
// non-finite coordinate.
func SpreadToGrid(areas []orb.MultiPolygon, values [][]float64, size int32) ([]Cell, [][]float64, error) {
	if size <= 0 {
		return nil, nil, fmt.Errorf("geo: spread to grid: cell size %d must be positive", size)
	}
	if len(values) != len(areas) {
		return nil, nil, fmt.Errorf("geo: spread to grid: %d areas but %d value rows", len(areas), len(values))
	}
	nf := 0
	if len(values) > 0 {
		nf = len(values[0])
	}
	var (
		cells []Cell
		sums  [][]float64
		where = map[Cell]int{}
		sp    spreader
	)
	for i, mp := range areas {
		if len(values[i]) != nf {
			return nil, nil, fmt.Errorf("geo: spread to grid: area %d has %d values, area 0 has %d", i, len(values[i]), nf)
		}
		shares, err := sp.shares(mp, size)
		if err != nil {
			return nil, nil, fmt.Errorf("geo: spread to grid: area %d: %w", i, err)
		}
		for _, s := range shares {
			k, ok := where[s.cell]
			if !ok {
				k = len(cells)
				where[s.cell] = k
				cells = append(cells, s.cell)
				sums = append(sums, make([]float64, nf))
			}
			row := sums[k]
			for f, v := range values[i] {
				row[f] += v * s.weight
			}
		}
	}
	order := make([]int, len(cells))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return compareCells(cells[a], cells[b]) })
	outCells := make([]Cell, len(cells))
	outVals := make([][]float64, len(cells))
	for i, k := range order {
		outCells[i], outVals[i] = cells[k], sums[k]
	}
	return outCells, outVals, nil
}

// compareCells orders cells by size, then rows south to north, then west
// to east.
func compareCells(a, b Cell) int {
	switch {
	case a.Size != b.Size:
		return cmpInt32(a.Size, b.Size)
	case a.N != b.N:
		return cmpInt32(a.N, b.N)
	}
	return cmpInt32(a.E, b.E)
}

func cmpInt32(a, b int32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cellShare is the fraction of an area that falls in a cell.
type cellShare struct {
	cell   Cell
	weight float64
}

// spreader holds scratch buffers reused across areas.
type spreader struct {
	strip, cell, tmp []orb.Point
	acc              map[Cell]float64
	keys             []Cell
}

// shares returns the normalised area shares of mp over the grid, in cell
// order (rows south to north, west to east).
func (sp *spreader) shares(mp orb.MultiPolygon, size int32) ([]cellShare, error) {
	if sp.acc == nil {
		sp.acc = map[Cell]float64{}
	}
	clear(sp.acc)
	sp.keys = sp.keys[:0]
	var sx, sy float64
	nv := 0
	for pi, poly := range mp {
		for ri, r := range poly {
			for vi, p := range r {
				if !finite(p[0]) || !finite(p[1]) {
					return nil, fmt.Errorf("polygon %d ring %d vertex %d: non-finite coordinate (%v, %v)", pi, ri, vi, p[0], p[1])
				}
				if vi > 0 && vi == len(r)-1 && p == r[0] {
					continue // the closing point is not a vertex of its own
				}
				sx += p[0]
				sy += p[1]
				nv++
			}
		}
	}
	if nv == 0 {
		return nil, fmt.Errorf("no vertices: cannot place its values")
	}
	if b := mp.Bound(); CellAt(b.Min[0], b.Min[1], size).Size == 0 || CellAt(b.Max[0], b.Max[1], size).Size == 0 {
		return nil, fmt.Errorf("extent %v is outside the grid's range", b)
	}
	total := 0.0
	for _, poly := range mp {
		for j, r := range poly {
			full := RingArea(r)
			if full == 0 {
				continue
			}
			w := math.Copysign(1, full) // makes the shell's share positive
			if j > 0 {
				w = -w // and holes' negative
			}
			sp.addRing(r, w, size)
		}
	}
	for _, c := range sp.keys {
		if a := sp.acc[c]; a > 0 {
			total += a
		}
	}
	if !(total > 0) {
		c := CellAt(sx/float64(nv), sy/float64(nv), size)
		if c.Size == 0 {
			return nil, fmt.Errorf("centre (%v, %v) is outside the grid's range", sx/float64(nv), sy/float64(nv))
		}
		return []cellShare{{c, 1}}, nil
	}
	slices.SortFunc(sp.keys, compareCells)
	out := make([]cellShare, 0, len(sp.keys))
	for _, c := range sp.keys {
		if a := sp.acc[c]; a > 0 {
			out = append(out, cellShare{c, a / total})
		}
	}
	return out, nil
}

// addRing adds w times the signed area of r within each cell to sp.acc.
func (sp *spreader) addRing(r orb.Ring, w float64, size int32) {
	pts := []orb.Point(r)
	if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	b := orb.MultiPoint(pts).Bound()
	s := float64(size)
	for _, row := range CellsInBound(orb.Bound{Min: b.Min, Max: orb.Point{b.Min[0], b.Max[1]}}, size) {
		y0 := float64(row.N)
		sp.tmp = clipAxis(pts, 1, y0, true, sp.tmp[:0])
		sp.strip = clipAxis(sp.tmp, 1, y0+s, false, sp.strip[:0])
		if len(sp.strip) < 3 {
			continue
		}
		sb := orb.MultiPoint(sp.strip).Bound()
		for _, c := range CellsInBound(orb.Bound{Min: orb.Point{sb.Min[0], y0}, Max: orb.Point{sb.Max[0], y0}}, size) {
			x0 := float64(c.E)
			sp.tmp = clipAxis(sp.strip, 0, x0, true, sp.tmp[:0])
			sp.cell = clipAxis(sp.tmp, 0, x0+s, false, sp.cell[:0])
			a := openRingArea(sp.cell)
			if a == 0 {
				continue
			}
			if _, ok := sp.acc[c]; !ok {
				sp.keys = append(sp.keys, c)
			}
			sp.acc[c] += w * a
		}
	}
}

// clipAxis clips the open polygon in (no repeated closing point) to the
// half-plane coord[axis] >= v (keepGreater) or <= v, appending to out.
// Points created on the clip line get exactly v on that axis.
func clipAxis(in []orb.Point, axis int, v float64, keepGreater bool, out []orb.Point) []orb.Point {
	n := len(in)
	if n == 0 {
		return out
	}
	inside := func(p orb.Point) bool {
		if keepGreater {
			return p[axis] >= v
		}
		return p[axis] <= v
	}
	prev := in[n-1]
	prevIn := inside(prev)
	for _, cur := range in {
		curIn := inside(cur)
		if curIn != prevIn {
			t := (v - prev[axis]) / (cur[axis] - prev[axis])
			var q orb.Point
			q[axis] = v
			q[1-axis] = prev[1-axis] + t*(cur[1-axis]-prev[1-axis])
			out = append(out, q)
		}
		if curIn {
			out = append(out, cur)
		}
		prev, prevIn = cur, curIn
	}
	return out
}

// openRingArea is the signed shoelace area of an open polygon.
func openRingArea(pts []orb.Point) float64 {
	n := len(pts)
	if n < 3 {
		return 0
	}
	o := pts[0]
	sum := 0.0
	for i := 1; i+1 < n; i++ {
		ax, ay := pts[i][0]-o[0], pts[i][1]-o[1]
		bx, by := pts[i+1][0]-o[0], pts[i+1][1]-o[1]
		sum += ax*by - bx*ay
	}
	return sum / 2
}
