package graph

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/saavu/saavu/data/osm"
)

// Stats describe a build.
type Stats struct {
	Mode                   Mode
	Vertices, Edges        int
	Segments, Ferries      int
	WaysUsed               map[string]int     // per highway class; ferries as "ferry"
	WaysDropped            map[DropReason]int // ways of the extract left out, per reason
	ParallelEdges          int                // directed edges dropped beside a faster one between the same vertices
	MaxspeedFallbacks      int                // car ways with an unreadable maxspeed, given the class default
	WinterSpeeds           int                // car ways timed by their winter limit (Params.Season)
	Access                 string             // the access table applied (Params.Access resolved): "FI", "world"...
	DismountWays           int                // bike: ways where cyclists push their bicycle at walking speed
	FerryDurationFallbacks int                // ferries with an unreadable duration, timed by length
	MissingNodes           int                // way node references without coordinates, skipped
	// With Params.Elevation (walk and bike): the street segments given a
	// slope factor, and those left at 1 because a height along their
	// stretch of street is unknown (off the raster, nodata).
	SlopeSegments, SlopeMissing int
	// Car turn restrictions of the extract (osm.Extract.Restrictions):
	// those applied, those left out per reason, and the turn copies of
	// via nodes added as vertices (see the package documentation).
	TurnRestrictions        int
	TurnRestrictionsSkipped map[SkipReason]int
	TurnCopies              int
}

// String is a one-line summary with classes and reasons sorted.
func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d vertices, %d edges, %d segments, %d ferries", s.Mode, s.Vertices, s.Edges, s.Segments, s.Ferries)
	if len(s.WaysUsed) > 0 {
		b.WriteString("; used")
		for _, k := range slices.Sorted(mapsKeys(s.WaysUsed)) {
			fmt.Fprintf(&b, " %s=%d", k, s.WaysUsed[k])
		}
	}
	if len(s.WaysDropped) > 0 {
		b.WriteString("; dropped")
		for _, k := range slices.Sorted(mapsKeys(s.WaysDropped)) {
			fmt.Fprintf(&b, " %q=%d", string(k), s.WaysDropped[k])
		}
	}
	if s.TurnRestrictions > 0 || len(s.TurnRestrictionsSkipped) > 0 {
		fmt.Fprintf(&b, "; %d turn restrictions (%d turn copies)", s.TurnRestrictions, s.TurnCopies)
		for _, k := range slices.Sorted(mapsKeys(s.TurnRestrictionsSkipped)) {
			fmt.Fprintf(&b, " skipped %q=%d", string(k), s.TurnRestrictionsSkipped[k])
		}
	}
	return b.String()
}

func mapsKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// edge is a directed edge before the CSR arrays are laid out.
type edge struct {
	tail, head int32
	ms         uint32
	lenM       float32
}

// msFor converts a length and a speed to whole milliseconds: rounded to
// nearest, at least 1 for a non-zero length, never NoTime.
func msFor(lenM, speed float64) uint32 {
	ms := math.Round(lenM / speed * 1000)
	if ms < 1 && lenM > 0 {
		ms = 1
	}
	if ms >= NoTime {
		ms = NoTime - 1
	}
	return uint32(ms)
}

// scaleMs multiplies a time by a slope factor, rounded, at least 1 ms and
// never NoTime.
func scaleMs(ms uint32, f float64) uint32 {
	v := math.Round(float64(ms) * f)
	return uint32(max(1, min(v, float64(NoTime-1))))
}

// nodeRefs counts, per extract node, the references of the ways of the
// graph (pos, saturating at 2): a node of several ways, or twice in one,
// is an intersection.
func nodeRefs(nodes int, pos []int32) []uint8 {
	out := make([]uint8, nodes)
	for _, i := range pos {
		if out[i] < 2 {
			out[i]++
		}
	}
	return out
}

// uses2idx lists each kept way's node positions.
func uses2idx(pos []int32, posStart []int) [][]int32 {
	out := make([][]int32, len(posStart)-1)
	for k := range out {
		out[k] = pos[posStart[k]:posStart[k+1]]
	}
	return out
}

