package graph

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Anchor is a way from a snapped point to a vertex (or back) along the
// segment it lies on.
type Anchor struct {
	V      int32  // vertex; -1 when unused
	TimeMs uint32 // along the segment; NoTime when the direction is closed
	LenM   float32
}

// Snap is a point attached to the nearest point of the nearest segment.
type Snap struct {
	Seg      int32   // segment index
	Frac     float64 // position along the segment from SegU (0) to SegV (1)
	Lon, Lat float64 // the snapped point on the segment
	ConnM    float64 // straight-line connector length from the input point
	ConnMs   uint32  // connector time at walking speed
	Out      [2]Anchor
	In       [2]Anchor
}

// firstSnapRadius is the radius in metres of the first search square.
const firstSnapRadius = 50

// Snap attaches the point (lon, lat) to the nearest point of the nearest
// segment within maxSnapM metres; false when there is none. Distances are
// measured in an equirectangular projection centred on the point, which is
// exact enough at snapping range. Of segments at the same distance the one
// with the lowest index wins.
//
// Anchors: Out[0] goes from the snapped point to SegU (against the segment
// direction, time SegBwdMs*Frac), Out[1] to SegV (SegFwdMs*(1-Frac)); In[0]
// comes from SegU (SegFwdMs*Frac), In[1] from SegV (SegBwdMs*(1-Frac)).
// In a graph with turn restrictions the anchors name the vertex the
// direction travelled arrives at or leaves from (Graph.FwdEnds and
// BwdEnds), which may be a turn copy of SegU or SegV.
// Times are rounded to whole milliseconds. An anchor whose direction is
// closed has V = -1, TimeMs = NoTime and LenM = 0. ConnMs is the connector
// ConnM walked at g.WalkSpeed (1.2 m/s when unset), whatever the mode.
//
// Snap is safe for concurrent use on a graph from Build. A Graph assembled
// by hand must call PrepareSnap once before concurrent Snap calls.
func (g *Graph) Snap(lon, lat, maxSnapM float64) (Snap, bool) {
	if len(g.SegU) == 0 || math.IsNaN(lon) || math.IsNaN(lat) || !(maxSnapM >= 0) {
		return Snap{}, false
	}
	ix := g.prepareIndex()
	p := newLocalProj(lon, lat)
	best := int32(-1)
	bestD2, bestT := math.Inf(1), 0.0
	visit := func(_, _ [2]float64, c int32) bool {
		seg, d2, t := p.chunkDist2(g, ix, c)
		if d2 < bestD2 || d2 == bestD2 && seg < best {
			best, bestD2, bestT = seg, d2, t
		}
		return true
	}
	// Search squares of growing radius r around the point. A segment at
	// distance d has its box within any square of radius r >= d, so once
	// the best distance found is at most r it is the nearest overall.
	for r := min(firstSnapRadius, maxSnapM); ; r = min(4*r, maxSnapM) {
		dLon, dLat := r/p.kx, r/p.ky
		ix.tree.Search([2]float64{lon - dLon, lat - dLat}, [2]float64{lon + dLon, lat + dLat}, visit)
		if bestD2 <= r*r || r >= maxSnapM || r > 4e7 {
			break
		}
	}
	if bestD2 > maxSnapM*maxSnapM {
		best = -1
	}
	if best < 0 {
		return Snap{}, false
	}
	return g.makeSnap(best, bestT, math.Sqrt(bestD2)), true
}

// makeSnap fills a Snap at fraction t of segment seg.
func (g *Graph) makeSnap(seg int32, t, connM float64) Snap {
	u, v := g.SegU[seg], g.SegV[seg]
	s := Snap{
		Seg:   seg,
		Frac:  t,
		Lon:   g.Lon[u] + t*(g.Lon[v]-g.Lon[u]),
		Lat:   g.Lat[u] + t*(g.Lat[v]-g.Lat[u]),
		ConnM: connM,
	}
	ws := g.WalkSpeed
	if !(ws > 0) {
		ws = DefaultParams().WalkSpeed
	}
	s.ConnMs = uint32(min(math.Round(connM/ws*1000), NoTime-1))
	fwd, bwd, lenM := g.SegFwdMs[seg], g.SegBwdMs[seg], float64(g.SegLenM[seg])
	fFrom, fTo := g.FwdEnds(seg)
	bFrom, bTo := g.BwdEnds(seg)
	s.Out[0] = anchor(bTo, u, bwd, t, lenM)
	s.Out[1] = anchor(fTo, v, fwd, 1-t, lenM)
	s.In[0] = anchor(fFrom, g.TurnSink(u), fwd, t, lenM)
	s.In[1] = anchor(bFrom, g.TurnSink(v), bwd, 1-t, lenM)
	return s
}

// atVertexM is how close to a vertex a snapped point counts as on it.
const atVertexM = 0.5

// anchor is the part f of a segment direction taking ms (NoTime: closed)
// to or from vertex v. A point that lies on the vertex (within atVertexM)
// reaches it at no cost even against a one-way direction: there is
// nothing to travel. It is then anchored at at: the node itself as a
// start, its turn sink as a destination (see Graph.TurnSink), so that a
// point on a via node of a turn restriction is left and reached as the
// node is, in any direction.
func anchor(v, at int32, ms uint32, f, lenM float64) Anchor {
	if f*lenM < atVertexM {
		return Anchor{V: at}
	}
	if ms == NoTime {
		return Anchor{V: -1, TimeMs: NoTime}
	}
	return Anchor{V: v, TimeMs: uint32(math.Round(float64(ms) * f)), LenM: float32(lenM * f)}
}

// SameSegmentTime is the time and length of travelling directly from one
// snapped point to another along the segment both lie on; ok is false when
// they lie on different segments or the direction needed is closed.
func (g *Graph) SameSegmentTime(from, to Snap) (ms uint32, lenM float32, ok bool) {
	if from.Seg != to.Seg || from.Seg < 0 || int(from.Seg) >= len(g.SegU) {
		return 0, 0, false
	}
	d := to.Frac - from.Frac
	segMs := g.SegFwdMs[from.Seg]
	if d < 0 {
		d, segMs = -d, g.SegBwdMs[from.Seg]
	}
	if d == 0 {
		return 0, 0, true
	}
	if segMs == NoTime {
		return 0, 0, false
	}
	return uint32(math.Round(float64(segMs) * d)), float32(float64(g.SegLenM[from.Seg]) * d), true
}

// SnapAll snaps many points (lon, lat) on workers goroutines (0 means
// GOMAXPROCS); ok[i] reports whether point i snapped. The result does not
// depend on the number of workers.
func (g *Graph) SnapAll(points [][2]float64, maxSnapM float64, workers int) (snaps []Snap, ok []bool) {
	snaps = make([]Snap, len(points))
	ok = make([]bool, len(points))
	g.prepareIndex()
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	const chunk = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, (len(points)+chunk-1)/chunk) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= len(points) {
					return
				}
				for i := start; i < min(start+chunk, len(points)); i++ {
					snaps[i], ok[i] = g.Snap(points[i][0], points[i][1], maxSnapM)
				}
			}
		}()
	}
	wg.Wait()
	return snaps, ok
}
