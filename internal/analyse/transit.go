package analyse

import (
	"context"
	"errors"
	"fmt"

	"github.com/saavu/saavu/data/openinghours"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
)

// computeTransit fills res.Nearest[m] (the main percentile) and
// res.TransitPct with public-transport times from every cell to the
// nearest service of each category.
func computeTransit(ctx context.Context, o *Options, res *Result, walk *graph.Graph, cells, svcs []graph.Snap, m int) error {
	t := o.Transit
	if t == nil || t.Day == nil || t.Timetable == nil {
		return inputError(errors.New("transit: give --gtfs FEED (or --links FILE) and --date for the transit mode"))
	}
	net, err := ptaccess.NewNetwork(walk, t.Timetable, t.Day, t.Network)
	if err != nil {
		return inputError(err)
	}
	catIdx := map[string]int32{}
	for i, c := range res.Categories {
		catIdx[c] = int32(i)
	}
	categoryOf := make([]int32, len(res.Services))
	for i, s := range res.Services {
		c, ok := catIdx[s.Category]
		if !ok {
			c = -1
		}
		categoryOf[i] = c
	}
	mat, err := net.NearestCategory(ctx, cells, svcs, categoryOf, len(res.Categories), t.Window, t.Percentiles)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.Is(err, ptaccess.ErrInput) {
			return inputError(err)
		}
		return err
	}
	main := t.MainPercentile()
	res.TransitPct = make([][][]uint32, len(res.Categories))
	for c := range res.Categories {
		n := access.Nearest{TimeMs: make([]uint32, len(cells)), LenM: make([]float64, len(cells)), Service: make([]int32, len(cells))}
		res.TransitPct[c] = make([][]uint32, len(t.Percentiles))
		for k := range t.Percentiles {
			res.TransitPct[c][k] = make([]uint32, len(cells))
		}
		for i := range cells {
			n.Service[i] = -1
			for k := range t.Percentiles {
				v := mat.At(i, c, k)
				ms := uint32(access.Unreachable)
				if v >= 0 && v != ptaccess.Unreachable {
					ms = uint32(v) * 1000
				}
				res.TransitPct[c][k][i] = ms
				if k == main {
					n.TimeMs[i] = ms
				}
			}
		}
		res.Nearest[m][c] = n
	}
	if t.RoundTrips != nil {
		hours := make([]openinghours.Schedule, len(res.Services))
		for i, s := range res.Services {
			h, err := openinghours.Parse(s.OpeningHours)
			if err != nil {
				return inputError(fmt.Errorf("services: %s: opening_hours %q: %w", s.Source, s.OpeningHours, err))
			}
			hours[i] = h
		}
		rt, err := net.RoundTrips(ctx, cells, svcs, categoryOf, len(res.Categories), hours, *t.RoundTrips)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if errors.Is(err, ptaccess.ErrInput) {
				return inputError(err)
			}
			return err
		}
		res.RoundTrips = rt
	}
	st := net.Stats()
	res.Counts.Transit = map[string]int{"stops_served": st.ServedStops, "stops_linked": st.LinkedStops, "trips": t.Day.NumTrips(), "transfers": st.DayTransfers}
	if st.ServedStops > 0 && st.LinkedStops == 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("transit: no stop of the feeds lies near a walkable street of %s: do they cover the same area?", o.OSM))
	}
	return nil
}
