package access

import (
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
)

// Unreachable is the time of an origin that reaches no service.
const Unreachable = route.Unreached

// Nearest holds, per origin, the time and network length to the nearest
// service and that service's index (-1 when none is reachable).
type Nearest struct {
	TimeMs  []uint32
	LenM    []float64
	Service []int32
}

func newNearest(n int) Nearest {
	r := Nearest{TimeMs: make([]uint32, n), LenM: make([]float64, n), Service: make([]int32, n)}
	for i := range r.TimeMs {
		r.TimeMs[i] = Unreachable
		r.Service[i] = -1
	}
	return r
}

// better reports whether (t, s) improves on origin i's current best:
// a shorter time, or an equal time to a lower service index.
func (r *Nearest) better(i int, t uint32, s int32) bool {
	return t < r.TimeMs[i] || (t == r.TimeMs[i] && t != Unreachable && s < r.Service[i])
}

// NearestService returns, for every origin, the travel time to the nearest
// of the services, with a single multi-source search over the reversed
// graph from all services at once. limitMs bounds the search (0 = none).
func NearestService(g *graph.Graph, origins, services []graph.Snap, limitMs uint32) Nearest {
	res := newNearest(len(origins))
	var src []route.Source
	bySeg := map[int32][]int32{} // services snapped on each segment
	for i, s := range services {
		if s.Seg < 0 {
			continue
		}
		src = route.InSources(s, int32(i), src)
		bySeg[s.Seg] = append(bySeg[s.Seg], int32(i))
	}
	if len(src) == 0 && len(bySeg) == 0 {
		return res
	}
	d := route.NewDijkstra(g)
	d.Run(true, src, limitMs)
	for i, o := range origins {
		if o.Seg < 0 {
			continue
		}
		t, l, s := d.FromPoint(o)
		if t != Unreachable && (limitMs == 0 || t <= limitMs) {
			res.TimeMs[i], res.LenM[i], res.Service[i] = t, l, s
		}
		for _, si := range bySeg[o.Seg] {
			if t, l, ok := direct(g, o, services[si]); ok && (limitMs == 0 || t <= limitMs) && res.better(i, t, si) {
				res.TimeMs[i], res.LenM[i], res.Service[i] = t, l, si
			}
		}
	}
	return res
}

// direct is the time from origin o to service s along the one segment both
// snapped onto, connectors included.
func direct(g *graph.Graph, o, s graph.Snap) (uint32, float64, bool) {
	ms, lenM, ok := g.SameSegmentTime(o, s)
	if !ok {
		return 0, 0, false
	}
	t := uint64(o.ConnMs) + uint64(ms) + uint64(s.ConnMs)
	if t >= uint64(Unreachable) {
		return 0, 0, false
	}
	return uint32(t), o.ConnM + float64(lenM) + s.ConnM, true
}

// NearestServicePerOrigin is the plain reference for NearestService: one
// forward search from every origin. It gives the same answer and exists
// to check the fast path and to measure the gain.
func NearestServicePerOrigin(g *graph.Graph, origins, services []graph.Snap, limitMs uint32) Nearest {
	res := newNearest(len(origins))
	d := route.NewDijkstra(g)
	var src []route.Source
	for i, o := range origins {
		if o.Seg < 0 {
			continue
		}
		src = route.OutSources(o, 0, src[:0])
		d.Run(false, src, limitMs)
		for si, s := range services {
			if s.Seg < 0 {
				continue
			}
			t, l, _ := d.ToPoint(s)
			if t != Unreachable && (limitMs == 0 || t <= limitMs) && res.better(i, t, int32(si)) {
				res.TimeMs[i], res.LenM[i], res.Service[i] = t, l, int32(si)
			}
			if s.Seg == o.Seg {
				if t, l, ok := direct(g, o, s); ok && (limitMs == 0 || t <= limitMs) && res.better(i, t, int32(si)) {
					res.TimeMs[i], res.LenM[i], res.Service[i] = t, l, int32(si)
				}
			}
		}
	}
	return res
}
