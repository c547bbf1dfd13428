package analyse

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/saavu/saavu/data/openinghours"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/transit"
	"github.com/saavu/saavu/internal/travel"
)

// streetModeOf is the street graph mode m walks, rides or drives on:
// transit and nocar walk.
func streetModeOf(m graph.Mode) graph.Mode {
	if m == graph.Transit || m == graph.NoCar {
		return graph.Walk
	}
	return m
}

// timetabled reports whether mode m needs the timetable.
func timetabled(m graph.Mode) bool { return m == graph.Transit || m == graph.NoCar }

// newSources makes the travel-time source of every mode of o.Modes:
// srcs[m] routes cellSnaps[m] to svcSnaps[m]. Transit and nocar share one
// public-transport network; nocar shares the walk mode's source when that
// mode is asked for with the same time limit.
func newSources(ctx context.Context, o *Options, res *Result, graphs []*graph.Graph, cellSnaps, svcSnaps [][]graph.Snap) ([]travel.Source, error) {
	limit := uint32(0)
	if o.MaxTimeMin > 0 {
		limit = uint32(o.MaxTimeMin * 60000)
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
	services := func(m int) travel.Services {
		return travel.Services{Snaps: svcSnaps[m], Category: categoryOf, Categories: len(res.Categories)}
	}
	srcs := make([]travel.Source, len(o.Modes))
	var tr *travel.Transit
	transitFor := func(m int) (*travel.Transit, error) {
		if tr != nil {
			return tr, nil
		}
		t := o.Transit
		if t == nil || t.Day == nil || t.Timetable == nil {
			return nil, inputError(errors.New("transit: give --gtfs FEED (or --links FILE) and --date for the transit and nocar modes"))
		}
		net, err := ptaccess.NewNetwork(graphs[m], t.Timetable, t.Day, t.Network)
		if err != nil {
			return nil, inputError(err)
		}
		ms := &o.Measures
		tr = &travel.Transit{Net: net, Origins: cellSnaps[m], Services: services(m), Window: t.Window, Pcts: t.Percentiles, MainPct: t.MainPercentile(),
			ServiceTable: ms.NthNearest > 1 || ms.reachLimitMin() > 0}
		st := net.Stats()
		res.Counts.Transit = map[string]int{"stops_served": st.ServedStops, "stops_linked": st.LinkedStops, "trips": t.Day.NumTrips(), "transfers": st.DayTransfers}
		res.Warnings = append(res.Warnings, t.Warnings...)
		from := t.Window.Depart
		to := from + transit.Seconds(max(1, t.Window.Minutes)*60) + transit.Seconds(net.Options().MaxTime/time.Second)
		if t.Day.NumTrips() > 0 && !departsIn(t.Day, from, to) {
			res.Warnings = append(res.Warnings, fmt.Sprintf("transit: no vehicle leaves any stop between %s and %s on %s (the window and the trip limit after it): public transport is walking only",
				clockHM(from), clockHM(to), t.Day.Date))
		}
		if st.ServedStops > 0 && st.LinkedStops == 0 {
			res.Warnings = append(res.Warnings, fmt.Sprintf("transit: no stop of the feeds lies near a walkable street of %s: do they cover the same area?", o.OSM))
		}
		return tr, nil
	}
	for m, mode := range o.Modes { // street modes first: nocar may share walk's
		if !timetabled(mode) {
			srcs[m] = &travel.Street{G: graphs[m], Origins: cellSnaps[m], Services: services(m), LimitMs: limit, Workers: o.Workers}
		}
	}
	for m, mode := range o.Modes {
		if !timetabled(mode) {
			continue
		}
		t, err := transitFor(m)
		if err != nil {
			return nil, err
		}
		if mode == graph.Transit {
			srcs[m] = t
			continue
		}
		var walk *travel.Street
		if w := slices.Index(o.Modes, graph.Walk); w >= 0 && limit == t.MaxTimeMs() {
			walk = srcs[w].(*travel.Street)
		} else {
			walk = &travel.Street{G: graphs[m], Origins: cellSnaps[m], Services: services(m), LimitMs: t.MaxTimeMs(), Workers: o.Workers}
		}
		srcs[m] = &travel.NoCar{Walk: walk, Transit: t}
	}
	return srcs, ctx.Err()
}

// departsIn reports whether a vehicle of day leaves a stop at or after
// from and before to.
func departsIn(day *transit.Day, from, to transit.Seconds) bool {
	for _, d := range day.Dep {
		if d >= from && d < to {
			return true
		}
	}
	return false
}

// clockHM writes seconds since midnight as HH:MM.
func clockHM(s transit.Seconds) string { return fmt.Sprintf("%02d:%02d", s/3600, s%3600/60) }

// sourceErr classifies an error of a travel source: cancellation stays
// as it is, bad input becomes an input error.
func sourceErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, travel.ErrInput) || errors.Is(err, ptaccess.ErrInput) {
		return inputError(err)
	}
	return err
}

// roundTrips fills res.RoundTrips when asked for, on the transit network.
func roundTrips(ctx context.Context, o *Options, res *Result, srcs []travel.Source) error {
	if o.Transit == nil || o.Transit.RoundTrips == nil {
		return nil
	}
	var tr *travel.Transit
	for _, s := range srcs {
		switch x := s.(type) {
		case *travel.Transit:
			tr = x
		case *travel.NoCar:
			tr = x.Transit
		}
	}
	if tr == nil {
		return inputError(errors.New("--round-trips needs transit in --modes"))
	}
	hours := make([]openinghours.Schedule, len(res.Services))
	for i, s := range res.Services {
		h, err := openinghours.Parse(s.OpeningHours)
		if err != nil {
			return inputError(fmt.Errorf("services: %s: opening_hours %q: %w", s.Source, s.OpeningHours, err))
		}
		hours[i] = h
	}
	rt, err := tr.Net.RoundTrips(ctx, tr.Origins, tr.Services.Snaps, tr.Services.Category, tr.Services.Categories, hours, *o.Transit.RoundTrips)
	if err != nil {
		return sourceErr(ctx, err)
	}
	res.RoundTrips = rt
	return nil
}
