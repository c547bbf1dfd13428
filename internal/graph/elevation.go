package graph

import "math"

// Elevation gives the height of the ground in metres at a WGS84 point,
// false where it is unknown (off the raster, nodata). *geotiff.Raster is
// one.
type Elevation interface {
	At(lon, lat float64) (float64, bool)
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

// slopeFactors returns the time multipliers of travelling the chain of
// points (lon, lat) forward and backward: the inverse of the mean of
// Tobler's speed over pieces of ElevationSampleM metres, weighted by
// their length, as R5 computes them (ToblerCalculator). The heights are
// those at the two ends and at every ElevationSampleM metres along the
// chain, measured on a flat local projection from the first point. ok is
// false when any height is unknown.
func slopeFactors(lon, lat []float64, elev Elevation) (fwd, bwd float64, ok bool) {
	h0, ok := elev.At(lon[0], lat[0])
	if !ok {
		return 1, 1, false
	}
	hEnd, ok := elev.At(lon[len(lon)-1], lat[len(lat)-1])
	if !ok {
		return 1, 1, false
	}
	cosLat := math.Cos(lat[0] * degToRad)
	var sumF, sumB, total float64
	prevH := h0
	toNext := float64(ElevationSampleM)
	add := func(dx, h float64) {
		dy := h - prevH
		sumF += dx * Tobler(dx, dy)
		sumB += dx * Tobler(dx, -dy)
		total += dx
		prevH = h
	}
	length := 0.0
	for k := 1; k < len(lon); k++ {
		dLon, dLat := lon[k]-lon[k-1], lat[k]-lat[k-1]
		segM := math.Hypot(cosLat*dLon, dLat) * metersPerDegreeLat
		length += segM
		rest := segM
		x, y := lon[k-1], lat[k-1]
		for rest >= toNext && segM > 0 {
			f := toNext / segM
			x, y = x+dLon*f, y+dLat*f
			h, ok := elev.At(x, y)
			if !ok {
				return 1, 1, false
			}
			add(ElevationSampleM, h)
			rest -= toNext
			toNext = ElevationSampleM
		}
		toNext -= rest
	}
	// The last piece, from the last sample to the end.
	if last := length - total; last > 1e-9 {
		add(last, hEnd)
	} else if total == 0 {
		return 1, 1, true // a chain of no length
	}
	if sumF <= 0 || sumB <= 0 {
		return 1, 1, false
	}
	return total / sumF, total / sumB, true
}
