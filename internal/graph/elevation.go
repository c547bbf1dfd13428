package graph

import (
	"math"

	"github.com/saavu/saavu/data/osm"
)

// Elevation gives the height of the ground in metres at a WGS84 point,
// false where it is unknown (off the raster, nodata). *geotiff.Raster is
// one.
type Elevation interface {
	At(lon, lat float64) (float64, bool)
}

// PlanarElevation is an Elevation that can also be read in its own planar
// coordinates (a raster in EPSG:3067 metres, say): the points of a street
// are then projected once each and the samples between them interpolated
// on the plane, instead of projecting every sample.
type PlanarElevation interface {
	Elevation
	Project(lon, lat float64) (x, y float64)
	AtXY(x, y float64) (float64, bool)
}

// ElevationSampleM is the spacing of the elevation samples along a street,
// as R5 takes them (ElevationLoader.ELEVATION_SAMPLE_SPACING_METERS).
const ElevationSampleM = 10

// metersPerDegreeLat is R5's flat conversion for sampling.
const metersPerDegreeLat = 111111.111

// Tobler is Tobler's hiking function normalised to 1 on flat ground at 5
// km/h: the relative walking speed on a slope of rise dy over run dx
// (both metres, dx > 0). It peaks at 1.2 going down 5%.
func Tobler(dx, dy float64) float64 { return 1.2 * math.Exp(-3.5*math.Abs(dy/dx+0.05)) }

// toblerTable holds 1.2 exp(-3.5 u) for u = |slope + 0.05| from 0 to
// toblerMax in steps of 1/toblerStep, for toblerFast: smooth in u, so
// linear interpolation is within 3e-8 of it.
const (
	toblerStep = 8192
	toblerMax  = 1.1
)

var toblerTable = func() []float64 {
	t := make([]float64, int(math.Ceil(toblerMax*toblerStep))+2)
	for i := range t {
		t[i] = 1.2 * math.Exp(-3.5*float64(i)/toblerStep)
	}
	return t
}()

// toblerFast is Tobler read from a table (relative error below 3e-8),
// computed where the slope is beyond it.
func toblerFast(dx, dy float64) float64 { return toblerSlope(dy / dx) }

// toblerSlope is toblerFast for the slope dy/dx.
func toblerSlope(slope float64) float64 {
	u := math.Abs(slope + 0.05)
	if !(u < toblerMax) {
		return 1.2 * math.Exp(-3.5*u)
	}
	f := u * toblerStep
	i := int(f)
	w := f - float64(i)
	return toblerTable[i] + w*(toblerTable[i+1]-toblerTable[i])
}

// slopeFactors returns the time multipliers of travelling the chain of
// points (lon, lat) forward and backward: the inverse of the mean of
// Tobler's speed over pieces of ElevationSampleM metres, weighted by
// their length, as R5 computes them (ToblerCalculator). The heights are
// those at the two ends and at every ElevationSampleM metres along the
// chain, measured on a flat local projection from the first point. ok is
// false when any height is unknown. With a PlanarElevation, xs and ys are
// the points in its plane (else nil) and the samples are placed at the
// same fractions of each piece there.
func slopeFactors(lon, lat, xs, ys []float64, elev Elevation) (fwd, bwd float64, ok bool) {
	pe, planar := elev.(PlanarElevation)
	planar = planar && xs != nil
	last := len(lon) - 1
	var h0, hEnd float64
	var ok0, ok1 bool
	if planar {
		h0, ok0 = pe.AtXY(xs[0], ys[0])
		hEnd, ok1 = pe.AtXY(xs[last], ys[last])
	} else {
		h0, ok0 = elev.At(lon[0], lat[0])
		hEnd, ok1 = elev.At(lon[last], lat[last])
	}
	if !ok0 || !ok1 {
		return 1, 1, false
	}
	cosLat := math.Cos(lat[0] * degToRad)
	// Full pieces of ElevationSampleM metres are summed unweighted and
	// scaled once at the end; the slope of a piece is its rise times
	// invSample.
	const invSample = 1.0 / ElevationSampleM
	var sumF, sumB, length float64
	full := 0
	prevH := h0
	toNext := float64(ElevationSampleM)
	for k := 1; k <= last; k++ {
		dLon, dLat := lon[k]-lon[k-1], lat[k]-lat[k-1]
		segM := math.Sqrt(cosLat*dLon*cosLat*dLon+dLat*dLat) * metersPerDegreeLat
		length += segM
		rest := segM
		if rest < toNext || segM <= 0 {
			toNext -= rest
			continue
		}
		invSeg := 1 / segM
		done := 0.0 // metres of this piece behind the last sample
		for rest >= toNext {
			done += toNext
			f := done * invSeg
			var h float64
			var okh bool
			if planar {
				h, okh = pe.AtXY(xs[k-1]+(xs[k]-xs[k-1])*f, ys[k-1]+(ys[k]-ys[k-1])*f)
			} else {
				h, okh = elev.At(lon[k-1]+dLon*f, lat[k-1]+dLat*f)
			}
			if !okh {
				return 1, 1, false
			}
			slope := (h - prevH) * invSample
			sumF += toblerSlope(slope)
			sumB += toblerSlope(-slope)
			full++
			prevH = h
			rest -= toNext
			toNext = ElevationSampleM
		}
		toNext -= rest
	}
	sumF *= ElevationSampleM
	sumB *= ElevationSampleM
	total := float64(full) * ElevationSampleM
	// The last piece, from the last sample to the end.
	if rem := length - total; rem > 1e-9 {
		dy := hEnd - prevH
		sumF += rem * toblerFast(rem, dy)
		sumB += rem * toblerFast(rem, -dy)
		total += rem
	} else if total == 0 {
		return 1, 1, true // a chain of no length
	}
	if sumF <= 0 || sumB <= 0 {
		return 1, 1, false
	}
	return total / sumF, total / sumB, true
}

