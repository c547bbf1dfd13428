package access

import (
	"fmt"
	"math"
)

// ImpedanceKind names the impedance function of the gravity measure.
type ImpedanceKind uint8

// Impedance functions; see Impedance.Weight.
const (
	ImpedanceExponential ImpedanceKind = iota // exp(-beta t)
	ImpedancePower                            // t^-beta, t floored
)

// String returns the name used in flags and outputs.
func (k ImpedanceKind) String() string {
	switch k {
	case ImpedanceExponential:
		return "exponential"
	case ImpedancePower:
		return "power"
	}
	return "unknown"
}

// Impedance is the weight of a travel time in the gravity measure.
type Impedance struct {
	Kind ImpedanceKind
	// Beta is the decay parameter: per minute for the exponential, the
	// exponent for the power function. It must be >= 0.
	Beta float64
	// FloorMin is the smallest time the power function sees, in minutes:
	// times below it count as FloorMin, so a service at t = 0 gets the
	// finite weight FloorMin^-beta. 0 means 1 minute. Unused by the
	// exponential, which is 1 at t = 0.
	FloorMin float64
}

// Validate reports an impedance that cannot be used.
func (f Impedance) Validate() error {
	if !(f.Beta >= 0) || math.IsInf(f.Beta, 0) {
		return fmt.Errorf("access: %s impedance: beta %v, want a finite number >= 0", f.Kind, f.Beta)
	}
	switch f.Kind {
	case ImpedanceExponential:
	case ImpedancePower:
		if !(f.FloorMin >= 0) || math.IsInf(f.FloorMin, 0) {
			return fmt.Errorf("access: power impedance: floor of %v minutes, want a finite number >= 0", f.FloorMin)
		}
	default:
		return fmt.Errorf("access: unknown impedance kind %d", f.Kind)
	}
	return nil
}

// Weight returns the impedance of a time of t minutes:
//
//	exponential: exp(-beta t)
//	power:       max(t, t0)^-beta, t0 = FloorMin (1 minute when 0)
func (f Impedance) Weight(t float64) float64 {
	if f.Kind == ImpedancePower {
		t0 := f.FloorMin
		if t0 == 0 {
			t0 = 1
		}
		return math.Pow(max(t, t0), -f.Beta)
	}
	return math.Exp(-f.Beta * t)
}

// Gravity computes the gravity (Hansen) measure A_i = sum_j S_j f(t_ij)
// over the services r lists for each origin, with t_ij in minutes and the
// impedance f. Services beyond the limit r was built with contribute
// nothing: the sum is truncated there. Supply must be finite and >= 0.
func Gravity(r Reach, supply []float64, f Impedance) ([]float64, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	if len(supply) != r.Services {
		return nil, fmt.Errorf("access: gravity: %d supply values for %d services", len(supply), r.Services)
	}
	for j, s := range supply {
		if !(s >= 0) || math.IsInf(s, 0) {
			return nil, fmt.Errorf("access: gravity: supply of service %d is %v", j, s)
		}
	}
	out := make([]float64, r.Origins)
	for i := range r.Origins {
		svc, tms := r.Of(i)
		var a float64
		for k, j := range svc {
			a += supply[j] * f.Weight(minutes(tms[k]))
		}
		out[i] = a
	}
	return out, nil
}
