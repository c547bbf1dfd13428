package transit

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// declaredTransfer is a transfer the timetable itself implies.
type declaredTransfer struct {
	from, to  int32
	minTime   Seconds // declared minimum (0 when none)
	straight  Seconds // straight-line walking time, used when no walking time is given
	forbidden bool
}

// declaredTransfers lists the declared transfers and the transfers
// between platforms (location type 0) of one parent station, merged per
// pair (forbidden wins, the largest minimum wins), sorted by (from, to).
func (tt *Timetable) declaredTransfers(walkSpeed float64) []declaredTransfer {
	var out []declaredTransfer
	walk := func(a, b int32) Seconds {
		sa, sb := &tt.Stops[a], &tt.Stops[b]
		return Seconds(math.Ceil(haversine(sa.Lon, sa.Lat, sb.Lon, sb.Lat) / walkSpeed))
	}
	for _, t := range tt.Transfers {
		out = append(out, declaredTransfer{from: t.From, to: t.To, minTime: t.MinTime, straight: walk(t.From, t.To), forbidden: t.Type == TransferForbidden})
	}
	platforms := map[int32][]int32{}
	for i, s := range tt.Stops {
		if s.Parent >= 0 && s.LocationType == 0 {
			platforms[s.Parent] = append(platforms[s.Parent], int32(i))
		}
	}
	for _, ps := range platforms {
		for _, a := range ps {
			for _, b := range ps {
				if a != b {
					out = append(out, declaredTransfer{from: a, to: b, straight: walk(a, b)})
				}
			}
		}
	}
	slices.SortFunc(out, func(x, y declaredTransfer) int {
		return cmp.Or(cmp.Compare(x.from, y.from), cmp.Compare(x.to, y.to))
	})
	merged := out[:0]
	for _, t := range out {
		if n := len(merged); n > 0 && merged[n-1].from == t.from && merged[n-1].to == t.to {
			m := &merged[n-1]
			m.minTime = max(m.minTime, t.minTime)
			m.forbidden = m.forbidden || t.forbidden
			continue
		}
		merged = append(merged, t)
	}
	return merged
}

// SetTransfers replaces the walking transfers of the day with the list
// given (from[i] to to[i] takes secs[i]; typically computed over the
// street graph) and rebuilds TransferStart, TransferTo and TransferTime.
//
// The list is merged with the transfers the timetable declares: a pair
// declared forbidden (transfer_type 3) is removed; a declared minimum
// transfer time wins when it is larger than the walking time; a declared
// or same-station pair missing from the list keeps its straight-line
// walking time (or its minimum, if larger). A pair listed twice keeps its
// shortest time; transfers from a stop to itself are dropped (staying is
// free). The result is sorted by (from, to) whatever the order of the
// list.
func (day *Day) SetTransfers(from, to []int32, secs []Seconds) error {
	if len(from) != len(to) || len(from) != len(secs) {
		return fmt.Errorf("transit: SetTransfers: %d from, %d to, %d times", len(from), len(to), len(secs))
	}
	walk := make([]walkTransfer, 0, len(from))
	for i := range from {
		if from[i] < 0 || int(from[i]) >= day.NumStops || to[i] < 0 || int(to[i]) >= day.NumStops {
			return fmt.Errorf("transit: SetTransfers: transfer %d: stop %d or %d out of range [0, %d)", i, from[i], to[i], day.NumStops)
		}
		if secs[i] < 0 {
			return fmt.Errorf("transit: SetTransfers: transfer %d: negative time %d", i, secs[i])
		}
		if from[i] != to[i] {
			walk = append(walk, walkTransfer{from[i], to[i], secs[i]})
		}
	}
	day.rebuildTransfers(walk)
	return nil
}

// walkTransfer is one entry of a walking transfer list.
type walkTransfer struct {
	from, to int32
	secs     Seconds
}

// rebuildTransfers merges walk with the declared transfers into the
// TransferStart/To/Time arrays.
func (day *Day) rebuildTransfers(walk []walkTransfer) {
	slices.SortFunc(walk, func(x, y walkTransfer) int {
		return cmp.Or(cmp.Compare(x.from, y.from), cmp.Compare(x.to, y.to), cmp.Compare(x.secs, y.secs))
	})
	type out struct {
		from, to int32
		secs     Seconds
	}
	var res []out
	dec := day.declared
	i, k := 0, 0
	for i < len(walk) || k < len(dec) {
		var c int
		switch {
		case i == len(walk):
			c = 1
		case k == len(dec):
			c = -1
		default:
			c = cmp.Or(cmp.Compare(walk[i].from, dec[k].from), cmp.Compare(walk[i].to, dec[k].to))
		}
		switch {
		case c < 0: // walking only
			w := walk[i]
			res = append(res, out{w.from, w.to, w.secs})
		case c > 0: // declared only
			d := dec[k]
			if !d.forbidden {
				res = append(res, out{d.from, d.to, max(d.minTime, d.straight)})
			}
		default:
			d := dec[k]
			if !d.forbidden {
				res = append(res, out{d.from, d.to, max(d.minTime, walk[i].secs)})
			}
		}
		if c <= 0 {
			// Skip the rest of this pair in the walking list (longer times).
			f, t := walk[i].from, walk[i].to
			for i < len(walk) && walk[i].from == f && walk[i].to == t {
				i++
			}
		}
		if c >= 0 {
			k++
		}
	}
	day.TransferStart = make([]int32, day.NumStops+1)
	day.TransferTo = make([]int32, len(res))
	day.TransferTime = make([]Seconds, len(res))
	for j, r := range res {
		day.TransferStart[r.from+1]++
		day.TransferTo[j] = r.to
		day.TransferTime[j] = r.secs
	}
	for s := 1; s <= day.NumStops; s++ {
		day.TransferStart[s] += day.TransferStart[s-1]
	}
}
