package ptaccess

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// originScratch is a worker's state for the searches from origins.
type originScratch struct {
	w      *walker
	out    []transit.Seconds // departure minute x service travel times
	direct []transit.Seconds // walk-only time to each service
	back   []transit.Seconds // walk-only time from each service home
	home   []route.StopTime  // walks from linked stops home (Stop: linked index)
	arr    []transit.Seconds // earliest arrival at a service leaving at a minute or later
	best   []RoundTrip       // per category
}

// fromOrigins runs the outbound range search from each origin, combines
// it with the return profiles and keeps the best round trip per category.
func (rt *roundTrips) fromOrigins(ctx context.Context, origins []graph.Snap, res *RoundTripResult) error {
	n := rt.n
	nS := len(rt.svc)
	linked := make([]int32, n.day.NumStops)
	for i := range linked {
		linked[i] = -1
	}
	for k, s := range n.stops.ids {
		linked[s] = int32(k)
	}
	limit := ms(n.opts.MaxWalk)
	accLimit := n.accessLimit()
	accRadius := n.walkRadius(accLimit)
	egLimit := n.egressLimit()
	egRadius := n.walkRadius(egLimit)
	from := rt.p.Earliest
	to := from + transit.Seconds(rt.outMin*60)
	var fe firstErr
	forEachWorker(ctx, n, len(origins), func(w *walker) *originScratch {
		return &originScratch{w: w, out: make([]transit.Seconds, rt.outMin*nS), direct: make([]transit.Seconds, nS),
			back: make([]transit.Seconds, nS), arr: make([]transit.Seconds, rt.outMin), best: make([]RoundTrip, res.Categories)}
	}, func(sc *originScratch, i int) {
		o := origins[i]
		if o.Seg < 0 {
			return
		}
		w := sc.w
		w.access = w.fromPoint(o, limit, accLimit, accRadius, -1, w.access[:0])
		for j := range nS {
			sc.direct[j] = walkSeconds(w.pointTime(o, rt.snap[j], limit))
		}
		if err := w.router().Range(w.access, sc.direct, rt.toSvc, nS, from, to, 60, sc.out); err != nil {
			fe.set(fmt.Errorf("ptaccess: round trips from origin %d: %w", i, err))
			return
		}
		sc.home = w.toPoint(o, limit, egLimit, egRadius, sc.home[:0])
		for k := range sc.home {
			sc.home[k].Stop = linked[sc.home[k].Stop]
		}
		for j := range nS {
			sc.back[j] = walkSeconds(w.walkFrom(rt.snap[j], o, limit))
		}
		for c := range sc.best {
			sc.best[c] = noTrip
		}
		for j := range nS {
			t, ok := rt.best(sc, j)
			if !ok {
				continue
			}
			b := &sc.best[rt.cat[j]]
			if !b.Feasible || t.Return < b.Return || t.Return == b.Return && t.Depart > b.Depart {
				*b = t
			}
		}
		copy(res.Trips[i*res.Categories:(i+1)*res.Categories], sc.best)
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	return fe.err
}

// best returns the round trip of the origin of sc through service j with
// the earliest return, leaving home as late as that return allows.
func (rt *roundTrips) best(sc *originScratch, j int) (RoundTrip, bool) {
	nS := len(rt.svc)
	cur := rtInf
	for m := rt.outMin - 1; m >= 0; m-- {
		if v := sc.out[m*nS+j]; v >= 0 {
			cur = min(cur, rt.p.Earliest+transit.Seconds(m*60)+v)
		}
		sc.arr[m] = cur
	}
	// ret is the return home leaving home at minute m or later (arrival
	// sc.arr[m]), and the start of the stay; both nondecreasing in m.
	ret := func(m int) (transit.Seconds, transit.Seconds) {
		a := sc.arr[m]
		if a >= rtInf {
			return rtInf, rtInf
		}
		start := rt.fit(j, a)
		if start >= rtInf {
			return rtInf, rtInf
		}
		return rt.home(sc, j, start+rt.p.Dwell), start
	}
	r0, _ := ret(0)
	if r0 > rt.p.Latest {
		return noTrip, false
	}
	lo, hi := 0, rt.outMin-1 // ret(lo) == r0
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if r, _ := ret(mid); r == r0 {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	_, start := ret(lo)
	return RoundTrip{Feasible: true, Service: rt.svc[j], Depart: rt.p.Earliest + transit.Seconds(lo*60),
		Arrive: sc.arr[lo], Start: start, Return: r0}, true
}

// home is the earliest arrival home leaving service j at end (the end of
// the stay): walking straight away, or by public transport departing at
// the first whole minute of the return departures at or after end.
func (rt *roundTrips) home(sc *originScratch, j int, end transit.Seconds) transit.Seconds {
	best := rtInf
	if b := sc.back[j]; b >= 0 {
		best = end + b
	}
	m := (end - rt.retFrom + 59) / 60
	if m < 0 || int(m) >= rt.retMin {
		return best
	}
	prof := &rt.prof[j]
	for _, h := range sc.home {
		if a := prof.at(h.Stop, int32(m)); a < rtInf {
			best = min(best, a+h.Time)
		}
	}
	return best
}

// walkFrom is the walking time in ms from p to the target o of the last
// reverse search, or route.Unreached beyond limitMs.
func (w *walker) walkFrom(p, o graph.Snap, limitMs uint32) uint32 {
	if p.Seg < 0 {
		return route.Unreached
	}
	t, _, _ := w.stop.FromPoint(p)
	if p.Seg == o.Seg {
		if d, ok := sameSegment(w.n.stopWalk, p, o); ok && d < t {
			t = d
		}
	}
	if t > limitMs {
		return route.Unreached
	}
	return t
}

// forEachWorker calls fn(s, i) for i in 0..count-1 on the network's
// workers, each with its own scratch state made by newScratch from its
// own walker; it stops early when ctx is done.
func forEachWorker[S any](ctx context.Context, n *Network, count int, newScratch func(w *walker) S, fn func(s S, i int)) {
	workers := max(1, min(n.opts.Workers, count))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			s := newScratch(n.newWalker())
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= count {
					return
				}
				fn(s, i)
			}
		})
	}
	wg.Wait()
}
