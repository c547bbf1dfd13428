package links

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Limits that keep a typing slip from producing absurd lines.
const (
	maxLegMinutes = 24 * 60
	maxDepartures = 5000
	minHeadway    = time.Minute
)

// columns are the indices of the known columns in a header, -1 when
// absent.
type columns struct {
	line, mode, stops, minutes, headway, first, last, departures, days, direction int
}

// parseHeader locates the columns, requiring line, stops and minutes.
func parseHeader(head []string) (columns, error) {
	c := columns{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1}
	ptr := map[string]*int{
		"line": &c.line, "mode": &c.mode, "stops": &c.stops, "minutes": &c.minutes,
		"headway_min": &c.headway, "first": &c.first, "last": &c.last,
		"departures": &c.departures, "days": &c.days, "direction": &c.direction,
	}
	for i, h := range head {
		if p, ok := ptr[strings.ToLower(strings.TrimSpace(h))]; ok && *p < 0 {
			*p = i
		}
	}
	for _, req := range []string{"line", "stops", "minutes"} {
		if *ptr[req] < 0 {
			return c, &RowError{Field: req, Err: errorf(ErrMissingColumn, "required column is missing")}
		}
	}
	return c, nil
}

// get returns field i trimmed, "" when absent.
func get(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// fieldErr makes a RowError about a field (file and line filled by Read).
func fieldErr(field, format string, args ...any) error {
	return &RowError{Field: field, Err: errorf(ErrBadValue, format, args...)}
}

// parseRow parses one data row. Its errors are *RowError without file and
// line.
func (c columns) parseRow(rec []string) (Line, error) {
	var l Line
	l.Name = get(rec, c.line)
	if l.Name == "" {
		return l, fieldErr("line", "empty line name")
	}
	var err error
	if l.RouteType, err = ParseMode(get(rec, c.mode)); err != nil {
		return l, &RowError{Field: "mode", Err: err}
	}
	if l.Stops, err = parseStops(get(rec, c.stops)); err != nil {
		return l, &RowError{Field: "stops", Err: err}
	}
	if l.Legs, err = parseLegs(get(rec, c.minutes), len(l.Stops)-1); err != nil {
		return l, &RowError{Field: "minutes", Err: err}
	}
	if l.Departures, err = c.parseService(rec); err != nil {
		return l, err
	}
	if l.Days, err = ParseWeekdays(get(rec, c.days)); err != nil {
		return l, &RowError{Field: "days", Err: err}
	}
	switch strings.ToLower(get(rec, c.direction)) {
	case "", "both":
		l.Both = true
	case "one-way", "oneway":
	default:
		return l, fieldErr("direction", "%q is neither both nor one-way", get(rec, c.direction))
	}
	return l, nil
}

// parseStops parses "Name@lon lat|Name@lon lat|...".
func parseStops(s string) ([]Stop, error) {
	parts := strings.Split(s, "|")
	if len(parts) < 2 {
		return nil, errorf(ErrBadValue, "need at least two stops separated by |, got %q", s)
	}
	stops := make([]Stop, 0, len(parts))
	for i, p := range parts {
		at := strings.LastIndexByte(p, '@')
		if at < 0 {
			return nil, errorf(ErrBadValue, "stop %d %q: expected Name@lon lat", i+1, strings.TrimSpace(p))
		}
		name := strings.TrimSpace(p[:at])
		// "lon lat" (a decimal comma is allowed there) or "lon,lat".
		coords := strings.Fields(p[at+1:])
		if len(coords) == 1 {
			coords = strings.Split(coords[0], ",")
		} else {
			for k := range coords {
				coords[k] = strings.Replace(coords[k], ",", ".", 1)
			}
		}
		if name == "" || len(coords) != 2 {
			return nil, errorf(ErrBadValue, "stop %d %q: expected Name@lon lat", i+1, strings.TrimSpace(p))
		}
		lon, err1 := strconv.ParseFloat(coords[0], 64)
		lat, err2 := strconv.ParseFloat(coords[1], 64)
		if err1 != nil || err2 != nil || !(math.Abs(lon) <= 180) || !(math.Abs(lat) <= 90) {
			return nil, errorf(ErrBadValue, "stop %d %q: longitude and latitude must be numbers within ±180 and ±90", i+1, strings.TrimSpace(p))
		}
		if lon >= 59 && lon <= 71 && lat >= 19 && lat <= 32 {
			return nil, errorf(ErrBadValue, "stop %d %q: lon %s, lat %s look swapped (Finland is lon 19..32, lat 59..71): write the longitude first",
				i+1, strings.TrimSpace(p), coords[0], coords[1])
		}
		stops = append(stops, Stop{Name: name, Lon: lon, Lat: lat})
	}
	return stops, nil
}

// parseLegs parses one value for all legs, or one per leg.
func parseLegs(s string, legs int) ([]time.Duration, error) {
	parts := strings.Split(s, "|")
	if len(parts) != 1 && len(parts) != legs {
		return nil, errorf(ErrBadValue, "expected one value or %d (one per leg), got %d", legs, len(parts))
	}
	out := make([]time.Duration, legs)
	for i := range out {
		p := parts[0]
		if len(parts) > 1 {
			p = parts[i]
		}
		d, err := parseMinutes(p, 0, maxLegMinutes)
		if err != nil {
			return nil, err
		}
		out[i] = d
	}
	return out, nil
}

// parseMinutes parses decimal minutes in [lo, hi] into whole seconds.
func parseMinutes(s string, lo, hi float64) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, ",") && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v >= lo && v <= hi) {
		return 0, errorf(ErrBadValue, "%q is not a number of minutes between %g and %g", s, lo, hi)
	}
	return time.Duration(math.Round(v*60)) * time.Second, nil
}

