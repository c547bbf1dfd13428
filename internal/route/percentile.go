package route

import (
	"math"
	"math/bits"
	"slices"

	"github.com/saavu/saavu/internal/transit"
)

// Percentiles writes to out[i] the ps[i]-th percentile of times, one travel
// time per departure minute with Unreachable (or any negative value) for a
// minute that does not reach the target.
//
// The definition is R5's (TravelTimeReducer): sort the times with
// unreachable ones as +infinity; the p-th percentile of n times is the
// value at zero-based index ceil(p/100*n)-1, the smallest value such that
// at least p percent of the times are less than or equal to it, with p/100*n
// evaluated in double precision as R5 does. It never
// interpolates, so it is always one of the times; p = 100 gives the
// largest, p = 50 of 120 times the 60th smallest. The result is
// Unreachable when that value is +infinity or times is empty. Percentiles
// below 1 give the smallest time (R5 would index -1), above 100 the largest.
//
// R5 truncates each time to whole minutes before taking percentiles;
// truncation keeps the order, so truncating the result here gives the same
// figure.
//
// times is not modified and nothing is allocated. Only min(len(ps),
// len(out)) percentiles are written.
func Percentiles(times []transit.Seconds, ps []int, out []transit.Seconds) {
	n := len(times)
	np := min(len(ps), len(out))
	if n == 0 {
		for i := range np {
			out[i] = Unreachable
		}
		return
	}
	// Reachable times span lo..hi; the rest sort after them.
	lo, hi, reach := transit.Seconds(0), transit.Seconds(-1), 0
	for _, t := range times {
		if t < 0 {
			continue
		}
		if reach == 0 || t < lo {
			lo = t
		}
		if t > hi {
			hi = t
		}
		reach++
	}
	if np > maxFastPercentiles || n > math.MaxUint16 || lo == hi {
		for i := range np {
			k := percentileIndex(n, ps[i])
			switch {
			case k >= reach:
				out[i] = Unreachable
			case lo == hi:
				out[i] = lo
			default:
				out[i] = selectRank(times, lo, hi, k)
			}
		}
		return
	}

	// Count the reachable times in at most 256 buckets of equal width.
	shift := max(bits.Len32(uint32(hi-lo))-8, 0)
	var count [256]uint16
	for _, t := range times {
		if t >= 0 {
			count[uint32(t-lo)>>shift]++
		}
	}
	// Find the bucket of each rank, walking the buckets once in the order
	// of the ranks; note the buckets to look into.
	var bucket [maxFastPercentiles]uint8
	var rest, order [maxFastPercentiles]int
	var slotOf [256]uint8 // 1 + slot of a bucket to look into, 0 if none
	slots := 0
	for i := range np {
		rest[i] = percentileIndex(n, ps[i])
		j := i
		for ; j > 0 && rest[order[j-1]] > rest[i]; j-- {
			order[j] = order[j-1]
		}
		order[j] = i
	}
	b, below := 0, 0 // below: times in buckets before b
	for _, i := range order[:np] {
		k := rest[i]
		if k >= reach {
			out[i] = Unreachable
			rest[i] = -1
			continue
		}
		for k >= below+int(count[b]) {
			below += int(count[b])
			b++
		}
		bucket[i], rest[i] = uint8(b), k-below
		if shift == 0 {
			out[i] = lo + transit.Seconds(b)
			continue
		}
		if slotOf[b] == 0 && count[b] <= fastBucket {
			slots++
			slotOf[b] = uint8(slots)
		}
	}
	if shift == 0 {
		return
	}
	// Gather the times of those buckets (few each) in one pass.
	var buf [maxFastPercentiles][fastBucket]transit.Seconds
	var fill [maxFastPercentiles]int
	if slots > 0 {
		for _, t := range times {
			if t < 0 {
				continue
			}
			if sl := slotOf[uint32(t-lo)>>shift]; sl != 0 {
				buf[sl-1][fill[sl-1]] = t
				fill[sl-1]++
			}
		}
		for sl := range slots {
			slices.Sort(buf[sl][:fill[sl]])
		}
	}
	for i := range np {
		if rest[i] < 0 {
			continue
		}
		b := bucket[i]
		if sl := slotOf[b]; sl != 0 {
			out[i] = buf[sl-1][rest[i]]
			continue
		}
		// A crowded bucket: select within it.
		blo := lo + transit.Seconds(int(b)<<shift)
		out[i] = selectRank(times, blo, min(hi, blo+transit.Seconds(1<<shift)-1), rest[i])
	}
}

// Limits of the fast path of Percentiles: how many percentiles, and how
// many times a bucket may hold to be sorted directly.
const (
	maxFastPercentiles = 8
	fastBucket         = 24
)

// percentileIndex returns ceil(p/100*n)-1 clamped to 0..n-1, computed in
// double precision in R5's order, so that it agrees with R5 where rounding
// lifts p/100*n just above a whole number (p = 7, n = 100 gives index 7).
func percentileIndex(n, p int) int {
	if p <= 0 {
		return 0
	}
	if p >= 100 {
		return n - 1
	}
	return min(max(int(math.Ceil(float64(p)/100*float64(n)))-1, 0), n-1)
}

// selectRank returns the k-th smallest (zero-based) of the non-negative
// times, all within lo..hi, by radix selection: count the times in at most
// 256 buckets of equal width, keep the bucket that holds rank k, and repeat
// inside it until a bucket holds a single value.
func selectRank(times []transit.Seconds, lo, hi transit.Seconds, k int) transit.Seconds {
	var count [256]int32
	for lo < hi {
		shift := max(bits.Len32(uint32(hi-lo))-8, 0)
		count = [256]int32{}
		for _, t := range times {
			if t >= lo && t <= hi {
				count[uint32(t-lo)>>shift]++
			}
		}
		b := 0
		for ; k >= int(count[b]); b++ {
			k -= int(count[b])
		}
		lo, hi = lo+transit.Seconds(b<<shift), min(hi, lo+transit.Seconds((b+1)<<shift)-1)
		if shift == 0 {
			return lo
		}
	}
	return lo
}
