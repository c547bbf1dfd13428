package ptaccess

import (
	"cmp"
	"slices"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// walker is the search state of one worker: a street search, and a
// RAPTOR router with its buffers created on first use.
type walker struct {
	n    *Network
	dij  *route.Dijkstra
	stop *route.Dijkstra // on the stop-walk graph (dij when it is the walk graph)
	src  []route.Source
	near []int32
	// nearDest lists the destinations near an origin (Matrix).
	nearDest []int32
	best     map[int32]route.StopTime // pattern -> closest stop (PruneTransfers)
	bits     []uint64                 // a bit per walk vertex (stop walks in VertexTimes)

	raptor *route.Raptor
	access []route.StopTime
	direct []transit.Seconds
}

// router returns the worker's RAPTOR router.
func (w *walker) router() *route.Raptor {
	if w.raptor == nil {
		w.raptor = w.n.raptor.Clone()
	}
	return w.raptor
}

func (n *Network) newWalker() *walker {
	w := &walker{n: n, dij: route.NewDijkstra(n.walk)}
	w.stop = w.dij
	if n.stopWalk != n.walk {
		w.stop = route.NewDijkstra(n.stopWalk)
	}
	return w
}

// fromPoint runs a forward walk search from o bounded by searchMs and
// appends to dst the walking time to every linked stop within limitMs
// (at most searchMs; except stop skip), sorted by stop. The search state
// stays for pointTime.
func (w *walker) fromPoint(o graph.Snap, searchMs, limitMs uint32, radius float64, skip int32, dst []route.StopTime) []route.StopTime {
	return w.stopsFrom(w.dij, w.n.walk, o, searchMs, limitMs, radius, skip, dst)
}

// fromStop is fromPoint from a stop over the stop-walk graph (transfers).
func (w *walker) fromStop(o graph.Snap, searchMs, limitMs uint32, radius float64, skip int32, dst []route.StopTime) []route.StopTime {
	return w.stopsFrom(w.stop, w.n.stopWalk, o, searchMs, limitMs, radius, skip, dst)
}

func (w *walker) stopsFrom(d *route.Dijkstra, g *graph.Graph, o graph.Snap, searchMs, limitMs uint32, radius float64, skip int32, dst []route.StopTime) []route.StopTime {
	w.src = route.OutSources(o, 0, w.src[:0])
	d.Run(false, w.src, searchMs)
	w.near = w.n.stops.near(o.Lon, o.Lat, radius, w.near[:0])
	slices.Sort(w.near)
	for _, s := range w.near {
		if s == skip {
			continue
		}
		ss := &w.n.stopSnap[s]
		t, _, _ := d.ToPoint(*ss)
		if ss.Seg == o.Seg {
			if dt, ok := sameSegment(g, o, *ss); ok && dt < t {
				t = dt
			}
		}
		if t <= limitMs {
			dst = append(dst, route.StopTime{Stop: s, Time: secs(t)})
		}
	}
	return dst
}

// toPoint runs a reverse walk search towards t bounded by searchMs and
// appends to dst the walking time from every linked stop within limitMs
// (at most searchMs), sorted by stop. The search state stays for
// walkFrom.
func (w *walker) toPoint(t graph.Snap, searchMs, limitMs uint32, radius float64, dst []route.StopTime) []route.StopTime {
	w.src = route.InSources(t, 0, w.src[:0])
	w.stop.Run(true, w.src, searchMs)
	w.near = w.n.stops.near(t.Lon, t.Lat, radius, w.near[:0])
	slices.Sort(w.near)
	for _, s := range w.near {
		ss := &w.n.stopSnap[s]
		tm, _, _ := w.stop.FromPoint(*ss)
		if ss.Seg == t.Seg {
			if d, ok := sameSegment(w.n.stopWalk, *ss, t); ok && d < tm {
				tm = d
			}
		}
		if tm <= limitMs {
			dst = append(dst, route.StopTime{Stop: s, Time: secs(tm)})
		}
	}
	return dst
}

// pointTime is the walking time in ms from the origin o of the last
// forward search to the point p, or route.Unreached beyond limitMs.
func (w *walker) pointTime(o, p graph.Snap, limitMs uint32) uint32 {
	if p.Seg < 0 {
		return route.Unreached
	}
	t, _, _ := w.dij.ToPoint(p)
	if p.Seg == o.Seg {
		if d, ok := w.n.direct(o, p); ok && d < t {
			t = d
		}
	}
	if t > limitMs {
		return route.Unreached
	}
	return t
}

// direct is the walking time in ms from a to b along the one segment both
// are snapped to, connectors included.
func (n *Network) direct(a, b graph.Snap) (uint32, bool) { return sameSegment(n.walk, a, b) }

// sameSegment is direct on graph g.
func sameSegment(g *graph.Graph, a, b graph.Snap) (uint32, bool) {
	m, _, ok := g.SameSegmentTime(a, b)
	if !ok {
		return 0, false
	}
	t := uint64(a.ConnMs) + uint64(m) + uint64(b.ConnMs)
	if t >= route.Unreached {
		return 0, false
	}
	return uint32(t), true
}

// sortStopTimes orders walks by stop, then time.
func sortStopTimes(s []route.StopTime) {
	slices.SortFunc(s, func(a, b route.StopTime) int {
		return cmp.Or(cmp.Compare(a.Stop, b.Stop), cmp.Compare(a.Time, b.Time))
	})
}

// walkSeconds converts a walk in ms to seconds, -1 when unreached.
func walkSeconds(t uint32) transit.Seconds {
	if t == route.Unreached {
		return route.Unreachable
	}
	return secs(t)
}
