package plan_test

import (
	"fmt"

	"github.com/saavu/saavu/internal/plan"
)

// Three villages on a road at 0, 5 and 10 km (1 km a minute) with 1000,
// 100 and 1000 residents, and a candidate site in each. Opening two
// sites: greedy takes the middle first, then a swap moves it to the far
// end.
func ExampleAdd() {
	const min = 60000
	times := []uint32{ // site x village, milliseconds
		0, 5 * min, 10 * min,
		5 * min, 0, 5 * min,
		10 * min, 5 * min, 0,
	}
	sites, err := plan.FromDense(times, 3, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := plan.Problem{
		Objective:   plan.Median,
		Sites:       sites,
		Weights:     []float64{1000, 100, 1000},
		ThresholdMs: 3 * min,
		CapMs:       60 * min,
	}
	sol, err := plan.Add(p, 2, plan.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("open sites %v after %d swap(s)\n", sol.Open, sol.Swaps)
	fmt.Printf("person-minutes: greedy %.0f, final %.0f\n", sol.GreedyValue, sol.Value)
	fmt.Printf("covered within 3 min: %.0f of %.0f\n", sol.After.Covered, sol.After.Weight)
	// Output:
	// open sites [0 2] after 1 swap(s)
	// person-minutes: greedy 5000, final 500
	// covered within 3 min: 2000 of 2100
}

// Closing one of three offices: the one whose users have the best
// alternative goes.
func ExampleRemove() {
	const min = 60000
	// Offices at 0, 6 and 10 km; residents at 0, 2, 6, 8 and 10 km.
	times := []uint32{
		0, 2 * min, 6 * min, 8 * min, 10 * min,
		6 * min, 4 * min, 0, 2 * min, 4 * min,
		10 * min, 8 * min, 4 * min, 2 * min, 0,
	}
	sites, _ := plan.FromDense(times, 3, 5)
	p := plan.Problem{Objective: plan.Coverage, Sites: sites, Weights: []float64{5, 5, 20, 5, 5}, ThresholdMs: 3 * min}
	sol, err := plan.Remove(p, 1, plan.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("close %v: covered %.0f -> %.0f\n", sol.Chosen, sol.Before.Covered, sol.After.Covered)
	// Output:
	// close [2]: covered 40 -> 35
}
