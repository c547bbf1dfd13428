package isochrone

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/geo"
)

// Band is the area reachable within one cut-off.
type Band struct {
	CutoffMin float64
	// Geom is the union of the raster cells whose time is at most
	// CutoffMin, EPSG:3067 metres; empty when none is.
	Geom    orb.MultiPolygon
	AreaKm2 float64
}

// Bands contours the raster of Times at each cut-off (minutes), in
// ascending order of cut-off; repeated cut-offs give one band. Each band
// holds the one before it.
func Bands(r geo.Raster, cutoffsMin []float64) ([]Band, error) {
	if !r.Valid() {
		return nil, fmt.Errorf("%w: invalid raster %dx%d with %d values", ErrOptions, r.W, r.H, len(r.Values))
	}
	cs, err := SortCutoffs(cutoffsMin)
	if err != nil {
		return nil, err
	}
	out := make([]Band, len(cs))
	for i, c := range cs {
		mp := geo.Contour(r, c)
		out[i] = Band{CutoffMin: c, Geom: mp, AreaKm2: geo.Area(mp) / 1e6}
	}
	return out, nil
}

// SortCutoffs checks cut-offs (finite, > 0 minutes) and returns them
// sorted, without repeats.
func SortCutoffs(cutoffsMin []float64) ([]float64, error) {
	if len(cutoffsMin) == 0 {
		return nil, fmt.Errorf("%w: no cut-off", ErrOptions)
	}
	for _, c := range cutoffsMin {
		if !(c > 0) || math.IsInf(c, 0) {
			return nil, fmt.Errorf("%w: cut-off %g min: want a positive number of minutes", ErrOptions, c)
		}
	}
	cs := slices.Clone(cutoffsMin)
	slices.Sort(cs)
	return slices.Compact(cs), nil
}
