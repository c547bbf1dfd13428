package access

import (
	"fmt"
	"math"
)

// Opportunities holds one value per origin per cut-off: origin i and
// cut-off c at Value[i*len(CutoffsMin)+c].
type Opportunities struct {
	CutoffsMin []float64
	Value      []float64
}

// At returns the value of origin i within cut-off c.
func (o Opportunities) At(i, c int) float64 { return o.Value[i*len(o.CutoffsMin)+c] }

// Column returns the values of every origin within cut-off c.
func (o Opportunities) Column(c int) []float64 {
	n := len(o.CutoffsMin)
	out := make([]float64, len(o.Value)/max(n, 1))
	for i := range out {
		out[i] = o.Value[i*n+c]
	}
	return out
}

// minutes converts a time in milliseconds to minutes.
func minutes(ms uint32) float64 { return float64(ms) / 60000 }

// Cumulative counts the opportunities within each cut-off: for origin i
// and cut-off T, the sum of weights[j] over the services j that r lists
// for i with a time of at most T minutes. A weight of 1 per service counts
// services; a capacity or staff count weighs them. r must list every pair
// up to the largest cut-off (built with that limit or more, or none).
func Cumulative(r Reach, weights []float64, cutoffsMin []float64) (Opportunities, error) {
	if err := r.check(); err != nil {
		return Opportunities{}, err
	}
	if len(weights) != r.Services {
		return Opportunities{}, fmt.Errorf("access: cumulative opportunities: %d weights for %d services", len(weights), r.Services)
	}
	for j, w := range weights {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return Opportunities{}, fmt.Errorf("access: cumulative opportunities: weight of service %d is %v", j, w)
		}
	}
	if err := checkCutoffs(r, cutoffsMin); err != nil {
		return Opportunities{}, err
	}
	nc := len(cutoffsMin)
	out := Opportunities{CutoffsMin: cutoffsMin, Value: make([]float64, r.Origins*nc)}
	for i := range r.Origins {
		svc, tms := r.Of(i)
		row := out.Value[i*nc : (i+1)*nc]
		for k, j := range svc {
			m := minutes(tms[k])
			for c, cut := range cutoffsMin {
				if m <= cut {
					row[c] += weights[j]
				}
			}
		}
	}
	return out, nil
}

// checkCutoffs rejects cut-offs that are negative, not finite, or beyond
// the limit r was built with.
func checkCutoffs(r Reach, cutoffsMin []float64) error {
	for c, cut := range cutoffsMin {
		if !(cut >= 0) || math.IsInf(cut, 0) {
			return fmt.Errorf("access: cut-off %d is %v minutes", c, cut)
		}
		if !r.covers(cut * 60000) {
			return fmt.Errorf("access: cut-off %v min lies beyond the %v min the reach lists were built with", cut, minutes(r.LimitMs))
		}
	}
	return nil
}

// AllWithin reports, per origin, whether it reaches every category within
// thresholdMs. times holds one slice per category with the time of each
// origin to that category's nearest service (Unreachable for none); all
// slices must have the same length. With no category the result is nil.
func AllWithin(times [][]uint32, thresholdMs uint32) ([]bool, error) {
	if len(times) == 0 {
		return nil, nil
	}
	n := len(times[0])
	for c, tc := range times {
		if len(tc) != n {
			return nil, fmt.Errorf("access: category %d has %d origins, category 0 has %d", c, len(tc), n)
		}
	}
	ok := make([]bool, n)
	for i := range ok {
		ok[i] = true
		for _, tc := range times {
			if tc[i] == Unreachable || tc[i] > thresholdMs {
				ok[i] = false
				break
			}
		}
	}
	return ok, nil
}

// SumWhere totals, per region, the weights of the origins for which pred
// holds (pred nil: every origin). As in Summarise, origins outside every
// region (region < 0 or >= nRegions) and weights <= 0 are skipped; the
// result has one entry per region, in region order.
func SumWhere(weights []float64, region []int32, nRegions int, pred func(i int) bool) ([]float64, error) {
	if len(weights) != len(region) {
		return nil, fmt.Errorf("access: %d weights for %d region indices", len(weights), len(region))
	}
	out := make([]float64, max(nRegions, 0))
	for i, r := range region {
		if r < 0 || int(r) >= nRegions || !(weights[i] > 0) {
			continue
		}
		if pred == nil || pred(i) {
			out[r] += weights[i]
		}
	}
	return out, nil
}
