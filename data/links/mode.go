package links

import (
	"strconv"
	"strings"
)

// modeTypes maps mode names to GTFS route_type values.
var modeTypes = map[string]int32{
	"tram": 0, "light rail": 0, "metro": 1, "subway": 1, "rail": 2, "train": 2,
	"bus": 3, "ferry": 4, "boat": 4, "cable tram": 5, "cable": 6, "gondola": 6,
	"aerial lift": 6, "funicular": 7, "trolleybus": 11, "monorail": 12,
}

// ParseMode parses a mode name or a GTFS route_type number; empty is bus.
func ParseMode(s string) (int32, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 3, nil
	}
	if t, ok := modeTypes[s]; ok {
		return t, nil
	}
	if n, err := strconv.ParseInt(s, 10, 32); err == nil && n >= 0 && n < 2000 {
		return int32(n), nil
	}
	return 0, errorf(ErrBadValue, "%q is not a mode (bus, tram, metro, rail, ferry, ... or a GTFS route_type)", s)
}
