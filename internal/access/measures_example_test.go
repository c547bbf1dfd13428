package access_test

import (
	"fmt"

	"github.com/saavu/saavu/internal/access"
)

// Two offices with 10 and 6 staff and three neighbourhoods of 100, 200
// and 300 residents; travel times in minutes. Staff per 1000 residents
// within a 30-minute catchment, by the plain 2SFCA and by the enhanced
// 2SFCA with 10-minute zones.
func ExampleTwoStepFCA() {
	const min = 60000
	u := uint32(access.Unreachable)
	m := access.Matrix{Rows: 3, Cols: 2, TimeMs: []uint32{
		10 * min, 40 * min,
		20 * min, 25 * min,
		u, 5 * min,
	}}
	r, err := access.ReachFromMatrix(m, 30*min)
	if err != nil {
		fmt.Println(err)
		return
	}
	pop := []float64{100, 200, 300}
	staff := []float64{10, 6}
	for _, d := range []access.Decay{
		{Kind: access.DecayStep, CatchmentMin: 30},
		{Kind: access.DecayZones, Zones: access.LuoQiZones()},
	} {
		res, err := access.TwoStepFCA(r, pop, staff, d)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-5s", d.Kind)
		for _, a := range res.Access {
			fmt.Printf(" %6.2f", a*1000)
		}
		fmt.Println()
	}
	// Output:
	// step   33.33  45.33  12.00
	// zones  42.37  32.65  17.44
}

// Staff within 10 and 30 minutes of each origin.
func ExampleCumulative() {
	const min = 60000
	u := uint32(access.Unreachable)
	m := access.Matrix{Rows: 2, Cols: 3, TimeMs: []uint32{
		4 * min, 12 * min, 30 * min,
		u, u, 10 * min,
	}}
	r, _ := access.ReachFromMatrix(m, 0)
	staff := []float64{1, 5, 2}
	op, err := access.Cumulative(r, staff, []float64{10, 30})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range 2 {
		fmt.Printf("origin %d: %v staff within 10 min, %v within 30 min\n", i, op.At(i, 0), op.At(i, 1))
	}
	// Output:
	// origin 0: 1 staff within 10 min, 8 within 30 min
	// origin 1: 2 staff within 10 min, 2 within 30 min
}
