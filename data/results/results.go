package results

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// File names in a results directory.
const (
	CellsFile    = "cells.geojson"
	RegionsFile  = "regions.geojson"
	SummaryFile  = "summary.csv"
	GapsFile     = "gaps.geojson"
	ServicesFile = "services.geojson"
	RunFile      = "run.json"
)

// Results is the content of one results directory.
type Results struct {
	Dir string
	Run Run

	// Categories and Modes are those of run.json, or, when it lists none,
	// those of summary.csv in order of first appearance.
	Categories []string
	Modes      []string
	// Groups are the population groups of summary.csv in order of first
	// appearance; analyse writes the total, "population", first.
	Groups []string
	// Thresholds are parameters.thresholds_min of run.json, increasing, or
	// when absent the distinct thresholds of summary.csv.
	Thresholds []Minutes
	// GapMin is parameters.gap_min of run.json, if given.
	GapMin Opt[Minutes]

	Regions  []Region // in the order of regions.geojson
	Summary  []SummaryRow
	Gaps     []Gap
	Services []Service

	// Raw feature collections for embedding.
	Cells         Collection
	RegionShapes  Collection
	GapShapes     Collection
	ServicePoints Collection

	// Measures are the rows of measures.csv; none when the file is absent.
	Measures []MeasureRow
	// Members are the rows of summary_members.csv: the figures of the
	// member areas of regions dissolved with --group-by; none when absent.
	Members []MemberRow

	stats    map[statKey]*Stat
	measures map[measureKey]Opt[float64]
}

// Stat gathers the summary rows of one region, group, category and mode.
// Within and Share are indexed like Results.Thresholds.
type Stat struct {
	Population  float64
	Unreachable float64
	MeanMin     Opt[Minutes]
	MedianMin   Opt[Minutes]
	P90Min      Opt[Minutes]
	Within      []float64
	Share       []Opt[float64]
}

type statKey struct{ region, group, category, mode string }

// Stat returns the statistics of a region (by id) for a group, category
// and mode; ok is false when summary.csv has no such rows.
func (r *Results) Stat(regionID, group, category, mode string) (Stat, bool) {
	s, ok := r.stats[statKey{regionID, group, category, mode}]
	if !ok {
		return Stat{}, false
	}
	return *s, true
}

// Load reads the results directory dir written by `saavu analyse --out dir`.
// Every file is required; errors are *Error values naming the file.
func Load(dir string) (*Results, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if err == nil {
			err = errors.New("not a directory")
		}
		return nil, fmt.Errorf("results: %s: %w (run %q to produce it)", dir, err, Producer+" "+dirOrDot(dir))
	}
	read := func(name string) ([]byte, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fileErr(dir, name, "", ErrMissing)
		}
		if err != nil {
			return nil, fileErr(dir, name, "", err)
		}
		return b, nil
	}
	res := &Results{Dir: dir}

	data, err := read(RunFile)
	if err != nil {
		return nil, err
	}
	if res.Run, res.Thresholds, res.GapMin, err = readRun(dir, data); err != nil {
		return nil, err
	}

	if data, err = read(RegionsFile); err != nil {
		return nil, err
	}
	if res.RegionShapes, res.Regions, err = readRegions(dir, data); err != nil {
		return nil, err
	}

	if data, err = read(SummaryFile); err != nil {
		return nil, err
	}
	if res.Summary, err = readSummary(dir, data); err != nil {
		return nil, err
	}
	if err := res.index(); err != nil {
		return nil, err
	}

	if data, err = read(CellsFile); err != nil {
		return nil, err
	}
	if res.Cells, err = readCells(dir, data, res.Categories, res.Modes); err != nil {
		return nil, err
	}
	if data, err = read(GapsFile); err != nil {
		return nil, err
	}
	if res.GapShapes, res.Gaps, err = readGaps(dir, data); err != nil {
		return nil, err
	}
	if data, err = read(ServicesFile); err != nil {
		return nil, err
	}
	if res.ServicePoints, res.Services, err = readServices(dir, data); err != nil {
		return nil, err
	}
	if data, err = read(MeasuresFile); err == nil {
		if res.Measures, err = readMeasures(dir, data); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, ErrMissing) {
		return nil, err
	}
	if data, err = read(MembersFile); err == nil {
		if res.Members, err = readMembers(dir, data); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, ErrMissing) {
		return nil, err
	}
	return res, nil
}

