package graph

import (
	"cmp"
	"slices"
	"strings"

	"github.com/saavu/saavu/data/osm"
)

// This file applies the turn restrictions of an extract to the car graph
// by splitting the via node of each restriction (see the package
// documentation, "Turn restrictions").

// SkipReason says why a turn restriction was not applied.
type SkipReason string

// Reasons a turn restriction of the extract is not applied.
const (
	SkipViaWay   SkipReason = "via way"          // the via member is a way: not supported
	SkipNotInCar SkipReason = "way not for cars" // the from or to way is not a street of the car graph
	SkipNotAtEnd SkipReason = "via not at end"   // the via node is not the first or last node of the from or to way
)

// segDir is one direction of a segment: seg*2, +1 for the backward
// direction (SegV to SegU).
type segDir int32

func fwdDir(s int32) segDir { return segDir(2 * s) }
func bwdDir(s int32) segDir { return segDir(2*s + 1) }

func (d segDir) seg() int32 { return int32(d >> 1) }
func (d segDir) bwd() bool  { return d&1 == 1 }

// wayRange is the run of segments of one way of the graph.
type wayRange struct {
	id         int64
	start, end int32 // segments [start, end)
}

// turnRule is one restriction read at one arrival direction.
type turnRule struct {
	arrive  segDir    // the from way's segment direction ending at the via node
	depart  [2]segDir // the to way's segment directions leaving it (two when the way is closed at the node)
	nDepart int8
	only    bool
}

// departs reports whether d is one of r's departures.
func (r *turnRule) departs(d segDir) bool {
	return slices.Contains(r.depart[:r.nDepart], d)
}

// turnBuild holds what Build passes to applyTurns.
type turnBuild struct {
	ways    []wayRange // sorted by id
	segEdge []int32    // per segDir: index of its edge in the edge list, -1 when closed
	vid     []int32    // extract node position -> vertex, -1 when none
}

// head returns the vertex a segment direction arrives at, before copies.
func (g *Graph) dirHead(d segDir) int32 {
	if d.bwd() {
		return g.SegU[d.seg()]
	}
	return g.SegV[d.seg()]
}

// dirTail returns the vertex a segment direction leaves from, before copies.
func (g *Graph) dirTail(d segDir) int32 {
	if d.bwd() {
		return g.SegV[d.seg()]
	}
	return g.SegU[d.seg()]
}

