package transit

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/saavu/saavu/data/gtfs"
)

// secondsPerDay is the shift applied to trips of the previous date.
const secondsPerDay = 86400

// DefaultWalkSpeed is the walking speed (metres per second) of
// DayOptions when none is given.
const DefaultWalkSpeed = 1.3

// DayOptions tune how a date is flattened.
type DayOptions struct {
	// WalkSpeed in metres per second turns straight-line distances into
	// times for transfers between platforms of one station and declared
	// transfers that the walking list given to SetTransfers lacks. 0 means
	// DefaultWalkSpeed.
	WalkSpeed float64

	// ScaleRoutes changes how often routes run, for scenarios. A key is a
	// route id (namespaced, "feed:route_id") or a route short name (every
	// route with that short name); a key that names no route is an error.
	// The value is a factor 0..MaxRouteScale, rounded to thousandths.
	//
	// The runs of the day of each route and timetable pattern (one
	// direction or variant of the line) are ranked by their departure
	// from the first stop, r = 0, 1, ... A factor f < 1 keeps run r when
	// ceil((r+1)f) > ceil(rf): ceil(nf) of n runs, the first among them,
	// spread evenly (0.5 keeps every other run, 0 removes the route). A
	// factor f > 1 adds, between runs r and r+1, k = ceil((r+1)(f-1)) -
	// ceil(r(f-1)) copies of run r shifted by j/(k+1) of the time between
	// their first departures (j = 1..k, whole seconds rounded down): 2
	// puts a copy halfway between each two runs, 3 two copies at a third
	// and two thirds. Nothing is added after the last run, so a pattern
	// with one run a day keeps it as it is.
	ScaleRoutes map[string]float64
}

// instance is one concrete run of a timetable trip on the day: the
// template times shifted by shift, from position from of its pattern on.
type instance struct {
	trip  int32
	shift Seconds
	from  int32
}

// Day flattens the service date (YYYYMMDD) into a Day: the trips whose
// service runs on the date, the trips of the previous date still running
// after midnight (shifted by -86 400 s, from their first stop with a
// departure at or after midnight), frequency trips expanded, grouped into
// non-overtaking patterns, with the declared transfers.
func (tt *Timetable) Day(date string, opts DayOptions) (*Day, error) {
	d, err := gtfs.ParseDate(date)
	if err != nil {
		return nil, fmt.Errorf("transit: day %w", err)
	}
	if opts.WalkSpeed <= 0 {
		opts.WalkSpeed = DefaultWalkSpeed
	}
	insts := tt.instances(d)
	if len(opts.ScaleRoutes) > 0 {
		if insts, err = tt.scaleRoutes(insts, opts.ScaleRoutes); err != nil {
			return nil, err
		}
	}

	// Group by (pattern, first kept position).
	slices.SortFunc(insts, func(a, b instance) int {
		pa, pb := tt.Trips[a.trip].Pattern, tt.Trips[b.trip].Pattern
		if c := cmp.Or(cmp.Compare(pa, pb), cmp.Compare(a.from, b.from)); c != 0 {
			return c
		}
		// Within a group: by departure at the first kept stop, then by
		// every later time, then by trip and shift (a total order).
		aa, ad := tt.TripTimes(a.trip)
		ba, bd := tt.TripTimes(b.trip)
		for j := int(a.from); j < len(ad); j++ {
			if c := cmp.Or(cmp.Compare(ad[j]+a.shift, bd[j]+b.shift), cmp.Compare(aa[j]+a.shift, ba[j]+b.shift)); c != 0 {
				return c
			}
		}
		return cmp.Or(cmp.Compare(a.trip, b.trip), cmp.Compare(a.shift, b.shift))
	})

	day := &Day{Date: d.String(), NumStops: len(tt.Stops), PatStopStart: []int32{0}, PatTripStart: []int32{0}}
	var lanes [][]instance // non-overtaking sub-patterns of the current group
	for i := 0; i < len(insts); {
		j := i + 1
		for j < len(insts) && tt.Trips[insts[j].trip].Pattern == tt.Trips[insts[i].trip].Pattern && insts[j].from == insts[i].from {
			j++
		}
		lanes = tt.splitOvertaking(insts[i:j], lanes[:0])
		for _, lane := range lanes {
			tt.emitPattern(day, lane)
		}
		i = j
	}
	day.indexStops()
	day.declared = tt.declaredTransfers(opts.WalkSpeed)
	day.rebuildTransfers(nil)
	return day, nil
}

