package access

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// approx reports whether a and b agree to a relative 1e-9.
func approx(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// The hand-worked example: three origins, two services, catchment 30 min.
//
//	population P = 100, 200, 300      supply S = 10, 6
//	minutes:           service 0  service 1
//	  origin 0             10         40 (beyond 30)
//	  origin 1             20         25
//	  origin 2             35 (beyond) 5
var (
	handMinutes = [][]float64{{10, 40}, {20, 25}, {35, 5}}
	handPop     = []float64{100, 200, 300}
	handSupply  = []float64{10, 6}
)

func TestTwoStepFCAHandWorked(t *testing.T) {
	cases := []struct {
		name         string
		decay        Decay
		ratio        []float64
		access       []float64
		demandSample float64 // D_0
	}{
		{
			// Step: D_0 = 100 + 200 = 300, R_0 = 10/300 = 1/30;
			// D_1 = 200 + 300 = 500, R_1 = 6/500 = 0.012.
			// A_0 = R_0 = 0.0333..., A_1 = R_0 + R_1 = 0.04533...,
			// A_2 = R_1 = 0.012.
			name:         "step",
			decay:        Decay{Kind: DecayStep, CatchmentMin: 30},
			demandSample: 300,
			ratio:        []float64{1.0 / 30, 0.012},
			access:       []float64{1.0 / 30, 1.0/30 + 0.012, 0.012},
		},
		{
			// Linear 1 - t/30: weights 10 -> 2/3, 20 -> 1/3, 25 -> 1/6,
			// 5 -> 5/6. D_0 = 100*2/3 + 200/3 = 400/3, R_0 = 30/400 = 0.075;
			// D_1 = 200/6 + 300*5/6 = 850/3, R_1 = 18/850.
			// A_0 = 2/3 * 0.075 = 0.05; A_1 = 0.075/3 + (18/850)/6 =
			// 0.025 + 3/850; A_2 = 5/6 * 18/850 = 15/850.
			name:         "linear",
			decay:        Decay{Kind: DecayLinear, CatchmentMin: 30},
			demandSample: 400.0 / 3,
			ratio:        []float64{0.075, 18.0 / 850},
			access:       []float64{0.05, 0.025 + 3.0/850, 15.0 / 850},
		},
		{
			// Zones 0-10 (1), 10-20 (0.68), 20-30 (0.22): 10 min lies in the
			// first zone, 20 in the second, 25 in the third, 5 in the first.
			// D_0 = 100 + 200*0.68 = 236, R_0 = 10/236;
			// D_1 = 200*0.22 + 300 = 344, R_1 = 6/344.
			// A_0 = 10/236 = 0.0423729; A_1 = 0.68*10/236 + 0.22*6/344 =
			// 0.0288136 + 0.0038372 = 0.0326508; A_2 = 6/344 = 0.0174419.
			name:         "zones",
			decay:        Decay{Kind: DecayZones, Zones: LuoQiZones()},
			demandSample: 236,
			ratio:        []float64{0.0423729, 0.0174419},
			access:       []float64{0.0423729, 0.0326508, 0.0174419},
		},
	}
	r := reachOf(t, handMinutes)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := TwoStepFCA(r, handPop, handSupply, c.decay)
			if err != nil {
				t.Fatal(err)
			}
			tol := 1e-7 // the zone figures are rounded to 7 decimals
			if math.Abs(res.Demand[0]-c.demandSample) > 1e-9 {
				t.Errorf("D_0 = %v, want %v", res.Demand[0], c.demandSample)
			}
			for j, want := range c.ratio {
				if math.Abs(res.Ratio[j]-want) > tol {
					t.Errorf("R_%d = %v, want %v", j, res.Ratio[j], want)
				}
			}
			for i, want := range c.access {
				if math.Abs(res.Access[i]-want) > tol {
					t.Errorf("A_%d = %v, want %v", i, res.Access[i], want)
				}
			}
			// Both services have population in their catchment, so the
			// population-weighted access adds up to the supply, 16.
			var sum float64
			for i, a := range res.Access {
				sum += handPop[i] * a
			}
			if !approx(sum, 16) || res.UnservedSupply != 0 {
				t.Errorf("sum P_i A_i = %v (unserved %v), want 16", sum, res.UnservedSupply)
			}
		})
	}
}

