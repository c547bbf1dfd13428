package ch_test

import (
	"fmt"

	"github.com/saavu/saavu/internal/ch"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
)

// A square of one-way streets 0 -> 1 -> 2 -> 3 -> 0 with a two-way
// diagonal 0 - 2: from 0 to 2 the diagonal (5 s, 60 m) and the way round
// by 1 (also 5 s, but 70 m) tie, so the lengths span a range.
func Example() {
	g := &graph.Graph{
		Lon: make([]float64, 4), Lat: make([]float64, 4),
		FirstOut: []int32{0, 2, 3, 5, 6},
		Head:     []int32{1, 2, 2, 0, 3, 0},
		TimeMs:   []uint32{2000, 5000, 3000, 5000, 4000, 4000},
		LenM:     []float32{30, 60, 40, 60, 50, 50},
	}
	h, err := ch.Build(g, ch.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	from := [][]route.Source{{{V: 0}}, {{V: 3}}}
	to := [][]route.Source{{{V: 2}}, {{V: 1}}}
	tab := h.Matrix(from, to, 1)
	for k, t := range tab.TimeMs {
		fmt.Printf("%d -> %d: %d ms, %g to %g m\n", from[k/tab.Cols][0].V, to[k%tab.Cols][0].V, t, tab.Lmin[k], tab.Lmax[k])
	}
	// Output:
	// 0 -> 2: 5000 ms, 60 to 70 m
	// 0 -> 1: 2000 ms, 30 to 30 m
	// 3 -> 2: 9000 ms, 110 to 120 m
	// 3 -> 1: 6000 ms, 80 to 80 m
}
