package shp

import "github.com/paulmach/orb"

// assemblePolygon sorts a polygon record's rings into polygons: clockwise
// rings are outer boundaries, counter-clockwise ones holes. Each hole goes
// to the smallest outer ring that contains its first vertex; a hole inside
// no outer ring is kept as an outer ring of its own, as GDAL does. Rings
// are closed if they are not; rings of fewer than 3 distinct positions are
// dropped.
func assemblePolygon(parts [][]orb.Point) orb.Geometry {
	var outers []orb.Polygon
	var outerArea []float64
	var holes []orb.Ring
	for _, p := range parts {
		r := closeRing(p)
		if len(r) < 4 {
			continue
		}
		a := signedArea(r)
		switch {
		case a < 0: // clockwise with y up
			outers = append(outers, orb.Polygon{r})
			outerArea = append(outerArea, -a)
		case a > 0:
			holes = append(holes, r)
		}
	}
	if len(outers) == 0 {
		// Some writers ignore the orientation rule: take every ring as an
		// outer boundary.
		for _, h := range holes {
			outers = append(outers, orb.Polygon{h})
		}
		holes = nil
	}
	for _, h := range holes {
		best := -1
		for i, o := range outers {
			if containsPoint(o[0], h[0]) && (best < 0 || outerArea[i] < outerArea[best]) {
				best = i
			}
		}
		if best < 0 {
			outers = append(outers, orb.Polygon{h})
			outerArea = append(outerArea, signedArea(h))
			continue
		}
		outers[best] = append(outers[best], h)
	}
	switch len(outers) {
	case 0:
		return nil
	case 1:
		return outers[0]
	}
	return orb.MultiPolygon(outers)
}

func closeRing(p []orb.Point) orb.Ring {
	if len(p) == 0 {
		return nil
	}
	r := orb.Ring(p)
	if p[0] != p[len(p)-1] {
		r = append(append(orb.Ring{}, p...), p[0])
	}
	// Count distinct positions: a ring needs three.
	seen := map[orb.Point]bool{}
	for _, q := range r {
		seen[q] = true
		if len(seen) >= 3 {
			return r
		}
	}
	return nil
}

// signedArea is positive for counter-clockwise rings (y up).
func signedArea(r orb.Ring) float64 {
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s / 2
}

// containsPoint is the even-odd rule; points on the boundary may go either
// way, which does not matter for a hole's vertex.
func containsPoint(r orb.Ring, p orb.Point) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}
