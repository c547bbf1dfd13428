package travel

import (
	"slices"

	"github.com/saavu/saavu/internal/access"
)

// kSmallest ranks each origin's listed services by (time, service index)
// and keeps the k first.
func kSmallest(r access.Reach, k int) access.NearestKResult {
	out := access.NearestKResult{K: k, TimeMs: make([]uint32, r.Origins*k), Service: make([]int32, r.Origins*k)}
	for i := range out.TimeMs {
		out.TimeMs[i] = Unreachable
		out.Service[i] = -1
	}
	type pair struct {
		t uint32
		s int32
	}
	var buf []pair
	for i := range r.Origins {
		svc, ts := r.Of(i)
		buf = buf[:0]
		for j, s := range svc {
			buf = append(buf, pair{ts[j], s})
		}
		slices.SortFunc(buf, func(a, b pair) int {
			if a.t != b.t {
				if a.t < b.t {
					return -1
				}
				return 1
			}
			return int(a.s - b.s)
		})
		for rank := 0; rank < k && rank < len(buf); rank++ {
			out.TimeMs[i*k+rank], out.Service[i*k+rank] = buf[rank].t, buf[rank].s
		}
	}
	return out
}

// mergeReach joins two reach lists over the same origins and services,
// keeping the lower time of a pair listed in both. The union is complete
// up to the lower of the two limits (0 = none).
func mergeReach(a, b access.Reach) access.Reach {
	lim := a.LimitMs
	if lim == 0 || (b.LimitMs != 0 && b.LimitMs < lim) {
		lim = b.LimitMs
	}
	out := access.Reach{Origins: a.Origins, Services: a.Services, LimitMs: lim, Start: make([]int32, a.Origins+1)}
	for i := range a.Origins {
		as, at := a.Of(i)
		bs, bt := b.Of(i)
		x, y := 0, 0
		for x < len(as) || y < len(bs) {
			switch {
			case y == len(bs) || (x < len(as) && as[x] < bs[y]):
				out.Service, out.TimeMs = append(out.Service, as[x]), append(out.TimeMs, at[x])
				x++
			case x == len(as) || bs[y] < as[x]:
				out.Service, out.TimeMs = append(out.Service, bs[y]), append(out.TimeMs, bt[y])
				y++
			default:
				out.Service, out.TimeMs = append(out.Service, as[x]), append(out.TimeMs, min(at[x], bt[y]))
				x++
				y++
			}
		}
		out.Start[i+1] = int32(len(out.Service))
	}
	return out
}
