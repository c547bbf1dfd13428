package analyse

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/ptaccess"
)

// A sharded run splits the cells, in grid order (south to north, west to
// east), into ShardCount slices of nearly equal size: bands of the grid, so
// that each shard works on nearby cells. Every shard loads the same inputs
// and network, computes the times of its own cells only and writes a part;
// saavu merge joins the parts and writes exactly the outputs of a single
// run. The 2SFCA needs every cell at once for its supply ratios: shards
// write their reach lists (the services within the catchment of each of
// their cells, with times), and merge runs both steps over all of them.

// ShardInfo is the slice of cells a sharded run computed.
type ShardInfo struct {
	Index, Count int
	Lo, Hi       int // cells Lo..Hi-1
}

// ShardRange returns the cells [lo, hi) of shard i of n over cells cells.
func ShardRange(cells, i, n int) (lo, hi int) {
	return cells * i / n, cells * (i + 1) / n
}

// PartName is the file name of shard i of n in the output folder.
func PartName(i, n int) string { return fmt.Sprintf("part-%d-of-%d.saavu-part", i, n) }

// partMagic starts every part file.
const partMagic = "saavu-part 1\n"

// part is what a shard writes: everything the outputs need, with the
// per-cell values of its own cells only.
type part struct {
	Options []byte // the run's options as JSON (without what cannot be stored)
	Key     string // digest of the options every shard must share
	Shard   ShardInfo

	Regions    []Region
	Cells      *Cells
	Services   []Service
	Categories []string
	Nearest    [][]access.Nearest // [mode][category], cells Lo..Hi-1
	Pct        [][][][]uint32     // [mode][category][percentile], cells Lo..Hi-1
	Why        [][][]uint8        // [mode][category], cells Lo..Hi-1
	TransitWhy [][]uint8          // Result.transitWhy, cells Lo..Hi-1
	Journeys   [][][]ptaccess.Shape
	Measures   [][]CellMeasures
	AllWithin  [][]bool
	RoundTrips *ptaccess.RoundTripResult // trips of cells Lo..Hi-1
	Counts     Counts
	Warnings   []string
	Notes      []string
	Inputs     []inputInfo
	// StreetAccess is Result.StreetAccess.
	StreetAccess string
}

// storedOptions is the part of Options a part keeps: the parameters that
// decide the outputs. Files, loggers and compiled networks are left out.
func storedOptions(o *Options) ([]byte, string, error) {
	c := *o
	c.Log, c.Progress, c.Prepared, c.Scenario = nil, nil, nil, nil
	c.Out, c.Workers, c.ShardIndex, c.ShardCount, c.Args = "", 0, 0, 0, nil
	if o.Transit != nil {
		t := *o.Transit
		t.Timetable, t.Day = nil, nil
		c.Transit = &t
	}
	b, err := json.Marshal(&c)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:]), nil
}

func cut[T any](s []T, lo, hi int) []T {
	if s == nil {
		return nil
	}
	return slices.Clone(s[lo:hi])
}

