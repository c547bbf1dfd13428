package netfile

import (
	"slices"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/internal/transit"
)

// encodeTimetable adds the sections of a compiled timetable, one column
// per field of each record type.
func encodeTimetable(e *encoder, tt *transit.Timetable) {
	ag := tt.Agencies
	stringsSection(e, len(ag), func(i int) string { return ag[i].ID })
	stringsSection(e, len(ag), func(i int) string { return ag[i].Name })
	stringsSection(e, len(ag), func(i int) string { return ag[i].URL })
	stringsSection(e, len(ag), func(i int) string { return ag[i].Timezone })

	st := tt.Stops
	section(e, pick(st, func(s transit.Stop) float64 { return s.Lon }))
	section(e, pick(st, func(s transit.Stop) float64 { return s.Lat }))
	stringsSection(e, len(st), func(i int) string { return st[i].ID })
	stringsSection(e, len(st), func(i int) string { return st[i].Name })
	section(e, pick(st, func(s transit.Stop) uint8 { return s.LocationType }))
	section(e, pick(st, func(s transit.Stop) int32 { return s.Parent }))

	rt := tt.Routes
	section(e, pick(rt, func(r transit.Route) int32 { return r.Type }))
	stringsSection(e, len(rt), func(i int) string { return rt[i].ID })
	stringsSection(e, len(rt), func(i int) string { return rt[i].ShortName })
	stringsSection(e, len(rt), func(i int) string { return rt[i].LongName })
	section(e, pick(rt, func(r transit.Route) int32 { return r.Agency }))

	tr := tt.Trips
	section(e, pick(tr, func(t transit.Trip) int32 { return t.Route }))
	stringsSection(e, len(tr), func(i int) string { return tr[i].ID })
	section(e, pick(tr, func(t transit.Trip) int32 { return t.Service }))
	section(e, pick(tr, func(t transit.Trip) int32 { return t.Pattern }))
	stringsSection(e, len(tr), func(i int) string { return tr[i].Headsign })
	section(e, pick(tr, func(t transit.Trip) int32 { return t.Times }))
	boolsSection(e, len(tr), func(i int) bool { return tr[i].Frequent })

	sv := tt.Services
	boolsSection(e, len(sv), func(i int) bool { return sv[i].HasCalendar })
	stringsSection(e, len(sv), func(i int) string { return sv[i].ID })
	section(e, pick(sv, func(s transit.Service) uint8 { return s.Weekdays }))
	section(e, pick(sv, func(s transit.Service) gtfs.Date { return s.Start }))
	section(e, pick(sv, func(s transit.Service) gtfs.Date { return s.End }))
	for _, dates := range []func(s *transit.Service) []gtfs.Date{
		func(s *transit.Service) []gtfs.Date { return s.Added },
		func(s *transit.Service) []gtfs.Date { return s.Removed },
	} {
		lens := make([]uint32, len(sv))
		var flat []gtfs.Date
		for i := range sv {
			ds := dates(&sv[i])
			lens[i] = uint32(len(ds))
			flat = append(flat, ds...)
		}
		section(e, lens)
		section(e, flat)
	}

	section(e, tt.PatternStart)
	section(e, tt.PatternStops)
	section(e, tt.PatternRoute)
	section(e, tt.Arr)
	section(e, tt.Dep)

	fr := tt.Frequencies
	section(e, pick(fr, func(f transit.Frequency) int32 { return f.Trip }))
	section(e, pick(fr, func(f transit.Frequency) transit.Seconds { return f.Start }))
	section(e, pick(fr, func(f transit.Frequency) transit.Seconds { return f.End }))
	section(e, pick(fr, func(f transit.Frequency) transit.Seconds { return f.Headway }))
	boolsSection(e, len(fr), func(i int) bool { return fr[i].ExactTimes })

	tf := tt.Transfers
	section(e, pick(tf, func(t transit.Transfer) int32 { return t.From }))
	section(e, pick(tf, func(t transit.Transfer) int32 { return t.To }))
	section(e, pick(tf, func(t transit.Transfer) uint8 { return t.Type }))
	section(e, pick(tf, func(t transit.Transfer) transit.Seconds { return t.MinTime }))
}

