package cli

import (
	"math"
	"slices"

	"github.com/saavu/saavu/internal/plan"
)

// rankedSite is a chosen site in the order it matters most: its effect
// given the sites ranked before it.
type rankedSite struct {
	site
	Rank          int
	CoveredChange float64 // weight within the threshold gained (+) or lost (-)
	PersonMinSave float64 // median: person-minutes saved (+) or added (-)
}

// rank orders the chosen sites: for --add, each next is the one that
// adds most to the objective given those before it (from the fixed
// services alone); for --remove, each next is the closure that costs
// least given those closed before it. The changes of the ranked sites add
// up to the change of the whole choice.
func (pr *planRun) rank(chosen []int32) []rankedSite {
	p := pr.p
	n := p.Sites.Origins
	cost := func(t uint32) float64 {
		if p.Objective == plan.Coverage {
			if t != plan.Unreachable && t <= p.ThresholdMs {
				return 0
			}
			return 1
		}
		return float64(min(t, p.CapMs))
	}
	covered := func(t uint32) float64 {
		if t != plan.Unreachable && t <= p.ThresholdMs {
			return 1
		}
		return 0
	}
	capped := func(t uint32) float64 { return float64(min(t, p.CapMs)) / 60000 }
	// times returns each origin's time with the given sites open.
	times := func(open []int32) []uint32 {
		t := make([]uint32, n)
		for i := range t {
			t[i] = plan.Unreachable
			if p.FixedMs != nil {
				t[i] = p.FixedMs[i]
			}
		}
		for _, j := range open {
			orig, tms := p.Sites.Column(int(j))
			for q, i := range orig {
				t[i] = min(t[i], tms[q])
			}
		}
		return t
	}
	total := func(t []uint32, f func(uint32) float64) float64 {
		s := 0.0
		for i, ti := range t {
			s += p.Weights[i] * f(ti)
		}
		return s
	}
	var open []int32
	if pr.remove {
		for j := range p.Sites.Sites {
			open = append(open, int32(j))
		}
	}
	cur := times(open)
	// change returns the totals of f over the origins after the step
	// minus before it. Opening a site changes only the origins of its
	// column; closing one is evaluated from scratch.
	change := func(j int32, f func(uint32) float64) (float64, []uint32) {
		if pr.remove {
			next := times(slices.DeleteFunc(slices.Clone(open), func(x int32) bool { return x == j }))
			return total(next, f) - total(cur, f), next
		}
		d := 0.0
		orig, tms := p.Sites.Column(int(j))
		for r, i := range orig {
			if t := min(cur[i], tms[r]); t != cur[i] {
				d += p.Weights[i] * (f(t) - f(cur[i]))
			}
		}
		return d, nil
	}
	left := slices.Clone(chosen)
	var out []rankedSite
	for len(left) > 0 {
		bestQ, bestDelta := -1, math.Inf(1)
		for q, j := range left {
			// The change in cost; the lowest is the best next step.
			if delta, _ := change(j, cost); delta < bestDelta {
				bestQ, bestDelta = q, delta
			}
		}
		j := left[bestQ]
		rs := rankedSite{site: pr.site[j], Rank: len(out) + 1, PersonMinSave: math.NaN()}
		var next []uint32
		rs.CoveredChange, next = change(j, covered)
		if p.Objective == plan.Median {
			d, _ := change(j, capped)
			rs.PersonMinSave = -d
		}
		out = append(out, rs)
		if pr.remove {
			cur = next
			open = slices.DeleteFunc(open, func(x int32) bool { return x == j })
		} else {
			orig, tms := p.Sites.Column(int(j))
			for r, i := range orig {
				cur[i] = min(cur[i], tms[r])
			}
		}
		left = slices.Delete(left, bestQ, bestQ+1)
	}
	return out
}
