package ptaccess

import (
	"context"
	"fmt"
	"sync"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// Shape is what a journey is made of: the vehicles boarded and the
// seconds spent walking (to the first stop, between stops and from the
// last one, or all the way), waiting (at the first stop and between
// rides) and riding. Walk+Wait+Ride is the travel time.
type Shape struct {
	Rides            int8
	Walk, Wait, Ride transit.Seconds
}

// Reached reports whether the shape is of a journey (not an unreached
// pair).
func (s Shape) Reached() bool { return s.Rides >= 0 }

// noShape marks an unreached pair.
var noShape = Shape{Rides: -1}

// shapeOf sums an itinerary's legs.
func shapeOf(it route.Itinerary) Shape {
	s := Shape{Rides: int8(min(it.Rides, 127))}
	for _, l := range it.Legs {
		switch l.Kind {
		case route.LegWalk, route.LegTransfer:
			s.Walk += l.Seconds()
		case route.LegWait:
			s.Wait += l.Seconds()
		case route.LegRide:
			s.Ride += l.Seconds()
		}
	}
	return s
}

// MedianJourneys gives, from every origin to the nearest service of each
// category, the shape of the journey whose travel time is percentile
// percentile of the window (as NearestCategory computes it): the journey
// of the earliest departure whose travel time equals it. Shapes are
// [origin*nCats+c]; an unreached pair has Rides -1.
func (n *Network) MedianJourneys(ctx context.Context, origins, services []graph.Snap, categoryOf []int32, nCats int, win Window, percentile int) ([]Shape, error) {
	if err := checkPercentiles([]int{percentile}); err != nil {
		return nil, err
	}
	from, to, step, count, err := win.bounds(n.day)
	if err != nil {
		return nil, err
	}
	perStop, directs, err := n.categoryWalks(ctx, origins, services, categoryOf, nCats)
	if err != nil {
		return nil, err
	}
	limit := ms(n.opts.MaxWalk)
	eg, err := n.egress(perStop)
	if err != nil {
		return nil, err
	}
	out := make([]Shape, len(origins)*nCats)
	for i := range out {
		out[i] = noShape
	}
	accLimit := n.accessLimit()
	radius := n.walkRadius(accLimit)
	var mu sync.Mutex
	var firstErr error
	n.parallel(ctx, len(origins), func(w *walker, i int) {
		o := origins[i]
		if o.Seg < 0 || nCats == 0 {
			return
		}
		r := w.router()
		w.access = w.fromPoint(o, limit, accLimit, radius, -1, w.access[:0])
		w.direct = grow(w.direct, nCats)
		for c := range nCats {
			w.direct[c] = directs[c][i]
		}
		series := make([]transit.Seconds, count*nCats)
		if err := r.Range(w.access, w.direct, eg, nCats, from, to, step, series); err != nil {
			mu.Lock()
			if firstErr == nil {
				firstErr = fmt.Errorf("ptaccess: origin %d: %w", i, err)
			}
			mu.Unlock()
			return
		}
		col := make([]transit.Seconds, count)
		var p [1]transit.Seconds
		for c := range nCats {
			for m := range count {
				col[m] = series[m*nCats+c]
			}
			route.Percentiles(col, []int{percentile}, p[:])
			if p[0] < 0 {
				continue
			}
			for m, v := range col {
				if v != p[0] {
					continue
				}
				if it, ok := r.Journey(w.access, directs[c][i], perStop[c], from+transit.Seconds(m)*step); ok {
					out[i*nCats+c] = shapeOf(it)
				}
				break
			}
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, firstErr
}