func TestDecayWeight(t *testing.T) {
	cases := []struct {
		d    Decay
		t    float64
		want float64
	}{
		{Decay{Kind: DecayStep, CatchmentMin: 30}, 30, 1},
		{Decay{Kind: DecayStep, CatchmentMin: 30}, 30.001, 0},
		{Decay{Kind: DecayLinear, CatchmentMin: 30}, 0, 1},
		{Decay{Kind: DecayLinear, CatchmentMin: 30}, 15, 0.5},
		{Decay{Kind: DecayLinear, CatchmentMin: 30}, 30, 0},
		{Decay{Kind: DecayLinear, CatchmentMin: 30}, 45, 0},
		{Decay{Kind: DecayGaussian, CatchmentMin: 30}, 0, 1},
		// (exp(-1/8) - exp(-1/2)) / (1 - exp(-1/2))
		//   = (0.88249690 - 0.60653066) / 0.39346934 = 0.27596624 / 0.39346934
		//   = 0.7013666
		{Decay{Kind: DecayGaussian, CatchmentMin: 30}, 15, 0.7013666},
		{Decay{Kind: DecayGaussian, CatchmentMin: 30}, 30, 0},
		{Decay{Kind: DecayGaussian, CatchmentMin: 30}, 31, 0},
		{Decay{Kind: DecayZones, Zones: LuoQiZones()}, 0, 1},
		{Decay{Kind: DecayZones, Zones: LuoQiZones()}, 10, 1},
		{Decay{Kind: DecayZones, Zones: LuoQiZones()}, 10.5, 0.68},
		{Decay{Kind: DecayZones, Zones: LuoQiZones()}, 30, 0.22},
		{Decay{Kind: DecayZones, Zones: LuoQiZones()}, 30.5, 0},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%v", c.d.Kind, c.t), func(t *testing.T) {
			if got := c.d.Weight(c.t); math.Abs(got-c.want) > 1e-7 {
				t.Fatalf("W(%v) = %v, want %v", c.t, got, c.want)
			}
		})
	}
}

func TestDecayValidate(t *testing.T) {
	bad := []Decay{
		{Kind: DecayStep},
		{Kind: DecayLinear, CatchmentMin: -5},
		{Kind: DecayGaussian, CatchmentMin: math.Inf(1)},
		{Kind: DecayZones},
		{Kind: DecayZones, Zones: []Zone{{10, 1}, {10, 0.5}}},
		{Kind: DecayZones, Zones: []Zone{{10, 1}, {20, -0.5}}},
		{Kind: DecayZones, Zones: []Zone{{10, math.NaN()}}},
		{Kind: 9, CatchmentMin: 10},
	}
	for i, d := range bad {
		if err := d.Validate(); err == nil {
			t.Errorf("case %d: %+v accepted", i, d)
		}
	}
	for _, name := range []string{"step", "linear", "gaussian", "zones"} {
		k, err := ParseDecayKind(name)
		if err != nil || k.String() != name {
			t.Errorf("%s: %v %v", name, k, err)
		}
	}
	if _, err := ParseDecayKind("cubic"); err == nil {
		t.Error("unknown decay accepted")
	}
}