// wayFactors computes the slope factors of every segment of the ways
// (node positions idx[k]; way k's segment j at offset
// sum over earlier ways of len-1, plus j): one factor per stretch between
// intersections (nodes of several ways, or twice in one), as R5 makes its
// edges. ok is false for the segments of stretches with an unknown height.
func wayFactors(ext *osm.Extract, idx [][]int32, refs []uint8, elev Elevation) (fwd, bwd []float64, ok []bool) {
	n := 0
	start := make([]int, len(idx)+1)
	for k, w := range idx {
		start[k] = n
		n += max(0, len(w)-1)
	}
	start[len(idx)] = n
	fwd, bwd, ok = make([]float64, n), make([]float64, n), make([]bool, n)
	pe, planar := elev.(PlanarElevation)
	var projX, projY []float64
	workers := max(1, min(runtime.GOMAXPROCS(0), len(idx)/64))
	var next atomic.Int64
	var wg sync.WaitGroup
	if planar {
		// The ways' nodes projected into the raster's plane, once each,
		// in bands of nodes spread over the processors.
		used := make([]bool, len(ext.NodeIDs))
		for _, w := range idx {
			for _, i := range w {
				used[i] = true
			}
		}
		projX, projY = make([]float64, len(ext.NodeIDs)), make([]float64, len(ext.NodeIDs))
		proj := newGridProjector(ext, used, pe.Project)
		const band = 4096
		for range workers {
			wg.Go(func() {
				for {
					lo := int(next.Add(band) - band)
					if lo >= len(used) {
						return
					}
					for i := lo; i < min(lo+band, len(used)); i++ {
						if used[i] {
							projX[i], projY[i] = proj.project(ext.Lon[i], ext.Lat[i])
						}
					}
				}
			})
		}
		wg.Wait()
		next.Store(0)
	}
	for range workers {
		wg.Go(func() {
			var lon, lat, xs, ys []float64
			for {
				k := int(next.Add(1) - 1)
				if k >= len(idx) {
					return
				}
				w := idx[k]
				j0 := 0
				for j := 1; j < len(w); j++ {
					if j < len(w)-1 && refs[w[j]] < 2 {
						continue
					}
					lon, lat, xs, ys = lon[:0], lat[:0], xs[:0], ys[:0]
					for _, i := range w[j0 : j+1] {
						lon, lat = append(lon, ext.Lon[i]), append(lat, ext.Lat[i])
						if planar {
							xs, ys = append(xs, projX[i]), append(ys, projY[i])
						}
					}
					px, py := xs, ys
					if !planar {
						px, py = nil, nil
					}
					f, b, good := slopeFactors(lon, lat, px, py, elev)
					for s := j0; s < j; s++ {
						fwd[start[k]+s], bwd[start[k]+s], ok[start[k]+s] = f, b, good
					}
					j0 = j
				}
			}
		})
	}
	wg.Wait()
	return fwd, bwd, ok
}

