package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// PolygonIndex answers "which polygon contains this point" for a fixed set
// of planar multipolygons (EPSG:3067 metres, or any planar units). It is
// read-only after construction and safe for concurrent use.
//
// Containment uses the even-odd rule over the rings of each polygon part,
// so holes are respected and ring orientation does not matter.
//
// Boundary rule: a point is taken to lie just east of where it is, and
// then, if that is still on a boundary, just north (an infinitesimal
// shift by (ε, ε²)). Concretely an edge is crossed when its lower end is
// at or below the point's northing and its upper end strictly above, and
// the point is strictly west of it. So a point on an edge shared by two
// polygons (the same segment with the same coordinates, in either
// direction) belongs to exactly one of them: the one to its east, or for a
// horizontal edge the one to its north; a point at a vertex shared by
// several polygons belongs to exactly one of them; a point on the outer
// boundary of a tiling belongs to it only on its west and south sides.
// This matches the half-open cells [E, E+Size) x [N, N+Size) of Cell.
type PolygonIndex struct {
	tree  rtree.RTreeG[int32] // part bounds -> index into parts
	parts []indexPart
}

// indexPart is one orb.Polygon with its edges bucketed into horizontal
// bands, so that a query only looks at the edges near its northing.
type indexPart struct {
	owner     int32 // index of the multipolygon
	minY      float64
	invBandH  float64
	bandStart []int32 // CSR: edges of band k are bandEdge[bandStart[k]:bandStart[k+1]]
	bandEdge  []int32
	edges     []indexEdge
}

// indexEdge is a non-horizontal edge stored with its lower end first, so
// that every polygon sharing the edge evaluates the same arithmetic.
type indexEdge struct{ ax, ay, bx, by float64 }

// edgesPerBand is the target number of edges per band.
const edgesPerBand = 4

// NewPolygonIndex builds an index over polys; Locate returns indices into
// polys. Empty polygons and non-finite coordinates are skipped (a ring
// with a NaN vertex loses that vertex's edges).
func NewPolygonIndex(polys []orb.MultiPolygon) *PolygonIndex {
	ix := &PolygonIndex{}
	for i, mp := range polys {
		for _, poly := range mp {
			part, b, ok := newIndexPart(int32(i), poly)
			if !ok {
				continue
			}
			ix.tree.Insert(b.Min, b.Max, int32(len(ix.parts)))
			ix.parts = append(ix.parts, part)
		}
	}
	return ix
}

func newIndexPart(owner int32, poly orb.Polygon) (indexPart, orb.Bound, bool) {
	p := indexPart{owner: owner}
	var b orb.Bound
	first := true
	for _, r := range poly {
		n := len(r)
		if n < 3 {
			continue
		}
		for i := range n {
			a, c := r[i], r[(i+1)%n] // closes unclosed rings too
			if !finite(a[0]) || !finite(a[1]) || !finite(c[0]) || !finite(c[1]) {
				continue
			}
			if first {
				b = orb.Bound{Min: a, Max: a}
				first = false
			}
			b = b.Extend(a).Extend(c)
			if a[1] == c[1] {
				continue // horizontal edges never count
			}
			if a[1] > c[1] {
				a, c = c, a
			}
			p.edges = append(p.edges, indexEdge{a[0], a[1], c[0], c[1]})
		}
	}
	if len(p.edges) == 0 {
		return p, b, false
	}
	nb := max(1, len(p.edges)/edgesPerBand)
	p.minY = b.Min[1]
	h := (b.Max[1] - b.Min[1]) / float64(nb)
	if h > 0 {
		p.invBandH = 1 / h
	}
	count := make([]int32, nb+1)
	for _, e := range p.edges {
		for k := p.band(e.ay, nb); k <= p.band(e.by, nb); k++ {
			count[k+1]++
		}
	}
	for k := 1; k <= nb; k++ {
		count[k] += count[k-1]
	}
	p.bandStart = count
	p.bandEdge = make([]int32, count[nb])
	fill := make([]int32, nb)
	copy(fill, count[:nb])
	for i, e := range p.edges {
		for k := p.band(e.ay, nb); k <= p.band(e.by, nb); k++ {
			p.bandEdge[fill[k]] = int32(i)
			fill[k]++
		}
	}
	return p, b, true
}

// band maps a northing to its band, clamped to [0, nb).
func (p *indexPart) band(y float64, nb int) int {
	k := int(math.Floor((y - p.minY) * p.invBandH))
	return min(max(k, 0), nb-1)
}

// contains applies the crossing rule described on PolygonIndex.
func (p *indexPart) contains(x, y float64) bool {
	nb := len(p.bandStart) - 1
	k := p.band(y, nb)
	inside := false
	for _, ei := range p.bandEdge[p.bandStart[k]:p.bandStart[k+1]] {
		e := &p.edges[ei]
		if !(e.ay <= y && y < e.by) {
			continue
		}
		// Strictly left of the upward edge means the eastward ray crosses it.
		if (e.bx-e.ax)*(y-e.ay)-(e.by-e.ay)*(x-e.ax) > 0 {
			inside = !inside
		}
	}
	return inside
}

// Locate returns the lowest index of a multipolygon containing p under the
// boundary rule described on PolygonIndex, or -1 if none does.
func (ix *PolygonIndex) Locate(p orb.Point) int {
	if ix == nil || !finite(p[0]) || !finite(p[1]) {
		return -1
	}
	best := int32(-1)
	ix.tree.Search(p, p, func(_, _ [2]float64, pi int32) bool {
		part := &ix.parts[pi]
		if best >= 0 && part.owner >= best {
			return true
		}
		if part.contains(p[0], p[1]) {
			best = part.owner
		}
		return true
	})
	return int(best)
}

// Len returns the number of polygon parts indexed.
func (ix *PolygonIndex) Len() int { return len(ix.parts) }