// parseService returns the departures of a row, from a headway or a list.
func (c columns) parseService(rec []string) ([]time.Duration, error) {
	headway, first, last, list := get(rec, c.headway), get(rec, c.first), get(rec, c.last), get(rec, c.departures)
	hasHeadway := headway != "" || first != "" || last != ""
	switch {
	case hasHeadway && list != "":
		return nil, fieldErr("departures", "give either departures or headway_min with first and last, not both")
	case list != "":
		var deps []time.Duration
		for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ' ' || r == '|' || r == '\t' }) {
			d, err := ParseClock(f)
			if err != nil {
				return nil, &RowError{Field: "departures", Err: err}
			}
			deps = append(deps, d)
		}
		if len(deps) > maxDepartures {
			return nil, fieldErr("departures", "more than %d departures", maxDepartures)
		}
		slices.Sort(deps)
		return slices.Compact(deps), nil
	case hasHeadway:
		h, err := parseMinutes(headway, minHeadway.Minutes(), maxLegMinutes)
		if err != nil {
			return nil, &RowError{Field: "headway_min", Err: err}
		}
		f, err := ParseClock(first)
		if err != nil {
			return nil, &RowError{Field: "first", Err: err}
		}
		to, err := ParseClock(last)
		if err != nil {
			return nil, &RowError{Field: "last", Err: err}
		}
		if to < f {
			return nil, fieldErr("last", "%s is before first %s", FormatClock(to), FormatClock(f))
		}
		if int((to-f)/h) >= maxDepartures {
			return nil, fieldErr("headway_min", "more than %d departures", maxDepartures)
		}
		var deps []time.Duration
		for d := f; d <= to; d += h {
			deps = append(deps, d)
		}
		return deps, nil
	}
	return nil, fieldErr("departures", "no service: give departures, or headway_min with first and last")
}

// maxClockHours bounds departure times (two days).
const maxClockHours = 48

// ParseClock parses a departure time "H:MM", "HH:MM" or "HH:MM:SS" (a
// point may stand for the colon: "6.15") as the time since midnight.
// Hours may pass 24 for departures after midnight, up to 47.
func ParseClock(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == ':' || r == '.' })
	bad := func(why string) error { return errorf(ErrBadValue, "%q is not a time (%s)", t, why) }
	if len(parts) < 2 || len(parts) > 3 || strings.Count(t, ":")+strings.Count(t, ".") != len(parts)-1 {
		return 0, bad("expected H:MM")
	}
	var v [3]int
	for i, p := range parts {
		if len(p) == 0 || len(p) > 2 || (i > 0 && len(p) != 2) {
			return 0, bad("expected H:MM")
		}
		for _, r := range p {
			if r < '0' || r > '9' {
				return 0, bad("expected H:MM")
			}
			v[i] = v[i]*10 + int(r-'0')
		}
	}
	switch {
	case v[0] >= maxClockHours:
		return 0, bad("hours must be < 48")
	case v[1] >= 60:
		return 0, bad("minutes must be < 60")
	case v[2] >= 60:
		return 0, bad("seconds must be < 60")
	}
	return time.Duration(v[0])*time.Hour + time.Duration(v[1])*time.Minute + time.Duration(v[2])*time.Second, nil
}

// FormatClock writes a time since midnight as "HH:MM" or "HH:MM:SS".
func FormatClock(d time.Duration) string {
	s := int(d / time.Second)
	if s%60 != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/3600, s/60%60)
}