// Build makes the graph of one mode from an extract, following the rules of
// the package documentation. The result does not depend on map iteration or
// scheduling: two builds from the same input are identical.
func Build(ext *osm.Extract, mode Mode, p Params) (*Graph, Stats, error) {
	st := Stats{Mode: mode, WaysUsed: map[string]int{}, WaysDropped: map[DropReason]int{}, TurnRestrictionsSkipped: map[SkipReason]int{}}
	if ext == nil {
		return nil, st, errors.New("graph: nil extract")
	}
	if err := p.validate(mode); err != nil {
		return nil, st, err
	}
	if len(ext.Lon) != len(ext.NodeIDs) || len(ext.Lat) != len(ext.NodeIDs) {
		return nil, st, fmt.Errorf("graph: extract %s has %d node ids but %d/%d coordinates",
			ext.Name, len(ext.NodeIDs), len(ext.Lon), len(ext.Lat))
	}

	st.Access = ResolveAccess(p.Access, ext)
	p.table = table(st.Access)

	if len(ext.NodeIDs) >= math.MaxInt32 {
		return nil, st, fmt.Errorf("graph: extract %s has %d nodes, more than int32 ids allow", ext.Name, len(ext.NodeIDs))
	}

	// Classify the ways.
	type use struct {
		way  int // index in ext.Ways
		rule wayRule
	}
	uses := make([]use, 0, len(ext.Ways))
	refs := 0
	for wi := range ext.Ways {
		w := &ext.Ways[wi]
		r := classify(w.Tags, mode, &p)
		if r.drop == "" && r.ferry {
			switch {
			case p.ClosedFerries[w.ID]:
				r.drop = DropFerryClose
			case len(w.Nodes) < 2 || w.Nodes[0] == w.Nodes[len(w.Nodes)-1]:
				r.drop = DropFerryLoop
			}
		}
		if r.drop != "" {
			st.WaysDropped[r.drop]++
			continue
		}
		uses = append(uses, use{way: wi, rule: r})
		refs += len(w.Nodes)
	}

	// Map way nodes to extract positions and mark the vertices.
	nix := newNodeIndex(ext.NodeIDs)
	pos := make([]int32, 0, refs)
	posStart := make([]int, 0, len(uses)+1)
	used := make([]bool, len(ext.NodeIDs))
	kept := uses[:0]
	for _, u := range uses {
		w := &ext.Ways[u.way]
		start := len(pos)
		for _, id := range w.Nodes {
			i, ok := nix.find(id)
			if !ok {
				st.MissingNodes++
				continue
			}
			pos = append(pos, i)
		}
		idx := pos[start:]
		if u.rule.ferry {
			if len(idx) < 2 || idx[0] == idx[len(idx)-1] {
				st.WaysDropped[DropFerryLoop]++
				pos = pos[:start]
				continue
			}
			used[idx[0]], used[idx[len(idx)-1]] = true, true
		} else {
			distinct := false
			for k := 1; k < len(idx); k++ {
				if idx[k] != idx[k-1] {
					distinct = true
					break
				}
			}
			if !distinct {
				st.WaysDropped[DropNoSegment]++
				pos = pos[:start]
				continue
			}
			for _, i := range idx {
				used[i] = true
			}
		}
		if u.rule.maxspeedFallback {
			st.MaxspeedFallbacks++
		}
		if u.rule.winter {
			st.WinterSpeeds++
		}
		if u.rule.dismount {
			st.DismountWays++
		}
		st.WaysUsed[u.rule.class]++
		posStart = append(posStart, start)
		kept = append(kept, u)
	}
	posStart = append(posStart, len(pos))
	uses = kept

	// Number the vertices in ascending node id order.
	vid := make([]int32, len(ext.NodeIDs))
	nv := 0
	for i, u := range used {
		if u {
			vid[i] = int32(nv)
			nv++
		} else {
			vid[i] = -1
		}
	}
	g := &Graph{Mode: mode, WalkSpeed: p.WalkSpeed, index: &segIndex{}}
	g.Lon = make([]float64, 0, nv)
	g.Lat = make([]float64, 0, nv)
	g.NodeID = make([]int64, 0, nv)
	cosLat := make([]float64, 0, nv)
	for i, u := range used {
		if u {
			g.Lon = append(g.Lon, ext.Lon[i])
			g.Lat = append(g.Lat, ext.Lat[i])
			g.NodeID = append(g.NodeID, ext.NodeIDs[i])
			cosLat = append(cosLat, math.Cos(ext.Lat[i]*degToRad))
		}
	}
	// dist is haversineM between two vertices with their cosines cached.
	dist := func(a, b int32) float64 {
		sinDLat := math.Sin((g.Lat[b] - g.Lat[a]) * degToRad / 2)
		sinDLon := math.Sin((g.Lon[b] - g.Lon[a]) * degToRad / 2)
		h := sinDLat*sinDLat + cosLat[a]*cosLat[b]*sinDLon*sinDLon
		return 2 * EarthRadiusM * math.Asin(math.Sqrt(min(h, 1)))
	}

	// Segments, ferries and the edge list.
	nseg := len(pos) - len(uses)
	g.SegU = make([]int32, 0, nseg)
	g.SegV = make([]int32, 0, nseg)
	g.SegLenM = make([]float32, 0, nseg)
	g.SegFwdMs = make([]uint32, 0, nseg)
	g.SegBwdMs = make([]uint32, 0, nseg)
	g.SegWay = make([]int64, 0, nseg)
	edges := make([]edge, 0, 2*nseg+2)
	slopes := p.Elevation != nil && (mode == Walk || mode == Bike)
	var refs8 []uint8 // how many times each node is referenced, up to 2
	if slopes {
		refs8 = nodeRefs(len(ext.NodeIDs), pos)
	}
	// Slope factors per way segment, computed for all ways first, the
	// ways spread over the processors (each writes its own slots).
	var fwdAll, bwdAll []float64
	var slopeOK []bool
	if slopes {
		fwdAll, bwdAll, slopeOK = wayFactors(ext, uses2idx(pos, posStart), refs8, p.Elevation)
		for _, ok := range slopeOK {
			if ok {
				st.SlopeSegments++
			} else {
				st.SlopeMissing++
			}
		}
	}
	var tb *turnBuild
	if mode == Car && !p.IgnoreTurnRestrictions && len(ext.Restrictions) > 0 {
		tb = &turnBuild{vid: vid, segEdge: make([]int32, 0, 2*nseg)}
	}
	for k, u := range uses {
		w := &ext.Ways[u.way]
		idx := pos[posStart[k]:posStart[k+1]]
		if tb != nil && !u.rule.ferry {
			tb.ways = append(tb.ways, wayRange{id: w.ID, start: int32(len(g.SegU))})
		}
		if u.rule.ferry {
			lenM := 0.0
			for j := 1; j < len(idx); j++ {
				a, b := idx[j-1], idx[j]
				lenM += haversineM(ext.Lon[a], ext.Lat[a], ext.Lon[b], ext.Lat[b])
			}
			var ms uint32
			if d, ok := ParseDuration(w.Tags.Get("duration")); ok {
				ms = uint32(d.Milliseconds())
			} else {
				if _, has := w.Tags.Find("duration"); has {
					st.FerryDurationFallbacks++
				}
				ms = msFor(lenM, p.FerrySpeed)
			}
			total := uint64(ms) + uint64(p.FerryWait.Milliseconds())
			if total >= NoTime {
				total = NoTime - 1
			}
			a, b := vid[idx[0]], vid[idx[len(idx)-1]]
			f := Ferry{WayID: w.ID, Name: w.Tags.Get("name"), U: a, V: b, TimeMs: uint32(total), LenM: float32(lenM)}
			g.Ferries = append(g.Ferries, f)
			edges = append(edges, edge{a, b, f.TimeMs, f.LenM}, edge{b, a, f.TimeMs, f.LenM})
			continue
		}
		for j := 1; j < len(idx); j++ {
			va, vb := vid[idx[j-1]], vid[idx[j]]
			if va == vb {
				continue
			}
			lenM := dist(va, vb)
			ms := msFor(lenM, u.rule.speed)
			msF, msB := ms, ms
			if slopes {
				o := posStart[k] - k + j - 1 // this way's segment j-1 among all ways' segments
				msF, msB = scaleMs(ms, fwdAll[o]), scaleMs(ms, bwdAll[o])
			}
			fwd, bwd := uint32(NoTime), uint32(NoTime)
			if tb != nil {
				ef, eb := int32(-1), int32(-1)
				if u.rule.fwd {
					ef = int32(len(edges))
				}
				if u.rule.bwd {
					eb = int32(len(edges))
					if u.rule.fwd {
						eb++
					}
				}
				tb.segEdge = append(tb.segEdge, ef, eb)
			}
			if u.rule.fwd {
				fwd = msF
				edges = append(edges, edge{va, vb, msF, float32(lenM)})
			}
			if u.rule.bwd {
				bwd = msB
				edges = append(edges, edge{vb, va, msB, float32(lenM)})
			}
			g.SegU = append(g.SegU, va)
			g.SegV = append(g.SegV, vb)
			g.SegLenM = append(g.SegLenM, float32(lenM))
			g.SegFwdMs = append(g.SegFwdMs, fwd)
			g.SegBwdMs = append(g.SegBwdMs, bwd)
			g.SegWay = append(g.SegWay, w.ID)
		}
		if tb != nil && !u.rule.ferry {
			tb.ways[len(tb.ways)-1].end = int32(len(g.SegU))
		}
	}
	if tb != nil {
		edges = g.applyTurns(ext, tb, nv, edges, &st)
		st.TurnCopies = g.NumVertices() - nv
	}
	st.ParallelEdges = g.layout(g.NumVertices(), edges)
	st.Vertices, st.Edges = g.NumVertices(), g.NumEdges()
	st.Segments, st.Ferries = len(g.SegU), len(g.Ferries)
	return g, st, nil
}
