package ptaccess

import (
	"context"
	"fmt"
	"math/bits"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// vertexTime is a walk to vertex V of the walk graph taking Ms.
type vertexTime struct {
	V  int32
	Ms uint32
}

// VertexTimes computes, from the nearest of the starts, the given
// percentiles of the travel time over the departures of win to every
// vertex of the walk graph: out[k][v] in milliseconds, route.Unreached
// where percentile k is not reached within MaxTime (or limitMs, when
// smaller and above 0).
//
// At each departure a vertex is reached by walking from a start, bounded
// by directMs (MaxWalk for transit; the trip limit for travel without a
// car), or by an access walk, rides as in Matrix, and an egress walk of at
// most the egress limit from the stop where the last vehicle was left.
// The walks from each stop to the vertices around it are computed once
// and kept for later calls. The percentiles are taken per vertex, over the
// departures.
func (n *Network) VertexTimes(ctx context.Context, starts []graph.Snap, win Window, percentiles []int, directMs, limitMs uint32) ([][]uint32, error) {
	if err := checkPercentiles(percentiles); err != nil {
		return nil, err
	}
	from, to, step, count, err := win.bounds(n.day)
	if err != nil {
		return nil, err
	}
	nv := n.walk.NumVertices()
	maxMs := uint32(n.opts.MaxTime.Milliseconds())
	if limitMs > 0 && limitMs < maxMs {
		maxMs = limitMs + 1 // times above the limit are not needed
	}
	// Every linked stop is a target, reached when a vehicle is left there.
	ids := n.stops.ids
	var entries []route.EgressEntry
	for k, s := range ids {
		entries = append(entries, route.EgressEntry{Stop: s, Target: int32(k), Time: 0})
	}
	eg, err := route.NewEgress(n.day.NumStops, entries)
	if err != nil {
		return nil, fmt.Errorf("ptaccess: %w", err)
	}
	// times[v*count+m]: travel time in ms at departure m, the best over
	// the starts (vertex by vertex, so that a stop's walk to a vertex
	// updates one stretch of memory for every departure).
	times := make([]uint32, count*nv)
	for i := range times {
		times[i] = route.Unreached
	}
	w := n.newWalker()
	r := w.router()
	stopTimes := make([]transit.Seconds, count*len(ids))
	accLimit := n.accessLimit()
	radius := n.walkRadius(accLimit)
	for _, o := range starts {
		if o.Seg < 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// Walking all the way.
		w.src = route.OutSources(o, 0, w.src[:0])
		w.dij.Run(false, w.src, directMs)
		for _, v := range w.dij.Touched() {
			if t := w.dij.Time(v); t <= directMs {
				row := times[int(v)*count : (int(v)+1)*count]
				for m := range row {
					row[m] = min(row[m], t)
				}
			}
		}
		// Riding: the arrival at each stop at each departure, then the
		// stop's walks.
		w.access = w.fromPoint(o, ms(n.opts.MaxWalk), accLimit, radius, -1, w.access[:0])
		if err := r.Range(w.access, nil, eg, len(ids), from, to, step, stopTimes); err != nil {
			return nil, fmt.Errorf("ptaccess: %w", err)
		}
		// need[k]: how far stop k's walks must reach (0: not at all),
		// the rest of the limit after its earliest arrival.
		need := make([]uint32, len(ids))
		reached := make([]bool, len(ids))
		egLimit := n.egressLimit()
		for k := range ids {
			for m := range count {
				if a := stopTimes[m*len(ids)+k]; a >= 0 && uint32(a)*1000 < maxMs {
					reached[k] = true
					need[k] = max(need[k], min(egLimit, maxMs-uint32(a)*1000))
				}
			}
		}
		trees := n.stopTrees(ctx, ids, need)
		// arr[m]: arrival at the stop at departure m in ms, or far in the
		// future (no branch in the inner loop; sums stay below 2^32).
		const never = 1 << 31
		arr := make([]uint32, count)
		for k := range ids {
			if !reached[k] {
				continue
			}
			first := uint32(never)
			for m := range count {
				arr[m] = never
				if a := stopTimes[m*len(ids)+k]; a >= 0 {
					arr[m] = uint32(a) * 1000
					first = min(first, arr[m])
				}
			}
			for _, e := range trees[k] { // by vertex, for locality
				if first+e.Ms >= maxMs {
					continue
				}
				row := times[int(e.V)*count : (int(e.V)+1)*count]
				for m, a := range arr {
					if t := a + e.Ms; t < row[m] {
						row[m] = t
					}
				}
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([][]uint32, len(percentiles))
	for k := range out {
		out[k] = make([]uint32, nv)
	}
	series := make([]transit.Seconds, count) // ms here, as int32
	pct := make([]transit.Seconds, len(percentiles))
	for v := range nv {
		reachedAny := false
		for m := range count {
			t := times[v*count+m]
			series[m] = -1
			if t < maxMs {
				series[m], reachedAny = transit.Seconds(t), true
			}
		}
		if !reachedAny {
			for k := range out {
				out[k][v] = route.Unreached
			}
			continue
		}
		route.Percentiles(series, percentiles, pct)
		for k, p := range pct {
			out[k][v] = route.Unreached
			if p >= 0 {
				out[k][v] = uint32(p)
			}
		}
	}
	return out, nil
}

// stopTrees returns the walks from the stops ids[k] to the vertices
// within need[k] ms (0: not wanted), computing those not kept yet or kept
// for a shorter reach: a kept list holds every vertex within its reach.
func (n *Network) stopTrees(ctx context.Context, ids []int32, need []uint32) [][]vertexTime {
	n.treeMu.Lock()
	defer n.treeMu.Unlock()
	if n.trees == nil {
		n.trees = make([][]vertexTime, len(ids))
		n.treeReach = make([]uint32, len(ids))
	}
	var todo []int
	for k := range ids {
		if need[k] > 0 && (n.trees[k] == nil || n.treeReach[k] < need[k]) {
			todo = append(todo, k)
		}
	}
	n.parallel(ctx, len(todo), func(w *walker, i int) {
		k := todo[i]
		limit := need[k]
		s := n.stopSnap[ids[k]]
		w.src = route.OutSources(s, 0, w.src[:0])
		w.stop.Run(false, w.src, limit)
		// By vertex, for locality when the walks are applied: a bit per
		// vertex of the graph, read back in order.
		nw := (n.walk.NumVertices() + 63) / 64
		if len(w.bits) < nw {
			w.bits = make([]uint64, nw)
		}
		count := 0
		for _, v := range w.stop.Touched() {
			if w.stop.Time(v) <= limit {
				w.bits[v>>6] |= 1 << (uint(v) & 63)
				count++
			}
		}
		tree := make([]vertexTime, 0, count)
		for i, word := range w.bits[:nw] {
			for word != 0 {
				b := bits.TrailingZeros64(word)
				word &= word - 1
				v := int32(i<<6 | b)
				tree = append(tree, vertexTime{V: v, Ms: w.stop.Time(v)})
			}
			w.bits[i] = 0
		}
		n.trees[k], n.treeReach[k] = tree, limit
	})
	return n.trees
}
