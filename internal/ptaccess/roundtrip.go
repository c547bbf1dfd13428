package ptaccess

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/saavu/saavu/data/openinghours"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// Defaults of RoundTripParams.
const (
	DefaultRoundTripEarliest transit.Seconds = 6 * 3600
	DefaultRoundTripLatest   transit.Seconds = 20 * 3600
	DefaultRoundTripDwell    transit.Seconds = 60 * 60
)

// RoundTripParams describe a same-day errand: leave home no earlier than
// Earliest, stay at least Dwell at a service while it is open, be home by
// Latest. Zero values select the defaults (06:00, 20:00, 60 minutes).
type RoundTripParams struct {
	// Date is the service date (YYYYMMDD); empty means the network's day.
	// Any other date is an error: build a Network per day.
	Date string
	// Earliest and Latest are clock times in seconds since midnight;
	// Latest is at most 24:00.
	Earliest, Latest transit.Seconds
	// Dwell is the time to spend at the service, inside its opening hours.
	Dwell transit.Seconds
}

// resolved fills the defaults and checks the ranges.
func (p RoundTripParams) resolved(day *transit.Day) (RoundTripParams, time.Weekday, error) {
	if p.Date != "" && p.Date != day.Date {
		return p, 0, fmt.Errorf("%w: round trips on %s, the network is built for %s", ErrInput, p.Date, day.Date)
	}
	p.Date = day.Date
	if p.Earliest == 0 {
		p.Earliest = DefaultRoundTripEarliest
	}
	if p.Latest == 0 {
		p.Latest = DefaultRoundTripLatest
	}
	if p.Dwell == 0 {
		p.Dwell = DefaultRoundTripDwell
	}
	switch {
	case p.Earliest < 0 || p.Earliest >= openinghours.DaySeconds:
		return p, 0, fmt.Errorf("%w: earliest departure %d s outside 00:00..24:00", ErrInput, p.Earliest)
	case p.Latest <= p.Earliest || p.Latest > openinghours.DaySeconds:
		return p, 0, fmt.Errorf("%w: latest return %d s must be after the earliest departure (%d s) and at most 24:00", ErrInput, p.Latest, p.Earliest)
	case p.Dwell < 0 || p.Dwell > openinghours.DaySeconds:
		return p, 0, fmt.Errorf("%w: dwell %d s outside 0..24 h", ErrInput, p.Dwell)
	}
	d, err := time.Parse("20060102", day.Date)
	if err != nil {
		return p, 0, fmt.Errorf("%w: network day %q is not a YYYYMMDD date", ErrInput, day.Date)
	}
	return p, d.Weekday(), nil
}

// RoundTrip is the best same-day round trip from one origin to the
// services of one category: the earliest return home, leaving home as
// late as that return allows. Times are clock times in seconds since
// midnight; every field but Feasible is -1 when no round trip fits.
type RoundTrip struct {
	Feasible bool
	Service  int32           // index into the services given to RoundTrips
	Depart   transit.Seconds // leaving home, a whole minute
	Arrive   transit.Seconds // at the service
	Start    transit.Seconds // start of the stay: Arrive, or the opening if later
	Return   transit.Seconds // back home
}

// Away is the time away from home, Return - Depart, or -1 when no round
// trip fits.
func (t RoundTrip) Away() transit.Seconds {
	if !t.Feasible {
		return -1
	}
	return t.Return - t.Depart
}

var noTrip = RoundTrip{Service: -1, Depart: -1, Arrive: -1, Start: -1, Return: -1}

// RoundTripResult holds one RoundTrip per origin and category.
type RoundTripResult struct {
	Origins, Categories int
	Params              RoundTripParams // defaults filled in
	Trips               []RoundTrip     // origin o, category c at o*Categories+c
}

// At returns the round trip of origin o to category c.
func (r *RoundTripResult) At(o, c int) RoundTrip { return r.Trips[o*r.Categories+c] }

// rtInf is a time never reached.
const rtInf = transit.Seconds(math.MaxInt32 / 2)