// applyTurns applies the restrictions of ext to a car graph whose
// vertices, segments and edges are built (nv vertices) and returns the
// edge list with the copies' edges; g's vertex and segment arrays are
// extended accordingly.
func (g *Graph) applyTurns(ext *osm.Extract, tb *turnBuild, nv int, edges []edge, st *Stats) []edge {
	findWay := func(id int64) (wayRange, bool) {
		i, ok := slices.BinarySearchFunc(tb.ways, id, func(w wayRange, id int64) int { return cmp.Compare(w.id, id) })
		if !ok || tb.ways[i].end <= tb.ways[i].start {
			return wayRange{}, false
		}
		return tb.ways[i], true
	}
	// Resolve each restriction to its arrival and departure directions.
	var rules []turnRule
	for _, r := range ext.Restrictions {
		if r.ViaIsWay || len(r.Via) != 1 {
			st.TurnRestrictionsSkipped[SkipViaWay]++
			continue
		}
		from, okF := findWay(r.From)
		to, okT := findWay(r.To)
		if !okF || !okT {
			st.TurnRestrictionsSkipped[SkipNotInCar]++
			continue
		}
		v := int32(-1)
		if i, ok := ext.Index(r.Via[0]); ok {
			v = tb.vid[i]
		}
		var arrive [2]segDir
		na := 0
		if v >= 0 && g.SegU[from.start] == v {
			arrive[na] = bwdDir(from.start)
			na++
		}
		if v >= 0 && g.SegV[from.end-1] == v {
			arrive[na] = fwdDir(from.end - 1)
			na++
		}
		rule := turnRule{only: r.Only}
		if v >= 0 && g.SegU[to.start] == v {
			rule.depart[rule.nDepart] = fwdDir(to.start)
			rule.nDepart++
		}
		if v >= 0 && g.SegV[to.end-1] == v {
			rule.depart[rule.nDepart] = bwdDir(to.end - 1)
			rule.nDepart++
		}
		if na == 0 || rule.nDepart == 0 {
			st.TurnRestrictionsSkipped[SkipNotAtEnd]++
			continue
		}
		st.TurnRestrictions++
		for _, a := range arrive[:na] {
			if tb.segEdge[a] >= 0 { // a closed direction has no arrivals to restrict
				rule.arrive = a
				rules = append(rules, rule)
			}
		}
	}
	if len(rules) == 0 {
		return edges
	}
	slices.SortStableFunc(rules, func(a, b turnRule) int {
		if c := cmp.Compare(g.dirHead(a.arrive), g.dirHead(b.arrive)); c != 0 {
			return c
		}
		return cmp.Compare(a.arrive, b.arrive)
	})

	// The open segment directions leaving each via node, grouped by via
	// node: leave[leaveFirst[i]:leaveFirst[i+1]] for vias[i].
	var leave []segDir
	var fill []int32
	viaIdx := make([]int32, nv)
	for i := range viaIdx {
		viaIdx[i] = -1
	}
	var vias []int32
	for _, r := range rules {
		if v := g.dirHead(r.arrive); viaIdx[v] < 0 {
			viaIdx[v] = int32(len(vias))
			vias = append(vias, v)
		}
	}
	leaveFirst := make([]int32, len(vias)+1)
	for pass := range 2 {
		for s := range g.SegU {
			for _, d := range []segDir{fwdDir(int32(s)), bwdDir(int32(s))} {
				if tb.segEdge[d] < 0 {
					continue
				}
				if i := viaIdx[g.dirTail(d)]; i >= 0 {
					if pass == 0 {
						leaveFirst[i+1]++
					} else {
						leave[fill[i]] = d
						fill[i]++
					}
				}
			}
		}
		if pass == 0 {
			for i := range vias {
				leaveFirst[i+1] += leaveFirst[i]
			}
			leave = make([]segDir, leaveFirst[len(vias)])
			fill = slices.Clone(leaveFirst[:len(vias)])
		}
	}
	dep := make([]int32, len(leave)) // the departure copy of each
	type ferryOut struct {
		head int32
		ms   uint32
		lenM float32
	}
	ferries := make([][]ferryOut, len(vias))
	for _, f := range g.Ferries {
		if i := viaIdx[f.U]; i >= 0 {
			ferries[i] = append(ferries[i], ferryOut{f.V, f.TimeMs, f.LenM})
		}
		if i := viaIdx[f.V]; i >= 0 {
			ferries[i] = append(ferries[i], ferryOut{f.U, f.TimeMs, f.LenM})
		}
	}

	g.SegFwdFrom, g.SegFwdTo = slices.Clone(g.SegU), slices.Clone(g.SegV)
	g.SegBwdFrom, g.SegBwdTo = slices.Clone(g.SegV), slices.Clone(g.SegU)
	groups := 0
	for j := range rules {
		if j == 0 || rules[j].arrive != rules[j-1].arrive {
			groups++
		}
	}
	copies := len(vias) + len(leave) + groups
	g.Lon, g.Lat = slices.Grow(g.Lon, copies), slices.Grow(g.Lat, copies)
	g.NodeID = slices.Grow(g.NodeID, copies)
	edges = slices.Grow(edges, len(vias)+2*len(leave)+groups*4)
	g.TurnVia = make([]int32, 0, len(vias))
	g.TurnFirst = make([]int32, 1, len(vias)+1)
	next := int32(nv)
	newVertex := func(of int32) int32 {
		g.Lon = append(g.Lon, g.Lon[of])
		g.Lat = append(g.Lat, g.Lat[of])
		g.NodeID = append(g.NodeID, g.NodeID[of])
		next++
		return next - 1
	}
	for i, v := range vias {
		// This via node's rules, grouped by arrival direction.
		lo, _ := slices.BinarySearchFunc(rules, v, func(r turnRule, v int32) int { return cmp.Compare(g.dirHead(r.arrive), v) })
		hi := lo
		for hi < len(rules) && g.dirHead(rules[hi].arrive) == v {
			hi++
		}
		sink := newVertex(v)
		edges = append(edges, edge{v, sink, 0, 0})
		// Departure copies: each direction leaving v starts from a copy
		// of its own, which v and the allowed arrival copies lead to.
		out := leave[leaveFirst[i]:leaveFirst[i+1]]
		outCopy := dep[leaveFirst[i]:leaveFirst[i+1]]
		for k, d := range out {
			c := newVertex(v)
			outCopy[k] = c
			edges[tb.segEdge[d]].tail = c
			edges = append(edges, edge{v, c, 0, 0})
			if d.bwd() {
				g.SegBwdFrom[d.seg()] = c
			} else {
				g.SegFwdFrom[d.seg()] = c
			}
		}
		for j := lo; j < hi; {
			a := rules[j].arrive
			k := j
			only := false
			for k < hi && rules[k].arrive == a {
				only = only || rules[k].only
				k++
			}
			allowed := func(d segDir) bool {
				inOnly := false
				for q := range rules[j:k] {
					r := &rules[j+q]
					if r.departs(d) {
						if !r.only {
							return false
						}
						inOnly = true
					}
				}
				return !only || inOnly
			}
			c := newVertex(v)
			edges[tb.segEdge[a]].head = c
			if a.bwd() {
				g.SegBwdTo[a.seg()] = c
			} else {
				g.SegFwdTo[a.seg()] = c
			}
			edges = append(edges, edge{c, sink, 0, 0})
			for x, d := range out {
				if allowed(d) {
					edges = append(edges, edge{c, outCopy[x], 0, 0})
				}
			}
			if !only {
				for _, f := range ferries[i] {
					edges = append(edges, edge{c, f.head, f.ms, f.lenM})
				}
			}
			j = k
		}
		g.TurnVia = append(g.TurnVia, v)
		g.TurnFirst = append(g.TurnFirst, next-int32(nv))
	}
	return edges
}

