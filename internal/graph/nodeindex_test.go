package graph

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestNodeIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cases := map[string][]int64{
		"empty":    nil,
		"one":      {42},
		"dense":    {1, 2, 3, 4, 5, 6, 7, 8},
		"negative": {-50, -7, 0, 3, 1 << 40},
		"extremes": {math.MinInt64, -1, 0, math.MaxInt64},
	}
	var sparse []int64
	for range 5000 {
		sparse = append(sparse, r.Int64N(1<<34))
	}
	slices.Sort(sparse)
	cases["sparse"] = slices.Compact(sparse)
	for name, ids := range cases {
		t.Run(name, func(t *testing.T) {
			ix := newNodeIndex(ids)
			probe := append(slices.Clone(ids), math.MinInt64, math.MaxInt64, 0, -1, 1, 43, 1<<34+5)
			for _, id := range ids {
				probe = append(probe, id-1, id+1)
			}
			for _, id := range probe {
				want, wantOK := slices.BinarySearch(ids, id)
				got, ok := ix.find(id)
				if ok != wantOK || ok && int(got) != want {
					t.Fatalf("find(%d) = %d, %v; want %d, %v", id, got, ok, want, wantOK)
				}
			}
		})
	}
}
