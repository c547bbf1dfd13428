package results

import (
	"fmt"
)

// MeasuresFile holds the regional means of the measures beyond the
// nearest service (n-th nearest, cumulative, 2SFCA, gravity, journeys,
// round trips, all within). Runs without such measures, and older runs,
// have none: it is optional.
const MeasuresFile = "measures.csv"

// measuresHeader is the header of measures.csv, in the order analyse writes it.
var measuresHeader = []string{"region_id", "region", "group", "category", "mode", "measure", "value"}

// MeasureRow is one row of measures.csv: the population-weighted mean of
// a measure over the cells of a region, for a group, category and mode.
// Category is "all" for the all-within measure.
type MeasureRow struct {
	Line     int
	RegionID string
	Region   string
	Group    string
	Category string
	Mode     string
	Measure  string       // e.g. "median_min_2", "mean_within_30", "fca_per_1000", "share_round_trip"
	Value    Opt[float64] // null when the region has no population
}

// readMeasures parses measures.csv; columns are found by name.
func readMeasures(dir string, data []byte) ([]MeasureRow, error) {
	bad := func(line int, field string, err error) error {
		return &Error{Dir: dir, File: MeasuresFile, Line: line, Feature: -1, Field: field, Err: err}
	}
	var rows []MeasureRow
	_, err := csvTable(dir, MeasuresFile, data, measuresHeader, func(rec []string, line int, idx []int, _ map[string]int) error {
		get := func(i int) string { return rec[idx[i]] }
		row := MeasureRow{Line: line, RegionID: get(0), Region: get(1), Group: get(2), Category: get(3), Mode: get(4), Measure: get(5)}
		if row.RegionID == "" || row.Measure == "" {
			return bad(line, "measure", fmt.Errorf("%w: empty region_id or measure", ErrInvalid))
		}
		var err error
		if row.Value, err = parseOpt[float64](get(6)); err != nil {
			return bad(line, "value", err)
		}
		rows = append(rows, row)
		return nil
	})
	return rows, err
}

// MeasureNames returns the measures of measures.csv in order of first
// appearance.
func (r *Results) MeasureNames() []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range r.Measures {
		if !seen[m.Measure] {
			seen[m.Measure] = true
			out = append(out, m.Measure)
		}
	}
	return out
}

type measureKey struct{ region, group, category, mode, measure string }

// Measure returns the value of a measure for a region (by id), group,
// category and mode; ok is false when measures.csv has no such row.
func (r *Results) Measure(regionID, group, category, mode, measure string) (Opt[float64], bool) {
	if r.measures == nil {
		r.measures = make(map[measureKey]Opt[float64], len(r.Measures))
		for _, m := range r.Measures {
			r.measures[measureKey{m.RegionID, m.Group, m.Category, m.Mode, m.Measure}] = m.Value
		}
	}
	v, ok := r.measures[measureKey{regionID, group, category, mode, measure}]
	return v, ok
}
