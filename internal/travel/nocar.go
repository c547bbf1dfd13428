package travel

import (
	"context"
	"fmt"

	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/transit"
)

// NoCar is travel without a car: per origin, destination and percentile,
// the better of walking all the way and walk + public transport.
//
// Walk must be the walk graph's Street source over the same origins and
// services as Transit (the same snaps); its LimitMs should be the transit
// trip limit, so that walking is bounded only by the trip limit and not
// by transit's walk limit. A walk of the trip limit or longer counts as
// unreachable, as a transit trip does.
type NoCar struct {
	Walk    *Street
	Transit *Transit

	nearest once[[]Nearest]
}

// Mode is graph.NoCar.
func (n *NoCar) Mode() graph.Mode { return graph.NoCar }

// Graph is the walk graph.
func (n *NoCar) Graph() *graph.Graph { return n.Walk.G }

// Percentiles are the transit window's.
func (n *NoCar) Percentiles() []int { return n.Transit.Percentiles() }

// Main is the transit source's main column.
func (n *NoCar) Main() int { return n.Transit.Main() }

// MaxTimeMs is the trip limit: a trip of this length or longer is
// unreachable.
func (n *NoCar) MaxTimeMs() uint32 { return n.Transit.MaxTimeMs() }

// parts are the nearest services by walking and by transit, one per
// category each.
func (n *NoCar) parts(ctx context.Context) (walk, tr []Nearest, err error) {
	if walk, err = n.Walk.Nearest(ctx); err != nil {
		return nil, nil, err
	}
	if tr, err = n.Transit.Nearest(ctx); err != nil {
		return nil, nil, err
	}
	if len(walk) != len(tr) {
		return nil, nil, fmt.Errorf("travel: nocar: %d walk categories, %d transit", len(walk), len(tr))
	}
	return walk, tr, nil
}

// walkMs is a walking time counted for nocar: Unreachable at or beyond
// the trip limit.
func (n *NoCar) walkMs(t uint32) uint32 {
	if t >= n.MaxTimeMs() {
		return Unreachable
	}
	return t
}

// walkWins is whether walking (time w) is the trip without a car: within
// the trip limit and at least as fast as transit (time tr).
func (n *NoCar) walkWins(w, tr uint32) bool {
	w = n.walkMs(w)
	return w != Unreachable && w <= tr
}

// Nearest takes, per category, origin and percentile, the lower of the
// walk and transit times to the nearest service. Where walking is at
// least as fast at the main percentile, the service and length are the
// walk's.
func (n *NoCar) Nearest(ctx context.Context) ([]Nearest, error) {
	return n.nearest.get(func() ([]Nearest, error) {
		walk, tr, err := n.parts(ctx)
		if err != nil {
			return nil, err
		}
		main := n.Main()
		out := make([]Nearest, len(tr))
		for c := range tr {
			w, t := walk[c], tr[c]
			no := len(w.TimeMs)
			x := Nearest{Nearest: access.Nearest{TimeMs: make([]uint32, no), LenM: make([]float64, no), Service: make([]int32, no)}}
			x.Pct = make([][]uint32, len(t.Pct))
			for k := range t.Pct {
				x.Pct[k] = make([]uint32, no)
				for i := range no {
					x.Pct[k][i] = min(n.walkMs(w.TimeMs[i]), t.Pct[k][i])
				}
			}
			x.Why = make([]Why, no)
			x.TransitWhy = t.Why
			for i := range no {
				x.TimeMs[i] = x.Pct[main][i]
				if x.TimeMs[i] == Unreachable {
					x.Why[i] = t.Why[i] // walking takes longer than the trip limit
				}
				x.Service[i] = -1
				if n.walkWins(w.TimeMs[i], t.Pct[main][i]) {
					x.Service[i], x.LenM[i] = w.Service[i], w.LenM[i]
				}
			}
			out[c] = x
		}
		return out, nil
	})
}

// Reach joins the walk and transit reach lists, the lower time of each
// pair.
func (n *NoCar) Reach(ctx context.Context, c int, limitMs uint32, k int) (access.Reach, error) {
	t, err := n.Transit.Reach(ctx, c, limitMs, k)
	if err != nil {
		return access.Reach{}, err
	}
	w, err := n.Walk.Reach(ctx, c, limitMs, k)
	if err != nil {
		return access.Reach{}, err
	}
	return mergeReach(w, t), nil
}

