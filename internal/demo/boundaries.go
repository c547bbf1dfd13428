package demo

import (
	"fmt"
	"math"
)

// boundaries is the schematic municipal map: the province outline, the
// fitted power diagram of the postal areas and the dissolved municipalities.
type boundaries struct {
	outline []xy   // convex, counter-clockwise
	sites   []site // postal-area centroids with fitted weights
	cells   [][]xy // power cell of each site
	vs      *vertexSet
	regions []region // per municipality, in municipalities order
	muniOf  map[string]int
	shapes  []shape   // coordinates of regions, set by finish
	edges   *segIndex // all region edges, set by finish
}

// fitRounds is the number of weight-fitting rounds of the power diagram.
const fitRounds = 40

// outlineMargin is the least distance from a postal-area centroid to the
// province outline, in metres.
const outlineMargin = 2000

// buildBoundaries draws the outline around the postal-area centroids, fits
// the power diagram to the postal areas' sizes (scaled so that each
// municipality gets its real total area) and dissolves it.
func buildBoundaries() (*boundaries, error) {
	b := &boundaries{muniOf: map[string]int{}}
	for i, m := range municipalities {
		b.muniOf[m.code] = i
	}
	// Postal areas' sizes summed by 2026 municipality.
	sum := make([]float64, len(municipalities))
	var pts []xy
	for _, g := range postalAreas {
		mi, err := b.municipalityOf2022(g.kunta)
		if err != nil {
			return nil, err
		}
		for _, pa := range g.areas {
			sum[mi] += pa.areaKm2
			p := toXY(pa.lon, pa.lat)
			pts = append(pts, p)
			b.sites = append(b.sites, site{p: p, target: pa.areaKm2, muni: mi})
		}
	}
	total := 0.0
	for _, m := range municipalities {
		total += m.areaKm2
	}
	centre := xy{}
	wsum := 0.0
	discs := make([]disc, len(b.sites))
	for i, s := range b.sites {
		centre = centre.add(s.p.scale(s.target))
		wsum += s.target
		discs[i] = disc{s.p, math.Sqrt(s.target * 1e6 / math.Pi)}
	}
	centre = centre.scale(1 / wsum)
	b.outline = starOutline(centre, discs, outlineMargin, total*1e6)
	pieces := makePieces(fan(centre, b.outline))
	outArea := ringArea(b.outline)
	for i := range b.sites {
		s := &b.sites[i]
		m := municipalities[s.muni]
		s.target = s.target / sum[s.muni] * m.areaKm2 / total * outArea
	}
	bound := ringBox(b.outline).grow(1000)
	frame := []xy{bound.min, {bound.max.X, bound.min.Y}, bound.max, {bound.min.X, bound.max.Y}}
	cells := fitPowerWeights(frame, pieces, b.sites, fitRounds)
	var buf [2][]xy
	var group []int
	for i, c := range cells {
		for _, f := range clipToPieces(c, pieces, &buf) {
			b.cells = append(b.cells, f)
			group = append(group, b.sites[i].muni)
		}
	}
	b.vs = newVertexSet(0.5)
	var err error
	for range 4 {
		b.regions, err = dissolve(b.vs, b.cells, group, len(municipalities))
		if err != nil {
			return nil, err
		}
		if !b.absorbExclaves(group) {
			break
		}
	}
	dropCollinear(b.vs, b.regions, 0.01)
	b.finish()
	for i, r := range b.regions {
		if len(r.polys) == 0 {
			return nil, fmt.Errorf("demo: municipality %s got no area", municipalities[i].name)
		}
	}
	return b, nil
}

// exclaveShare is the largest part of its municipality's area that a
// detached piece may have to be handed to the neighbour around it.
const exclaveShare = 0.1

