package ptaccess

import (
	"context"
	"fmt"
	"sort"

	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// maxReturnOut bounds the travel times one return search holds at once
// (departure minutes x linked stops): the departure range is searched in
// chunks of minutes that fit, from the latest one back.
const maxReturnOut = 1 << 22

// stopProfiles are the arrivals at the linked stops after leaving one
// service. For linked stop k (the k-th of Network.stops.ids), entries
// start[k]..start[k+1]-1 are pairs (minute[i], arr[i]) increasing in both:
// leaving the service at departure minute m or later, the earliest
// vehicle arrival at the stop is arr[i] for the first i with
// minute[i] >= m; none when there is no such i.
type stopProfiles struct {
	start  []int32
	minute []int32
	arr    []transit.Seconds
}

// at returns the earliest arrival at linked stop k leaving at departure
// minute m or later, or rtInf.
func (sp *stopProfiles) at(k int32, m int32) transit.Seconds {
	lo, hi := int(sp.start[k]), int(sp.start[k+1])
	i := lo + sort.Search(hi-lo, func(i int) bool { return sp.minute[lo+i] >= m })
	if i == hi {
		return rtInf
	}
	return sp.arr[i]
}

// profEntry is an entry of a stop profile while it is built, in
// decreasing minutes.
type profEntry struct {
	minute int32
	arr    transit.Seconds
}

// returnScratch is a worker's state for the return searches.
type returnScratch struct {
	w     *walker
	out   []transit.Seconds
	cur   []transit.Seconds
	lists [][]profEntry
}

// returnProfiles runs, from each service, a range RAPTOR over the
// departures from the service with every linked stop as a target, and
// keeps per stop the earliest vehicle arrival when leaving at each minute
// or later.
func (rt *roundTrips) returnProfiles(ctx context.Context) error {
	n := rt.n
	ids := n.stops.ids
	nT := len(ids)
	entries := make([]route.EgressEntry, nT)
	for k, s := range ids {
		entries[k] = route.EgressEntry{Stop: s, Target: int32(k)}
	}
	eg, err := route.NewEgress(n.day.NumStops, entries)
	if err != nil {
		return fmt.Errorf("ptaccess: %w", err)
	}
	chunk := max(1, min(rt.retMin, maxReturnOut/max(nT, 1)))
	limit := ms(n.opts.MaxWalk)
	accLimit := n.accessLimit()
	radius := n.walkRadius(accLimit)
	rt.prof = make([]stopProfiles, len(rt.svc))
	var fe firstErr
	forEachWorker(ctx, n, len(rt.svc), func(w *walker) *returnScratch {
		return &returnScratch{w: w, out: make([]transit.Seconds, chunk*nT), cur: make([]transit.Seconds, nT), lists: make([][]profEntry, nT)}
	}, func(sc *returnScratch, j int) {
		w := sc.w
		r := w.router()
		w.access = w.fromPoint(rt.snap[j], limit, accLimit, radius, -1, w.access[:0])
		fillTimes(sc.cur, rtInf)
		for k := range sc.lists {
			sc.lists[k] = sc.lists[k][:0]
		}
		for hi := rt.retMin; hi > 0 && ctx.Err() == nil; hi -= chunk {
			lo := max(0, hi-chunk)
			from := rt.retFrom + transit.Seconds(lo*60)
			to := rt.retFrom + transit.Seconds(hi*60)
			if err := r.Range(w.access, nil, eg, nT, from, to, 60, sc.out); err != nil {
				fe.set(fmt.Errorf("ptaccess: return from service %d: %w", rt.svc[j], err))
				return
			}
			for m := hi - 1; m >= lo; m-- {
				dep := rt.retFrom + transit.Seconds(m*60)
				row := sc.out[(m-lo)*nT : (m-lo+1)*nT]
				for k, v := range row {
					if v < 0 {
						continue
					}
					if a := dep + v; a < sc.cur[k] {
						sc.cur[k] = a
						sc.lists[k] = append(sc.lists[k], profEntry{int32(m), a})
					}
				}
			}
		}
		rt.prof[j] = compactProfiles(sc.lists)
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	return fe.err
}

// compactProfiles stores the lists (each in decreasing minutes) in
// increasing minutes.
func compactProfiles(lists [][]profEntry) stopProfiles {
	total := 0
	for _, l := range lists {
		total += len(l)
	}
	sp := stopProfiles{start: make([]int32, len(lists)+1), minute: make([]int32, 0, total), arr: make([]transit.Seconds, 0, total)}
	for k, l := range lists {
		for i := len(l) - 1; i >= 0; i-- {
			sp.minute = append(sp.minute, l[i].minute)
			sp.arr = append(sp.arr, l[i].arr)
		}
		sp.start[k+1] = int32(len(sp.minute))
	}
	return sp
}

// fillTimes sets every element of s to v.
func fillTimes(s []transit.Seconds, v transit.Seconds) {
	for i := range s {
		s[i] = v
	}
}
