package demo

import (
	"math"

	"github.com/saavu/saavu/geo"
)

// Local plane: EPSG:3067 metres shifted to an origin inside South Savo so
// that squared coordinates stay small and exact enough.
const (
	originE = 500000.0
	originN = 6850000.0
)

// xy is a point in the local plane: EPSG:3067 easting and northing in
// metres minus (originE, originN).
type xy struct{ X, Y float64 }

// toXY projects WGS84 lon/lat degrees into the local plane.
func toXY(lon, lat float64) xy {
	e, n := geo.ToTM35(lon, lat)
	return xy{e - originE, n - originN}
}

// lonLat returns the WGS84 lon/lat degrees of a local point.
func (p xy) lonLat() (lon, lat float64) {
	return geo.FromTM35(p.X+originE, p.Y+originN)
}

func (p xy) add(q xy) xy         { return xy{p.X + q.X, p.Y + q.Y} }
func (p xy) sub(q xy) xy         { return xy{p.X - q.X, p.Y - q.Y} }
func (p xy) scale(f float64) xy  { return xy{p.X * f, p.Y * f} }
func (p xy) dot(q xy) float64    { return p.X*q.X + p.Y*q.Y }
func (p xy) cross(q xy) float64  { return p.X*q.Y - p.Y*q.X }
func (p xy) dist(q xy) float64   { return math.Hypot(p.X-q.X, p.Y-q.Y) }
func lerp(a, b xy, t float64) xy { return xy{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t} }
func orient(a, b, c xy) float64  { return b.sub(a).cross(c.sub(a)) }

// ringArea returns the signed area of a ring given without the closing
// point: positive when counter-clockwise.
func ringArea(r []xy) float64 {
	s := 0.0
	for i := range r {
		j := (i + 1) % len(r)
		s += r[i].cross(r[j])
	}
	return s / 2
}

// inRing reports whether p lies inside the ring (even-odd rule; the ring is
// given without the closing point).
func inRing(p xy, r []xy) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a.Y > p.Y) != (b.Y > p.Y) {
			x := a.X + (p.Y-a.Y)*(b.X-a.X)/(b.Y-a.Y)
			if p.X < x {
				in = !in
			}
		}
	}
	return in
}

// segDist returns the distance from p to the segment a-b.
func segDist(p, a, b xy) float64 {
	ab := b.sub(a)
	l2 := ab.dot(ab)
	if l2 == 0 {
		return p.dist(a)
	}
	t := p.sub(a).dot(ab) / l2
	t = math.Max(0, math.Min(1, t))
	return p.dist(lerp(a, b, t))
}

// segmentsCross reports whether the closed segments a-b and c-d share a point.
func segmentsCross(a, b, c, d xy) bool {
	d1 := orient(c, d, a)
	d2 := orient(c, d, b)
	d3 := orient(a, b, c)
	d4 := orient(a, b, d)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	on := func(p, q, r xy, o float64) bool { // r on segment p-q given orient(p,q,r)=o
		return o == 0 && math.Min(p.X, q.X) <= r.X && r.X <= math.Max(p.X, q.X) &&
			math.Min(p.Y, q.Y) <= r.Y && r.Y <= math.Max(p.Y, q.Y)
	}
	return on(c, d, a, d1) || on(c, d, b, d2) || on(a, b, c, d3) || on(a, b, d, d4)
}

// box is an axis-aligned rectangle in the local plane.
type box struct{ min, max xy }

func emptyBox() box {
	inf := math.Inf(1)
	return box{xy{inf, inf}, xy{-inf, -inf}}
}

func (b box) extend(p xy) box {
	return box{xy{math.Min(b.min.X, p.X), math.Min(b.min.Y, p.Y)}, xy{math.Max(b.max.X, p.X), math.Max(b.max.Y, p.Y)}}
}

func ringBox(r []xy) box {
	b := emptyBox()
	for _, p := range r {
		b = b.extend(p)
	}
	return b
}

func (b box) grow(d float64) box {
	return box{xy{b.min.X - d, b.min.Y - d}, xy{b.max.X + d, b.max.Y + d}}
}

func (b box) contains(p xy) bool {
	return p.X >= b.min.X && p.X <= b.max.X && p.Y >= b.min.Y && p.Y <= b.max.Y
}

func (b box) intersects(o box) bool {
	return b.min.X <= o.max.X && o.min.X <= b.max.X && b.min.Y <= o.max.Y && o.min.Y <= b.max.Y
}

// allInside reports whether every point of poly satisfies n·p <= c.
func allInside(poly []xy, n xy, c float64) bool {
	for _, p := range poly {
		if n.dot(p) > c {
			return false
		}
	}
	return true
}

// clipHalfPlane keeps the part of the convex polygon poly where
// n·p <= c (Sutherland-Hodgman against one line). dst is reused.
func clipHalfPlane(dst, poly []xy, n xy, c float64) []xy {
	dst = dst[:0]
	if len(poly) == 0 {
		return dst
	}
	prev := poly[len(poly)-1]
	pv := n.dot(prev) - c
	for _, cur := range poly {
		cv := n.dot(cur) - c
		if cv <= 0 {
			if pv > 0 && cv < 0 {
				dst = append(dst, lerp(prev, cur, pv/(pv-cv)))
			}
			dst = append(dst, cur)
		} else if pv < 0 {
			dst = append(dst, lerp(prev, cur, pv/(pv-cv)))
		}
		prev, pv = cur, cv
	}
	return dst
}

// segIndex is a uniform bucket grid over segments for distance queries.
type segIndex struct {
	size    float64
	buckets map[[2]int32][][2]xy
}

func newSegIndex(size float64) *segIndex {
	return &segIndex{size: size, buckets: map[[2]int32][][2]xy{}}
}

func (ix *segIndex) cell(v float64) int32 { return int32(math.Floor(v / ix.size)) }

// add registers the segment a-b in every bucket its box touches.
func (ix *segIndex) add(a, b xy) {
	bb := emptyBox().extend(a).extend(b)
	for x := ix.cell(bb.min.X); x <= ix.cell(bb.max.X); x++ {
		for y := ix.cell(bb.min.Y); y <= ix.cell(bb.max.Y); y++ {
			k := [2]int32{x, y}
			ix.buckets[k] = append(ix.buckets[k], [2]xy{a, b})
		}
	}
}

// within reports whether some segment passes within d metres of p.
func (ix *segIndex) within(p xy, d float64) bool {
	for x := ix.cell(p.X - d); x <= ix.cell(p.X+d); x++ {
		for y := ix.cell(p.Y - d); y <= ix.cell(p.Y+d); y++ {
			for _, s := range ix.buckets[[2]int32{x, y}] {
				if segDist(p, s[0], s[1]) < d {
					return true
				}
			}
		}
	}
	return false
}