func TestTwoStepFCARejects(t *testing.T) {
	r := reachOf(t, handMinutes)
	bounded := r
	bounded.LimitMs = min2ms(20)
	step := Decay{Kind: DecayStep, CatchmentMin: 30}
	cases := []struct {
		name     string
		r        Reach
		pop, sup []float64
		d        Decay
	}{
		{"bad decay", r, handPop, handSupply, Decay{Kind: DecayStep}},
		{"short population", r, handPop[:2], handSupply, step},
		{"short supply", r, handPop, handSupply[:1], step},
		{"negative population", r, []float64{1, -1, 1}, handSupply, step},
		{"NaN supply", r, handPop, []float64{1, math.NaN()}, step},
		{"lists shorter than the catchment", bounded, handPop, handSupply, step},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := TwoStepFCA(c.r, c.pop, c.sup, c.d); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

// randomFCA draws origins, services, times in minutes (negative:
// unreachable) and populations, some zero.
func randomFCA(rng *rand.Rand, nO, nS int, maxMin float64) (dense [][]float64, pop, sup []float64) {
	dense = make([][]float64, nO)
	pop = make([]float64, nO)
	sup = make([]float64, nS)
	for i := range dense {
		dense[i] = make([]float64, nS)
		for j := range dense[i] {
			if rng.IntN(5) == 0 {
				dense[i][j] = -1
			} else {
				dense[i][j] = math.Round(rng.Float64()*maxMin*100) / 100
			}
		}
		if rng.IntN(4) > 0 {
			pop[i] = float64(rng.IntN(1000))
		}
	}
	for j := range sup {
		sup[j] = float64(1 + rng.IntN(50))
	}
	return dense, pop, sup
}

func TestTwoStepFCAEveryoneInEveryCatchment(t *testing.T) {
	// Every origin reaches every service within the catchment: with a
	// step decay every ratio is S_j / sum P, and every origin gets
	// sum S / sum P; the population-weighted sum is the total supply.
	for seed := uint64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewPCG(seed, 3))
		dense, pop, sup := randomFCA(rng, 40, 6, 29)
		for i := range dense {
			for j := range dense[i] {
				dense[i][j] = math.Abs(dense[i][j]) // all reachable, <= 29 min
			}
		}
		pop[0] = 50 // some population
		res, err := TwoStepFCA(reachOf(t, dense), pop, sup, Decay{Kind: DecayStep, CatchmentMin: 30})
		if err != nil {
			t.Fatal(err)
		}
		var sumP, sumS, sumPA float64
		for i := range pop {
			sumP += pop[i]
		}
		for _, s := range sup {
			sumS += s
		}
		for i, a := range res.Access {
			sumPA += pop[i] * a
			if !approx(a, sumS/sumP) {
				t.Fatalf("seed %d origin %d: A = %v, want %v", seed, i, a, sumS/sumP)
			}
		}
		if !approx(sumPA, sumS) {
			t.Fatalf("seed %d: sum P_i A_i = %v, total supply %v", seed, sumPA, sumS)
		}
	}
}

func TestTwoStepFCAConservesServedSupply(t *testing.T) {
	// For any decay, sum_i P_i A_i = sum of S_j over the services whose
	// catchment holds weighted population. The served services are found
	// here from the dense minutes, independently of the demand sums.
	decays := []Decay{
		{Kind: DecayStep, CatchmentMin: 30},
		{Kind: DecayLinear, CatchmentMin: 25},
		{Kind: DecayGaussian, CatchmentMin: 40},
		{Kind: DecayZones, Zones: LuoQiZones()},
		{Kind: DecayZones, Zones: []Zone{{5, 1}, {15, 0.5}, {20, 0}}},
	}
	for seed := uint64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		dense, pop, sup := randomFCA(rng, 30, 8, 60)
		r := reachOf(t, dense)
		for _, d := range decays {
			res, err := TwoStepFCA(r, pop, sup, d)
			if err != nil {
				t.Fatal(err)
			}
			var served, unserved, sumPA float64
			for j := range sup {
				has := false
				for i := range dense {
					if m := dense[i][j]; m >= 0 && pop[i] > 0 && d.Weight(m) > 0 {
						has = true
					}
				}
				if has {
					served += sup[j]
				} else {
					unserved += sup[j]
				}
			}
			for i, a := range res.Access {
				sumPA += pop[i] * a
			}
			if !approx(sumPA, served) || !approx(res.UnservedSupply, unserved) {
				t.Fatalf("seed %d %s: sum P_i A_i = %v, served supply %v; unserved %v, want %v", seed, d.Kind, sumPA, served, res.UnservedSupply, unserved)
			}
		}
	}
}