// NearestK merges the k nearest by walking with the k nearest by transit:
// a service among the k nearest without a car is among the k nearest of
// the mode that takes it there fastest.
func (n *NoCar) NearestK(ctx context.Context, c, k, k0 int) (access.NearestKResult, error) {
	w, err := n.Walk.NearestK(ctx, c, k, k0)
	if err != nil {
		return access.NearestKResult{}, err
	}
	t, err := n.Transit.NearestK(ctx, c, k, k0)
	if err != nil {
		return access.NearestKResult{}, err
	}
	rows := len(w.TimeMs) / max(1, k)
	if k == 0 {
		rows = 0
	}
	r := access.Reach{Origins: rows, Start: make([]int32, rows+1)}
	for i := range rows {
		var ws, ts []int32
		var wt, tt []uint32
		for rank := range k {
			if tm, s := w.At(i, rank); s >= 0 {
				if tm = n.walkMs(tm); tm != Unreachable {
					ws, wt = append(ws, s), append(wt, tm)
				}
			}
			if tm, s := t.At(i, rank); s >= 0 {
				ts, tt = append(ts, s), append(tt, tm)
			}
		}
		sortByService(ws, wt)
		sortByService(ts, tt)
		one := mergeReach(access.Reach{Origins: 1, Start: []int32{0, int32(len(ws))}, Service: ws, TimeMs: wt},
			access.Reach{Origins: 1, Start: []int32{0, int32(len(ts))}, Service: ts, TimeMs: tt})
		r.Service = append(r.Service, one.Service...)
		r.TimeMs = append(r.TimeMs, one.TimeMs...)
		r.Start[i+1] = int32(len(r.Service))
	}
	return kSmallest(r, k), nil
}

// ToPoints takes the lower of the walk and transit times of every pair
// and percentile.
func (n *NoCar) ToPoints(ctx context.Context, dests []graph.Snap) (*Table, error) {
	t, err := n.Transit.ToPoints(ctx, dests)
	if err != nil {
		return nil, err
	}
	w, err := n.Walk.ToPoints(ctx, dests)
	if err != nil {
		return nil, err
	}
	for r := range t.Rows {
		for c := range t.Cols {
			wt := n.walkMs(w.At(r, c, 0))
			for k := range t.Columns {
				i := (r*t.Cols+c)*t.Columns + k
				t.TimeMs[i] = min(t.TimeMs[i], wt)
			}
		}
	}
	return t, nil
}

// sortByService sorts parallel lists of services and times by service.
func sortByService(s []int32, t []uint32) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
			t[j], t[j-1] = t[j-1], t[j]
		}
	}
}

// VertexTimes is the lower of walking (up to the trip limit) and transit
// at every vertex.
func (n *NoCar) VertexTimes(ctx context.Context, starts []graph.Snap, limitMs uint32, k int) ([]uint32, error) {
	tr, err := n.Transit.vertexTimes(ctx, starts, limitMs, k, uint32(n.Transit.Net.Options().MaxWalk.Milliseconds()))
	if err != nil {
		return nil, err
	}
	w, err := walkVertexTimes(ctx, n.Walk.G, starts, min(limitMs, n.MaxTimeMs()-1))
	if err != nil {
		return nil, err
	}
	for v := range tr {
		tr[v] = min(tr[v], w[v])
	}
	return tr, nil
}

// MedianJourneys is walking all the way where that is at least as fast
// at the main percentile, else transit's journey.
func (n *NoCar) MedianJourneys(ctx context.Context) ([][]ptaccess.Shape, error) {
	js, err := n.Transit.MedianJourneys(ctx)
	if err != nil {
		return nil, err
	}
	walk, tr, err := n.parts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([][]ptaccess.Shape, len(js))
	for c := range js {
		out[c] = make([]ptaccess.Shape, len(js[c]))
		for i, s := range js[c] {
			if w := walk[c].TimeMs[i]; n.walkWins(w, tr[c].TimeMs[i]) {
				s = ptaccess.Shape{Walk: transitSeconds(w)}
			}
			out[c][i] = s
		}
	}
	return out, nil
}

// transitSeconds rounds milliseconds to whole seconds.
func transitSeconds(ms uint32) transit.Seconds { return transit.Seconds((uint64(ms) + 500) / 1000) }
