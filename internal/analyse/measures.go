package analyse

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/travel"
)

// Measures are the accessibility measures beyond the nearest service,
// computed for every mode; the timetabled modes (transit, nocar) use
// their main percentile (TransitOptions.MainPercentile).
type Measures struct {
	// NthNearest > 1 adds the time to the 2nd (and 3rd) nearest service.
	NthNearest int
	// CumulativeMin are cut-offs for cumulative opportunities: the number
	// of services (or their capacity, with CumulativeCapacity) within each.
	CumulativeMin      []float64
	CumulativeCapacity bool
	// FCA, when set, computes the two-step floating catchment area measure
	// with this decay and catchment, service capacity as supply.
	FCA *access.Decay
	// Gravity, when set, computes the gravity measure with capacity as
	// supply, over services within GravityMaxMin minutes.
	Gravity       *access.Impedance
	GravityMaxMin float64
	// AllWithinMin > 0 reports, per cell, whether every category in
	// AllCategories (default: all) is within that many minutes.
	AllWithinMin  float64
	AllCategories []string
}

// any reports whether a measure beyond the nearest time is asked for.
func (m *Measures) any() bool {
	return m.NthNearest > 1 || len(m.CumulativeMin) > 0 || m.FCA != nil || m.Gravity != nil
}

// reachLimitMin is the search bound the reach lists need.
func (m *Measures) reachLimitMin() float64 {
	l := 0.0
	for _, c := range m.CumulativeMin {
		l = max(l, c)
	}
	if m.FCA != nil {
		l = max(l, m.FCA.Catchment())
	}
	if m.Gravity != nil {
		l = max(l, m.GravityMaxMin)
	}
	return l
}

func (m *Measures) validate() error {
	if m.NthNearest < 1 || m.NthNearest > 3 {
		return fmt.Errorf("--nth %d: give 1, 2 or 3", m.NthNearest)
	}
	for i, c := range m.CumulativeMin {
		if !(c > 0) || (i > 0 && c <= m.CumulativeMin[i-1]) {
			return fmt.Errorf("--cumulative %v: cut-offs must be positive and increasing", m.CumulativeMin)
		}
	}
	if m.FCA != nil {
		if err := m.FCA.Validate(); err != nil {
			return fmt.Errorf("--fca: %w", err)
		}
	}
	if m.Gravity != nil {
		if err := m.Gravity.Validate(); err != nil {
			return fmt.Errorf("--gravity: %w", err)
		}
		if !(m.GravityMaxMin > 0) {
			return fmt.Errorf("--gravity-max %g: must be > 0 minutes", m.GravityMaxMin)
		}
	}
	if m.AllWithinMin < 0 {
		return fmt.Errorf("--all-within %g: must be >= 0 minutes", m.AllWithinMin)
	}
	return nil
}

// CellMeasures are the measures of every cell for one mode and category.
type CellMeasures struct {
	NthMs      [][]uint32  // [rank-1][cell] for ranks 2..NthNearest
	Cumulative [][]float64 // [cut-off][cell]
	FCA        []float64   // supply per resident
	Gravity    []float64
	// FCAReach holds, in a sharded run, the shard's reach lists the 2SFCA
	// needs: its supply ratios need every cell, so they are computed
	// when the parts are merged.
	FCAReach *access.Reach
}

// computeMeasures fills res.Measures and res.AllWithin for every mode,
// reading each mode's travel-time source (at its main percentile for the
// timetabled modes).
func computeMeasures(ctx context.Context, o *Options, res *Result, srcs []travel.Source) error {
	ms := &o.Measures
	res.Measures = make([][]CellMeasures, len(o.Modes))
	supply := make([]float64, len(res.Services))
	for i, s := range res.Services {
		supply[i] = s.Capacity
	}
	limit := uint32(ms.reachLimitMin() * 60000)
	type task struct{ m, c int }
	var tasks []task
	for m := range o.Modes {
		res.Measures[m] = make([]CellMeasures, len(res.Categories))
		if !ms.any() {
			continue
		}
		for c := range res.Categories {
			tasks = append(tasks, task{m, c})
		}
	}
	errs := make([]error, len(tasks))
	runParallel(len(tasks), o.Workers, func(k int) {
		t := tasks[k]
		src := srcs[t.m]
		main := src.Main()
		cm := &res.Measures[t.m][t.c]
		if ms.NthNearest > 1 {
			nk, err := src.NearestK(ctx, t.c, ms.NthNearest, main)
			if err != nil {
				errs[k] = err
				return
			}
			for r := 1; r < ms.NthNearest; r++ {
				col := make([]uint32, nk.Len())
				for i := range col {
					col[i], _ = nk.At(i, r)
				}
				cm.NthMs = append(cm.NthMs, col)
			}
		}
		if limit == 0 {
			return
		}
		reach, err := src.Reach(ctx, t.c, limit, main)
		if err != nil {
			errs[k] = err
			return
		}
		if len(ms.CumulativeMin) > 0 {
			w := make([]float64, len(supply))
			for i := range w {
				w[i] = 1
				if ms.CumulativeCapacity {
					w[i] = supply[i]
				}
			}
			op, err := access.Cumulative(reach, w, ms.CumulativeMin)
			if err != nil {
				errs[k] = err
				return
			}
			for c := range ms.CumulativeMin {
				cm.Cumulative = append(cm.Cumulative, op.Column(c))
			}
		}
		if ms.FCA != nil && res.Shard != nil {
			r := reach
			cm.FCAReach = &r
		} else if ms.FCA != nil {
			f, err := access.TwoStepFCA(reach, res.Cells.Weight[0], supply, *ms.FCA)
			if err != nil {
				errs[k] = err
				return
			}
			cm.FCA = f.Access
		}
		if ms.Gravity != nil {
			gr, err := access.Gravity(reach, supply, *ms.Gravity)
			if err != nil {
				errs[k] = err
				return
			}
			cm.Gravity = gr
		}
	})
	for _, err := range errs {
		if err != nil {
			return sourceErr(ctx, err)
		}
	}
	if ms.AllWithinMin > 0 {
		cats := ms.AllCategories
		if len(cats) == 0 {
			cats = res.Categories
		}
		res.AllWithin = make([][]bool, len(o.Modes))
		for m := range o.Modes {
			var times [][]uint32
			for _, c := range cats {
				ci := slices.Index(res.Categories, c)
				if ci < 0 {
					return inputError(fmt.Errorf("--all-categories: unknown category %q", c))
				}
				times = append(times, res.Nearest[m][ci].TimeMs)
			}
			aw, err := access.AllWithin(times, uint32(ms.AllWithinMin*60000))
			if err != nil {
				return err
			}
			res.AllWithin[m] = aw
		}
	}
	return nil
}