// NumNodeVertices returns the number of vertices that are way nodes: the
// vertices below it; those from it up are turn copies (see TurnVia).
func (g *Graph) NumNodeVertices() int {
	if len(g.TurnFirst) == 0 {
		return g.NumVertices()
	}
	return g.NumVertices() - int(g.TurnFirst[len(g.TurnFirst)-1])
}

// NodeVertex returns the way-node vertex that v stands for: v itself, or
// the via node of which v is a turn copy.
func (g *Graph) NodeVertex(v int32) int32 {
	nn := int32(g.NumNodeVertices())
	if v < nn {
		return v
	}
	i, _ := slices.BinarySearch(g.TurnFirst, v-nn+1)
	return g.TurnVia[i-1]
}

// TurnSink returns the vertex that every arrival at way-node vertex v
// reaches at no cost: v itself, or the sink copy of a via node. Nothing
// leaves a sink; it stands for "being at the node" as a destination.
func (g *Graph) TurnSink(v int32) int32 {
	if len(g.TurnVia) == 0 {
		return v
	}
	i, ok := slices.BinarySearch(g.TurnVia, v)
	if !ok {
		return v
	}
	return int32(g.NumNodeVertices()) + g.TurnFirst[i]
}

// FwdEnds returns the vertices the forward direction (SegU to SegV) of
// segment s leaves from and arrives at: SegU and SegV, or turn copies of
// them.
func (g *Graph) FwdEnds(s int32) (from, to int32) {
	if g.SegFwdFrom == nil {
		return g.SegU[s], g.SegV[s]
	}
	return g.SegFwdFrom[s], g.SegFwdTo[s]
}

// BwdEnds returns the vertices the backward direction (SegV to SegU) of
// segment s leaves from and arrives at: SegV and SegU, or turn copies of
// them.
func (g *Graph) BwdEnds(s int32) (from, to int32) {
	if g.SegBwdFrom == nil {
		return g.SegV[s], g.SegU[s]
	}
	return g.SegBwdFrom[s], g.SegBwdTo[s]
}

// skipReasons lists the reasons in the order TurnCounts names them.
var skipReasons = []SkipReason{SkipViaWay, SkipNotInCar, SkipNotAtEnd}

// TurnCounts returns the turn restriction counts of a car graph build
// under the names run.json and network files use: "turn_restrictions"
// (applied) and "turn_restrictions_skipped_" plus each reason with
// underscores ("..._via_way", "..._way_not_for_cars", "..._via_not_at_end").
func (s Stats) TurnCounts() map[string]int {
	c := map[string]int{"turn_restrictions": s.TurnRestrictions}
	for _, r := range skipReasons {
		c["turn_restrictions_skipped_"+strings.ReplaceAll(string(r), " ", "_")] = s.TurnRestrictionsSkipped[r]
	}
	return c
}