// RoundTrips finds, for every origin and category, whether a person can
// leave home no earlier than p.Earliest, reach a service of the category
// by walking and public transport, stay p.Dwell inside its opening hours,
// and be home by p.Latest on the network's day.
//
// Method. Departures are whole minutes. Out: one range RAPTOR per origin
// over the departures from home in [Earliest, Latest-Dwell), with every
// usable service as a target (walk-only trips included), gives the
// earliest arrival a(m) at each service when leaving home at minute m or
// later. Stay: the stay starts at the first time s >= a(m) such that
// [s, s+Dwell] lies inside one opening interval of the service on the
// day's weekday (waiting outside until it opens is allowed). Back: one
// range RAPTOR per service, done once for all origins, over the
// departures from the service in [Earliest+Dwell, Latest) with every
// linked stop as a target, keeps for each stop the earliest vehicle
// arrival when leaving the service at a minute or later (a short profile
// per stop); the arrival home is the best of walking home straight from
// the end of the stay, and leaving at the first whole minute at or after
// it, riding to a stop and walking home from it. The return time r(m) is
// then nondecreasing in m: the best round trip through a service returns
// at r(Earliest), and leaves home at the latest minute with that return,
// found by bisection. Of the services of a category the earliest return
// wins, then the latest departure, then the first service given. A
// round trip is feasible when it is home by Latest. MaxTime, MaxWalk and
// MaxRides apply to each leg on its own.
//
// Service i belongs to category
// categoryOf[i] (0..nCats-1; negative leaves it out) and has the opening
// hours hours[i] (nil hours, or a zero Schedule, is always open); hours
// are read for the weekday of the network's date. Origins and services
// with Seg < 0 reach nothing. The result does not depend on the number of
// workers; when ctx is cancelled the computation stops with ctx's error.
func (n *Network) RoundTrips(ctx context.Context, origins, services []graph.Snap, categoryOf []int32, nCats int,
	hours []openinghours.Schedule, p RoundTripParams) (*RoundTripResult, error) {
	p, wd, err := p.resolved(n.day)
	if err != nil {
		return nil, err
	}
	switch {
	case len(categoryOf) != len(services):
		return nil, fmt.Errorf("%w: %d categories for %d services", ErrInput, len(categoryOf), len(services))
	case hours != nil && len(hours) != len(services):
		return nil, fmt.Errorf("%w: %d opening hours for %d services", ErrInput, len(hours), len(services))
	case nCats < 0:
		return nil, fmt.Errorf("%w: %d categories", ErrInput, nCats)
	}
	res := &RoundTripResult{Origins: len(origins), Categories: nCats, Params: p, Trips: make([]RoundTrip, len(origins)*nCats)}
	for i := range res.Trips {
		res.Trips[i] = noTrip
	}
	rt := &roundTrips{n: n, p: p}
	for i, c := range categoryOf {
		if int(c) >= nCats {
			return nil, fmt.Errorf("%w: service %d has category %d of %d", ErrInput, i, c, nCats)
		}
		if c < 0 || services[i].Seg < 0 {
			continue
		}
		var h openinghours.Schedule
		if hours != nil {
			h = hours[i]
		}
		open := h.OpenIntervals(wd)
		if !fitsDwell(open, p.Dwell) {
			continue // never open long enough on the day
		}
		rt.svc = append(rt.svc, int32(i))
		rt.snap = append(rt.snap, services[i])
		rt.cat = append(rt.cat, c)
		rt.open = append(rt.open, open)
	}
	// Departures from home: [Earliest, Latest-Dwell); from a service:
	// [Earliest+Dwell, Latest), one a minute.
	rt.outMin = int((p.Latest - p.Dwell - p.Earliest + 59) / 60)
	rt.retFrom = p.Earliest + p.Dwell
	rt.retMin = int((p.Latest - rt.retFrom + 59) / 60)
	if len(rt.svc) == 0 || rt.outMin <= 0 || rt.retMin <= 0 || nCats == 0 {
		return res, nil
	}
	if err := rt.egressToServices(ctx); err != nil {
		return nil, err
	}
	if err := rt.returnProfiles(ctx); err != nil {
		return nil, err
	}
	if err := rt.fromOrigins(ctx, origins, res); err != nil {
		return nil, err
	}
	return res, nil
}

// fitsDwell tells whether some interval is at least dwell long.
func fitsDwell(open [][2]int, dwell transit.Seconds) bool {
	for _, iv := range open {
		if transit.Seconds(iv[1]-iv[0]) >= dwell {
			return true
		}
	}
	return false
}

// roundTrips is the state of one RoundTrips call. Services that can be
// used (in a category, snapped, open long enough on the day) are numbered
// densely 0..len(svc)-1.
type roundTrips struct {
	n *Network
	p RoundTripParams

	svc  []int32      // dense service -> index in the caller's services
	snap []graph.Snap // dense service -> snap
	cat  []int32      // dense service -> category
	open [][][2]int   // dense service -> opening intervals on the day

	outMin  int             // departure minutes from home
	retFrom transit.Seconds // first departure from a service
	retMin  int             // departure minutes from a service

	toSvc *route.Egress // walks from stops to the services

	// prof holds, per service, the earliest arrival at each linked stop
	// when leaving the service at a departure minute or later.
	prof []stopProfiles
}

// egressToServices computes the walks from stops to each service.
func (rt *roundTrips) egressToServices(ctx context.Context) error {
	n := rt.n
	egLimit := n.egressLimit()
	radius := n.walkRadius(egLimit)
	per := make([][]route.StopTime, len(rt.svc))
	n.parallel(ctx, len(rt.svc), func(w *walker, j int) {
		per[j] = w.toPoint(rt.snap[j], egLimit, egLimit, radius, nil)
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	var err error
	rt.toSvc, err = n.egress(per)
	return err
}

// fit returns the first time at or after a when a stay of Dwell at
// service j fits inside one of its opening intervals, or rtInf.
func (rt *roundTrips) fit(j int, a transit.Seconds) transit.Seconds {
	for _, iv := range rt.open[j] {
		start := max(a, transit.Seconds(iv[0]))
		if start+rt.p.Dwell <= transit.Seconds(iv[1]) {
			return start
		}
	}
	return rtInf
}

// firstErr keeps the first error reported by workers.
type firstErr struct {
	mu  sync.Mutex
	err error
}

func (f *firstErr) set(err error) {
	f.mu.Lock()
	if f.err == nil {
		f.err = err
	}
	f.mu.Unlock()
}
