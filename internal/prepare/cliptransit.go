package prepare

import (
	"encoding/binary"

	"github.com/saavu/saavu/internal/transit"
)

// TransitCounts tell what ClipTimetable kept.
type TransitCounts struct {
	Stops, StopsKept         int
	Trips, TripsKept         int
	TripsCut                 int // kept with some of their stops left out
	StopTimes, StopTimesKept int
	Routes, RoutesKept       int
	Patterns                 int // patterns of the clipped timetable
}

// ClipTimetable returns the part of tt inside an area: the stops inside
// (and the parent stations of those), and every trip with at least two
// stops inside, keeping only its stop times at kept stops.
//
// A trip that leaves the area and comes back stays one trip that rides
// through the part outside: each ride between two kept stops keeps its
// exact times, whether or not it passes outside on the way. Only boarding,
// alighting and transferring at stops outside are lost, which is what a
// street graph cut at the edge of the area allows anyway. Cutting such a
// trip into separate stretches would lose the rides across the gap;
// keeping it whole would keep stops that nothing can walk to.
//
// Patterns are rebuilt from the kept stop sequences; routes and services
// no kept trip uses are left out; agencies are kept. A frequency-based
// trip whose first stop is cut has its frequency windows moved by the
// time from the old first departure to the new one, so that its runs
// keep their times at every kept stop. Declared transfers are kept when
// both stops are.
func ClipTimetable(tt *transit.Timetable, inside func(lon, lat float64) bool) (*transit.Timetable, TransitCounts) {
	c := TransitCounts{Stops: len(tt.Stops), Trips: len(tt.Trips), StopTimes: len(tt.Arr), Routes: len(tt.Routes)}
	keep := make([]bool, len(tt.Stops))
	for i, s := range tt.Stops {
		keep[i] = inside(s.Lon, s.Lat)
	}
	for i, s := range tt.Stops {
		if keep[i] && s.Parent >= 0 {
			keep[s.Parent] = true
		}
	}
	stopIdx := make([]int32, len(tt.Stops))
	out := &transit.Timetable{Agencies: tt.Agencies, PatternStart: []int32{0}}
	for i, s := range tt.Stops {
		stopIdx[i] = -1
		if keep[i] {
			stopIdx[i] = int32(len(out.Stops))
			out.Stops = append(out.Stops, s)
		}
	}
	for i := range out.Stops {
		if p := out.Stops[i].Parent; p >= 0 {
			out.Stops[i].Parent = stopIdx[p]
		}
	}

	routeIdx := make([]int32, len(tt.Routes))
	serviceIdx := make([]int32, len(tt.Services))
	for i := range routeIdx {
		routeIdx[i] = -1
	}
	for i := range serviceIdx {
		serviceIdx[i] = -1
	}
	tripIdx := make([]int32, len(tt.Trips))
	shift := make([]transit.Seconds, len(tt.Trips)) // frequency window move per trip
	patterns := map[string]int32{}
	var key []byte
	var stops []int32
	for t := range tt.Trips {
		tripIdx[t] = -1
		tr := tt.Trips[t]
		arr, dep := tt.TripTimes(int32(t))
		pat := tt.PatternOf(tr.Pattern)
		stops = stops[:0]
		first := -1
		for j, s := range pat {
			if keep[s] {
				stops = append(stops, stopIdx[s])
				if first < 0 {
					first = j
				}
			}
		}
		if len(stops) < 2 {
			continue
		}
		if len(stops) < len(pat) {
			c.TripsCut++
		}
		if routeIdx[tr.Route] < 0 {
			routeIdx[tr.Route] = int32(len(out.Routes))
			out.Routes = append(out.Routes, tt.Routes[tr.Route])
		}
		if serviceIdx[tr.Service] < 0 {
			serviceIdx[tr.Service] = int32(len(out.Services))
			out.Services = append(out.Services, tt.Services[tr.Service])
		}
		route := routeIdx[tr.Route]
		key = binary.LittleEndian.AppendUint32(key[:0], uint32(route))
		for _, s := range stops {
			key = binary.LittleEndian.AppendUint32(key, uint32(s))
		}
		p, ok := patterns[string(key)]
		if !ok {
			p = int32(len(out.PatternRoute))
			patterns[string(key)] = p
			out.PatternStops = append(out.PatternStops, stops...)
			out.PatternStart = append(out.PatternStart, int32(len(out.PatternStops)))
			out.PatternRoute = append(out.PatternRoute, route)
		}
		times := int32(len(out.Arr))
		for j, s := range pat {
			if keep[s] {
				out.Arr = append(out.Arr, arr[j])
				out.Dep = append(out.Dep, dep[j])
			}
		}
		shift[t] = dep[first] - dep[0]
		tripIdx[t] = int32(len(out.Trips))
		tr.Route, tr.Service, tr.Pattern, tr.Times = route, serviceIdx[tr.Service], p, times
		out.Trips = append(out.Trips, tr)
	}
	for _, f := range tt.Frequencies {
		if t := tripIdx[f.Trip]; t >= 0 {
			d := shift[f.Trip]
			out.Frequencies = append(out.Frequencies, transit.Frequency{Trip: t, Start: f.Start + d, End: f.End + d, Headway: f.Headway, ExactTimes: f.ExactTimes})
		}
	}
	for _, x := range tt.Transfers {
		if a, b := stopIdx[x.From], stopIdx[x.To]; a >= 0 && b >= 0 {
			x.From, x.To = a, b
			out.Transfers = append(out.Transfers, x)
		}
	}
	c.StopsKept, c.TripsKept, c.StopTimesKept, c.RoutesKept = len(out.Stops), len(out.Trips), len(out.Arr), len(out.Routes)
	c.Patterns = out.NumPatterns()
	return out, c
}
