package route

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestRenumberStopsIsAConsistentPermutation(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for it := range 200 {
		day := rtRandomDay(rng)
		in, toIn, toOrig := renumberStops(day)
		if err := checkDay(in); err != nil {
			t.Fatalf("case %d: renumbered day invalid: %v", it, err)
		}
		seen := make([]bool, day.NumStops)
		for s, o := range toOrig {
			if toIn[o] != int32(s) || seen[o] {
				t.Fatalf("case %d: toIn/toOrig not inverse at %d", it, s)
			}
			seen[o] = true
		}
		for i, s := range day.PatStops {
			if in.PatStops[i] != toIn[s] {
				t.Fatalf("case %d: PatStops[%d] = %d, want %d", it, i, in.PatStops[i], toIn[s])
			}
		}
		for o := range day.NumStops {
			s := toIn[o]
			var want, got [][2]int32
			for i := day.TransferStart[o]; i < day.TransferStart[o+1]; i++ {
				want = append(want, [2]int32{toIn[day.TransferTo[i]], int32(day.TransferTime[i])})
			}
			for i := in.TransferStart[s]; i < in.TransferStart[s+1]; i++ {
				got = append(got, [2]int32{in.TransferTo[i], int32(in.TransferTime[i])})
			}
			if !slices.Equal(got, want) {
				t.Fatalf("case %d: transfers of stop %d = %v, want %v", it, o, got, want)
			}
		}
	}
}
