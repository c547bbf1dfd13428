package access

import (
	"sort"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/geo"
)

// GapArea is a connected group of populated grid cells of one region whose
// time to the nearest service exceeds the gap threshold (or which reach no
// service at all). Cells sharing an edge are connected.
type GapArea struct {
	Region      int32
	Cells       []int32 // origin indices, in grid order
	Population  float64
	Unreachable float64          // of which reach no service
	Geometry    orb.MultiPolygon // dissolved cell squares, EPSG:3067
}

// GapAreas groups the gap cells. cells are the grid cells of the origins
// (all of one size), times in milliseconds, gapMin the threshold in
// minutes. Areas are ordered by region, then by their first cell from south
// to north and west to east.
func GapAreas(cells []geo.Cell, times []uint32, weights []float64, region []int32, gapMin float64) []GapArea {
	limit := gapMin * 60000
	type key struct {
		e, n   int32
		region int32
	}
	at := map[key]int32{}
	var gap []int32
	for i, c := range cells {
		if region[i] < 0 || weights[i] <= 0 {
			continue
		}
		if times[i] != Unreachable && float64(times[i]) <= limit {
			continue
		}
		at[key{c.E, c.N, region[i]}] = int32(i)
		gap = append(gap, int32(i))
	}
	less := func(a, b int32) bool {
		ca, cb := cells[a], cells[b]
		if region[a] != region[b] {
			return region[a] < region[b]
		}
		if ca.N != cb.N {
			return ca.N < cb.N
		}
		return ca.E < cb.E
	}
	sort.Slice(gap, func(x, y int) bool { return less(gap[x], gap[y]) })
	seen := make(map[int32]bool, len(gap))
	var out []GapArea
	var stack []int32
	for _, start := range gap {
		if seen[start] {
			continue
		}
		area := GapArea{Region: region[start]}
		seen[start] = true
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			area.Cells = append(area.Cells, i)
			c := cells[i]
			for _, d := range [4][2]int32{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				j, ok := at[key{c.E + d[0]*c.Size, c.N + d[1]*c.Size, region[i]}]
				if ok && !seen[j] {
					seen[j] = true
					stack = append(stack, j)
				}
			}
		}
		sort.Slice(area.Cells, func(x, y int) bool { return less(area.Cells[x], area.Cells[y]) })
		sq := make([]geo.Cell, len(area.Cells))
		for k, i := range area.Cells {
			sq[k] = cells[i]
			area.Population += weights[i]
			if times[i] == Unreachable {
				area.Unreachable += weights[i]
			}
		}
		area.Geometry = geo.DissolveCells(sq)
		out = append(out, area)
	}
	return out
}
