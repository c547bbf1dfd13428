package ptaccess

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// Unreachable is the travel time of a pair that cannot be made within
// MaxTime, MaxRides and MaxWalk.
const Unreachable = route.Unreachable

// Matrix holds travel-time percentiles in seconds: row r (an origin),
// column c (a destination or a category), percentile k at
// Seconds[(r*Cols+c)*len(Percentiles)+k]; Unreachable (-1) where the
// percentile is not reached.
type Matrix struct {
	Rows, Cols  int
	Percentiles []int
	Seconds     []transit.Seconds
	// Access tells, per row, what the origin's access walk found: no
	// linked stop within the walk limit, stops none of which has a
	// departure between the window's start and its end plus MaxTime, or
	// stops with such departures. Empty in a matrix built by hand.
	Access []Access
}

// Access is what an origin's access walk reaches.
type Access uint8

// Access values.
const (
	AccessNoStop Access = iota // no linked stop within the walk limit
	AccessNoTrip               // stops, but no departure from them in the window
	AccessServed               // stops with departures in the window
)

// At returns the k-th percentile from row r to column c.
func (m *Matrix) At(r, c, k int) transit.Seconds {
	return m.Seconds[(r*m.Cols+c)*len(m.Percentiles)+k]
}

// newMatrix allocates a matrix; the caller writes every row (the workers
// of run, each its own rows, rather than one pass here first).
func newMatrix(rows, cols int, ps []int) *Matrix {
	return &Matrix{Rows: rows, Cols: cols, Percentiles: slices.Clone(ps), Seconds: make([]transit.Seconds, rows*cols*len(ps))}
}

// Matrix computes, from every origin to every destination, the given
// percentiles of the travel time over the departures of win: walk to a
// stop, ride up to MaxRides vehicles with walking transfers, walk to the
// destination; or walk all the way when that is within MaxWalk and
// faster. A point with Seg < 0 (not on the graph) reaches nothing and is
// reached by nothing.
//
// The walk from each stop to each destination is computed once, by one
// bounded reverse search per destination; then origins are spread over
// the workers, each with its own street search and RAPTOR router. The
// result does not depend on the number of workers. When ctx is cancelled
// the computation stops and ctx's error is returned.
func (n *Network) Matrix(ctx context.Context, origins, dests []graph.Snap, win Window, percentiles []int) (*Matrix, error) {
	if err := checkPercentiles(percentiles); err != nil {
		return nil, err
	}
	per, direct := n.pointTargets(ctx, origins, dests)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	eg, err := n.egress(per)
	if err != nil {
		return nil, err
	}
	return n.run(ctx, origins, len(dests), eg, direct, win, percentiles)
}

// pointTargets computes the walks from the stops to every destination,
// one bounded reverse search per destination, and returns them with the
// function that fills the walk-only times from an origin to the
// destinations. Only the destinations within the straight-line reach of a
// walk of MaxWalk can be walked to: the others are left unreachable
// without looking them up.
func (n *Network) pointTargets(ctx context.Context, origins, dests []graph.Snap) ([][]route.StopTime, func(w *walker, i int, out []transit.Seconds)) {
	limit := ms(n.opts.MaxWalk)
	egLimit := n.egressLimit()
	radius := n.walkRadius(egLimit)
	per := make([][]route.StopTime, len(dests))
	n.parallel(ctx, len(dests), func(w *walker, j int) {
		if dests[j].Seg >= 0 {
			per[j] = w.toPoint(dests[j], egLimit, egLimit, radius, nil)
		}
	})
	var onGraph []int32
	for j, d := range dests {
		if d.Seg >= 0 {
			onGraph = append(onGraph, int32(j))
		}
	}
	destIx := newPointIndex(onGraph, func(j int32) (float64, float64) { return dests[j].Lon, dests[j].Lat })
	walkRadius := n.walkRadius(limit)
	return per, func(w *walker, i int, out []transit.Seconds) {
		o := origins[i]
		fillSeconds(out, Unreachable)
		w.nearDest = destIx.near(o.Lon, o.Lat, walkRadius, w.nearDest[:0])
		for _, j := range w.nearDest {
			out[j] = walkSeconds(w.pointTime(o, dests[j], limit))
		}
	}
}

