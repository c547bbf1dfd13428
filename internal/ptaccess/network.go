package ptaccess

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// Network joins the walk graph and one service day of a timetable: every
// stop served on the day is snapped to the walk graph, walking transfers
// between stops are computed over the graph and merged into the day, and
// a RAPTOR router is prepared. A Network is read-only once built and safe
// for concurrent use; each query allocates its own working state.
type Network struct {
	walk *graph.Graph
	// stopWalk times egress walks and transfers (Options.StopWalk; the
	// walk graph when not set). Same vertices and segments as walk.
	stopWalk *graph.Graph
	// linker snaps points and stops to walk, skipping its islands.
	linker *graph.Linker
	tt     *transit.Timetable
	day    *transit.Day
	opts   Options

	// StopSnap[s] is stop s attached to the walk graph; Seg < 0 for a stop
	// that is not served on the day or lies farther than MaxStopSnapM
	// from any walkable street.
	stopSnap []graph.Snap
	stops    pointIndex

	// speed is the fastest straight-line speed of the walk graph in m/s
	// (walking, or a ferry if faster), bounding how far a walk can go.
	speed float64

	raptor *route.Raptor

	// trees[s] are the walks from stop s to the vertices of the walk
	// graph within the egress limit, computed on first use (VertexTimes).
	treeMu    sync.Mutex
	trees     [][]vertexTime
	treeReach []uint32 // how far each kept list reaches, ms

	stats Stats
}

// Stats describe a built network.
type Stats struct {
	Stops, ServedStops, LinkedStops int
	Transfers                       int // walking transfer pairs computed over the graph
	DayTransfers                    int // transfers of the day after merging the declared ones
	Build                           time.Duration
}

// NewNetwork builds the network of the walk graph and the day (flattened
// from tt). It snaps the stops served on the day to the walk graph within
// MaxStopSnapM, computes the walking transfers of at most MaxTransferM
// metres between linked stops with one bounded search per stop (spread
// over Options.Workers, with a result that does not depend on their
// number), and merges them into day with SetTransfers: day is modified.
func NewNetwork(walk *graph.Graph, tt *transit.Timetable, day *transit.Day, opts Options) (*Network, error) {
	start := time.Now()
	o, err := opts.resolved()
	if err != nil {
		return nil, err
	}
	switch {
	case walk == nil || tt == nil || day == nil:
		return nil, fmt.Errorf("%w: NewNetwork needs a walk graph, a timetable and a day", ErrInput)
	case walk.Mode != graph.Walk:
		return nil, fmt.Errorf("%w: the street graph is for %s, want walk", ErrInput, walk.Mode)
	case day.NumStops != len(tt.Stops):
		return nil, fmt.Errorf("%w: day has %d stops, timetable %d", ErrInput, day.NumStops, len(tt.Stops))
	case len(day.StopPatStart) != day.NumStops+1:
		return nil, fmt.Errorf("%w: day has %d stop pattern offsets for %d stops", ErrInput, len(day.StopPatStart), day.NumStops)
	}
	n := &Network{walk: walk, stopWalk: walk, tt: tt, day: day, opts: o}
	if sw := o.StopWalk; sw != nil {
		if sw.NumVertices() != walk.NumVertices() || len(sw.SegU) != len(walk.SegU) || sw.NumEdges() != walk.NumEdges() {
			return nil, fmt.Errorf("%w: the stop-walk graph has %d vertices and %d segments, the walk graph %d and %d",
				ErrInput, sw.NumVertices(), len(sw.SegU), walk.NumVertices(), len(walk.SegU))
		}
		n.stopWalk = sw
	}
	n.linker = graph.NewLinker(walk, o.MinIsland)
	n.speed = walk.WalkSpeed
	if !(n.speed > 0) {
		n.speed = graph.DefaultParams().WalkSpeed
	}
	for _, f := range walk.Ferries {
		if f.TimeMs > 0 {
			n.speed = max(n.speed, float64(f.LenM)/float64(f.TimeMs)*1000)
		}
	}
	n.snapStops()
	from, to, secs := n.walkTransfers()
	if err := day.SetTransfers(from, to, secs); err != nil {
		return nil, fmt.Errorf("ptaccess: %w", err)
	}
	n.raptor, err = route.NewRaptor(day, o.raptorOptions())
	if err != nil {
		return nil, fmt.Errorf("ptaccess: %w", err)
	}
	n.stats.Transfers = len(from)
	n.stats.DayTransfers = len(day.TransferTo)
	n.stats.Build = time.Since(start)
	return n, nil
}

// Stats returns counts about the network.
func (n *Network) Stats() Stats { return n.stats }

// Day returns the service day routed, with its walking transfers.
func (n *Network) Day() *transit.Day { return n.day }

// Timetable returns the timetable the day was flattened from.
func (n *Network) Timetable() *transit.Timetable { return n.tt }

