package plan

import (
	"fmt"
	"math"
)

// Score describes how the origins fare with a set of open sites and the
// fixed services.
type Score struct {
	Weight float64 // total origin weight
	// Covered is the weight within ThresholdMs; NaN without a threshold.
	Covered float64
	// Unreached is the weight no open or fixed service reaches.
	Unreached float64
	// MeanMin is the weighted mean time in minutes over the reached
	// weight (uncapped); NaN when nothing is reached.
	MeanMin float64
	// PersonMin is sum_i w_i min(t_i, CapMs) in person-minutes, the
	// Median objective; NaN without a cap.
	PersonMin float64
}

// objective returns the objective value of the score.
func (s Score) objective(o Objective) float64 {
	if o == Coverage {
		return s.Covered
	}
	return s.PersonMin
}

// Evaluate scores the given open sites (indices into p.Sites, in any
// order) together with the fixed services of p.
func Evaluate(p Problem, open []int32) (Score, error) {
	if err := p.Sites.Validate(); err != nil {
		return Score{}, err
	}
	if len(p.Weights) != p.Sites.Origins || (p.FixedMs != nil && len(p.FixedMs) != p.Sites.Origins) {
		return Score{}, fmt.Errorf("plan: %d weights and %d fixed times for %d origins", len(p.Weights), len(p.FixedMs), p.Sites.Origins)
	}
	for _, j := range open {
		if j < 0 || int(j) >= p.Sites.Sites {
			return Score{}, fmt.Errorf("plan: open site %d of %d", j, p.Sites.Sites)
		}
	}
	return p.score(open), nil
}

// score is Evaluate for a valid problem and valid site indices.
func (p Problem) score(open []int32) Score {
	t := make([]uint32, p.Sites.Origins)
	for i := range t {
		t[i] = p.fixed(i)
	}
	for _, j := range open {
		orig, tms := p.Sites.Column(int(j))
		for k, i := range orig {
			t[i] = min(t[i], tms[k])
		}
	}
	var s Score
	var reachedW, sumT, capped, covered float64
	for i, ti := range t {
		w := p.Weights[i]
		s.Weight += w
		if ti == Unreachable {
			s.Unreached += w
		} else {
			reachedW += w
			sumT += w * float64(ti) / 60000
		}
		capped += w * float64(min(ti, p.CapMs)) / 60000
		if ti != Unreachable && ti <= p.ThresholdMs {
			covered += w
		}
	}
	s.Covered, s.PersonMin, s.MeanMin = math.NaN(), math.NaN(), math.NaN()
	if p.ThresholdMs > 0 {
		s.Covered = covered
	}
	if p.CapMs > 0 {
		s.PersonMin = capped
	}
	if reachedW > 0 {
		s.MeanMin = sumT / reachedW
	}
	return s
}

// value is the objective value of a set of open sites of a valid problem.
func (p Problem) value(open []int32) float64 { return p.score(open).objective(p.Objective) }