// run routes every origin to the targets of eg over the window and
// reduces the times to percentiles. direct fills the walk-only time from
// origin i to each target (-1 for none) after the access search from it.
func (n *Network) run(ctx context.Context, origins []graph.Snap, numTargets int, eg *route.Egress,
	direct func(w *walker, i int, out []transit.Seconds), win Window, ps []int) (*Matrix, error) {
	from, to, step, _, err := win.bounds(n.day)
	if err != nil {
		return nil, err
	}
	m := newMatrix(len(origins), numTargets, ps)
	m.Access = make([]Access, len(origins))
	served := n.servedStops(from, to+transit.Seconds(n.opts.MaxTime/time.Second))
	limit := ms(n.opts.MaxWalk)
	accLimit := n.accessLimit()
	radius := n.walkRadius(accLimit)
	np := len(ps)
	var mu sync.Mutex
	var firstErr error
	n.parallel(ctx, len(origins), func(w *walker, i int) {
		o := origins[i]
		row := m.Seconds[i*numTargets*np : (i+1)*numTargets*np]
		if o.Seg < 0 || numTargets == 0 {
			fillSeconds(row, Unreachable)
			return
		}
		r := w.router()
		w.access = w.fromPoint(o, limit, accLimit, radius, -1, w.access[:0])
		for _, a := range w.access {
			m.Access[i] = AccessNoTrip
			if served[a.Stop] {
				m.Access[i] = AccessServed
				break
			}
		}
		w.direct = grow(w.direct, numTargets)
		direct(w, i, w.direct)
		if err := r.RangePercentiles(w.access, w.direct, eg, numTargets, from, to, step, ps, row); err != nil {
			mu.Lock()
			if firstErr == nil {
				firstErr = fmt.Errorf("ptaccess: origin %d: %w", i, err)
			}
			mu.Unlock()
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return m, nil
}

// servedStops marks the stops with a departure at or after from and
// before to.
func (n *Network) servedStops(from, to transit.Seconds) []bool {
	d := n.day
	out := make([]bool, d.NumStops)
	for p := range d.NumPatterns() {
		stops := d.PatStops[d.PatStopStart[p]:d.PatStopStart[p+1]]
		for t := d.PatTripStart[p]; t < d.PatTripStart[p+1]; t++ {
			base := d.TripTimes[t]
			for k, s := range stops[:max(0, len(stops)-1)] {
				if dep := d.Dep[base+int32(k)]; dep >= from && dep < to {
					out[s] = true
				}
			}
		}
	}
	return out
}

// egress builds the egress table from per-target lists: per[j] holds the
// walks from stops to target j.
func (n *Network) egress(per [][]route.StopTime) (*route.Egress, error) {
	var entries []route.EgressEntry
	for j, list := range per {
		for _, e := range list {
			entries = append(entries, route.EgressEntry{Stop: e.Stop, Target: int32(j), Time: e.Time})
		}
	}
	eg, err := route.NewEgress(n.day.NumStops, entries)
	if err != nil {
		return nil, fmt.Errorf("ptaccess: %w", err)
	}
	return route.PruneEgress(n.day, eg), nil
}

// accessLimit is the longest access walk in ms: MaxWalk, or less with
// MaxAccessEgressM.
func (n *Network) accessLimit() uint32 {
	limit := ms(n.opts.MaxWalk)
	if m := n.opts.MaxAccessEgressM; m > 0 {
		limit = uint32(max(1, min(m/n.walkSpeed()*1000, float64(limit))))
	}
	return limit
}

// egressLimit is the longest egress walk in ms: the same as the access,
// or MaxWalk bounded by MaxEgressM.
func (n *Network) egressLimit() uint32 {
	m := n.opts.MaxEgressM
	if m <= 0 {
		return n.accessLimit()
	}
	return uint32(max(1, min(m/n.walkSpeed()*1000, float64(ms(n.opts.MaxWalk)))))
}

// grow returns s resized to n, reusing its storage when it is large
// enough.
func grow(s []transit.Seconds, n int) []transit.Seconds {
	if cap(s) < n {
		return make([]transit.Seconds, n)
	}
	return s[:n]
}

func fillSeconds(s []transit.Seconds, v transit.Seconds) {
	for i := range s {
		s[i] = v
	}
}