// Walk returns the walk graph given to NewNetwork; snaps of the network
// are on its segments.
func (n *Network) Walk() *graph.Graph { return n.walk }

// Options returns the options in force, defaults filled in.
func (n *Network) Options() Options { return n.opts }

// StopSnap returns how stop s is attached to the walk graph; ok is false
// for a stop that is not linked.
func (n *Network) StopSnap(s int32) (graph.Snap, bool) {
	if s < 0 || int(s) >= len(n.stopSnap) || n.stopSnap[s].Seg < 0 {
		return graph.Snap{}, false
	}
	return n.stopSnap[s], true
}

// snapStops links the stops served on the day.
func (n *Network) snapStops() {
	d := n.day
	n.stopSnap = make([]graph.Snap, d.NumStops)
	var pts [][2]float64
	var idx []int32
	for s := range d.NumStops {
		n.stopSnap[s] = graph.Snap{Seg: -1}
		if d.StopPatStart[s+1] > d.StopPatStart[s] {
			st := &n.tt.Stops[s]
			pts = append(pts, [2]float64{st.Lon, st.Lat})
			idx = append(idx, int32(s))
		}
	}
	snaps, _ := n.SnapAll(pts, n.opts.MaxStopSnapM)
	var linked []int32
	for i, s := range idx {
		if snaps[i].Seg >= 0 {
			n.stopSnap[s] = snaps[i]
			linked = append(linked, s)
		}
	}
	n.stops = newStopIndex(n.tt.Stops, linked)
	n.stats.Stops, n.stats.ServedStops, n.stats.LinkedStops = d.NumStops, len(idx), len(linked)
}

// walkTransfers computes the walking transfers between linked stops, in
// stop order.
func (n *Network) walkTransfers() (from, to []int32, times []transit.Seconds) {
	if n.opts.MaxTransferM <= 0 {
		return nil, nil, nil
	}
	// At least 1 ms: a limit of 0 would mean "no limit" to the search.
	limit := uint32(max(1, min(math.Round(n.opts.MaxTransferM/n.walkSpeed()*1000), math.MaxUint32-1)))
	radius := n.opts.MaxTransferM * n.speed / n.walkSpeed()
	stops := n.stops.ids
	per := make([][]route.StopTime, len(stops))
	n.parallel(context.Background(), len(stops), func(w *walker, i int) {
		s := stops[i]
		per[i] = w.fromStop(n.stopSnap[s], limit, limit, radius, s, nil)
		if n.opts.PruneTransfers {
			per[i] = n.closestOnPatterns(s, per[i], w)
		}
	})
	for i, s := range stops {
		for _, t := range per[i] {
			from = append(from, s)
			to = append(to, t.Stop)
			times = append(times, t.Time)
		}
	}
	return from, to, times
}

// closestOnPatterns keeps, of the transfers from stop s, those to a stop
// that is the closest to s on some pattern of the day, s itself counting
// as the closest (at 0 s) on its own patterns: R5's
// retainClosestStopsOnPatterns. Ties go to the lower stop index.
func (n *Network) closestOnPatterns(s int32, xs []route.StopTime, w *walker) []route.StopTime {
	d := n.day
	if w.best == nil {
		w.best = make(map[int32]route.StopTime)
	}
	clear(w.best)
	consider := func(t route.StopTime) {
		for i := d.StopPatStart[t.Stop]; i < d.StopPatStart[t.Stop+1]; i++ {
			p := d.StopPat[i]
			if b, ok := w.best[p]; !ok || t.Time < b.Time || (t.Time == b.Time && t.Stop < b.Stop) {
				w.best[p] = t
			}
		}
	}
	consider(route.StopTime{Stop: s, Time: 0})
	for _, t := range xs {
		consider(t)
	}
	kept := xs[:0]
	for _, t := range xs {
		for i := d.StopPatStart[t.Stop]; i < d.StopPatStart[t.Stop+1]; i++ {
			if w.best[d.StopPat[i]].Stop == t.Stop {
				kept = append(kept, t)
				break
			}
		}
	}
	return kept
}

// walkSpeed is the walking speed of the graph in m/s.
func (n *Network) walkSpeed() float64 {
	if n.walk.WalkSpeed > 0 {
		return n.walk.WalkSpeed
	}
	return graph.DefaultParams().WalkSpeed
}

// walkRadius is the straight-line distance in metres that a walk of
// limitMs cannot exceed.
func (n *Network) walkRadius(limitMs uint32) float64 {
	return float64(limitMs) / 1000 * n.speed
}

// parallel calls fn(w, i) for i in 0..count-1 on the network's workers,
// each with its own walker; it stops early when ctx is done.
func (n *Network) parallel(ctx context.Context, count int, fn func(w *walker, i int)) {
	workers := max(1, min(n.opts.Workers, count))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			w := n.newWalker()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= count {
					return
				}
				fn(w, i)
			}
		})
	}
	wg.Wait()
}
