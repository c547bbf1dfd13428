package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Raster is a grid of values over EPSG:3067, such as travel times from an
// isochrone search. Cell (x, y), 0 <= x < W, 0 <= y < H, is the square
// with lower-left corner Origin + (x, y)*CellSize and holds
// Values[y*W+x]: rows run from the south, each from west to east. NaN
// marks a cell that is not reachable.
type Raster struct {
	Origin   orb.Point // lower-left corner of cell (0, 0), EPSG:3067 metres
	CellSize float64   // metres
	W, H     int
	Values   []float64 // row-major from the south row; NaN = unreachable
}

// Valid reports whether the raster's dimensions agree with its values and
// its origin and cell size are usable.
func (r Raster) Valid() bool {
	return r.W > 0 && r.H > 0 && r.W <= math.MaxInt32/r.H && len(r.Values) == r.W*r.H &&
		r.CellSize > 0 && finite(r.CellSize) && finite(r.Origin[0]) && finite(r.Origin[1])
}

// Contour returns the region of the raster whose values are <= threshold,
// as polygons with holes in EPSG:3067 metres.
//
// The region is the union of whole raster cells: boundaries follow cell
// edges (a staircase at the raster's resolution), traced like
// DissolveCells, with the same output conventions (RFC 7946 orientation,
// rings starting at their lowest-leftmost vertex, deterministic order, no
// collinear vertices). Cells are not interpolated, which keeps contours of
// increasing thresholds exactly nested: every cell inside the contour for
// t1 is inside the contour for any t2 >= t1. NaN cells are always outside,
// and an invalid raster (see Valid) or a NaN threshold gives nil.
func Contour(r Raster, threshold float64) orb.MultiPolygon {
	if !r.Valid() || math.IsNaN(threshold) {
		return nil
	}
	m := newCellMask()
	for y := range r.H {
		row := r.Values[y*r.W : (y+1)*r.W]
		for x, v := range row {
			if v <= threshold { // false for NaN
				m.add(int64(x), int64(y))
			}
		}
	}
	m.build()
	ox, oy, cs := r.Origin[0], r.Origin[1], r.CellSize
	return m.trace(func(x, y int64) orb.Point {
		return orb.Point{ox + float64(x)*cs, oy + float64(y)*cs}
	})
}
