package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// ETRS-TM35FIN (EPSG:3067) is the Transverse Mercator projection of the
// GRS80 ellipsoid with central meridian 27°E, scale 0.9996 on the central
// meridian, false easting 500 000 m and false northing 0 (JHS 197, formerly
// JHS 154). EUREF-FIN lon/lat and WGS84 lon/lat differ by well under a metre
// in Finland, which this package ignores: lon/lat inputs are taken as ETRS89.
//
// The projection is evaluated with Krüger's series in the third flattening n
// carried to order n^6 (the form popularised by Karney, 2011). Truncation
// error is of the order of nanometres within 4000 km of the central meridian,
// so the result is limited by float64 rounding (about 1e-9 m near Finland).
const (
	grs80A    = 6378137.0
	grs80InvF = 298.257222101

	tm35K0           = 0.9996
	tm35Lon0         = 27.0 // degrees east
	tm35FalseEasting = 500000.0
)

// tmParams holds the constants derived from the ellipsoid once.
type tmParams struct {
	e     float64    // first eccentricity
	e2m   float64    // 1 - e^2
	kA    float64    // k0 times the rectifying radius A
	alpha [6]float64 // forward series coefficients
	beta  [6]float64 // inverse series coefficients
}

var tm35 = newTMParams(grs80A, 1/grs80InvF)

func newTMParams(a, f float64) tmParams {
	n := f / (2 - f)
	n2 := n * n
	n3 := n2 * n
	n4 := n3 * n
	n5 := n4 * n
	n6 := n5 * n
	e2 := f * (2 - f)
	rectA := a / (1 + n) * (1 + n2/4 + n4/64 + n6/256)
	var p tmParams
	p.e = math.Sqrt(e2)
	p.e2m = 1 - e2
	p.kA = tm35K0 * rectA
	p.alpha = [6]float64{
		n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
		13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
		61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
		49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
		34729*n5/80640 - 3418889*n6/1995840,
		212378941 * n6 / 319334400,
	}
	p.beta = [6]float64{
		n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
		n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
		17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
		4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
		4583*n5/161280 - 108847*n6/3991680,
		20648693 * n6 / 638668800,
	}
	return p
}

// krugerSum returns (sum c_j sin(2jξ) cosh(2jη), sum c_j cos(2jξ) sinh(2jη))
// for j = 1..6, generating the multiple angles by the addition formulas so
// that only one sincos, one sinh and one cosh are evaluated.
func krugerSum(c *[6]float64, xi, eta float64) (dxi, deta float64) {
	s1, c1 := math.Sincos(2 * xi)
	ex := math.Exp(2 * eta)
	sh1 := (ex - 1/ex) / 2
	ch1 := (ex + 1/ex) / 2
	s, co, sh, ch := s1, c1, sh1, ch1
	for j := range 6 {
		dxi += c[j] * s * ch
		deta += c[j] * co * sh
		s, co = s*c1+co*s1, co*c1-s*s1
		sh, ch = sh*ch1+ch*sh1, ch*ch1+sh*sh1
	}
	return dxi, deta
}

// conformalTau returns tan of the conformal latitude for tau = tan(latitude).
func (p *tmParams) conformalTau(tau float64) float64 {
	h := math.Hypot(1, tau)
	sig := math.Sinh(p.e * math.Atanh(p.e*tau/h))
	return tau*math.Hypot(1, sig) - sig*h
}

// ToTM35 converts WGS84/ETRS89 longitude and latitude in degrees to
// ETRS-TM35FIN (EPSG:3067) easting and northing in metres. Non-finite input
// gives NaN output.
func ToTM35(lon, lat float64) (e, n float64) {
	p := &tm35
	lam := (lon - tm35Lon0) * (math.Pi / 180)
	phi := lat * (math.Pi / 180)
	sinPhi, cosPhi := math.Sincos(phi)
	// tan(phi) from sin/cos keeps the poles finite.
	taup := p.conformalTau(sinPhi / math.Max(cosPhi, 1e-300))
	sinLam, cosLam := math.Sincos(lam)
	xip := math.Atan2(taup, cosLam)
	etap := math.Asinh(sinLam / math.Hypot(taup, cosLam))
	dxi, deta := krugerSum(&p.alpha, xip, etap)
	return tm35FalseEasting + p.kA*(etap+deta), p.kA * (xip + dxi)
}

// FromTM35 converts ETRS-TM35FIN (EPSG:3067) easting and northing in metres
// to WGS84/ETRS89 longitude and latitude in degrees. Non-finite input gives
// NaN output.
func FromTM35(e, n float64) (lon, lat float64) {
	p := &tm35
	xi := n / p.kA
	eta := (e - tm35FalseEasting) / p.kA
	dxi, deta := krugerSum(&p.beta, xi, eta)
	xip := xi - dxi
	etap := eta - deta
	sinXi, cosXi := math.Sincos(xip)
	shEta := math.Sinh(etap)
	taup := sinXi / math.Hypot(shEta, cosXi)
	lam := math.Atan2(shEta, cosXi)
	tau := p.solveTau(taup)
	return tm35Lon0 + lam*(180/math.Pi), math.Atan(tau) * (180 / math.Pi)
}

