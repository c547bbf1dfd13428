package access

import (
	"fmt"
	"math"
)

// FCA is the result of a two-step floating catchment area measure.
type FCA struct {
	Decay Decay
	// Demand of each service: the decay-weighted population of its
	// catchment, D_j = sum_i P_i W(t_ij).
	Demand []float64
	// Ratio of each service: supply per weighted resident, R_j = S_j / D_j,
	// and 0 for a service whose catchment holds no (weighted) population.
	Ratio []float64
	// Access of each origin: A_i = sum_j R_j W(t_ij), the supply available
	// per resident (multiply by 1000 for supply per 1000 residents).
	Access []float64
	// UnservedSupply is the supply of the services with D_j = 0, which
	// reaches nobody. Then sum_i P_i A_i = sum_j S_j - UnservedSupply.
	UnservedSupply float64
}

// TwoStepFCA computes the two-step floating catchment area measure (Luo &
// Wang 2003) and, with a decay other than a step, its enhanced and
// kernel forms (Luo & Qi 2009; Dai 2010):
//
//	step 1, per service j:  R_j = S_j / sum_{i: t_ij <= T} P_i W(t_ij)
//	step 2, per origin i:   A_i = sum_{j: t_ij <= T} R_j W(t_ij)
//
// with population P (per origin), supply S (per service, such as staff or
// capacity), times t_ij in minutes from r and the decay W of d, the same
// in both steps. r must list every pair within the catchment T (built
// with that limit or more, or none). Population and supply must be
// finite and >= 0.
func TwoStepFCA(r Reach, population, supply []float64, d Decay) (FCA, error) {
	if err := d.Validate(); err != nil {
		return FCA{}, err
	}
	if err := checkWeighted(r, population, supply); err != nil {
		return FCA{}, fmt.Errorf("access: 2SFCA: %w", err)
	}
	if T := d.Catchment(); !r.covers(T * 60000) {
		return FCA{}, fmt.Errorf("access: 2SFCA: catchment of %v min lies beyond the %v min the reach lists were built with", T, minutes(r.LimitMs))
	}
	res := FCA{Decay: d, Demand: make([]float64, r.Services), Ratio: make([]float64, r.Services), Access: make([]float64, r.Origins)}
	for i := range r.Origins {
		if population[i] == 0 {
			continue
		}
		svc, tms := r.Of(i)
		for k, j := range svc {
			res.Demand[j] += population[i] * d.Weight(minutes(tms[k]))
		}
	}
	for j, dj := range res.Demand {
		if dj > 0 {
			res.Ratio[j] = supply[j] / dj
		} else {
			res.UnservedSupply += supply[j]
		}
	}
	for i := range r.Origins {
		svc, tms := r.Of(i)
		var a float64
		for k, j := range svc {
			if rj := res.Ratio[j]; rj != 0 {
				a += rj * d.Weight(minutes(tms[k]))
			}
		}
		res.Access[i] = a
	}
	return res, nil
}

// checkWeighted checks r and the lengths and values of per-origin and
// per-service weights.
func checkWeighted(r Reach, perOrigin, perService []float64) error {
	if err := r.check(); err != nil {
		return err
	}
	if len(perOrigin) != r.Origins {
		return fmt.Errorf("%d population values for %d origins", len(perOrigin), r.Origins)
	}
	if len(perService) != r.Services {
		return fmt.Errorf("%d supply values for %d services", len(perService), r.Services)
	}
	for i, p := range perOrigin {
		if !(p >= 0) || math.IsInf(p, 0) {
			return fmt.Errorf("population of origin %d is %v", i, p)
		}
	}
	for j, s := range perService {
		if !(s >= 0) || math.IsInf(s, 0) {
			return fmt.Errorf("supply of service %d is %v", j, s)
		}
	}
	return nil
}
