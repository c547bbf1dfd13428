package geo

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// RingArea returns the signed planar area of r by the shoelace formula:
// positive when the ring runs counter-clockwise, negative when clockwise.
// The ring may be closed (last point equal to the first) or not. Units are
// those of the coordinates squared (m² in EPSG:3067).
func RingArea(r orb.Ring) float64 {
	if len(r) < 3 {
		return 0
	}
	// Coordinates relative to the first point keep the products small.
	o := r[0]
	sum := 0.0
	px, py := 0.0, 0.0
	for _, p := range r[1:] {
		x, y := p[0]-o[0], p[1]-o[1]
		sum += px*y - x*py
		px, py = x, y
	}
	return sum / 2
}

// Orient returns a copy of mp in RFC 7946 orientation: each polygon's
// exterior ring (the first) counter-clockwise and its holes clockwise.
// Rings of zero area are copied as they are. The input is not modified.
func Orient(mp orb.MultiPolygon) orb.MultiPolygon {
	if mp == nil {
		return nil
	}
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		np := make(orb.Polygon, len(poly))
		for j, r := range poly {
			nr := slices.Clone(r)
			a := RingArea(nr)
			if (j == 0 && a < 0) || (j > 0 && a > 0) {
				slices.Reverse(nr)
			}
			np[j] = nr
		}
		out[i] = np
	}
	return out
}

// ErrInvalidGeometry is wrapped by every *GeometryError.
var ErrInvalidGeometry = errors.New("geo: invalid geometry")

// GeometryError says where a multipolygon is invalid: the polygon, ring
// and vertex indices (zero-based; Vertex is -1 when the problem concerns
// the whole ring) and what is wrong.
type GeometryError struct {
	Polygon, Ring, Vertex int
	Reason                string
}

func (e *GeometryError) Error() string {
	if e.Vertex < 0 {
		return fmt.Sprintf("geo: polygon %d ring %d: %s", e.Polygon, e.Ring, e.Reason)
	}
	return fmt.Sprintf("geo: polygon %d ring %d vertex %d: %s", e.Polygon, e.Ring, e.Vertex, e.Reason)
}

// Unwrap lets errors.Is(err, ErrInvalidGeometry) match.
func (e *GeometryError) Unwrap() error { return ErrInvalidGeometry }

// Validate checks each ring of mp and returns a *GeometryError for the
// first problem found, in polygon, ring, vertex order: a NaN or infinite
// coordinate, fewer than 4 points, a ring whose last point differs from
// its first, or a ring that is not simple. A ring is simple when no two of
// its non-adjacent edges meet (crossing or touching) and no two adjacent
// edges fold back over each other; repeated consecutive points are
// allowed. The check walks a bounding-box hierarchy of the ring's edges
// against itself, O(n log n) for boundary-like rings: a few milliseconds
// for a 20 000-vertex municipality. Relations between
// rings (holes inside shells, rings crossing each other) are not checked.
func Validate(mp orb.MultiPolygon) error {
	for pi, poly := range mp {
		for ri, r := range poly {
			if err := validateRing(r); err != nil {
				err.Polygon, err.Ring = pi, ri
				return err
			}
		}
	}
	return nil
}

func validateRing(r orb.Ring) *GeometryError {
	for vi, p := range r {
		if !finite(p[0]) || !finite(p[1]) {
			return &GeometryError{Vertex: vi, Reason: fmt.Sprintf("non-finite coordinate (%v, %v)", p[0], p[1])}
		}
	}
	if len(r) < 4 {
		return &GeometryError{Vertex: -1, Reason: fmt.Sprintf("ring has %d points, need at least 4", len(r))}
	}
	if r[0] != r[len(r)-1] {
		return &GeometryError{Vertex: len(r) - 1, Reason: fmt.Sprintf("ring not closed: last point %v differs from first %v", r[len(r)-1], r[0])}
	}
	// Drop repeated consecutive points, remembering original indices.
	pts := make([]orb.Point, 0, len(r))
	idx := make([]int, 0, len(r))
	for i, p := range r {
		if len(pts) > 0 && p == pts[len(pts)-1] {
			continue
		}
		pts = append(pts, p)
		idx = append(idx, i)
	}
	m := len(pts) - 1 // edges pts[i] -> pts[i+1]
	if m < 3 {
		return &GeometryError{Vertex: -1, Reason: fmt.Sprintf("ring has %d distinct points, need at least 3", m)}
	}
	if i, j, found := selfIntersection(pts); found {
		return &GeometryError{Vertex: idx[i], Reason: fmt.Sprintf(
			"self-intersection: edge from vertex %d to %d meets edge from vertex %d to %d",
			idx[i], idx[i+1], idx[j], idx[j+1])}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// selfIntersection looks for two edges of the closed ring pts (first point
// repeated last, no zero-length edges) that meet illegally and returns the
// lowest such pair of edge indices, i < j.
func selfIntersection(pts []orb.Point) (int, int, bool) {
	m := len(pts) - 1
	segs := make([][2]orb.Point, m)
	for i := range m {
		segs[i] = [2]orb.Point{pts[i], pts[i+1]}
	}
	return findConflict(segs, func(i, j int) bool {
		wrap := i == 0 && j == m-1
		return edgesConflict(pts[i], pts[i+1], pts[j], pts[j+1], j == i+1 || wrap, wrap)
	})
}

// edgesConflict reports whether segments ab and cd meet illegally. For
// adjacent edges (b == c, or for the closing pair a == d) only a fold back
// along the shared line counts.
func edgesConflict(a, b, c, d orb.Point, adjacent, wrap bool) bool {
	if adjacent {
		// Shared vertex s, far ends u (of ab) and v (of cd).
		s, u, v := b, a, d
		if wrap {
			s, u, v = a, b, c
		}
		if orient(s, u, v) != 0 {
			return false
		}
		// Collinear: a fold back when u and v lie on the same side of s.
		return (u[0]-s[0])*(v[0]-s[0])+(u[1]-s[1])*(v[1]-s[1]) > 0
	}
	return segmentsIntersect(a, b, c, d)
}

// orient returns the sign of the cross product (b-a) x (c-a): +1 when c is
// left of a->b, -1 when right, 0 when collinear.
func orient(a, b, c orb.Point) int {
	v := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// onSegment reports whether c, collinear with a-b, lies within its box.
func onSegment(a, b, c orb.Point) bool {
	return min(a[0], b[0]) <= c[0] && c[0] <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= c[1] && c[1] <= max(a[1], b[1])
}

// segmentsIntersect reports whether the closed segments ab and cd share a
// point.
func segmentsIntersect(a, b, c, d orb.Point) bool {
	d1, d2 := orient(c, d, a), orient(c, d, b)
	d3, d4 := orient(a, b, c), orient(a, b, d)
	if d1*d2 < 0 && d3*d4 < 0 {
		return true
	}
	return (d1 == 0 && onSegment(c, d, a)) || (d2 == 0 && onSegment(c, d, b)) ||
		(d3 == 0 && onSegment(a, b, c)) || (d4 == 0 && onSegment(a, b, d))
}