// WritePart writes the shard's part into o.Out (atomically).
func WritePart(res *Result, o *Options) error {
	sh := res.Shard
	if sh == nil {
		return errors.New("analyse: not a sharded run")
	}
	opts, key, err := storedOptions(o)
	if err != nil {
		return err
	}
	inputs, err := inputInfos(o)
	if err != nil {
		return err
	}
	p := part{Options: opts, Key: key, Shard: *sh, Regions: res.Regions, Cells: res.Cells, Services: res.Services,
		Categories: res.Categories, Counts: res.Counts, Warnings: res.Warnings, Notes: res.Notes, Inputs: inputs,
		StreetAccess: res.StreetAccess}
	lo, hi := sh.Lo, sh.Hi
	for _, per := range res.Nearest {
		row := make([]access.Nearest, len(per))
		for c, n := range per {
			row[c] = access.Nearest{TimeMs: cut(n.TimeMs, lo, hi), LenM: cut(n.LenM, lo, hi), Service: cut(n.Service, lo, hi)}
		}
		p.Nearest = append(p.Nearest, row)
	}
	for _, perMode := range res.Journeys {
		var mode [][]ptaccess.Shape
		for _, v := range perMode {
			mode = append(mode, cut(v, lo, hi))
		}
		p.Journeys = append(p.Journeys, mode)
	}
	for _, v := range res.transitWhy {
		p.TransitWhy = append(p.TransitWhy, cut(v, lo, hi))
	}
	for _, perMode := range res.Why {
		var mode [][]uint8
		for _, v := range perMode {
			mode = append(mode, cut(v, lo, hi))
		}
		p.Why = append(p.Why, mode)
	}
	for _, perMode := range res.Pct {
		var mode [][][]uint32
		for _, per := range perMode {
			row := make([][]uint32, len(per))
			for k, v := range per {
				row[k] = cut(v, lo, hi)
			}
			mode = append(mode, row)
		}
		p.Pct = append(p.Pct, mode)
	}
	for _, per := range res.Measures {
		row := make([]CellMeasures, len(per))
		for c, m := range per {
			cm := CellMeasures{FCA: cut(m.FCA, lo, hi), Gravity: cut(m.Gravity, lo, hi)}
			if r := m.FCAReach; r != nil {
				sub := r.Slice(lo, hi)
				cm.FCAReach = &sub
			}
			for _, v := range m.NthMs {
				cm.NthMs = append(cm.NthMs, cut(v, lo, hi))
			}
			for _, v := range m.Cumulative {
				cm.Cumulative = append(cm.Cumulative, cut(v, lo, hi))
			}
			row[c] = cm
		}
		p.Measures = append(p.Measures, row)
	}
	for _, v := range res.AllWithin {
		p.AllWithin = append(p.AllWithin, cut(v, lo, hi))
	}
	if rt := res.RoundTrips; rt != nil {
		c := *rt
		c.Trips = cut(rt.Trips, lo*rt.Categories, hi*rt.Categories)
		p.RoundTrips = &c
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return err
	}
	return outdir.WriteFileAtomic(partPath(o.Out, sh.Index, sh.Count), func(w io.Writer) error {
		if _, err := io.WriteString(w, partMagic); err != nil {
			return err
		}
		return gob.NewEncoder(w).Encode(&p)
	})
}

func partPath(dir string, i, n int) string { return dir + string(os.PathSeparator) + PartName(i, n) }

func readPart(path string) (*part, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(b, []byte(partMagic)) {
		return nil, fmt.Errorf("merge: %s is not a part written by saavu analyse --shard-count", path)
	}
	var p part
	if err := gob.NewDecoder(bytes.NewReader(b[len(partMagic):])).Decode(&p); err != nil {
		return nil, fmt.Errorf("merge: %s: damaged part: %w", path, err)
	}
	return &p, nil
}