// absorbExclaves hands every small detached piece of a municipality (an
// artefact of the power diagram) to the municipality it shares most border
// with, by regrouping the fragments inside it. It reports whether it
// changed anything.
func (b *boundaries) absorbExclaves(group []int) bool {
	owner := map[[2]int32]int{} // directed boundary edge -> municipality
	for m, r := range b.regions {
		for _, poly := range r.polys {
			for _, ring := range poly {
				for k := range ring {
					owner[[2]int32{ring[k], ring[(k+1)%len(ring)]}] = m
				}
			}
		}
	}
	changed := false
	for m, r := range b.regions {
		total := b.area(m)
		for _, poly := range r.polys[1:] { // polys[0] is the largest
			outer := b.ring(poly[0])
			if ringArea(outer) > exclaveShare*total {
				continue
			}
			shared := make([]float64, len(b.regions))
			ring := poly[0]
			for k := range ring {
				u, v := ring[k], ring[(k+1)%len(ring)]
				if n, ok := owner[[2]int32{v, u}]; ok && n != m {
					shared[n] += b.vs.pts[u].dist(b.vs.pts[v])
				}
			}
			best := -1
			for n, l := range shared {
				if l > 0 && (best < 0 || l > shared[best]) {
					best = n
				}
			}
			if best < 0 {
				continue
			}
			for i, f := range b.cells {
				if group[i] == m && inRing(centroid(f), outer) {
					group[i] = best
					changed = true
				}
			}
		}
	}
	return changed
}

// centroid returns the centroid of a polygon ring.
func centroid(r []xy) xy {
	a, c := 0.0, xy{}
	for i := range r {
		p, q := r[i], r[(i+1)%len(r)]
		w := p.cross(q)
		a += w
		c = c.add(p.add(q).scale(w))
	}
	if a == 0 {
		return r[0]
	}
	return c.scale(1 / (3 * a))
}

// municipalityOf2022 maps a 2022 municipality code (as a number) to the
// index of its 2026 municipality.
func (b *boundaries) municipalityOf2022(kunta int) (int, error) {
	code := fmt.Sprintf("%03d", kunta)
	for _, p := range population2022 {
		if p.code == code {
			if i, ok := b.muniOf[p.now]; ok {
				return i, nil
			}
		}
	}
	return 0, fmt.Errorf("demo: postal areas of unknown municipality %s", code)
}

// ring returns the coordinates of a ring of vertex ids.
func (b *boundaries) ring(r []int32) []xy {
	p := make([]xy, len(r))
	for i, v := range r {
		p[i] = b.vs.pts[v]
	}
	return p
}

// area returns the area of municipality i in m².
func (b *boundaries) area(i int) float64 {
	a := 0.0
	for _, poly := range b.regions[i].polys {
		for _, r := range poly {
			a += ringArea(b.ring(r))
		}
	}
	return a
}

// shape is a municipality's polygons as coordinates, with a box and an
// index of its edges, for point queries.
type shape struct {
	polys [][][]xy
	box   box
}

// finish caches the coordinates of the regions and indexes their edges.
func (b *boundaries) finish() {
	b.shapes = make([]shape, len(b.regions))
	b.edges = newSegIndex(2000)
	for i, r := range b.regions {
		sh := shape{box: emptyBox()}
		for _, poly := range r.polys {
			var rings [][]xy
			for k, ring := range poly {
				c := b.ring(ring)
				if k == 0 {
					sh.box = sh.box.extend(ringBox(c).min).extend(ringBox(c).max)
				}
				for j := range c {
					b.edges.add(c[j], c[(j+1)%len(c)])
				}
				rings = append(rings, c)
			}
			sh.polys = append(sh.polys, rings)
		}
		b.shapes[i] = sh
	}
}

// locate returns the municipality whose polygon contains p, or -1.
func (b *boundaries) locate(p xy) int {
	for i, sh := range b.shapes {
		if !sh.box.contains(p) {
			continue
		}
		for _, poly := range sh.polys {
			if !inRing(p, poly[0]) {
				continue
			}
			inHole := false
			for _, h := range poly[1:] {
				if inRing(p, h) {
					inHole = true
					break
				}
			}
			if !inHole {
				return i
			}
		}
	}
	return -1
}

// nearBoundary reports whether p lies within d metres of a municipal
// boundary or the outline.
func (b *boundaries) nearBoundary(p xy, d float64) bool {
	return b.edges.within(p, d)
}