// instances lists the runs of trips on date d and the previous date.
func (tt *Timetable) instances(d gtfs.Date) []instance {
	today := make([]bool, len(tt.Services))
	yesterday := make([]bool, len(tt.Services))
	for i := range tt.Services {
		today[i] = tt.Services[i].Active(d)
		yesterday[i] = tt.Services[i].Active(d - 1)
	}
	var out []instance
	fi := 0 // cursor into Frequencies, sorted by trip
	for t := range tt.Trips {
		tr := &tt.Trips[t]
		for fi < len(tt.Frequencies) && tt.Frequencies[fi].Trip < int32(t) {
			fi++
		}
		fEnd := fi
		for fEnd < len(tt.Frequencies) && tt.Frequencies[fEnd].Trip == int32(t) {
			fEnd++
		}
		arr, dep := tt.TripTimes(int32(t))
		for _, run := range [2]struct {
			active bool
			shift  Seconds
		}{{today[tr.Service], 0}, {yesterday[tr.Service], -secondsPerDay}} {
			if !run.active {
				continue
			}
			if !tr.Frequent {
				out = appendInstance(out, int32(t), run.shift, arr, dep)
				continue
			}
			// Frequency expansion: departures at start, start+headway, ...
			// while before end, for exact and inexact times alike.
			base := dep[0]
			for _, f := range tt.Frequencies[fi:fEnd] {
				for s := f.Start; s < f.End; s += f.Headway {
					out = appendInstance(out, int32(t), s-base+run.shift, arr, dep)
				}
			}
		}
	}
	return out
}

// appendInstance adds a run with the given shift, keeping it from its
// first stop departing at or after midnight, when at least two stops
// remain.
func appendInstance(out []instance, trip int32, shift Seconds, arr, dep []Seconds) []instance {
	n := len(dep)
	if arr[n-1]+shift < 0 {
		return out
	}
	from := 0
	for from < n && dep[from]+shift < 0 {
		from++
	}
	if from > n-2 {
		return out
	}
	return append(out, instance{trip: trip, shift: shift, from: int32(from)})
}

// timesAt returns the arrival and departure of a run at position j, an
// arrival before midnight clamped to 0.
func (tt *Timetable) timesAt(in instance, arr, dep []Seconds, j int) (Seconds, Seconds) {
	return max(arr[j]+in.shift, 0), dep[j] + in.shift
}

// splitOvertaking splits runs of one pattern, sorted by first departure,
// into lanes in which no run overtakes another: each run joins the first
// lane whose last run it does not overtake (arrives and departs no
// earlier at every stop), or starts a new lane.
func (tt *Timetable) splitOvertaking(runs []instance, lanes [][]instance) [][]instance {
	for _, r := range runs {
		ra, rd := tt.TripTimes(r.trip)
		placed := false
		for li, lane := range lanes {
			last := lane[len(lane)-1]
			la, ld := tt.TripTimes(last.trip)
			ok := true
			for j := int(r.from); j < len(rd); j++ {
				a1, d1 := tt.timesAt(last, la, ld, j)
				a2, d2 := tt.timesAt(r, ra, rd, j)
				if a2 < a1 || d2 < d1 {
					ok = false
					break
				}
			}
			if ok {
				lanes[li] = append(lane, r)
				placed = true
				break
			}
		}
		if !placed {
			lanes = append(lanes, []instance{r})
		}
	}
	return lanes
}

// emitPattern appends one pattern with its runs to the day.
func (tt *Timetable) emitPattern(day *Day, runs []instance) {
	first := runs[0]
	tr := &tt.Trips[first.trip]
	stops := tt.PatternOf(tr.Pattern)[first.from:]
	day.PatStops = append(day.PatStops, stops...)
	day.PatStopStart = append(day.PatStopStart, int32(len(day.PatStops)))
	day.PatRoute = append(day.PatRoute, tr.Route)
	for _, r := range runs {
		arr, dep := tt.TripTimes(r.trip)
		day.TripTimes = append(day.TripTimes, int32(len(day.Arr)))
		day.TripRef = append(day.TripRef, r.trip)
		for j := int(r.from); j < len(dep); j++ {
			a, d := tt.timesAt(r, arr, dep, j)
			day.Arr = append(day.Arr, a)
			day.Dep = append(day.Dep, d)
		}
	}
	day.PatTripStart = append(day.PatTripStart, int32(len(day.TripTimes)))
}

// indexStops fills StopPatStart, StopPat and StopPatPos (patterns of each
// stop in pattern order).
func (day *Day) indexStops() {
	day.StopPatStart = make([]int32, day.NumStops+1)
	for _, s := range day.PatStops {
		day.StopPatStart[s+1]++
	}
	for i := 1; i <= day.NumStops; i++ {
		day.StopPatStart[i] += day.StopPatStart[i-1]
	}
	day.StopPat = make([]int32, len(day.PatStops))
	day.StopPatPos = make([]int32, len(day.PatStops))
	next := slices.Clone(day.StopPatStart[:day.NumStops])
	for p := 0; p < day.NumPatterns(); p++ {
		for pos, s := range day.PatStops[day.PatStopStart[p]:day.PatStopStart[p+1]] {
			k := next[s]
			next[s]++
			day.StopPat[k] = int32(p)
			day.StopPatPos[k] = int32(pos)
		}
	}
}
