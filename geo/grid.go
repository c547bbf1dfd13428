package geo

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Cell is a square of the Statistics Finland statistical grid in EPSG:3067:
// the cells of a given size tile the plane from the origin, so a cell's
// lower-left corner is a multiple of its size. E and N are that corner in
// metres; Size is the side in metres (250 and 1000 are the published grids,
// any positive size works). A cell holds the points e in [E, E+Size) and
// n in [N, N+Size).
type Cell struct {
	E, N int32 // lower-left corner, metres
	Size int32 // side, metres
}

// CellAt returns the cell of the given size that contains the point (e, n)
// in EPSG:3067 metres: the corner is rounded down to multiples of size.
// A size <= 0, a non-finite coordinate or one whose cell would fall outside
// the int32 range gives the zero Cell (whose Size 0 marks it invalid).
func CellAt(e, n float64, size int32) Cell {
	if size <= 0 {
		return Cell{}
	}
	s := float64(size)
	fe := math.Floor(e/s) * s
	fn := math.Floor(n/s) * s
	if !(fe >= math.MinInt32 && fe+s <= math.MaxInt32 && fn >= math.MinInt32 && fn+s <= math.MaxInt32) {
		return Cell{}
	}
	return Cell{E: int32(fe), N: int32(fn), Size: size}
}

// Center returns the centre of the cell in EPSG:3067 metres.
func (c Cell) Center() orb.Point {
	h := float64(c.Size) / 2
	return orb.Point{float64(c.E) + h, float64(c.N) + h}
}

// Bound returns the cell's square as an orb.Bound in EPSG:3067 metres.
func (c Cell) Bound() orb.Bound {
	e, n, s := float64(c.E), float64(c.N), float64(c.Size)
	return orb.Bound{Min: orb.Point{e, n}, Max: orb.Point{e + s, n + s}}
}

// Polygon returns the cell's square as a closed counter-clockwise ring
// starting at the lower-left corner, in EPSG:3067 metres.
func (c Cell) Polygon() orb.Polygon {
	e, n, s := float64(c.E), float64(c.N), float64(c.Size)
	return orb.Polygon{{{e, n}, {e + s, n}, {e + s, n + s}, {e, n + s}, {e, n}}}
}

// ID returns the cell's identifier in the INSPIRE grid-cell code
// convention used by Statistics Finland in the grd_id / grid_inspire fields
// of its population and grid data sets (EPSG:3067 coordinates):
//
//	<size>N<northing/d>E<easting/d>
//
// where <size> is "250m" for sizes below 1000 m and "<km>km" for whole
// kilometres ("1km", "5km"), and d is 10^k with k the number of trailing
// zeros of the size in metres. So the 1 km cell with corner E 332000,
// N 6820000 is "1kmN6820E332" and the 250 m cell with corner E 386000,
// N 6671750 is "250mN667175E38600" (d = 10). The northing comes first.
func (c Cell) ID() string {
	if c.Size <= 0 {
		return ""
	}
	d := idDivisor(c.Size)
	var buf [32]byte
	b := appendSizeLabel(buf[:0], c.Size)
	b = append(b, 'N')
	b = strconv.AppendInt(b, int64(c.N)/d, 10)
	b = append(b, 'E')
	b = strconv.AppendInt(b, int64(c.E)/d, 10)
	return string(b)
}

// String returns the cell's ID.
func (c Cell) String() string { return c.ID() }

func sizeLabel(size int32) string { return string(appendSizeLabel(nil, size)) }

func appendSizeLabel(b []byte, size int32) []byte {
	if size >= 1000 && size%1000 == 0 {
		return append(strconv.AppendInt(b, int64(size/1000), 10), "km"...)
	}
	return append(strconv.AppendInt(b, int64(size), 10), 'm')
}

// idDivisor is 10 to the number of trailing zeros of size.
func idDivisor(size int32) int64 {
	d := int64(1)
	for s := size; s > 0 && s%10 == 0; s /= 10 {
		d *= 10
	}
	return d
}

// ErrCellID is wrapped by the errors of ParseCellID.
var ErrCellID = errors.New("geo: bad grid cell id")

