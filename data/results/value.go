package results

import (
	"encoding/json"
	"strconv"
)

// Minutes is a travel time or threshold in minutes.
type Minutes float64

// Opt is a value the files may leave null (JSON null, empty CSV field):
// an unreachable time, the share of a region without population.
type Opt[T ~float64] struct {
	Value T
	Valid bool
}

// Some returns a valid Opt holding v.
func Some[T ~float64](v T) Opt[T] { return Opt[T]{Value: v, Valid: true} }

// parseOpt parses a CSV field: "" is null, anything else must be a number.
func parseOpt[T ~float64](s string) (Opt[T], error) {
	if s == "" {
		return Opt[T]{}, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return Opt[T]{}, errNotNumber(s)
	}
	return Some(T(v)), nil
}

// jsonOpt decodes a raw JSON value that must be a number or null; an absent
// member (nil raw) is null too.
func jsonOpt[T ~float64](raw json.RawMessage) (Opt[T], bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return Opt[T]{}, true
	}
	var v float64
	if err := json.Unmarshal(raw, &v); err != nil {
		return Opt[T]{}, false
	}
	return Some(T(v)), true
}
