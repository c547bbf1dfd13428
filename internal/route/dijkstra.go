package route

import (
	"math"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/keyheap"
)

// Unreached is the time of a vertex no search reached.
const Unreached = math.MaxUint32

// Source is a starting vertex of a search with its initial time and length.
type Source struct {
	V      int32
	TimeMs uint32
	LenM   float64
	Tag    int32 // carried to every vertex reached from this source (e.g. a service index)
}

// Dijkstra is the reusable state of shortest-path searches over one
// graph. It is not safe for concurrent use: give each worker its own.
//
// Ties are broken by vertex id, so the length and tag recorded for a
// vertex (those of the first shortest-time path found) are deterministic.
type Dijkstra struct {
	g       *graph.Graph
	time    []uint32
	length  []float64
	tag     []int32
	touched []int32
	heap    keyheap.Heap
}

// NewDijkstra allocates search state for g.
func NewDijkstra(g *graph.Graph) *Dijkstra {
	n := g.NumVertices()
	d := &Dijkstra{
		g:      g,
		time:   make([]uint32, n),
		length: make([]float64, n),
		tag:    make([]int32, n),
	}
	for i := range d.time {
		d.time[i] = Unreached
		d.tag[i] = -1
	}
	return d
}

// Time returns the shortest time to (or, in a reverse search, from) v.
func (d *Dijkstra) Time(v int32) uint32 { return d.time[v] }

// Len returns the length in metres of the shortest-time path of v.
func (d *Dijkstra) Len(v int32) float64 { return d.length[v] }

// Tag returns the tag of the source whose path reached v first, or -1.
func (d *Dijkstra) Tag(v int32) int32 { return d.tag[v] }

// Touched returns the vertices the last search labelled.
func (d *Dijkstra) Touched() []int32 { return d.touched }

func (d *Dijkstra) reset() {
	for _, v := range d.touched {
		d.time[v] = Unreached
		d.length[v] = 0
		d.tag[v] = -1
	}
	d.touched = d.touched[:0]
	d.heap = d.heap[:0]
}

func (d *Dijkstra) label(v int32, t uint32, l float64, tag int32) {
	if d.time[v] == Unreached {
		d.touched = append(d.touched, v)
	}
	d.time[v] = t
	d.length[v] = l
	d.tag[v] = tag
	d.heap.Push(uint64(t)<<32 | uint64(uint32(v)))
}

// Run searches from the sources over the forward star, or over the reverse
// star when reverse is set (then times are towards the sources). Vertices
// beyond limitMs are left unreached; a limit of 0 means no limit.
// Sources are applied in order; among equal times the earlier source wins.
func (d *Dijkstra) Run(reverse bool, sources []Source, limitMs uint32) {
	d.reset()
	if limitMs == 0 {
		limitMs = Unreached - 1
	}
	for _, s := range sources {
		if s.V < 0 || int(s.V) >= len(d.time) || s.TimeMs > limitMs {
			continue
		}
		if s.TimeMs < d.time[s.V] {
			d.label(s.V, s.TimeMs, s.LenM, s.Tag)
		}
	}
	g := d.g
	first, head, tm, ln := g.FirstOut, g.Head, g.TimeMs, g.LenM
	if reverse {
		first, head, tm, ln = g.RevFirstOut, g.RevHead, g.RevTimeMs, g.RevLenM
	}
	for len(d.heap) > 0 {
		k := d.heap.Pop()
		u := int32(uint32(k))
		tu := uint32(k >> 32)
		if tu != d.time[u] { // stale entry
			continue
		}
		lu, tagu := d.length[u], d.tag[u]
		for e := first[u]; e < first[u+1]; e++ {
			v := head[e]
			t := tu + tm[e]
			if t < tu || t > limitMs { // overflow or beyond the limit
				continue
			}
			if t < d.time[v] {
				d.label(v, t, lu+float64(ln[e]), tagu)
			}
		}
	}
}
