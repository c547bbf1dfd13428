package graph

import (
	"math"
	"strconv"
	"strings"
)

// ParseMaxspeed reads an OSM maxspeed value in km/h. It accepts a number
// ("50", "50 km/h", "50kmh"), miles per hour ("30 mph") and knots
// ("10 knots"); zone values "XX:zoneNN", "XX:zone:NN" and "XX:zone NN";
// and the symbolic values in symbolic, keyed in lower case ("fi:urban").
// Of several values ("50;60") the first is read. It reports false for
// "none", "signals", "variable" and anything it cannot read, and for speeds
// outside (0, 300] km/h; the caller then uses its class default.
func ParseMaxspeed(v string, symbolic map[string]float64) (kmh float64, ok bool) {
	if i := strings.IndexByte(v, ';'); i >= 0 {
		v = v[:i]
	}
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" {
		return 0, false
	}
	if s, found := symbolic[v]; found {
		return checkKmh(s)
	}
	if i := strings.Index(v, ":zone"); i >= 0 {
		rest := strings.TrimLeft(v[i+len(":zone"):], ": ")
		n, err := strconv.ParseFloat(rest, 64)
		if err != nil {
			return 0, false
		}
		return checkKmh(n)
	}
	end := 0
	for end < len(v) && (v[end] >= '0' && v[end] <= '9' || v[end] == '.') {
		end++
	}
	if end == 0 {
		return 0, false
	}
	n, err := strconv.ParseFloat(v[:end], 64)
	if err != nil {
		return 0, false
	}
	switch strings.TrimSpace(v[end:]) {
	case "", "km/h", "kmh", "kph":
	case "mph":
		n *= 1.609344
	case "knots":
		n *= 1.852
	default:
		return 0, false
	}
	return checkKmh(n)
}

func checkKmh(n float64) (float64, bool) {
	if !(n > 0 && n <= 300) || math.IsNaN(n) {
		return 0, false
	}
	return n, true
}
