package plan

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// maxSwaps bounds the substitution phase; it is never reached in practice
// (a handful of swaps per chosen site is usual) and only guards the run.
const maxSwaps = 10000

// swapTolerance is the share of the largest possible cost, sum_i w_i
// c(Unreachable), by which a swap must lower the cost to be taken; it
// keeps rounding noise from swapping between equally good sets.
const swapTolerance = 1e-10

// DefaultStarts is the number of greedy starts when Options.Starts is 0.
const DefaultStarts = 8

// Options tune the search.
type Options struct {
	// Starts is the number of greedy starts (0: DefaultStarts). Start s
	// forces the site with the s-th best single effect (Add: the largest
	// drop in cost when opened alone; Remove: the smallest rise when
	// closed alone) as the first choice, completes the set greedily and
	// improves it by swaps; the best result wins, the earliest start among
	// equals. More starts cost proportionally more time and find the
	// optimum more often.
	Starts int
	// Workers run the starts in parallel (0: GOMAXPROCS). The result does
	// not depend on their number.
	Workers int
}

// Solution is the result of Add or Remove.
type Solution struct {
	Objective Objective
	// Chosen are the sites opened (Add) or closed (Remove), ascending.
	Chosen []int32
	// Open are all sites open afterwards, ascending.
	Open []int32
	// Value of the objective afterwards: the covered weight (Coverage) or
	// the weighted capped time in person-minutes (Median).
	Value float64
	// Start is the greedy start that gave the result (0: the plain greedy
	// choice); GreedyValue is that start's Value before any swap.
	Start       int
	GreedyValue float64
	// Swaps applied after that start's greedy phase; Converged is false
	// only when the guard on their number stopped the search.
	Swaps     int
	Converged bool
	// Scores before (Add: fixed services only; Remove: every site open)
	// and after.
	Before, After Score
}

// Add opens k of the sites, chosen to optimise the objective together
// with the fixed services.
func Add(p Problem, k int, o Options) (Solution, error) {
	if err := p.Validate(); err != nil {
		return Solution{}, err
	}
	if k < 0 || k > p.Sites.Sites {
		return Solution{}, fmt.Errorf("plan: cannot open %d of %d candidate sites", k, p.Sites.Sites)
	}
	sol := search(&p, k, o, false)
	sol.Chosen = slices.Clone(sol.Open)
	return finish(p, sol, nil)
}

// Remove closes k of the sites, all open before, chosen so that the
// objective suffers least; the fixed services stay.
func Remove(p Problem, k int, o Options) (Solution, error) {
	if err := p.Validate(); err != nil {
		return Solution{}, err
	}
	if k < 0 || k > p.Sites.Sites {
		return Solution{}, fmt.Errorf("plan: cannot close %d of %d sites", k, p.Sites.Sites)
	}
	sol := search(&p, k, o, true)
	all := make([]int32, p.Sites.Sites)
	for j := range all {
		all[j] = int32(j)
	}
	sol.Chosen = nil
	q := 0
	for _, j := range all {
		if q < len(sol.Open) && sol.Open[q] == j {
			q++
		} else {
			sol.Chosen = append(sol.Chosen, j)
		}
	}
	return finish(p, sol, all)
}

// search runs the greedy starts with their swaps and keeps the best
// result. remove: start from every site open and close k.
func search(p *Problem, k int, o Options, remove bool) Solution {
	starts := o.Starts
	if starts <= 0 {
		starts = DefaultStarts
	}
	sh := newShared(p)
	e := sh.engine()
	e.reset(remove)
	var initial []float64 // gains of opening each site alone
	if !remove {
		initial = e.gains()
	}
	firsts := e.firstChoices(starts, remove, initial)
	if k == 0 || len(firsts) == 0 {
		firsts = []int32{-1}
	}
	results := make([]Solution, len(firsts))
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(firsts)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			e := e
			if w > 0 {
				e = sh.engine()
			}
			for {
				st := int(next.Add(1) - 1)
				if st >= len(firsts) {
					return
				}
				results[st] = e.run(k, firsts[st], remove, initial)
				results[st].Start = st
			}
		})
	}
	wg.Wait()
	best := results[0]
	for _, r := range results[1:] {
		if beats(p.Objective, r.Value, best.Value) {
			best = r
		}
	}
	return best
}

// run performs one start: from the initial state, the forced first choice
// (none when first < 0), greedy choices up to k, then swaps. initial are
// the gains of opening each site alone (Add only).
func (e *engine) run(k int, first int32, remove bool, initial []float64) Solution {
	e.reset(remove)
	var lazy gainHeap
	if !remove {
		lazy = newGainHeap(initial)
	}
	for q := range k {
		j := first
		if q > 0 || j < 0 {
			if remove {
				j = e.cheapestClosure()
			} else {
				j = e.bestAddition(&lazy)
			}
		}
		if remove {
			e.close(j)
		} else {
			e.open(j)
		}
	}
	p := e.p
	sol := Solution{Objective: p.Objective}
	sol.GreedyValue = p.value(e.openSites())
	sol.Swaps, sol.Converged = e.improve()
	sol.Open = e.openSites()
	sol.Value = p.value(sol.Open)
	return sol
}

// beats reports whether objective value a is strictly better than b.
func beats(o Objective, a, b float64) bool {
	if o == Coverage {
		return a > b
	}
	return a < b
}

// finish fills the scores and the value.
func finish(p Problem, sol Solution, before []int32) (Solution, error) {
	var err error
	if sol.Before, err = Evaluate(p, before); err != nil {
		return Solution{}, err
	}
	if sol.After, err = Evaluate(p, sol.Open); err != nil {
		return Solution{}, err
	}
	sol.Value = sol.After.objective(p.Objective)
	return sol, nil
}