// Merge reads the parts of a sharded run (every shard exactly once) and
// returns the full result and the run's options, ready for Write.
func Merge(paths []string) (*Result, *Options, error) {
	if len(paths) == 0 {
		return nil, nil, inputError(errors.New("merge: no parts given"))
	}
	parts := make([]*part, 0, len(paths))
	for _, p := range paths {
		pt, err := readPart(p)
		if err != nil {
			return nil, nil, inputError(err)
		}
		parts = append(parts, pt)
	}
	slices.SortFunc(parts, func(a, b *part) int { return a.Shard.Index - b.Shard.Index })
	n := parts[0].Shard.Count
	for i, pt := range parts {
		switch {
		case pt.Key != parts[0].Key:
			return nil, nil, inputError(fmt.Errorf("merge: %s: shard %d was run with other inputs or parameters than shard %d", paths[i], pt.Shard.Index, parts[0].Shard.Index))
		case pt.Shard.Count != n:
			return nil, nil, inputError(fmt.Errorf("merge: parts of runs split %d and %d ways", n, pt.Shard.Count))
		case pt.Shard.Index != i:
			return nil, nil, inputError(fmt.Errorf("merge: shard %d of %d is missing (or given twice): give every part once", i, n))
		}
	}
	if len(parts) != n {
		return nil, nil, inputError(fmt.Errorf("merge: %d parts given, the run has %d shards", len(parts), n))
	}
	o := &Options{}
	if err := json.Unmarshal(parts[0].Options, o); err != nil {
		return nil, nil, fmt.Errorf("merge: options: %w", err)
	}
	p0 := parts[0]
	cells := len(p0.Cells.Cell)
	res := &Result{Regions: p0.Regions, Cells: p0.Cells, Services: p0.Services, Categories: p0.Categories,
		Modes: o.Modes, Counts: p0.Counts, Warnings: p0.Warnings, Notes: p0.Notes, inputs: p0.Inputs,
		StreetAccess: p0.StreetAccess}
	res.Counts.CellsUnsnapped = map[string]int{}
	res.Nearest = make([][]access.Nearest, len(p0.Nearest))
	for m := range p0.Nearest {
		res.Nearest[m] = make([]access.Nearest, len(p0.Nearest[m]))
		for c := range p0.Nearest[m] {
			var nr access.Nearest
			for _, pt := range parts {
				x := pt.Nearest[m][c]
				nr.TimeMs = append(nr.TimeMs, x.TimeMs...)
				nr.LenM = append(nr.LenM, x.LenM...)
				nr.Service = append(nr.Service, x.Service...)
			}
			res.Nearest[m][c] = nr
		}
	}
	for _, pt := range parts {
		for k, v := range pt.Counts.CellsUnsnapped {
			res.Counts.CellsUnsnapped[k] += v
		}
	}
	if p0.Journeys != nil {
		res.Journeys = make([][][]ptaccess.Shape, len(p0.Journeys))
		for m := range p0.Journeys {
			if p0.Journeys[m] == nil {
				continue
			}
			res.Journeys[m] = make([][]ptaccess.Shape, len(p0.Journeys[m]))
			for c := range p0.Journeys[m] {
				for _, pt := range parts {
					if m >= len(pt.Journeys) || c >= len(pt.Journeys[m]) {
						return nil, nil, inputError(fmt.Errorf("merge: part %d of %d has no journeys for mode %d", pt.Shard.Index, pt.Shard.Count, m))
					}
					res.Journeys[m][c] = append(res.Journeys[m][c], pt.Journeys[m][c]...)
				}
			}
		}
	}
	for k := range p0.TransitWhy {
		var all []uint8
		for _, pt := range parts {
			if k >= len(pt.TransitWhy) {
				return nil, nil, inputError(fmt.Errorf("merge: part %d of %d has no transit reasons for nocar", pt.Shard.Index, pt.Shard.Count))
			}
			all = append(all, pt.TransitWhy[k]...)
		}
		res.transitWhy = append(res.transitWhy, all)
	}
	if p0.Why != nil {
		res.Why = make([][][]uint8, len(p0.Why))
		for m := range p0.Why {
			res.Why[m] = make([][]uint8, len(p0.Why[m]))
			for c := range p0.Why[m] {
				for _, pt := range parts {
					if m >= len(pt.Why) || c >= len(pt.Why[m]) {
						return nil, nil, inputError(fmt.Errorf("merge: part %d of %d has no reasons for mode %d", pt.Shard.Index, pt.Shard.Count, m))
					}
					res.Why[m][c] = append(res.Why[m][c], pt.Why[m][c]...)
				}
			}
		}
	}
	if p0.Pct != nil {
		res.Pct = make([][][][]uint32, len(p0.Pct))
		for m := range p0.Pct {
			if p0.Pct[m] == nil {
				continue
			}
			res.Pct[m] = make([][][]uint32, len(p0.Pct[m]))
			for c := range p0.Pct[m] {
				res.Pct[m][c] = make([][]uint32, len(p0.Pct[m][c]))
				for k := range p0.Pct[m][c] {
					for _, pt := range parts {
						if m >= len(pt.Pct) || c >= len(pt.Pct[m]) || k >= len(pt.Pct[m][c]) {
							return nil, nil, inputError(fmt.Errorf("merge: part %d of %d has no percentile times for mode %d", pt.Shard.Index, pt.Shard.Count, m))
						}
						res.Pct[m][c][k] = append(res.Pct[m][c][k], pt.Pct[m][c][k]...)
					}
				}
			}
		}
	}
	if p0.Measures != nil {
		res.Measures = make([][]CellMeasures, len(p0.Measures))
		for m := range p0.Measures {
			res.Measures[m] = make([]CellMeasures, len(p0.Measures[m]))
			for c := range p0.Measures[m] {
				var cm CellMeasures
				for _, pt := range parts {
					x := pt.Measures[m][c]
					cm.FCA = appendNonNil(cm.FCA, x.FCA)
					cm.Gravity = appendNonNil(cm.Gravity, x.Gravity)
					for r, v := range x.NthMs {
						if len(cm.NthMs) <= r {
							cm.NthMs = append(cm.NthMs, nil)
						}
						cm.NthMs[r] = append(cm.NthMs[r], v...)
					}
					for k, v := range x.Cumulative {
						if len(cm.Cumulative) <= k {
							cm.Cumulative = append(cm.Cumulative, nil)
						}
						cm.Cumulative[k] = append(cm.Cumulative[k], v...)
					}
				}
				if x := p0.Measures[m][c].FCAReach; x != nil {
					// The 2SFCA's global stage: supply ratios over every cell.
					lists := make([]access.Reach, len(parts))
					for k, pt := range parts {
						r := pt.Measures[m][c].FCAReach
						if r == nil {
							return nil, nil, inputError(fmt.Errorf("merge: shard %d holds no 2SFCA reach lists but shard %d does: not parts of one run", pt.Shard.Index, p0.Shard.Index))
						}
						lists[k] = *r
					}
					full, err := access.JoinReach(lists)
					if err != nil {
						return nil, nil, inputError(fmt.Errorf("merge: 2SFCA reach lists: %w", err))
					}
					supply := make([]float64, len(p0.Services))
					for i, s := range p0.Services {
						supply[i] = s.Capacity
					}
					if o.Measures.FCA == nil {
						return nil, nil, errors.New("merge: parts hold 2SFCA reach lists but no 2SFCA options")
					}
					f, err := access.TwoStepFCA(full, p0.Cells.Weight[0], supply, *o.Measures.FCA)
					if err != nil {
						return nil, nil, err
					}
					cm.FCA = f.Access
				}
				res.Measures[m][c] = cm
			}
		}
	}
	if p0.AllWithin != nil {
		res.AllWithin = make([][]bool, len(p0.AllWithin))
		for m := range p0.AllWithin {
			for _, pt := range parts {
				res.AllWithin[m] = append(res.AllWithin[m], pt.AllWithin[m]...)
			}
		}
	}
	if p0.RoundTrips != nil {
		rt := *p0.RoundTrips
		rt.Trips = nil
		for _, pt := range parts {
			rt.Trips = append(rt.Trips, pt.RoundTrips.Trips...)
		}
		res.RoundTrips = &rt
	}
	if len(res.Nearest) > 0 && len(res.Nearest[0]) > 0 && len(res.Nearest[0][0].TimeMs) != cells {
		return nil, nil, fmt.Errorf("merge: the parts hold %d cells, the run has %d", len(res.Nearest[0][0].TimeMs), cells)
	}
	summarise(res, o)
	return res, o, nil
}

func appendNonNil(dst, src []float64) []float64 {
	if src == nil {
		return dst
	}
	return append(dst, src...)
}
