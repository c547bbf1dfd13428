package plan

import (
	"errors"
	"fmt"
	"math"
)

// Objective is what the choice of sites optimises.
type Objective uint8

// Objectives; see the package documentation.
const (
	Coverage Objective = iota // maximise the weight within ThresholdMs (MCLP)
	Median                    // minimise the weighted capped time (p-median)
)

// String returns the name used in flags and outputs.
func (o Objective) String() string {
	switch o {
	case Coverage:
		return "coverage"
	case Median:
		return "median"
	}
	return "unknown"
}

// ParseObjective reads the names of Objective.String.
func ParseObjective(s string) (Objective, error) {
	switch s {
	case "coverage":
		return Coverage, nil
	case "median":
		return Median, nil
	}
	return 0, fmt.Errorf("plan: unknown objective %q (want coverage or median)", s)
}

// Problem is a location-allocation instance.
type Problem struct {
	Objective Objective
	// Sites are the candidate sites (Add) or the existing sites that may
	// close (Remove), with their times to the origins.
	Sites Sparse
	// Weights of the origins (population), finite and >= 0.
	Weights []float64
	// FixedMs is, per origin, the time to the nearest service that stays
	// open whatever is chosen (Unreachable for none); nil when there is no
	// such service.
	FixedMs []uint32
	// ThresholdMs is the coverage threshold: an origin is covered when its
	// nearest open service is at most this far. Required (> 0) for
	// Coverage; for Median it only feeds the reported coverage.
	ThresholdMs uint32
	// CapMs caps every origin's time in the Median objective; unreachable
	// origins count as CapMs. Required (> 0) for Median; for Coverage it
	// only feeds the reported weighted time.
	CapMs uint32
}

// Validate reports a problem that cannot be solved.
func (p Problem) Validate() error {
	if err := p.Sites.Validate(); err != nil {
		return err
	}
	if len(p.Weights) != p.Sites.Origins {
		return fmt.Errorf("plan: %d weights for %d origins", len(p.Weights), p.Sites.Origins)
	}
	for i, w := range p.Weights {
		if !(w >= 0) || math.IsInf(w, 0) {
			return fmt.Errorf("plan: weight of origin %d is %v, want a finite number >= 0", i, w)
		}
	}
	if p.FixedMs != nil && len(p.FixedMs) != p.Sites.Origins {
		return fmt.Errorf("plan: %d fixed-service times for %d origins", len(p.FixedMs), p.Sites.Origins)
	}
	switch p.Objective {
	case Coverage:
		if p.ThresholdMs == 0 {
			return errors.New("plan: coverage objective without a threshold")
		}
	case Median:
		if p.CapMs == 0 {
			return errors.New("plan: median objective without a cap time")
		}
	default:
		return fmt.Errorf("plan: unknown objective %d", p.Objective)
	}
	return nil
}

// cost is the per-origin cost of the objective for a time: 0 or 1
// (covered or not) for Coverage, the capped time for Median.
func (p Problem) cost(t uint32) float64 {
	if p.Objective == Coverage {
		if t <= p.ThresholdMs && t != Unreachable {
			return 0
		}
		return 1
	}
	return float64(min(t, p.CapMs))
}

// fixed returns the time of origin i to its nearest fixed service.
func (p Problem) fixed(i int) uint32 {
	if p.FixedMs == nil {
		return Unreachable
	}
	return p.FixedMs[i]
}
