package demo

import "math"

// A power diagram (additively weighted in squared distance) divides the
// province among the postal-area centroids: site i owns the points x where
// |x-s_i|² - w_i is smallest. The cells are convex and the boundaries
// straight, so the municipalities (unions of their postal areas' cells)
// share exact edges. The weights are fitted so that every cell gets about
// its postal area's real size.

// site is one postal-area centroid in the power diagram.
type site struct {
	p      xy      // centroid, local plane
	w      float64 // weight, m²
	target float64 // wanted cell area, m²
	muni   int     // index into municipalities
}

// powerCells computes the cell of every site clipped to the convex outline.
// cells is reused when long enough.
func powerCells(outline []xy, sites []site, cells [][]xy) [][]xy {
	if len(cells) < len(sites) {
		cells = append(cells, make([][]xy, len(sites)-len(cells))...)
	}
	var a, b []xy
	for i := range sites {
		a = append(a[:0], outline...)
		si := sites[i]
		for j := range sites {
			if j == i || len(a) == 0 {
				continue
			}
			sj := sites[j]
			// |x-si|² - wi <= |x-sj|² - wj  <=>  2x·(sj-si) <= |sj|²-|si|² - wj + wi
			n := sj.p.sub(si.p).scale(2)
			c := sj.p.dot(sj.p) - si.p.dot(si.p) - sj.w + si.w
			if allInside(a, n, c) {
				continue
			}
			b = clipHalfPlane(b, a, n, c)
			a, b = b, a
		}
		cells[i] = append(cells[i][:0], a...)
	}
	return cells[:len(sites)]
}

// piece is a convex part of the outline with its bounding box.
type piece struct {
	ring []xy
	box  box
}

func makePieces(rings [][]xy) []piece {
	p := make([]piece, len(rings))
	for i, r := range rings {
		p[i] = piece{r, ringBox(r)}
	}
	return p
}

// clipToPieces returns the parts of the convex cell inside each piece.
func clipToPieces(cell []xy, pieces []piece, buf *[2][]xy) [][]xy {
	if len(cell) < 3 {
		return nil
	}
	cb := ringBox(cell)
	var out [][]xy
	for _, p := range pieces {
		if !cb.intersects(p.box) {
			continue
		}
		if f := clipConvex(cell, p.ring, buf); len(f) >= 3 {
			out = append(out, append([]xy(nil), f...))
		}
	}
	return out
}

// clippedArea returns the area of the part of the convex cell inside the
// pieces.
func clippedArea(cell []xy, pieces []piece, buf *[2][]xy) float64 {
	if len(cell) < 3 {
		return 0
	}
	cb := ringBox(cell)
	a := 0.0
	for _, p := range pieces {
		if cb.intersects(p.box) {
			if f := clipConvex(cell, p.ring, buf); len(f) >= 3 {
				a += ringArea(f)
			}
		}
	}
	return a
}

// fitPowerWeights adjusts the weights for the given number of rounds so that
// the part of each cell inside the pieces approaches its target area, and
// returns the final cells (clipped to bound only). Each round moves a
// weight by the area shortfall over π, which for a cell among fixed
// neighbours is about half the step that would close the gap, so the
// iteration is damped.
func fitPowerWeights(bound []xy, pieces []piece, sites []site, rounds int) [][]xy {
	var cells [][]xy
	var buf [2][]xy
	for range rounds {
		cells = powerCells(bound, sites, cells)
		for i := range sites {
			a := clippedArea(cells[i], pieces, &buf)
			sites[i].w += (sites[i].target - a) / math.Pi
		}
	}
	return powerCells(bound, sites, cells)
}
