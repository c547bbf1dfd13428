package access

import (
	"math"
	"sort"
)

// RegionStats summarises the times of one region's origins to one
// category by one mode.
type RegionStats struct {
	Region      int32
	Cells       int       // origins with a weight > 0
	Population  float64   // total weight
	Within      []float64 // weight within each threshold (time <= threshold)
	Unreachable float64   // weight that reaches no service
	// Weighted statistics in minutes. Mean is over the reachable weight;
	// Median and P90 count unreachable origins as infinitely far, so they
	// are +Inf when more than half (a tenth) of the weight is unreachable.
	// All are NaN when the region has no weight.
	Mean, Median, P90 float64
}

// Share returns the share of the population within threshold k (0..1), or
// NaN for a region without population.
func (s RegionStats) Share(k int) float64 {
	if s.Population == 0 {
		return math.NaN()
	}
	return s.Within[k] / s.Population
}

// Summarise aggregates per region. times are milliseconds per origin
// (Unreachable for none), weights the origin weights, region the region
// index of each origin (-1: outside every region, skipped), thresholds in
// minutes. The result has one entry per region, in region order.
func Summarise(times []uint32, weights []float64, region []int32, nRegions int, thresholdsMin []float64) []RegionStats {
	out := make([]RegionStats, nRegions)
	members := make([][]int32, nRegions)
	for i := range out {
		out[i] = RegionStats{Region: int32(i), Within: make([]float64, len(thresholdsMin))}
	}
	for i, r := range region {
		if r < 0 || int(r) >= nRegions || weights[i] <= 0 {
			continue
		}
		members[r] = append(members[r], int32(i))
	}
	for r := range out {
		st := &out[r]
		var sumT, sumW float64
		for _, i := range members[r] {
			w := weights[i]
			st.Cells++
			st.Population += w
			if times[i] == Unreachable {
				st.Unreachable += w
				continue
			}
			m := float64(times[i]) / 60000
			sumT += m * w
			sumW += w
			for k, th := range thresholdsMin {
				if m <= th {
					st.Within[k] += w
				}
			}
		}
		st.Mean, st.Median, st.P90 = math.NaN(), math.NaN(), math.NaN()
		if st.Population == 0 {
			continue
		}
		if sumW > 0 {
			st.Mean = sumT / sumW
		}
		st.Median = WeightedQuantile(members[r], times, weights, 0.5)
		st.P90 = WeightedQuantile(members[r], times, weights, 0.9)
	}
	return out
}

// WeightedQuantile returns, in minutes, the smallest time t among the
// given origins such that the weight of origins with time <= t is at least
// q of their total weight. Unreachable origins count as infinitely far, so
// the result is +Inf when they make up more than 1-q of the weight.
func WeightedQuantile(idx []int32, times []uint32, weights []float64, q float64) float64 {
	type tw struct {
		t uint32
		w float64
	}
	v := make([]tw, 0, len(idx))
	var total float64
	for _, i := range idx {
		if weights[i] <= 0 {
			continue
		}
		v = append(v, tw{times[i], weights[i]})
		total += weights[i]
	}
	if total == 0 {
		return math.NaN()
	}
	sort.Slice(v, func(a, b int) bool { return v[a].t < v[b].t })
	need := q * total
	var cum float64
	for _, x := range v {
		cum += x.w
		if cum >= need-1e-9*total {
			if x.t == Unreachable {
				return math.Inf(1)
			}
			return float64(x.t) / 60000
		}
	}
	return math.Inf(1)
}