// gridStepDeg is the spacing of gridProjector's exact points: about 550 m
// north-south. A map projection is smooth enough that interpolating
// between points this close errs by well under a centimetre (a test
// checks it for EPSG:3067 over Finland).
const gridStepDeg = 0.005

// gridProjector projects points by bilinear interpolation between exact
// projections on a grid of lon/lat points around them: a few thousand
// exact projections instead of one per street node.
type gridProjector struct {
	lon0, lat0 float64
	w, h       int
	x, y       []float64 // (w+1) x (h+1) grid points, row by row
	exact      func(lon, lat float64) (x, y float64)
}

// newGridProjector covers the nodes of ext with used set.
func newGridProjector(ext *osm.Extract, used []bool, exact func(lon, lat float64) (float64, float64)) *gridProjector {
	minLon, minLat, maxLon, maxLat := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, u := range used {
		if u {
			minLon, maxLon = min(minLon, ext.Lon[i]), max(maxLon, ext.Lon[i])
			minLat, maxLat = min(minLat, ext.Lat[i]), max(maxLat, ext.Lat[i])
		}
	}
	g := &gridProjector{exact: exact}
	if !(minLon <= maxLon) {
		return g
	}
	g.lon0, g.lat0 = math.Floor(minLon/gridStepDeg)*gridStepDeg, math.Floor(minLat/gridStepDeg)*gridStepDeg
	g.w, g.h = int((maxLon-g.lon0)/gridStepDeg)+1, int((maxLat-g.lat0)/gridStepDeg)+1
	if (g.w+1)*(g.h+1) > 4<<20 { // a continent: project exactly
		g.w, g.h = 0, 0
		return g
	}
	g.x, g.y = make([]float64, (g.w+1)*(g.h+1)), make([]float64, (g.w+1)*(g.h+1))
	for r := 0; r <= g.h; r++ {
		for c := 0; c <= g.w; c++ {
			k := r*(g.w+1) + c
			g.x[k], g.y[k] = exact(g.lon0+float64(c)*gridStepDeg, g.lat0+float64(r)*gridStepDeg)
		}
	}
	return g
}

// project interpolates; outside the grid it projects exactly.
func (g *gridProjector) project(lon, lat float64) (float64, float64) {
	fc, fr := (lon-g.lon0)/gridStepDeg, (lat-g.lat0)/gridStepDeg
	c, r := int(math.Floor(fc)), int(math.Floor(fr))
	if g.w == 0 || c < 0 || r < 0 || c >= g.w || r >= g.h {
		return g.exact(lon, lat)
	}
	u, v := fc-float64(c), fr-float64(r)
	k := r*(g.w+1) + c
	k2 := k + g.w + 1
	x := (1-v)*((1-u)*g.x[k]+u*g.x[k+1]) + v*((1-u)*g.x[k2]+u*g.x[k2+1])
	y := (1-v)*((1-u)*g.y[k]+u*g.y[k+1]) + v*((1-u)*g.y[k2]+u*g.y[k2+1])
	return x, y
}
