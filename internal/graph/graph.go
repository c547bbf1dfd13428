package graph

import "math"

// Mode is a travel mode. Walk, Bike and Car have street graphs of their
// own; Transit has none: it walks on the Walk graph to and from the stops
// of a timetable, and Build refuses it. NoCar ("without a car") is the
// better of walking and Transit, on the Walk graph too. Package travel
// turns each mode into a source of travel times.
type Mode uint8

// Travel modes.
const (
	Walk Mode = iota
	Bike
	Car
	Transit
	NoCar
)

// String returns the lower-case name used in flags and outputs.
func (m Mode) String() string {
	switch m {
	case Walk:
		return "walk"
	case Bike:
		return "bike"
	case Car:
		return "car"
	case Transit:
		return "transit"
	case NoCar:
		return "nocar"
	}
	return "unknown"
}

// NoTime marks a direction that may not be travelled.
const NoTime = math.MaxUint32

// Graph is the street graph of one mode in compressed sparse row form.
//
// Vertices are OSM way nodes that some usable way of this mode passes
// through, numbered densely from 0 in ascending OSM node id order, then,
// in a car graph with turn restrictions, the turn copies of via nodes
// (see TurnVia). Edges are
// directed; the forward star of vertex v is Head[FirstOut[v]:FirstOut[v+1]].
// The reverse star (edges entering v) is RevHead[RevFirstOut[v]:RevFirstOut[v+1]],
// where RevHead holds the tail of each entering edge.
//
// Times are whole milliseconds, lengths metres. Coordinates are WGS84.
//
// Segments are the drawable pieces of street between two consecutive way
// nodes; points snap onto them. A segment u-v carries the time of each
// direction (NoTime where that direction is closed). Ferry crossings are
// edges without a segment: nothing snaps onto water.
type Graph struct {
	Mode Mode

	// Per vertex.
	Lon, Lat []float64
	NodeID   []int64 // OSM node id of each vertex

	// Forward star.
	FirstOut []int32 // len = vertices+1
	Head     []int32
	TimeMs   []uint32
	LenM     []float32

	// Reverse star (same edges, indexed by head).
	RevFirstOut []int32
	RevHead     []int32 // tail of the edge
	RevTimeMs   []uint32
	RevLenM     []float32

	// Snappable street segments.
	SegU, SegV []int32
	SegLenM    []float32
	SegFwdMs   []uint32 // time u->v, NoTime if closed
	SegBwdMs   []uint32 // time v->u, NoTime if closed
	SegWay     []int64  // OSM id of the way each segment comes from

	// Turn restrictions (car graphs only; all nil when none applies).
	// The via node of a restriction is split: arrivals along a restricted
	// segment direction go to an arrival copy of the node, each open
	// segment direction leaving it starts from a departure copy, and the
	// node itself (for unrestricted arrivals) and the arrival copies lead
	// to the departure copies they may take by edges of no time and no
	// length. A sink copy, which every arrival reaches at no cost, stands
	// for the node as a destination. Copies have their node's coordinates
	// and NodeID and are numbered after the way nodes: the copies of
	// TurnVia[i] are vertices NumNodeVertices()+TurnFirst[i] up to
	// NumNodeVertices()+TurnFirst[i+1]-1, the sink first.
	//
	// SegFwdFrom and SegFwdTo are the vertices the forward direction of
	// each segment leaves from and arrives at (SegU and SegV, or their
	// copies); SegBwdFrom and SegBwdTo those of the backward direction
	// (SegV and SegU, or copies). See FwdEnds and BwdEnds.
	SegFwdFrom, SegFwdTo, SegBwdFrom, SegBwdTo []int32
	TurnVia                                    []int32 // via node vertices, ascending
	TurnFirst                                  []int32 // len(TurnVia)+1 offsets of their copies

	// Ferries: one entry per ferry edge kept in this graph, for reports and
	// scenarios that close a ferry. Each entry is one ferry way, which
	// became the two directed edges U->V and V->U.
	Ferries []Ferry

	// WalkSpeed in metres per second, used for connectors from a point to
	// the street it snaps to.
	WalkSpeed float64

	index *segIndex // spatial index over segments, built lazily (see PrepareSnap)
}

// Ferry describes a ferry crossing that became edges of the graph.
type Ferry struct {
	WayID  int64
	Name   string
	U, V   int32   // vertices joined
	TimeMs uint32  // crossing time incl. the configured wait
	LenM   float32 // length along the ferry way
}

// NumVertices returns the number of vertices.
func (g *Graph) NumVertices() int { return len(g.Lon) }

// NumEdges returns the number of directed edges.
func (g *Graph) NumEdges() int { return len(g.Head) }