// solveTau inverts conformalTau by Newton's method; it converges to full
// double precision in two or three steps for any latitude.
func (p *tmParams) solveTau(taup float64) float64 {
	tau := taup / p.e2m
	for range 8 {
		tp := p.conformalTau(tau)
		d := (taup - tp) * (1 + p.e2m*tau*tau) /
			(p.e2m * math.Hypot(1, tau) * math.Hypot(1, tp))
		tau += d
		if !(math.Abs(d) > 1e-15*math.Max(1, math.Abs(tau))) {
			break
		}
	}
	return tau
}

// ProjectTM35 returns a copy of g with every lon/lat point converted to
// EPSG:3067 metres. The input is not modified. An orb.Bound becomes the
// bound of its edges sampled densely after projection, since a lon/lat box
// is not a rectangle in the plane. Unknown geometry types return nil.
func ProjectTM35(g orb.Geometry) orb.Geometry {
	return mapGeometry(g, func(p orb.Point) orb.Point {
		e, n := ToTM35(p[0], p[1])
		return orb.Point{e, n}
	})
}

// UnprojectTM35 returns a copy of g with every EPSG:3067 point converted to
// lon/lat degrees; the inverse of ProjectTM35. The input is not modified.
func UnprojectTM35(g orb.Geometry) orb.Geometry {
	return mapGeometry(g, func(p orb.Point) orb.Point {
		lon, lat := FromTM35(p[0], p[1])
		return orb.Point{lon, lat}
	})
}

func mapPoints(pts []orb.Point, f func(orb.Point) orb.Point) []orb.Point {
	if pts == nil {
		return nil
	}
	out := make([]orb.Point, len(pts))
	for i, p := range pts {
		out[i] = f(p)
	}
	return out
}

func mapPolygon(p orb.Polygon, f func(orb.Point) orb.Point) orb.Polygon {
	if p == nil {
		return nil
	}
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		out[i] = orb.Ring(mapPoints(r, f))
	}
	return out
}

// boundSamples is the number of chords per edge used to transform a Bound.
const boundSamples = 64

// mapBound maps the four edges of b, sampled at boundSamples chords each
// plus the chord midpoints, and pads the result by the largest distance
// between a chord's midpoint and the mapped midpoint: the curve between two
// samples strays from its chord by less than that, so the result contains
// the whole mapped box.
func mapBound(g orb.Bound, f func(orb.Point) orb.Point) orb.Bound {
	b := orb.Bound{Min: f(g.Min), Max: f(g.Min)}
	corners := [5]orb.Point{g.Min, {g.Max[0], g.Min[1]}, g.Max, {g.Min[0], g.Max[1]}, g.Min}
	at := func(a, c orb.Point, t float64) orb.Point {
		return orb.Point{a[0] + t*(c[0]-a[0]), a[1] + t*(c[1]-a[1])}
	}
	pad := 0.0
	for k := range 4 {
		a, c := corners[k], corners[k+1]
		prev := f(a)
		for i := 1; i <= boundSamples; i++ {
			next := f(at(a, c, float64(i)/boundSamples))
			mid := f(at(a, c, (float64(i)-0.5)/boundSamples))
			b = b.Extend(next).Extend(mid)
			dev := math.Hypot(mid[0]-(prev[0]+next[0])/2, mid[1]-(prev[1]+next[1])/2)
			if dev > pad {
				pad = dev
			}
			prev = next
		}
	}
	if math.IsNaN(pad) {
		return b
	}
	return b.Pad(pad)
}

func mapGeometry(g orb.Geometry, f func(orb.Point) orb.Point) orb.Geometry {
	switch g := g.(type) {
	case orb.Point:
		return f(g)
	case orb.MultiPoint:
		return orb.MultiPoint(mapPoints(g, f))
	case orb.LineString:
		return orb.LineString(mapPoints(g, f))
	case orb.Ring:
		return orb.Ring(mapPoints(g, f))
	case orb.MultiLineString:
		if g == nil {
			return orb.MultiLineString(nil)
		}
		out := make(orb.MultiLineString, len(g))
		for i, ls := range g {
			out[i] = orb.LineString(mapPoints(ls, f))
		}
		return out
	case orb.Polygon:
		return mapPolygon(g, f)
	case orb.MultiPolygon:
		if g == nil {
			return orb.MultiPolygon(nil)
		}
		out := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			out[i] = mapPolygon(p, f)
		}
		return out
	case orb.Collection:
		if g == nil {
			return orb.Collection(nil)
		}
		out := make(orb.Collection, len(g))
		for i, c := range g {
			out[i] = mapGeometry(c, f)
		}
		return out
	case orb.Bound:
		return mapBound(g, f)
	}
	return nil
}
