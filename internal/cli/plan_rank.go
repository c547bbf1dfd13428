package cli

import (
	"cmp"
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

// rankState evaluates steps of a plan from a set of open sites: each
// origin's time with them open, and the change a step makes to a total
// over the origins.
type rankState struct {
	pr   *planRun
	open []int32
	cur  []uint32
}

func (pr *planRun) newRankState() *rankState {
	st := &rankState{pr: pr}
	if pr.remove {
		for j := range pr.p.Sites.Sites {
			st.open = append(st.open, int32(j))
		}
	}
	st.cur = st.times(st.open)
	return st
}

// times returns each origin's time with the given sites open.
func (st *rankState) times(open []int32) []uint32 {
	p := st.pr.p
	t := make([]uint32, p.Sites.Origins)
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

func (st *rankState) total(t []uint32, f func(uint32) float64) float64 {
	s := 0.0
	for i, ti := range t {
		s += st.pr.p.Weights[i] * f(ti)
	}
	return s
}

// change returns the total of f over the origins after opening (or, for
// --remove, closing) site j minus before it, and for --remove the times
// after. Opening a site changes only the origins of its column; closing
// one is evaluated from scratch.
func (st *rankState) change(j int32, f func(uint32) float64) (float64, []uint32) {
	p := st.pr.p
	if st.pr.remove {
		next := st.times(slices.DeleteFunc(slices.Clone(st.open), func(x int32) bool { return x == j }))
		return st.total(next, f) - st.total(st.cur, f), next
	}
	d := 0.0
	orig, tms := p.Sites.Column(int(j))
	for r, i := range orig {
		if t := min(st.cur[i], tms[r]); t != st.cur[i] {
			d += p.Weights[i] * (f(t) - f(st.cur[i]))
		}
	}
	return d, nil
}

// take makes site j's step: it opens (closes) it.
func (st *rankState) take(j int32, next []uint32) {
	if st.pr.remove {
		st.cur = next
		st.open = slices.DeleteFunc(st.open, func(x int32) bool { return x == j })
		return
	}
	orig, tms := st.pr.p.Sites.Column(int(j))
	for r, i := range orig {
		st.cur[i] = min(st.cur[i], tms[r])
	}
}

// The totals a ranking reads: the objective's cost, the population
// covered and the capped person-minutes.
func (pr *planRun) costFunc() func(uint32) float64 {
	p := pr.p
	return func(t uint32) float64 {
		if p.Objective == plan.Coverage {
			if t != plan.Unreachable && t <= p.ThresholdMs {
				return 0
			}
			return 1
		}
		return float64(min(t, p.CapMs))
	}
}

func (pr *planRun) coveredFunc() func(uint32) float64 {
	th := pr.p.ThresholdMs
	return func(t uint32) float64 {
		if t != plan.Unreachable && t <= th {
			return 1
		}
		return 0
	}
}

func (pr *planRun) cappedFunc() func(uint32) float64 {
	limit := pr.p.CapMs
	return func(t uint32) float64 { return float64(min(t, limit)) / 60000 }
}

// rankedStep is site j's effect as one step from st.
func (pr *planRun) rankedStep(st *rankState, j int32, rank int) (rankedSite, []uint32) {
	rs := rankedSite{site: pr.site[j], Rank: rank, PersonMinSave: math.NaN()}
	var next []uint32
	rs.CoveredChange, next = st.change(j, pr.coveredFunc())
	if pr.p.Objective == plan.Median {
		d, _ := st.change(j, pr.cappedFunc())
		rs.PersonMinSave = -d
	}
	return rs, next
}

// rank orders the chosen sites: for --add, each next is the one that
// adds most to the objective given those before it (from the fixed
// services alone); for --remove, each next is the closure that costs
// least given those closed before it. The changes of the ranked sites add
// up to the change of the whole choice.
func (pr *planRun) rank(chosen []int32) []rankedSite {
	st := pr.newRankState()
	cost := pr.costFunc()
	left := slices.Clone(chosen)
	var out []rankedSite
	for len(left) > 0 {
		bestQ, bestDelta := -1, math.Inf(1)
		for q, j := range left {
			// The change in cost; the lowest is the best next step.
			if delta, _ := st.change(j, cost); delta < bestDelta {
				bestQ, bestDelta = q, delta
			}
		}
		j := left[bestQ]
		rs, next := pr.rankedStep(st, j, len(out)+1)
		out = append(out, rs)
		st.take(j, next)
		left = slices.Delete(left, bestQ, bestQ+1)
	}
	return out
}

// aloneSite is a candidate with the effect it would have alone.
type aloneSite struct {
	rankedSite
	Chosen bool
}

// alone ranks every candidate by the effect of opening it alone (for
// --remove: of closing it alone), the best first, ties by candidate
// order: how the candidates compare before any choice. Rank is the
// place in that order; Chosen marks those the plan chose.
func (pr *planRun) alone(chosen []int32) []aloneSite {
	st := pr.newRankState()
	cost := pr.costFunc()
	n := pr.p.Sites.Sites
	delta := make([]float64, n)
	out := make([]aloneSite, n)
	for j := range n {
		delta[j], _ = st.change(int32(j), cost)
		out[j].rankedSite, _ = pr.rankedStep(st, int32(j), 0)
		out[j].Chosen = slices.Contains(chosen, int32(j))
	}
	order := make([]int, n)
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(delta[a], delta[b]) })
	ranked := make([]aloneSite, n)
	for r, j := range order {
		ranked[r] = out[j]
		ranked[r].Rank = r + 1
	}
	return ranked
}
