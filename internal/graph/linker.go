package graph

import "sync"

// DefaultMinIsland is the smallest connected piece of a graph that points
// are attached to. R5 drops pieces of fewer than 40 vertices
// (StreetLayer.MIN_SUBGRAPH_SIZE) before linking, so that a point next to a
// short isolated way (a footway cut off by the extract's edge, a lane of a
// pedestrianised square) is attached to the street network beyond it.
const DefaultMinIsland = 40

// Linker snaps points onto a graph while skipping the segments of its
// islands: connected pieces of fewer than a minimum number of junctions
// and ends (see Graph.Junctions),
// except the largest piece, which is never an island however small the
// graph. Snaps are expressed in the graph's own segments, so they work
// with every search over it. A Linker is safe for concurrent use.
type Linker struct {
	g    *Graph
	view *Graph  // g whose snappable segments leave out the islands; g when none
	seg  []int32 // segment of view -> segment of g; nil when view is g
	// islands holds only the islands' segments (nil when none), indexed
	// on first use by NearIsland.
	islands    *Graph
	islandOnce sync.Once
}

// NewLinker prepares snapping to g that skips pieces of fewer than
// minIsland junctions and ends (minIsland <= 1: skip nothing); shape
// points between them do not count, as in R5, whose vertices are only
// those.
func NewLinker(g *Graph, minIsland int) *Linker {
	l := &Linker{g: g, view: g}
	if g == nil {
		return l
	}
	// The index is built here, once, so that Snap and SnapAll may run
	// from several goroutines.
	defer func() { l.view.PrepareSnap() }()
	if minIsland <= 1 || len(g.SegU) == 0 {
		return l
	}
	// A piece's size is its number of junctions and ends, as R5 counts
	// the vertices of its islands (shape points are no vertices there).
	comp, vsizes := g.Components()
	sizes := make([]int32, len(vsizes))
	for v, j := range g.Junctions() {
		if j {
			sizes[comp[v]]++
		}
	}
	// Turn copies are no vertices of their own here either.
	for v := g.NumNodeVertices(); v < g.NumVertices(); v++ {
		vsizes[comp[v]]--
	}
	// The largest piece (most junctions, then most vertices) is never an
	// island.
	largest := int32(0)
	for c := range sizes {
		if sizes[c] > sizes[largest] || (sizes[c] == sizes[largest] && vsizes[c] > vsizes[largest]) {
			largest = int32(c)
		}
	}
	island := func(c int32) bool { return int(sizes[c]) < minIsland && c != largest }
	keep := make([]int32, 0, len(g.SegU))
	var left []int32
	for k, u := range g.SegU {
		if !island(comp[u]) {
			keep = append(keep, int32(k))
		} else {
			left = append(left, int32(k))
		}
	}
	if len(keep) == len(g.SegU) {
		return l
	}
	l.view, l.seg = segmentView(g, keep), keep
	l.islands = segmentView(g, left)
	return l
}

// segmentView is a view of g sharing its vertices and edges, with only
// the segments keep.
func segmentView(g *Graph, keep []int32) *Graph {
	v := &Graph{
		Mode: g.Mode, Lon: g.Lon, Lat: g.Lat, NodeID: g.NodeID,
		FirstOut: g.FirstOut, Head: g.Head, TimeMs: g.TimeMs, LenM: g.LenM,
		RevFirstOut: g.RevFirstOut, RevHead: g.RevHead, RevTimeMs: g.RevTimeMs, RevLenM: g.RevLenM,
		Ferries: g.Ferries, WalkSpeed: g.WalkSpeed, TurnVia: g.TurnVia, TurnFirst: g.TurnFirst,
		SegU: make([]int32, len(keep)), SegV: make([]int32, len(keep)), SegLenM: make([]float32, len(keep)),
		SegFwdMs: make([]uint32, len(keep)), SegBwdMs: make([]uint32, len(keep)),
	}
	for i, k := range keep {
		v.SegU[i], v.SegV[i], v.SegLenM[i] = g.SegU[k], g.SegV[k], g.SegLenM[k]
		v.SegFwdMs[i], v.SegBwdMs[i] = g.SegFwdMs[k], g.SegBwdMs[k]
		if int(k) < len(g.SegWay) {
			v.SegWay = append(v.SegWay, g.SegWay[k])
		}
	}
	if g.SegFwdFrom != nil {
		pick := func(a []int32) []int32 {
			out := make([]int32, len(keep))
			for i, k := range keep {
				out[i] = a[k]
			}
			return out
		}
		v.SegFwdFrom, v.SegFwdTo = pick(g.SegFwdFrom), pick(g.SegFwdTo)
		v.SegBwdFrom, v.SegBwdTo = pick(g.SegBwdFrom), pick(g.SegBwdTo)
	}
	return v
}

// NearIsland reports whether a segment of an island lies within maxSnapM
// metres of (lon, lat): a point that Snap leaves out for that reason
// rather than for being far from every street.
func (l *Linker) NearIsland(lon, lat, maxSnapM float64) bool {
	if l.islands == nil {
		return false
	}
	l.islandOnce.Do(func() { l.islands.PrepareSnap() })
	_, ok := l.islands.Snap(lon, lat, maxSnapM)
	return ok
}

// Graph returns the graph snaps refer to.
func (l *Linker) Graph() *Graph { return l.g }

// Snap attaches (lon, lat) to the nearest segment within maxSnapM metres
// that is not on an island; false when there is none.
func (l *Linker) Snap(lon, lat, maxSnapM float64) (Snap, bool) {
	s, ok := l.view.Snap(lon, lat, maxSnapM)
	if ok && l.seg != nil {
		s.Seg = l.seg[s.Seg]
	}
	return s, ok
}

// SnapAll snaps many points like Snap, on workers goroutines (0:
// GOMAXPROCS); ok[i] reports whether point i snapped. The result does not
// depend on the number of workers.
func (l *Linker) SnapAll(points [][2]float64, maxSnapM float64, workers int) (snaps []Snap, ok []bool) {
	snaps, ok = l.view.SnapAll(points, maxSnapM, workers)
	if l.seg != nil {
		for i := range snaps {
			if ok[i] {
				snaps[i].Seg = l.seg[snaps[i].Seg]
			}
		}
	}
	return snaps, ok
}
