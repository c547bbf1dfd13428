package graph

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// maxFerryDuration bounds a readable duration tag; longer values are
// treated as unreadable.
const maxFerryDuration = 48 * time.Hour

// ParseDuration reads an OSM duration value: "HH:MM", "H:MM:SS", a number
// of minutes ("20", "7.5"), a number with a unit ("20 min", "1 h") or
// ISO 8601 ("PT20M", "PT1H30M", "P1DT2H"). Of several values ("0:20;0:30")
// the first is read. It reports false for anything else and for durations
// that are not positive or longer than 48 hours.
func ParseDuration(v string) (time.Duration, bool) {
	if i := strings.IndexByte(v, ';'); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	var secs float64
	var ok bool
	switch {
	case v[0] == 'P' || v[0] == 'p':
		secs, ok = parseISODuration(v[1:])
	case strings.Contains(v, ":"):
		secs, ok = parseClock(v)
	default:
		secs, ok = parseMinutes(v)
	}
	if !ok || !(secs > 0) || secs > maxFerryDuration.Seconds() {
		return 0, false
	}
	// A positive value too small for a nanosecond ("0.000000000001"
	// minutes) is not a duration either.
	d := time.Duration(math.Round(secs * 1e9))
	if d <= 0 {
		return 0, false
	}
	return d, true
}

// parseClock reads "H:MM" (hours and minutes) or "H:MM:SS".
func parseClock(v string) (float64, bool) {
	parts := strings.Split(v, ":")
	if len(parts) != 2 && len(parts) != 3 {
		return 0, false
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 3 {
			return 0, false
		}
		x, err := strconv.Atoi(p)
		if err != nil || x < 0 || p[0] == '+' || p[0] == '-' {
			return 0, false
		}
		if i > 0 && x >= 60 {
			return 0, false
		}
		n[i] = x
	}
	return float64(n[0]*3600 + n[1]*60 + n[2]), true
}

// parseMinutes reads "20", "7.5", "20 min", "1 h", "90 s".
func parseMinutes(v string) (float64, bool) {
	end := 0
	for end < len(v) && (v[end] >= '0' && v[end] <= '9' || v[end] == '.') {
		end++
	}
	if end == 0 {
		return 0, false
	}
	x, err := strconv.ParseFloat(v[:end], 64)
	if err != nil {
		return 0, false
	}
	switch strings.ToLower(strings.TrimSpace(v[end:])) {
	case "", "min", "mins", "minute", "minutes":
		return x * 60, true
	case "h", "hr", "hrs", "hour", "hours":
		return x * 3600, true
	case "s", "sec", "secs", "second", "seconds":
		return x, true
	}
	return 0, false
}

// parseISODuration reads the part of an ISO 8601 duration after "P":
// [nD][T[nH][nM][nS]], numbers possibly with a decimal fraction.
func parseISODuration(v string) (float64, bool) {
	v = strings.ToUpper(v)
	var secs float64
	inTime := false
	units := "D" // units still allowed, in order
	seen := false
	for len(v) > 0 {
		if v[0] == 'T' {
			if inTime {
				return 0, false
			}
			inTime, units = true, "HMS"
			v = v[1:]
			continue
		}
		end := 0
		for end < len(v) && (v[end] >= '0' && v[end] <= '9' || v[end] == '.') {
			end++
		}
		if end == 0 || end == len(v) {
			return 0, false
		}
		x, err := strconv.ParseFloat(v[:end], 64)
		if err != nil {
			return 0, false
		}
		u := v[end]
		i := strings.IndexByte(units, u)
		if i < 0 {
			return 0, false
		}
		units = units[i+1:]
		switch u {
		case 'D':
			secs += x * 86400
		case 'H':
			secs += x * 3600
		case 'M':
			secs += x * 60
		case 'S':
			secs += x
		}
		seen = true
		v = v[end+1:]
	}
	return secs, seen
}