// weightedMean is the population-weighted mean of v over region r's
// cells (NaN for none).
func weightedMean(v []float64, w []float64, region []int32, r int) float64 {
	var s, sw float64
	for i, x := range v {
		if region[i] == int32(r) && w[i] > 0 && !math.IsNaN(x) {
			s += x * w[i]
			sw += w[i]
		}
	}
	if sw == 0 {
		return math.NaN()
	}
	return s / sw
}

// measure returns the measures of mode m and category c (empty when none
// were computed).
func (res *Result) measure(m, c int) CellMeasures {
	if m < len(res.Measures) && c < len(res.Measures[m]) {
		return res.Measures[m][c]
	}
	return CellMeasures{}
}

// pct returns the per-percentile times of mode m and category c (nil for
// a time-independent mode).
func (res *Result) pct(m, c int) [][]uint32 {
	if m < len(res.Pct) && c < len(res.Pct[m]) {
		return res.Pct[m][c]
	}
	return nil
}

// why returns why cell i reaches no service of category c by mode m.
func (res *Result) why(m, c, i int) travel.Why {
	if m < len(res.Why) && c < len(res.Why[m]) && i < len(res.Why[m][c]) {
		return travel.Why(res.Why[m][c][i])
	}
	return travel.Reached
}

// whyPopulation sums group g's weight of region r's unreached cells by
// reason, for mode m and category c.
func (res *Result) whyPopulation(m, c, g, r int) map[travel.Why]float64 {
	out := map[travel.Why]float64{}
	cells := res.Cells
	for i := range cells.Cell {
		if cells.Region[i] != int32(r) || cells.Weight[g][i] <= 0 {
			continue
		}
		if w := res.why(m, c, i); w != travel.Reached {
			out[w] += cells.Weight[g][i]
		}
	}
	return out
}

// UnreachableCounts gives, per mode, category and region id, the
// population that reaches no service, by reason (run.json).
func (res *Result) UnreachableCounts() map[string]map[string]map[string]map[string]float64 {
	out := map[string]map[string]map[string]map[string]float64{}
	for m, mode := range res.Modes {
		perCat := map[string]map[string]map[string]float64{}
		for c, cat := range res.Categories {
			perReg := map[string]map[string]float64{}
			for r, reg := range res.Regions {
				byWhy := map[string]float64{}
				for w, v := range res.whyPopulation(m, c, 0, r) {
					byWhy[w.String()] = round(v, 1)
				}
				if len(byWhy) > 0 {
					perReg[reg.ID] = byWhy
				}
			}
			perCat[cat] = perReg
		}
		out[mode.String()] = perCat
	}
	return out
}

// hasJourneys reports whether journey shapes were computed for mode m.
func (res *Result) hasJourneys(m int) bool {
	return m < len(res.Journeys) && res.Journeys[m] != nil
}

// journeyMeans are the population-weighted means of the journeys' rides
// and minutes walked, waited and in vehicles over region r's cells that
// reach a service of category c by mode m (NaN for none).
func (res *Result) journeyMeans(m, c, g, r int) (rides, walk, wait, ride float64) {
	var sw float64
	cells := res.Cells
	for i, j := range res.Journeys[m][c] {
		w := cells.Weight[g][i]
		if cells.Region[i] != int32(r) || w <= 0 || !j.Reached() {
			continue
		}
		sw += w
		rides += w * float64(j.Rides)
		walk += w * float64(j.Walk) / 60
		wait += w * float64(j.Wait) / 60
		ride += w * float64(j.Ride) / 60
	}
	if sw == 0 {
		return math.NaN(), math.NaN(), math.NaN(), math.NaN()
	}
	return rides / sw, walk / sw, wait / sw, ride / sw
}
