package results

import (
	"fmt"
	"strconv"
)

// SummaryHeader is the header of summary.csv, in the order analyse writes it.
var SummaryHeader = []string{"region_id", "region", "group", "category", "mode", "threshold_min",
	"population", "within", "share", "unreachable", "mean_min", "median_min", "p90_min"}

// SummaryRow is one row of summary.csv: the population of a group in a
// region, and how much of it reaches the nearest service of a category by a
// mode within a threshold.
type SummaryRow struct {
	Line         int // 1-based line in summary.csv
	RegionID     string
	Region       string
	Group        string
	Category     string
	Mode         string
	ThresholdMin Minutes
	Population   float64      // persons in the region and group
	Within       float64      // persons reaching a service within ThresholdMin
	Share        Opt[float64] // Within / Population; null when Population is 0
	Unreachable  float64      // persons with no service reachable at all
	MeanMin      Opt[Minutes] // over the persons who reach a service
	MedianMin    Opt[Minutes]
	P90Min       Opt[Minutes]
}

func errNotNumber(s string) error {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return fmt.Errorf("%w: %q is not a number", ErrInvalid, s)
}

// readSummary parses summary.csv. Columns are found by name, so extra
// columns are ignored and the order may change; every column of
// SummaryHeader must be present.
func readSummary(dir string, data []byte) ([]SummaryRow, error) {
	var rows []SummaryRow
	empty, err := csvTable(dir, SummaryFile, data, SummaryHeader, func(rec []string, line int, idx []int, _ map[string]int) error {
		row, field, err := parseSummaryRow(rec, idx)
		if err != nil {
			return &Error{Dir: dir, File: SummaryFile, Line: line, Feature: -1, Field: field, Err: err}
		}
		row.Line = line
		rows = append(rows, row)
		return nil
	})
	if empty {
		return nil, fileErr(dir, SummaryFile, "", fmt.Errorf("%w: empty file, want a header", ErrInvalid))
	}
	return rows, err
}

// parseSummaryRow converts one record; idx maps SummaryHeader positions to
// record positions. On error it returns the column name at fault.
func parseSummaryRow(rec []string, idx []int) (SummaryRow, string, error) {
	get := func(i int) string { return rec[idx[i]] }
	var r SummaryRow
	strs := []*string{&r.RegionID, &r.Region, &r.Group, &r.Category, &r.Mode}
	for i, p := range strs {
		*p = get(i)
		if *p == "" && i != 1 { // a region may have no name
			return r, SummaryHeader[i], fmt.Errorf("%w: empty", ErrInvalid)
		}
	}
	nums := []struct {
		i   int
		dst *float64
	}{{5, (*float64)(&r.ThresholdMin)}, {6, &r.Population}, {7, &r.Within}, {9, &r.Unreachable}}
	for _, n := range nums {
		v, err := strconv.ParseFloat(get(n.i), 64)
		if err != nil {
			return r, SummaryHeader[n.i], errNotNumber(get(n.i))
		}
		if v < 0 {
			return r, SummaryHeader[n.i], fmt.Errorf("%w: %v is negative", ErrInvalid, v)
		}
		*n.dst = v
	}
	var err error
	if r.Share, err = parseOpt[float64](get(8)); err != nil {
		return r, "share", err
	}
	if r.Share.Valid && (r.Share.Value < 0 || r.Share.Value > 1.0000001) {
		return r, "share", fmt.Errorf("%w: %v is outside 0..1", ErrInvalid, r.Share.Value)
	}
	opts := []struct {
		i   int
		dst *Opt[Minutes]
	}{{10, &r.MeanMin}, {11, &r.MedianMin}, {12, &r.P90Min}}
	for _, o := range opts {
		if *o.dst, err = parseOpt[Minutes](get(o.i)); err != nil {
			return r, SummaryHeader[o.i], err
		}
	}
	return r, "", nil
}
