package graph

import (
	"math"
	"sync"

	"github.com/tidwall/rtree"
)

// maxChunk is the most segments one R-tree entry covers.
const maxChunk = 8

// segIndex is an R-tree over chunks of segments: runs of up to maxChunk
// consecutive segments of one way, each chunk entered once with the
// lon/lat box around its segments. Fewer, compact entries make the tree
// several times faster to build than one entry per segment, at the cost
// of measuring a few segments per entry reached.
type segIndex struct {
	once  sync.Once
	tree  rtree.RTreeG[int32] // data: chunk number
	start []int32             // chunk c holds segments start[c] .. start[c+1]-1
}

// PrepareSnap builds the spatial index Snap uses, if it is not built yet.
// Graphs from Build build it on the first Snap; call PrepareSnap to pay the
// cost up front, or on a hand-assembled Graph before concurrent Snap calls.
func (g *Graph) PrepareSnap() { g.prepareIndex() }

func (g *Graph) prepareIndex() *segIndex {
	if g.index == nil {
		g.index = &segIndex{}
	}
	ix := g.index
	ix.once.Do(func() {
		n := len(g.SegU)
		ix.start = make([]int32, 0, n/2+2)
		for s := 0; s < n; {
			ix.start = append(ix.start, int32(s))
			e := s + 1
			for e < n && e-s < maxChunk && g.SegU[e] == g.SegV[e-1] &&
				(g.SegWay == nil || g.SegWay[e] == g.SegWay[s]) {
				e++
			}
			lo := [2]float64{math.Inf(1), math.Inf(1)}
			hi := [2]float64{math.Inf(-1), math.Inf(-1)}
			for k := s; k < e; k++ {
				for _, v := range [2]int32{g.SegU[k], g.SegV[k]} {
					lo[0], lo[1] = min(lo[0], g.Lon[v]), min(lo[1], g.Lat[v])
					hi[0], hi[1] = max(hi[0], g.Lon[v]), max(hi[1], g.Lat[v])
				}
			}
			ix.tree.Insert(lo, hi, int32(len(ix.start)-1))
			s = e
		}
		ix.start = append(ix.start, int32(n))
	})
	return ix
}

// localProj is an equirectangular projection in metres centred on a point.
type localProj struct {
	lon0, lat0 float64
	kx, ky     float64 // metres per degree
}

func newLocalProj(lon, lat float64) localProj {
	ky := EarthRadiusM * degToRad
	return localProj{lon0: lon, lat0: lat, kx: ky * math.Cos(lat*degToRad), ky: ky}
}

// boxDist2 is the squared distance in metres from the centre to a box.
func (p localProj) boxDist2(lo, hi [2]float64) float64 {
	dx := max(lo[0]-p.lon0, 0, p.lon0-hi[0]) * p.kx
	dy := max(lo[1]-p.lat0, 0, p.lat0-hi[1]) * p.ky
	return dx*dx + dy*dy
}

// segDist2 is the squared distance in metres from the centre to segment s
// and the fraction of the nearest point along it.
func (p localProj) segDist2(g *Graph, s int32) (d2, t float64) {
	u, v := g.SegU[s], g.SegV[s]
	ax, ay := (g.Lon[u]-p.lon0)*p.kx, (g.Lat[u]-p.lat0)*p.ky
	bx, by := (g.Lon[v]-p.lon0)*p.kx, (g.Lat[v]-p.lat0)*p.ky
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	if l2 > 0 {
		t = -(ax*dx + ay*dy) / l2
		t = max(0, min(1, t))
	}
	cx, cy := ax+t*dx, ay+t*dy
	return cx*cx + cy*cy, t
}

// chunkDist2 is the nearest segment of chunk c: the lowest index among
// those at the smallest distance.
func (p localProj) chunkDist2(g *Graph, ix *segIndex, c int32) (seg int32, d2, t float64) {
	seg, d2 = -1, math.Inf(1)
	for s := ix.start[c]; s < ix.start[c+1]; s++ {
		if d, ts := p.segDist2(g, s); d < d2 {
			seg, d2, t = s, d, ts
		}
	}
	return seg, d2, t
}
