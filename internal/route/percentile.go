package route

import (
	"math"
	"math/bits"

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
}

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