// pick returns one field of every record.
func pick[R any, T elem](rs []R, f func(R) T) []T {
	out := make([]T, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

// decodeTimetable reads a timetable and checks its cross references, so
// that Day and the routers never index out of range.
func decodeTimetable(d *decoder) *transit.Timetable {
	tt := &transit.Timetable{}
	d.part = "timetable"

	agID := getStrings(d, "Agencies.ID", anyCount)
	na := len(agID)
	agName := getStrings(d, "Agencies.Name", na)
	agURL := getStrings(d, "Agencies.URL", na)
	agTZ := getStrings(d, "Agencies.Timezone", na)
	if d.err == nil && na > 0 {
		tt.Agencies = make([]gtfs.Agency, na)
		for i := range tt.Agencies {
			tt.Agencies[i] = gtfs.Agency{ID: agID[i], Name: agName[i], URL: agURL[i], Timezone: agTZ[i]}
		}
	}

	lon := get[float64](d, "Stops.Lon")
	ns := len(lon)
	lat := column[float64](d, "Stops.Lat", ns)
	stID := getStrings(d, "Stops.ID", ns)
	stName := getStrings(d, "Stops.Name", ns)
	locType := column[uint8](d, "Stops.LocationType", ns)
	parent := column[int32](d, "Stops.Parent", ns)
	checkIndices(d, "Stops.Parent", parent, -1, ns)
	if d.err == nil && ns > 0 {
		tt.Stops = make([]transit.Stop, ns)
		for i := range tt.Stops {
			tt.Stops[i] = transit.Stop{ID: stID[i], Name: stName[i], Lon: lon[i], Lat: lat[i], LocationType: locType[i], Parent: parent[i]}
		}
	}

	rType := get[int32](d, "Routes.Type")
	nr := len(rType)
	rID := getStrings(d, "Routes.ID", nr)
	rShort := getStrings(d, "Routes.ShortName", nr)
	rLong := getStrings(d, "Routes.LongName", nr)
	rAgency := column[int32](d, "Routes.Agency", nr)
	checkIndices(d, "Routes.Agency", rAgency, -1, na)
	if d.err == nil && nr > 0 {
		tt.Routes = make([]transit.Route, nr)
		for i := range tt.Routes {
			tt.Routes[i] = transit.Route{ID: rID[i], ShortName: rShort[i], LongName: rLong[i], Type: rType[i], Agency: rAgency[i]}
		}
	}

	tRoute := get[int32](d, "Trips.Route")
	nt := len(tRoute)
	tID := getStrings(d, "Trips.ID", nt)
	tService := column[int32](d, "Trips.Service", nt)
	tPattern := column[int32](d, "Trips.Pattern", nt)
	tHead := getStrings(d, "Trips.Headsign", nt)
	tTimes := column[int32](d, "Trips.Times", nt)
	tFreq := getBools(d, "Trips.Frequent", nt)

	svCal := getBools(d, "Services.HasCalendar", anyCount)
	nsv := len(svCal)
	svID := getStrings(d, "Services.ID", nsv)
	svDays := column[uint8](d, "Services.Weekdays", nsv)
	svStart := column[gtfs.Date](d, "Services.Start", nsv)
	svEnd := column[gtfs.Date](d, "Services.End", nsv)
	added := dateLists(d, "Services.Added", nsv)
	removed := dateLists(d, "Services.Removed", nsv)
	if d.err == nil && nsv > 0 {
		tt.Services = make([]transit.Service, nsv)
		for i := range tt.Services {
			tt.Services[i] = transit.Service{ID: svID[i], HasCalendar: svCal[i], Weekdays: svDays[i],
				Start: svStart[i], End: svEnd[i], Added: added[i], Removed: removed[i]}
		}
	}

	tt.PatternStart = get[int32](d, "PatternStart")
	tt.PatternStops = get[int32](d, "PatternStops")
	np := len(tt.PatternStart) - 1
	if d.err == nil && np < 0 {
		d.failf("PatternStart", ErrCorrupt, "no offsets")
	}
	tt.PatternRoute = column[int32](d, "PatternRoute", np)
	checkOffsets(d, "PatternStart", tt.PatternStart, len(tt.PatternStops))
	checkIndices(d, "PatternStops", tt.PatternStops, 0, ns)
	checkIndices(d, "PatternRoute", tt.PatternRoute, 0, nr)
	tt.Arr = get[transit.Seconds](d, "Arr")
	tt.Dep = column[transit.Seconds](d, "Dep", len(tt.Arr))

	checkIndices(d, "Trips.Route", tRoute, 0, nr)
	checkIndices(d, "Trips.Service", tService, 0, nsv)
	checkIndices(d, "Trips.Pattern", tPattern, 0, np)
	if d.err == nil {
		for i, off := range tTimes {
			p := tPattern[i]
			n := tt.PatternStart[p+1] - tt.PatternStart[p]
			if off < 0 || int64(off)+int64(n) > int64(len(tt.Arr)) {
				d.failf("Trips.Times", ErrCorrupt, "trip %d: stop times %d..%d outside the %d stored", i, off, int64(off)+int64(n), len(tt.Arr))
				break
			}
		}
	}
	if d.err == nil && nt > 0 {
		tt.Trips = make([]transit.Trip, nt)
		for i := range tt.Trips {
			tt.Trips[i] = transit.Trip{ID: tID[i], Route: tRoute[i], Service: tService[i], Pattern: tPattern[i],
				Headsign: tHead[i], Times: tTimes[i], Frequent: tFreq[i]}
		}
	}

	fTrip := get[int32](d, "Frequencies.Trip")
	nf := len(fTrip)
	fStart := column[transit.Seconds](d, "Frequencies.Start", nf)
	fEnd := column[transit.Seconds](d, "Frequencies.End", nf)
	fHead := column[transit.Seconds](d, "Frequencies.Headway", nf)
	fExact := getBools(d, "Frequencies.ExactTimes", nf)
	checkIndices(d, "Frequencies.Trip", fTrip, 0, nt)
	if d.err == nil {
		if !slices.IsSorted(fTrip) {
			d.failf("Frequencies.Trip", ErrCorrupt, "not sorted by trip")
		}
		for i, h := range fHead {
			if h <= 0 || fEnd[i] <= fStart[i] {
				d.failf("Frequencies", ErrCorrupt, "frequency %d: headway %d s from %d to %d s", i, h, fStart[i], fEnd[i])
				break
			}
		}
	}
	if d.err == nil && nf > 0 {
		tt.Frequencies = make([]transit.Frequency, nf)
		for i := range tt.Frequencies {
			tt.Frequencies[i] = transit.Frequency{Trip: fTrip[i], Start: fStart[i], End: fEnd[i], Headway: fHead[i], ExactTimes: fExact[i]}
		}
	}

	xFrom := get[int32](d, "Transfers.From")
	nx := len(xFrom)
	xTo := column[int32](d, "Transfers.To", nx)
	xType := column[uint8](d, "Transfers.Type", nx)
	xMin := column[transit.Seconds](d, "Transfers.MinTime", nx)
	checkIndices(d, "Transfers.From", xFrom, 0, ns)
	checkIndices(d, "Transfers.To", xTo, 0, ns)
	if d.err == nil && nx > 0 {
		tt.Transfers = make([]transit.Transfer, nx)
		for i := range tt.Transfers {
			tt.Transfers[i] = transit.Transfer{From: xFrom[i], To: xTo[i], Type: xType[i], MinTime: xMin[i]}
		}
	}
	if d.err != nil {
		return nil
	}
	return tt
}

// dateLists reads per-service date lists (lengths, then the dates).
func dateLists(d *decoder, field string, n int) [][]gtfs.Date {
	lens := column[uint32](d, field+" (lengths)", n)
	flat := get[gtfs.Date](d, field)
	if d.err != nil {
		return nil
	}
	out := make([][]gtfs.Date, n)
	pos := 0
	for i, l := range lens {
		if uint64(l) > uint64(len(flat)-pos) {
			d.failf(field, ErrCorrupt, "service %d: dates run past the end of the list", i)
			return nil
		}
		if l > 0 {
			out[i] = flat[pos : pos+int(l) : pos+int(l)]
			if !slices.IsSorted(out[i]) {
				d.failf(field, ErrCorrupt, "service %d: dates not sorted", i)
				return nil
			}
		}
		pos += int(l)
	}
	if pos != len(flat) {
		d.failf(field, ErrCorrupt, "%d dates left over", len(flat)-pos)
		return nil
	}
	return out
}
