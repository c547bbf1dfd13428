package demo

import "math"

// The province outline is drawn from the postal areas themselves: seen from
// a centre point, each ray ends where the farthest postal-area disc (centroid
// and a radius growing with the area's size) ends along it. The result is a
// star-shaped polygon whose concavities follow the gaps between postal
// areas; the disc radii are scaled until it encloses the wanted area. Being
// star-shaped, it splits into a fan of triangles around the centre, which
// are the convex pieces the power cells are clipped against.

// outlineRays is the number of rays (vertices) of the outline.
const outlineRays = 120

// outlineFill and outlineSmooth are the half-widths, in rays, of the
// notch filling and the smoothing of the outline.
const (
	outlineFill   = 2
	outlineSmooth = 2
)

// disc is a postal area seen as a disc: centre and radius in metres.
type disc struct {
	c xy
	r float64
}

// starOutline returns the star-shaped outline around centre enclosing
// about areaM2: the radius of disc i is margin + k·r_i with k chosen by
// bisection. The ring is counter-clockwise.
func starOutline(centre xy, discs []disc, margin, areaM2 float64) []xy {
	dir := func(i int) xy {
		th := 2 * math.Pi * float64(i) / outlineRays
		return xy{math.Cos(th), math.Sin(th)}
	}
	reach := make([]float64, outlineRays)
	wide := make([]float64, outlineRays)
	ring := func(k float64) []xy {
		for i := range outlineRays {
			u := dir(i)
			r := 0.0
			for _, d := range discs {
				rho := margin + k*d.r
				v := d.c.sub(centre)
				along := v.dot(u)
				perp := v.cross(u)
				if math.Abs(perp) <= rho {
					r = math.Max(r, along+math.Sqrt(rho*rho-perp*perp))
				}
			}
			reach[i] = r
		}
		// Fill narrow notches (largest reach of nearby rays), then round
		// off the scallops (mean of nearby rays). Both only grow or keep
		// the reach of a ray at its widest, so every disc stays inside.
		for i := range outlineRays {
			w := 0.0
			for j := -outlineFill; j <= outlineFill; j++ {
				w = math.Max(w, reach[(i+j+outlineRays)%outlineRays])
			}
			wide[i] = w
		}
		out := make([]xy, outlineRays)
		for i := range outlineRays {
			s := 0.0
			for j := -outlineSmooth; j <= outlineSmooth; j++ {
				s += wide[(i+j+outlineRays)%outlineRays]
			}
			out[i] = centre.add(dir(i).scale(math.Max(reach[i], s/(2*outlineSmooth+1))))
		}
		return out
	}
	lo, hi := 0.0, 8.0
	for range 50 {
		k := (lo + hi) / 2
		if ringArea(ring(k)) < areaM2 {
			lo = k
		} else {
			hi = k
		}
	}
	return ring((lo + hi) / 2)
}

// fan splits a star-shaped ring into triangles around its centre, each
// counter-clockwise.
func fan(centre xy, ring []xy) [][]xy {
	t := make([][]xy, len(ring))
	for i := range ring {
		t[i] = []xy{centre, ring[i], ring[(i+1)%len(ring)]}
	}
	return t
}

// clipConvex returns the part of poly inside the convex counter-clockwise
// polygon clip. buf is scratch space.
func clipConvex(poly, clip []xy, buf *[2][]xy) []xy {
	a := append(buf[0][:0], poly...)
	b := buf[1]
	for i := range clip {
		p, q := clip[i], clip[(i+1)%len(clip)]
		// inside: left of p->q, i.e. cross(q-p, x-p) >= 0  <=>  n·x <= c
		e := q.sub(p)
		n := xy{e.Y, -e.X}
		b = clipHalfPlane(b, a, n, n.dot(p))
		a, b = b, a
		if len(a) == 0 {
			break
		}
	}
	buf[0], buf[1] = a, b
	return a
}
