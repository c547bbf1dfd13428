package ptaccess

import (
	"math"

	"github.com/tidwall/rtree"

	"github.com/saavu/saavu/internal/transit"
)

// metresPerDegree is the length of one degree of latitude on the sphere
// the street graph uses.
const metresPerDegree = 6371008.8 * math.Pi / 180

// pointIndex finds the points (linked stops, destinations) near a point:
// an R-tree over their lon/lat positions queried with a box that contains
// the circle of the search radius.
type pointIndex struct {
	ids  []int32 // the points' numbers, ascending
	tree rtree.RTreeG[int32]
}

// newStopIndex indexes the linked stops.
func newStopIndex(stops []transit.Stop, linked []int32) pointIndex {
	return newPointIndex(linked, func(s int32) (float64, float64) { return stops[s].Lon, stops[s].Lat })
}

// newPointIndex indexes the points ids (ascending), placed by at.
func newPointIndex(ids []int32, at func(int32) (lon, lat float64)) pointIndex {
	ix := pointIndex{ids: ids}
	for _, s := range ids {
		lon, lat := at(s)
		p := [2]float64{lon, lat}
		ix.tree.Insert(p, p, s)
	}
	return ix
}

// near appends to dst the points within radius metres of (lon, lat)
// and possibly a few more (the box corners): callers measure the real
// walk anyway. The order is the tree's; callers sort when it matters.
func (ix *pointIndex) near(lon, lat, radius float64, dst []int32) []int32 {
	dlat := radius/metresPerDegree + 1e-9
	maxLat := min(math.Abs(lat)+dlat, 89.9)
	dlon := radius/(metresPerDegree*math.Cos(maxLat*math.Pi/180)) + 1e-9
	lo := [2]float64{lon - dlon, lat - dlat}
	hi := [2]float64{lon + dlon, lat + dlat}
	ix.tree.Search(lo, hi, func(_, _ [2]float64, s int32) bool {
		dst = append(dst, s)
		return true
	})
	return dst
}
