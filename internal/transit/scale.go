package transit

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
)

// MaxRouteScale is the largest factor DayOptions.ScaleRoutes accepts.
const MaxRouteScale = 10

// scaleUnit is the resolution of a route scaling factor: factors are
// rounded to thousandths so that the choice of trips is exact integer
// arithmetic.
const scaleUnit = 1000

// scaleRoutes thins or multiplies the runs of the routes named in scale
// (see DayOptions.ScaleRoutes). Runs are grouped by route and timetable
// pattern (one direction or variant of a line) and ranked by the
// departure of their template at its first stop.
func (tt *Timetable) scaleRoutes(insts []instance, scale map[string]float64) ([]instance, error) {
	factor, err := tt.routeFactors(scale)
	if err != nil {
		return nil, err
	}
	first := func(in instance) Seconds {
		_, dep := tt.TripTimes(in.trip)
		return dep[0] + in.shift
	}
	type group struct{ route, pattern int32 }
	byGroup := map[group][]instance{}
	var out []instance
	for _, in := range insts {
		tr := &tt.Trips[in.trip]
		if _, ok := factor[tr.Route]; !ok {
			out = append(out, in)
			continue
		}
		g := group{tr.Route, tr.Pattern}
		byGroup[g] = append(byGroup[g], in)
	}
	groups := make([]group, 0, len(byGroup))
	for g := range byGroup {
		groups = append(groups, g)
	}
	slices.SortFunc(groups, func(a, b group) int { return cmp.Or(cmp.Compare(a.route, b.route), cmp.Compare(a.pattern, b.pattern)) })
	for _, g := range groups {
		runs := byGroup[g]
		slices.SortFunc(runs, func(a, b instance) int {
			return cmp.Or(cmp.Compare(first(a), first(b)), cmp.Compare(a.trip, b.trip), cmp.Compare(a.shift, b.shift))
		})
		f := factor[g.route]
		if f <= scaleUnit {
			// Keep run r when ceil((r+1)f) > ceil(rf): ceil(n f) of n runs,
			// the first always (unless f is 0), spread evenly.
			for r, in := range runs {
				if ceilDiv((r+1)*f, scaleUnit) > ceilDiv(r*f, scaleUnit) {
					out = append(out, in)
				}
			}
			continue
		}
		// Between runs r and r+1 add ceil((r+1)e) - ceil(re) copies of
		// run r, e = f - 1, evenly spaced within the headway.
		e := f - scaleUnit
		for r, in := range runs {
			out = append(out, in)
			if r+1 == len(runs) {
				break
			}
			copies := ceilDiv((r+1)*e, scaleUnit) - ceilDiv(r*e, scaleUnit)
			gap := first(runs[r+1]) - first(in)
			arr, dep := tt.TripTimes(in.trip)
			for j := 1; j <= copies; j++ {
				delta := Seconds(int64(gap) * int64(j) / int64(copies+1))
				if delta > 0 {
					out = appendInstance(out, in.trip, in.shift+delta, arr, dep)
				}
			}
		}
	}
	return out, nil
}

// routeFactors resolves the keys of scale to route indices, with factors
// in thousandths.
func (tt *Timetable) routeFactors(scale map[string]float64) (map[int32]int, error) {
	keys := make([]string, 0, len(scale))
	for k := range scale {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	factor := map[int32]int{}
	keyOf := map[int32]string{}
	for _, k := range keys {
		f := scale[k]
		if math.IsNaN(f) || f < 0 || f > MaxRouteScale {
			return nil, fmt.Errorf("%w: route %q: scaling factor %v outside 0..%d", ErrInvalid, k, f, MaxRouteScale)
		}
		fu := int(math.Round(f * scaleUnit))
		found := false
		for r := range tt.Routes {
			rt := &tt.Routes[r]
			if rt.ID != k && rt.ShortName != k {
				continue
			}
			found = true
			if prev, ok := keyOf[int32(r)]; ok && factor[int32(r)] != fu {
				return nil, fmt.Errorf("%w: route %s is scaled by %v (as %q) and by %v (as %q)", ErrInvalid, rt.ID, scale[prev], prev, f, k)
			}
			factor[int32(r)] = fu
			keyOf[int32(r)] = k
		}
		if !found {
			return nil, fmt.Errorf("%w: no route has the id or short name %q to scale", ErrInvalid, k)
		}
	}
	return factor, nil
}

// ceilDiv is ceil(a/b) for a >= 0, b > 0.
func ceilDiv(a, b int) int { return (a + b - 1) / b }
