package demo

import "math"

// lakeSpec draws a schematic lake: an ellipse around a centre, wobbled by a
// few fixed harmonics, optionally pinched into a narrow strait across its
// minor axis (where a ferry can cross).
type lakeSpec struct {
	name     string
	lon, lat float64 // centre
	a, b     float64 // semi-axes, km (a along the rotated x axis)
	rot      float64 // rotation of the major axis, degrees counter-clockwise from east
	waist    float64 // 0..1: how much the minor axis is pinched at the centre
	phase    float64 // phase of the wobble, radians
}

// lakeSpecs are the schematic lakes of the demo, named after the real
// basins they stand for. They are far smaller and simpler than the real
// Saimaa system.
var lakeSpecs = []lakeSpec{
	{"Puula (schematic)", 26.700, 61.805, 9, 3.5, 60, 0, 0.3},
	{"Kyyvesi (schematic)", 27.000, 62.070, 8, 3, 30, 0, 1.1},
	{"Yövesi (schematic)", 27.650, 61.660, 7, 3, 20, 0, 2.0},
	{"Lietvesi (schematic)", 27.620, 61.380, 9, 3.5, 5, 0, 0.7},
	{"Puumalan selkä (schematic)", 28.200, 61.600, 12, 3, 0, 0.78, 1.7},
	{"Haukivesi (schematic)", 28.680, 62.050, 5.5, 2.5, 10, 0, 2.6},
	{"Pihlajavesi (schematic)", 28.960, 61.685, 5, 2.5, 30, 0, 0.4},
	{"Puruvesi (schematic)", 29.500, 61.900, 8, 2.2, 55, 0, 3.0},
	{"Sorsavesi (schematic)", 27.600, 62.230, 7, 2.5, -10, 0, 1.4},
}

// lakeVertices is the number of vertices of a lake ring.
const lakeVertices = 48

// lake is a drawn lake: its ring (counter-clockwise, local plane) and box.
type lake struct {
	name string
	ring []xy
	box  box
}

// drawLake turns a spec into a ring. The wobble keeps the radius within
// ±12% of the ellipse; the waist narrows the lake near the minor axis only.
func drawLake(s lakeSpec) lake {
	c := toXY(s.lon, s.lat)
	rot := s.rot * math.Pi / 180
	cr, sr := math.Cos(rot), math.Sin(rot)
	ring := make([]xy, lakeVertices)
	for i := range lakeVertices {
		th := 2 * math.Pi * float64(i) / lakeVertices
		ct, st := math.Cos(th), math.Sin(th)
		// Radius of the ellipse in direction th (in the lake's own frame).
		r := s.a * s.b / math.Hypot(s.b*ct, s.a*st)
		r *= 1 + 0.07*math.Sin(3*th+s.phase) + 0.05*math.Sin(5*th+2*s.phase)
		if s.waist > 0 {
			r *= 1 - s.waist*math.Pow(math.Abs(st), 12)
		}
		x, y := r*ct*1000, r*st*1000
		ring[i] = c.add(xy{x*cr - y*sr, x*sr + y*cr})
	}
	return lake{name: s.name, ring: ring, box: ringBox(ring)}
}

// lakes draws all lakes of the demo.
func lakes() []lake {
	out := make([]lake, len(lakeSpecs))
	for i, s := range lakeSpecs {
		out[i] = drawLake(s)
	}
	return out
}

// inLake reports whether p lies in a lake or within margin metres of one.
func inLake(ls []lake, p xy, margin float64) bool {
	for _, l := range ls {
		if !l.box.grow(margin).contains(p) {
			continue
		}
		if inRing(p, l.ring) {
			return true
		}
		if margin > 0 {
			for i := range l.ring {
				if segDist(p, l.ring[i], l.ring[(i+1)%len(l.ring)]) < margin {
					return true
				}
			}
		}
	}
	return false
}

// crossesLake reports whether the segment a-b touches a lake.
func crossesLake(ls []lake, a, b xy) bool {
	sb := emptyBox().extend(a).extend(b)
	for _, l := range ls {
		if !l.box.intersects(sb) {
			continue
		}
		if inRing(a, l.ring) || inRing(b, l.ring) {
			return true
		}
		for i := range l.ring {
			if segmentsCross(a, b, l.ring[i], l.ring[(i+1)%len(l.ring)]) {
				return true
			}
		}
	}
	return false
}