func TestGravity(t *testing.T) {
	r := reachOf(t, [][]float64{
		{0, 10},
		{0.5, -1},
		{-1, -1},
	})
	sup := []float64{4, 6}
	cases := []struct {
		name string
		f    Impedance
		want []float64
	}{
		// exp(-0.1 t): origin 0: 4*1 + 6*exp(-1) = 4 + 6*0.3678794 =
		// 6.2072766; origin 1: 4*exp(-0.05) = 4*0.9512294 = 3.8049177.
		{"exponential", Impedance{Kind: ImpedanceExponential, Beta: 0.1}, []float64{6.2072766, 3.8049177, 0}},
		// t^-1 floored at 1 min: origin 0: 4*1 + 6/10 = 4.6; origin 1
		// (0.5 min, floored): 4.
		{"power", Impedance{Kind: ImpedancePower, Beta: 1}, []float64{4.6, 4, 0}},
		// t^-2 floored at 2 min: origin 0: 4/4 + 6/100 = 1.06; origin 1: 1.
		{"power floor 2", Impedance{Kind: ImpedancePower, Beta: 2, FloorMin: 2}, []float64{1.06, 1, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Gravity(r, sup, c.f)
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range c.want {
				if math.Abs(got[i]-want) > 1e-7 {
					t.Fatalf("A_%d = %v, want %v", i, got[i], want)
				}
			}
		})
	}
	for _, f := range []Impedance{{Beta: -1}, {Kind: ImpedancePower, Beta: 1, FloorMin: -1}, {Kind: 7}} {
		if _, err := Gravity(r, sup, f); err == nil {
			t.Errorf("%+v accepted", f)
		}
	}
	if _, err := Gravity(r, sup[:1], Impedance{}); err == nil {
		t.Error("short supply accepted")
	}
}

func BenchmarkReachMeasures(b *testing.B) {
	// 20,000 origins, 200 services, about a fifth of the pairs within the
	// 60-minute lists.
	rng := rand.New(rand.NewPCG(1, 1))
	const nO, nS = 20000, 200
	r := Reach{Origins: nO, Services: nS, Start: make([]int32, nO+1)}
	pop := make([]float64, nO)
	sup := make([]float64, nS)
	for i := range nO {
		pop[i] = float64(rng.IntN(500))
		for j := range nS {
			if rng.IntN(5) == 0 {
				r.Service = append(r.Service, int32(j))
				r.TimeMs = append(r.TimeMs, uint32(rng.IntN(3600000)))
			}
		}
		r.Start[i+1] = int32(len(r.Service))
	}
	for j := range sup {
		sup[j] = float64(1 + rng.IntN(20))
	}
	for _, d := range []Decay{{Kind: DecayStep, CatchmentMin: 30}, {Kind: DecayGaussian, CatchmentMin: 60}, {Kind: DecayZones, Zones: LuoQiZones()}} {
		b.Run(fmt.Sprintf("pairs=%d/2sfca/decay=%s", r.Pairs(), d.Kind), func(b *testing.B) {
			benchLoop(b, func() {
				if _, err := TwoStepFCA(r, pop, sup, d); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	b.Run(fmt.Sprintf("pairs=%d/cumulative/cutoffs=3", r.Pairs()), func(b *testing.B) {
		benchLoop(b, func() {
			if _, err := Cumulative(r, sup, []float64{15, 30, 60}); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run(fmt.Sprintf("pairs=%d/gravity/exponential", r.Pairs()), func(b *testing.B) {
		benchLoop(b, func() {
			if _, err := Gravity(r, sup, Impedance{Kind: ImpedanceExponential, Beta: 0.1}); err != nil {
				b.Fatal(err)
			}
		})
	})
}
