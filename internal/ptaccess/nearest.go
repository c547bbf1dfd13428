package ptaccess

import (
	"context"
	"fmt"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// NearestCategory computes, from every origin to the nearest service of
// each category, the given percentiles of the travel time over the
// departures of win. Service i belongs to category categoryOf[i]
// (0..nCats-1; a negative category leaves the service out). The result
// has one column per category.
//
// For each category one bounded reverse walk search from all its services
// at once gives every stop its walk to the nearest service of the
// category (and every origin its walk-only time to it), so the egress
// costs one search per category whatever the number of services. At each
// departure the nearest service is the one reached first, which may
// differ between departures; the percentiles are over those times.
func (n *Network) NearestCategory(ctx context.Context, origins, services []graph.Snap, categoryOf []int32, nCats int, win Window, percentiles []int) (*Matrix, error) {
	return n.NearestCategoryAndPoints(ctx, origins, services, categoryOf, nCats, nil, win, percentiles)
}

// NearestCategoryAndPoints answers NearestCategory and Matrix to dests
// with one range search per origin: column c < nCats is the nearest
// service of category c, column nCats+j destination j. It gives the same
// times as the two calls, at about the cost of the larger one, since the
// rounds over the timetable are shared and only the egress grows.
func (n *Network) NearestCategoryAndPoints(ctx context.Context, origins, services []graph.Snap, categoryOf []int32, nCats int, dests []graph.Snap, win Window, percentiles []int) (*Matrix, error) {
	if err := checkPercentiles(percentiles); err != nil {
		return nil, err
	}
	perStop, directs, err := n.categoryWalks(ctx, origins, services, categoryOf, nCats)
	if err != nil {
		return nil, err
	}
	var pointDirect func(w *walker, i int, out []transit.Seconds)
	if len(dests) > 0 {
		var per [][]route.StopTime
		per, pointDirect = n.pointTargets(ctx, origins, dests)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		perStop = append(perStop, per...)
	}
	eg, err := n.egress(perStop)
	if err != nil {
		return nil, err
	}
	return n.run(ctx, origins, nCats+len(dests), eg, func(w *walker, i int, out []transit.Seconds) {
		for c := range nCats {
			out[c] = directs[c][i]
		}
		if pointDirect != nil {
			pointDirect(w, i, out[nCats:])
		}
	}, win, percentiles)
}

// categoryWalks runs one reverse walk search per category from all its
// services: perStop[c] are the walks from the stops to the nearest
// service of c, directs[c][o] the walk-only time from origin o to it.
func (n *Network) categoryWalks(ctx context.Context, origins, services []graph.Snap, categoryOf []int32, nCats int) (perStop [][]route.StopTime, directs [][]transit.Seconds, err error) {
	byCat, err := servicesByCategory(services, categoryOf, nCats)
	if err != nil {
		return nil, nil, err
	}
	limit := ms(n.opts.MaxWalk)
	perStop = make([][]route.StopTime, nCats)
	directs = make([][]transit.Seconds, nCats)
	n.parallel(ctx, nCats, func(w *walker, c int) {
		perStop[c], directs[c] = w.toCategory(services, byCat[c], origins, limit)
	})
	return perStop, directs, ctx.Err()
}

// servicesByCategory lists the snapped services of each category.
func servicesByCategory(services []graph.Snap, categoryOf []int32, nCats int) ([][]int32, error) {
	if len(categoryOf) != len(services) {
		return nil, fmt.Errorf("%w: %d categories for %d services", ErrInput, len(categoryOf), len(services))
	}
	if nCats < 0 {
		return nil, fmt.Errorf("%w: %d categories", ErrInput, nCats)
	}
	byCat := make([][]int32, nCats)
	for i, c := range categoryOf {
		if int(c) >= nCats {
			return nil, fmt.Errorf("%w: service %d has category %d of %d", ErrInput, i, c, nCats)
		}
		if c >= 0 && services[i].Seg >= 0 {
			byCat[c] = append(byCat[c], int32(i))
		}
	}
	return byCat, nil
}

// toCategory runs one reverse search from the services svc (indices into
// all) bounded by limitMs. It returns the walk from every linked stop to
// the nearest of them, and the walk-only time from each origin (-1 beyond
// the limit).
func (w *walker) toCategory(all []graph.Snap, svc []int32, origins []graph.Snap, limitMs uint32) ([]route.StopTime, []transit.Seconds) {
	direct := make([]transit.Seconds, len(origins))
	for i := range direct {
		direct[i] = Unreachable
	}
	if len(svc) == 0 {
		return nil, direct
	}
	w.src = w.src[:0]
	bySeg := map[int32][]int32{}
	for _, s := range svc {
		w.src = route.InSources(all[s], s, w.src)
		bySeg[all[s].Seg] = append(bySeg[all[s].Seg], s)
	}
	// from is the walk from point p to the nearest service over the
	// graph of the search d.
	from := func(d *route.Dijkstra, g *graph.Graph, p graph.Snap) uint32 {
		t, _, _ := d.FromPoint(p)
		for _, s := range bySeg[p.Seg] {
			if dt, ok := sameSegment(g, p, all[s]); ok && dt < t {
				t = dt
			}
		}
		if t > limitMs {
			return route.Unreached
		}
		return t
	}
	// The stops' egress walks on the stop-walk graph; the origins'
	// walk-only trips on the walk graph (one search when they are the
	// same).
	w.stop.Run(true, w.src, limitMs)
	var out []route.StopTime
	egLimit := w.n.egressLimit()
	for _, s := range w.n.stops.ids {
		if t := from(w.stop, w.n.stopWalk, w.n.stopSnap[s]); t <= egLimit {
			out = append(out, route.StopTime{Stop: s, Time: secs(t)})
		}
	}
	if w.stop != w.dij && len(origins) > 0 {
		w.dij.Run(true, w.src, limitMs)
	}
	for i, o := range origins {
		if o.Seg >= 0 {
			direct[i] = walkSeconds(from(w.dij, w.n.walk, o))
		}
	}
	return out, direct
}
