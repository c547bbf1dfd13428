package isochrone

import "math"

// piece is a straight stretch of network, in EPSG:3067 metres, reached
// at its start A at time t0 and travelled towards B at pace a.
type piece struct {
	ax, ay float64 // start A
	dx, dy float64 // unit direction A->B (0, 0 for a point)
	l      float64 // length |AB|, metres
	t0     float64 // time at A, ms
	a      float64 // pace along the piece, ms per metre
	lead   float64 // k / sqrt(1 - k²), k = a/b, when a < b (see walker.prepare); -1 otherwise
}

// newPiece makes the piece from A to B reached at t0 and travelled in
// ms milliseconds. A piece of zero length is a point.
func newPiece(ax, ay, bx, by, t0, ms float64) piece {
	p := piece{ax: ax, ay: ay, t0: t0}
	l := math.Sqrt((bx-ax)*(bx-ax) + (by-ay)*(by-ay))
	if l > 0 && !math.IsInf(l, 0) {
		p.l, p.dx, p.dy = l, (bx-ax)/l, (by-ay)/l
		p.a = ms / l
	}
	return p
}

// trim shortens the piece to the part reached within limit ms; false
// when nothing of it is.
func (p *piece) trim(limit float64) bool {
	if p.t0 > limit {
		return false
	}
	if p.a > 0 && p.t0+p.a*p.l > limit {
		p.l = (limit - p.t0) / p.a
	}
	return true
}

// end returns B.
func (p *piece) end() (float64, float64) { return p.ax + p.dx*p.l, p.ay + p.dy*p.l }

// prepare sets the piece's lead for the walking pace: how far before the
// foot of a place, per metre of distance from the line, the best point to
// leave the piece lies.
func (w walker) prepare(p *piece) {
	p.lead = -1
	if p.a < w.b {
		k := p.a / w.b
		p.lead = k / math.Sqrt(1-k*k)
	}
}

// walker holds the walking rule: pace b (ms per metre) and the longest
// straight walk r (metres) from the network.
type walker struct {
	b, r float64
}

// time returns the earliest time (ms) at the place (x, y) reached along
// the piece and then on foot, or +Inf when the place is farther than the
// walking limit from the piece. The piece must have been prepared.
func (w walker) time(p *piece, x, y float64) float64 {
	rx, ry := x-p.ax, y-p.ay
	s0 := rx*p.dx + ry*p.dy
	h := math.Abs(rx*p.dy - ry*p.dx)
	if p.l == 0 {
		s0, h = 0, math.Sqrt(rx*rx+ry*ry)
	}
	if h > w.r {
		return math.Inf(1)
	}
	d := math.Sqrt(w.r*w.r - h*h)
	lo, hi := max(0, s0-d), min(p.l, s0+d)
	if lo > hi {
		return math.Inf(1)
	}
	s := lo // a piece no faster than walking: leave it as early as possible
	if p.lead >= 0 {
		s = min(max(s0-h*p.lead, lo), hi)
	}
	ds := s - s0
	return p.t0 + p.a*s + w.b*math.Sqrt(ds*ds+h*h)
}

// reach is the farthest distance from the piece's line at which a place
// can still be reached within limit ms.
func (w walker) reach(p *piece, limit float64) float64 {
	return min(w.r, max(0, (limit-p.t0)/w.b))
}
