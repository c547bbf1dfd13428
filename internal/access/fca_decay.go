package access

import (
	"errors"
	"fmt"
	"math"
)

// DecayKind names a distance-decay function of the floating catchment
// area measures.
type DecayKind uint8

// Decay functions; see Decay.Weight for the formulas.
const (
	DecayStep     DecayKind = iota // 1 within the catchment (2SFCA)
	DecayLinear                    // 1 - t/T within the catchment
	DecayGaussian                  // Gaussian kernel, 1 at t = 0 and 0 at t = T
	DecayZones                     // one weight per travel-time zone (E2SFCA)
)

// String returns the name used in flags and outputs.
func (k DecayKind) String() string {
	switch k {
	case DecayStep:
		return "step"
	case DecayLinear:
		return "linear"
	case DecayGaussian:
		return "gaussian"
	case DecayZones:
		return "zones"
	}
	return "unknown"
}

// ParseDecayKind reads the names of DecayKind.String.
func ParseDecayKind(s string) (DecayKind, error) {
	for k := DecayStep; k <= DecayZones; k++ {
		if k.String() == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("access: unknown decay %q (want step, linear, gaussian or zones)", s)
}

// Zone is a travel-time band of the enhanced 2SFCA: times above the
// previous zone's bound up to UpToMin minutes weigh Weight.
type Zone struct {
	UpToMin float64
	Weight  float64
}

// LuoQiZones are three 10-minute zones (0-10, 10-20, 20-30 min) weighing
// 1, 0.68 and 0.22, the example set of the enhanced 2SFCA of Luo & Qi
// (2009). A new slice on each call.
func LuoQiZones() []Zone {
	return []Zone{{10, 1}, {20, 0.68}, {30, 0.22}}
}

// Decay weighs a travel time t (minutes) within a catchment of T minutes.
// Beyond the catchment every weight is 0.
type Decay struct {
	Kind DecayKind
	// CatchmentMin is T, the catchment size in minutes. For DecayZones it
	// is ignored: the last zone's bound is the catchment.
	CatchmentMin float64
	// Zones of DecayZones, by increasing bound.
	Zones []Zone
}

// Catchment returns the catchment size in minutes.
func (d Decay) Catchment() float64 {
	if d.Kind == DecayZones && len(d.Zones) > 0 {
		return d.Zones[len(d.Zones)-1].UpToMin
	}
	return d.CatchmentMin
}

// Validate reports a decay that cannot be used.
func (d Decay) Validate() error {
	switch d.Kind {
	case DecayStep, DecayLinear, DecayGaussian:
		if !(d.CatchmentMin > 0) || math.IsInf(d.CatchmentMin, 0) {
			return fmt.Errorf("access: %s decay: catchment of %v minutes, want a positive number", d.Kind, d.CatchmentMin)
		}
	case DecayZones:
		if len(d.Zones) == 0 {
			return errors.New("access: zones decay: no zone")
		}
		prev := 0.0
		for i, z := range d.Zones {
			if !(z.UpToMin > prev) || math.IsInf(z.UpToMin, 0) {
				return fmt.Errorf("access: zones decay: zone %d ends at %v min, want more than %v", i, z.UpToMin, prev)
			}
			if !(z.Weight >= 0) || math.IsInf(z.Weight, 0) {
				return fmt.Errorf("access: zones decay: zone %d weighs %v, want a finite number >= 0", i, z.Weight)
			}
			prev = z.UpToMin
		}
	default:
		return fmt.Errorf("access: unknown decay kind %d", d.Kind)
	}
	return nil
}

// gaussFloor is exp(-1/2), the unnormalised Gaussian kernel at t = T.
var gaussFloor = math.Exp(-0.5)

// Weight returns the weight of a time of t minutes (t >= 0):
//
//	step:     1                                        for t <= T
//	linear:   1 - t/T                                  for t <= T
//	gaussian: (exp(-(t/T)²/2) - exp(-1/2)) / (1 - exp(-1/2))  for t <= T
//	zones:    Weight of the first zone with t <= UpToMin
//
// and 0 beyond T. The Gaussian is the kernel with standard deviation T
// shifted and scaled so that it is 1 at t = 0 and falls continuously to 0
// at the catchment edge (the form of Dai 2010). Zone bounds are
// inclusive: a time exactly on a bound belongs to the nearer zone.
func (d Decay) Weight(t float64) float64 {
	if d.Kind == DecayZones {
		for _, z := range d.Zones {
			if t <= z.UpToMin {
				return z.Weight
			}
		}
		return 0
	}
	T := d.CatchmentMin
	if !(t <= T) {
		return 0
	}
	switch d.Kind {
	case DecayStep:
		return 1
	case DecayLinear:
		return 1 - t/T
	case DecayGaussian:
		x := t / T
		return (math.Exp(-0.5*x*x) - gaussFloor) / (1 - gaussFloor)
	}
	return 0
}
