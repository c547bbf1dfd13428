package access

import (
	"math"
	"testing"
)

// FuzzReachMeasures builds reach lists from arbitrary bytes: the measures
// either reject them or return finite, non-negative values, and 2SFCA
// conserves the served supply.
func FuzzReachMeasures(f *testing.F) {
	f.Add(uint8(2), []byte{0, 2, 3, 3}, []byte{0, 1, 1}, []byte{10, 40, 25})
	f.Add(uint8(1), []byte{0, 1}, []byte{0}, []byte{0})
	f.Add(uint8(3), []byte{0, 5, 2}, []byte{2, 0, 9}, []byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, nS uint8, start, svc, tmin []byte) {
		if len(start) == 0 {
			return
		}
		r := Reach{Origins: len(start) - 1, Services: int(nS), LimitMs: 0}
		for _, b := range start {
			r.Start = append(r.Start, int32(b))
		}
		for _, b := range svc {
			r.Service = append(r.Service, int32(b))
		}
		for _, b := range tmin {
			r.TimeMs = append(r.TimeMs, uint32(b)*60000)
		}
		pop := make([]float64, r.Origins)
		for i := range pop {
			pop[i] = float64(1 + i%3)
		}
		sup := make([]float64, r.Services)
		for j := range sup {
			sup[j] = float64(1 + j%4)
		}
		if op, err := Cumulative(r, sup, []float64{10, 30}); err == nil {
			for _, v := range op.Value {
				if !(v >= 0) || math.IsInf(v, 0) {
					t.Fatalf("cumulative value %v", v)
				}
			}
		}
		res, err := TwoStepFCA(r, pop, sup, Decay{Kind: DecayLinear, CatchmentMin: 60})
		if err != nil {
			return
		}
		var sumPA, sumS float64
		for i, a := range res.Access {
			if !(a >= 0) || math.IsInf(a, 0) {
				t.Fatalf("access %v", a)
			}
			sumPA += pop[i] * a
		}
		for _, s := range sup {
			sumS += s
		}
		if served := sumS - res.UnservedSupply; math.Abs(sumPA-served) > 1e-9*math.Max(1, served) {
			t.Fatalf("sum P_i A_i = %v, served supply %v", sumPA, served)
		}
	})
}