// index fills Categories, Modes, Groups and Thresholds where run.json
// leaves them out and groups the summary rows into Stats, checking that
// every row names a known region, category, mode and threshold.
func (r *Results) index() error {
	var cats, modes, groups []string
	var ths []Minutes
	for _, row := range r.Summary {
		if !slices.Contains(cats, row.Category) {
			cats = append(cats, row.Category)
		}
		if !slices.Contains(modes, row.Mode) {
			modes = append(modes, row.Mode)
		}
		if !slices.Contains(groups, row.Group) {
			groups = append(groups, row.Group)
		}
		if !slices.Contains(ths, row.ThresholdMin) {
			ths = append(ths, row.ThresholdMin)
		}
	}
	r.Categories = r.Run.Categories
	if len(r.Categories) == 0 {
		r.Categories = cats
	}
	r.Modes = r.Run.Modes
	if len(r.Modes) == 0 {
		r.Modes = modes
	}
	r.Groups = groups
	if len(r.Thresholds) == 0 {
		slices.Sort(ths)
		r.Thresholds = ths
	}

	regions := make(map[string]bool, len(r.Regions))
	for _, reg := range r.Regions {
		regions[reg.ID] = true
	}
	thIdx := make(map[Minutes]int, len(r.Thresholds))
	for i, t := range r.Thresholds {
		thIdx[t] = i
	}
	r.stats = make(map[statKey]*Stat)
	for _, row := range r.Summary {
		bad := func(field, format string, args ...any) error {
			return &Error{Dir: r.Dir, File: SummaryFile, Line: row.Line, Feature: -1, Field: field,
				Err: fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))}
		}
		switch {
		case !regions[row.RegionID]:
			return bad("region_id", "region %q is not in %s", row.RegionID, RegionsFile)
		case !slices.Contains(r.Categories, row.Category):
			return bad("category", "category %q is not in %s", row.Category, RunFile)
		case !slices.Contains(r.Modes, row.Mode):
			return bad("mode", "mode %q is not in %s", row.Mode, RunFile)
		}
		ti, ok := thIdx[row.ThresholdMin]
		if !ok {
			return bad("threshold_min", "threshold %v is not in parameters.thresholds_min of %s", float64(row.ThresholdMin), RunFile)
		}
		k := statKey{row.RegionID, row.Group, row.Category, row.Mode}
		s := r.stats[k]
		if s == nil {
			s = &Stat{Population: row.Population, Unreachable: row.Unreachable, MeanMin: row.MeanMin,
				MedianMin: row.MedianMin, P90Min: row.P90Min,
				Within: make([]float64, len(r.Thresholds)), Share: make([]Opt[float64], len(r.Thresholds))}
			for i := range s.Within {
				s.Within[i] = -1 // marks a threshold without a row
			}
			r.stats[k] = s
		}
		if s.Within[ti] >= 0 {
			return bad("threshold_min", "second row for region %q, group %q, %s by %s within %v min",
				row.RegionID, row.Group, row.Category, row.Mode, float64(row.ThresholdMin))
		}
		s.Within[ti], s.Share[ti] = row.Within, row.Share
	}
	for _, row := range r.Summary { // in file order, so the first gap found is reported
		s := r.stats[statKey{row.RegionID, row.Group, row.Category, row.Mode}]
		for i, w := range s.Within {
			if w < 0 {
				return &Error{Dir: r.Dir, File: SummaryFile, Line: row.Line, Feature: -1, Field: "threshold_min",
					Err: fmt.Errorf("%w: no row for region %q, group %q, %s by %s within %v min",
						ErrInvalid, row.RegionID, row.Group, row.Category, row.Mode, float64(r.Thresholds[i]))}
			}
		}
	}
	return nil
}
