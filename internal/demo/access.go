package demo

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Local access roads: every point (a populated cell centre, a service)
// farther than accessNear from the network gets a straight gravel road to
// the nearest node it can reach without crossing a lake. Points are linked
// nearest-first, and each new road's nodes join the network, so the local
// roads grow outwards as trees from the main roads like real village roads.
// A road ends at a fixed pseudo-random spot up to accessJitter metres from
// its point along each axis (where the houses are), which keeps the roads
// of neighbouring cells from lining up into a comb.

const (
	accessNear       = 250.0   // points this close to a node need no road, m
	accessCandidates = 24      // nearest nodes tried before giving up
	accessReach      = 40000.0 // farthest node an access road may run to, m
	accessJitter     = 250.0   // largest offset of a road's end from its point, m
)

// connectPoints builds the access roads for pts, ending each up to jitter
// metres from its point along each axis.
func connectPoints(nw *network, ls []lake, pts []xy, jitter float64) error {
	type item struct {
		p xy
		d float64
	}
	items := make([]item, len(pts))
	for i, p := range pts {
		d := math.Inf(1)
		if nn := nw.index.nearest(p, 1, accessReach); len(nn) > 0 {
			d = p.dist(nw.pts[nn[0]])
		}
		items[i] = item{p, d}
	}
	slices.SortStableFunc(items, func(a, b item) int {
		return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.p.Y, b.p.Y), cmp.Compare(a.p.X, b.p.X))
	})
	for _, it := range items {
		if nn := nw.index.nearest(it.p, 1, accessNear); len(nn) > 0 {
			continue
		}
		ix, iy := int64(math.Round(it.p.X)), int64(math.Round(it.p.Y))
		end := it.p.add(xy{(2*mix(ix, iy, 1) - 1) * jitter, (2*mix(ix, iy, 2) - 1) * jitter})
		if crossesLake(ls, it.p, end) {
			end = it.p
		}
		cands := nw.index.nearest(end, accessCandidates, accessReach)
		if len(cands) == 0 {
			return fmt.Errorf("demo: no road within %.0f km of point %v", accessReach/1000, it.p)
		}
		target := int32(-1)
		for _, c := range cands {
			if !crossesLake(ls, nw.pts[c], end) {
				target = c
				break
			}
		}
		if target < 0 {
			return fmt.Errorf("demo: every road near point %v lies across a lake", it.p)
		}
		last := nw.node(end, true)
		nw.ways = append(nw.ways, way{kind: road, class: access, nodes: nw.polyline(target, nil, last, nil)})
	}
	return nil
}