// ParseCellID parses an identifier written by Cell.ID, such as
// "1kmN6820E332" or "250mN667175E38600". It is strict: the result's ID()
// gives back exactly s, so leading zeros, signs other than a leading '-'
// and corners that are not multiples of the size are errors.
func ParseCellID(s string) (Cell, error) {
	bad := func(why string) (Cell, error) {
		return Cell{}, fmt.Errorf("%w %q: %s", ErrCellID, s, why)
	}
	i := strings.IndexByte(s, 'N')
	if i < 0 {
		return bad("no 'N'")
	}
	label, rest := s[:i], s[i+1:]
	var size int64
	switch {
	case strings.HasSuffix(label, "km"):
		k, ok := parseStrictInt(label[:len(label)-2])
		if !ok || k <= 0 {
			return bad("bad size " + strconv.Quote(label))
		}
		size = k * 1000
	case strings.HasSuffix(label, "m"):
		m, ok := parseStrictInt(label[:len(label)-1])
		if !ok || m <= 0 {
			return bad("bad size " + strconv.Quote(label))
		}
		size = m
	default:
		return bad("size must end in 'm' or 'km'")
	}
	if size > math.MaxInt32 || sizeLabel(int32(size)) != label {
		return bad("size " + strconv.Quote(label) + " is not in canonical form")
	}
	j := strings.IndexByte(rest, 'E')
	if j < 0 {
		return bad("no 'E'")
	}
	nv, okN := parseStrictInt(rest[:j])
	ev, okE := parseStrictInt(rest[j+1:])
	if !okN || !okE {
		return bad("coordinates must be integers without leading zeros")
	}
	d := idDivisor(int32(size))
	const lim = 1 << 40
	if nv > lim || nv < -lim || ev > lim || ev < -lim {
		return bad("coordinates out of range")
	}
	n, e := nv*d, ev*d
	if n%size != 0 || e%size != 0 {
		return bad("corner is not a multiple of the cell size")
	}
	if n < math.MinInt32 || n+size > math.MaxInt32 || e < math.MinInt32 || e+size > math.MaxInt32 {
		return bad("coordinates out of range")
	}
	return Cell{E: int32(e), N: int32(n), Size: int32(size)}, nil
}

// parseStrictInt parses an optionally negative decimal integer with no
// leading zeros (except "0" itself) and no '+' sign.
func parseStrictInt(s string) (int64, bool) {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || len(digits) > 15 || (len(digits) > 1 && digits[0] == '0') || (digits == "0" && s != "0") {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// squareTolerance is how far, in metres, SquareCell lets a vertex stray
// from the exact corner of a grid cell.
const squareTolerance = 0.01

// SquareCell reports whether p is exactly one grid square of 250 m or
// 1000 m aligned to the EPSG:3067 grid (each vertex within 0.01 m of a
// corner), and returns that cell. The polygon must have a single ring of
// the four corners, closed or not, in either orientation and starting at
// any corner; repeated or extra vertices make it not a square.
func SquareCell(p orb.Polygon) (Cell, bool) {
	if len(p) != 1 {
		return Cell{}, false
	}
	r := p[0]
	if len(r) == 5 {
		if !near(r[0], r[4]) {
			return Cell{}, false
		}
		r = r[:4]
	}
	if len(r) != 4 {
		return Cell{}, false
	}
	b := orb.MultiPoint(r).Bound()
	for _, size := range [...]int32{250, 1000} {
		s := float64(size)
		w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
		if math.Abs(w-s) > 2*squareTolerance || math.Abs(h-s) > 2*squareTolerance {
			continue
		}
		c := CellAt(b.Min[0]+s/2, b.Min[1]+s/2, size)
		if c.Size == 0 {
			return Cell{}, false
		}
		corners := c.Polygon()[0][:4]
		var used [4]bool
		ok := true
		for k, v := range r {
			found := -1
			for i, q := range corners {
				if near(v, q) {
					found = i
					break
				}
			}
			if found < 0 || used[found] {
				ok = false
				break
			}
			used[found] = true
			// Consecutive vertices must be adjacent corners, not diagonal.
			if k > 0 {
				prev := r[k-1]
				if math.Abs(prev[0]-v[0]) > squareTolerance && math.Abs(prev[1]-v[1]) > squareTolerance {
					ok = false
					break
				}
			}
		}
		if ok {
			return c, true
		}
	}
	return Cell{}, false
}

func near(a, b orb.Point) bool {
	return math.Abs(a[0]-b[0]) <= squareTolerance && math.Abs(a[1]-b[1]) <= squareTolerance
}

// maxBoundCells caps CellsInBound so that a corrupt bound cannot exhaust
// memory; all of Finland at 250 m is about 14 million cells.
const maxBoundCells = 1 << 26

// CellsInBound returns the cells of the given size whose squares overlap
// the bound b (EPSG:3067 metres) with positive area, or, along a side where
// b has zero extent, the cells that contain it. The order is deterministic:
// rows from south to north, each row from west to east. An invalid size or
// bound, or one needing more than 2^26 cells, gives nil.
func CellsInBound(b orb.Bound, size int32) []Cell {
	if size <= 0 || !(b.Min[0] <= b.Max[0] && b.Min[1] <= b.Max[1]) {
		return nil
	}
	s := float64(size)
	lo, hi := func(v float64) float64 { return math.Floor(v / s) },
		func(lo, v float64) float64 { return max(lo, math.Ceil(v/s)-1) }
	e0, n0 := lo(b.Min[0]), lo(b.Min[1])
	e1, n1 := hi(e0, b.Max[0]), hi(n0, b.Max[1])
	if !(e0*s >= math.MinInt32 && n0*s >= math.MinInt32 && (e1+1)*s <= math.MaxInt32 && (n1+1)*s <= math.MaxInt32) {
		return nil
	}
	cols, rows := e1-e0+1, n1-n0+1
	if cols*rows > maxBoundCells {
		return nil
	}
	out := make([]Cell, 0, int(cols*rows))
	for n := n0; n <= n1; n++ {
		for e := e0; e <= e1; e++ {
			out = append(out, Cell{E: int32(e * s), N: int32(n * s), Size: size})
		}
	}
	return out
}
