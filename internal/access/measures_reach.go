package access

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
)

// Reach lists, per origin, the services within a time limit and the time
// to each: a sparse origin x service matrix in compressed sparse row form.
// Origin i's services are Service[Start[i]:Start[i+1]] with times
// TimeMs[Start[i]:Start[i+1]], in ascending service index.
type Reach struct {
	Origins, Services int
	// LimitMs is the limit the lists were built with; pairs beyond it are
	// absent. 0 means no limit: every reachable pair is listed.
	LimitMs uint32
	Start   []int32 // len Origins+1
	Service []int32
	TimeMs  []uint32
}

// Of returns origin i's services and their times.
func (r Reach) Of(i int) (services []int32, timesMs []uint32) {
	a, b := r.Start[i], r.Start[i+1]
	return r.Service[a:b], r.TimeMs[a:b]
}

// Pairs returns the number of (origin, service) pairs listed.
func (r Reach) Pairs() int { return len(r.Service) }

// Slice returns the lists of origins lo..hi-1 as lists of their own, the
// origins numbered from 0 (a shard of a run); it shares no memory with r.
func (r Reach) Slice(lo, hi int) Reach {
	a, b := r.Start[lo], r.Start[hi]
	out := Reach{Origins: hi - lo, Services: r.Services, LimitMs: r.LimitMs,
		Service: slices.Clone(r.Service[a:b]), TimeMs: slices.Clone(r.TimeMs[a:b]),
		Start: make([]int32, 0, hi-lo+1)}
	for _, st := range r.Start[lo : hi+1] {
		out.Start = append(out.Start, st-a)
	}
	return out
}

// JoinReach puts the lists of parts one after another, as Slice cut them:
// origin i of part k becomes origin i plus the origins of the parts before
// it. The parts must be well formed and agree on Services and LimitMs.
func JoinReach(parts []Reach) (Reach, error) {
	if len(parts) == 0 {
		return Reach{Start: []int32{0}}, nil
	}
	out := Reach{Services: parts[0].Services, LimitMs: parts[0].LimitMs, Start: []int32{0}}
	for k, p := range parts {
		if err := p.check(); err != nil {
			return Reach{}, fmt.Errorf("part %d: %w", k, err)
		}
		if p.Services != out.Services || p.LimitMs != out.LimitMs {
			return Reach{}, fmt.Errorf("access: reach lists: part %d has %d services and limit %d ms, part 0 %d and %d ms", k, p.Services, p.LimitMs, out.Services, out.LimitMs)
		}
		base := int32(len(out.Service))
		for _, st := range p.Start[1:] {
			out.Start = append(out.Start, base+st)
		}
		out.Service = append(out.Service, p.Service...)
		out.TimeMs = append(out.TimeMs, p.TimeMs...)
		out.Origins += p.Origins
	}
	return out, nil
}

// check verifies the shape of r.
func (r Reach) check() error {
	if r.Origins < 0 || r.Services < 0 || len(r.Start) != r.Origins+1 || len(r.Service) != len(r.TimeMs) {
		return fmt.Errorf("access: reach lists: %d origins with %d offsets, %d services with %d times", r.Origins, len(r.Start), len(r.Service), len(r.TimeMs))
	}
	if r.Start[0] != 0 || int(r.Start[r.Origins]) != len(r.Service) {
		return errors.New("access: reach lists: offsets do not span the pairs")
	}
	for i := range r.Origins {
		if r.Start[i] > r.Start[i+1] {
			return fmt.Errorf("access: reach lists: offsets of origin %d decrease", i)
		}
	}
	for p, s := range r.Service {
		if s < 0 || int(s) >= r.Services {
			return fmt.Errorf("access: reach lists: pair %d names service %d of %d", p, s, r.Services)
		}
	}
	return nil
}

// covers reports whether r lists every pair up to limitMs.
func (r Reach) covers(limitMs float64) bool {
	return r.LimitMs == 0 || float64(r.LimitMs) >= limitMs
}

// WithinReach lists, for every origin, the services it reaches within
// limitMs (0 = no limit) and the times, with one bounded search over the
// reversed graph from each service. When services are few and origins
// many this is the efficient direction: each search stops at the limit and
// touches only the origins around its service. Searches run on workers
// goroutines (<= 0: GOMAXPROCS); the result does not depend on their
// number. Unsnapped origins and services (Seg < 0) reach nothing.
func WithinReach(g *graph.Graph, origins, services []graph.Snap, limitMs uint32, workers int) Reach {
	// Origins by the vertex their out-anchors lead to, and by segment.
	at := newAnchorIndex(g, origins)
	perService := make([][]pair, len(services))
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(services)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			d := route.NewDijkstra(g)
			best := make([]uint32, len(origins))
			for i := range best {
				best[i] = Unreachable
			}
			var hit []int32
			var src []route.Source
			for {
				j := int(next.Add(1) - 1)
				if j >= len(services) {
					return
				}
				s := services[j]
				if s.Seg < 0 {
					continue
				}
				hit = hit[:0]
				offer := func(o int32, t uint64) {
					if (limitMs != 0 && t > uint64(limitMs)) || t >= uint64(Unreachable) {
						return
					}
					if best[o] == Unreachable {
						hit = append(hit, o)
					}
					best[o] = min(best[o], uint32(t))
				}
				src = route.InSources(s, int32(j), src[:0])
				d.Run(true, src, limitMs)
				for _, v := range d.Touched() {
					tv := uint64(d.Time(v))
					for _, a := range at.byVertex(v) {
						offer(a.origin, tv+uint64(a.ms))
					}
				}
				for _, o := range at.bySegment(s.Seg) {
					if t, _, ok := direct(g, origins[o], s); ok {
						offer(o, uint64(t))
					}
				}
				slices.Sort(hit)
				list := make([]pair, len(hit))
				for n, o := range hit {
					list[n] = pair{o, best[o]}
					best[o] = Unreachable
				}
				perService[j] = list
			}
		})
	}
	wg.Wait()
	return transpose(len(origins), len(services), limitMs, perService)
}

// pair is one origin (or service) and a time.
type pair struct {
	idx int32
	ms  uint32
}

// transpose turns per-service lists of (origin, time) into per-origin
// lists in service order.
func transpose(nOrigins, nServices int, limitMs uint32, perService [][]pair) Reach {
	r := Reach{Origins: nOrigins, Services: nServices, LimitMs: limitMs, Start: make([]int32, nOrigins+1)}
	for _, l := range perService {
		for _, p := range l {
			r.Start[p.idx+1]++
		}
	}
	for i := range nOrigins {
		r.Start[i+1] += r.Start[i]
	}
	n := r.Start[nOrigins]
	r.Service, r.TimeMs = make([]int32, n), make([]uint32, n)
	fill := slices.Clone(r.Start[:nOrigins])
	for j, l := range perService {
		for _, p := range l {
			k := fill[p.idx]
			fill[p.idx]++
			r.Service[k], r.TimeMs[k] = int32(j), p.ms
		}
	}
	return r
}

// ReachFromMatrix lists the pairs of an origin x service matrix (for
// example StreetMatrix, or times by public transport) whose time is at
// most limitMs (0 = every reachable pair).
func ReachFromMatrix(m Matrix, limitMs uint32) (Reach, error) {
	if m.Rows < 0 || m.Cols < 0 || len(m.TimeMs) != m.Rows*m.Cols {
		return Reach{}, fmt.Errorf("access: matrix of %d x %d holds %d times", m.Rows, m.Cols, len(m.TimeMs))
	}
	r := Reach{Origins: m.Rows, Services: m.Cols, LimitMs: limitMs, Start: make([]int32, m.Rows+1)}
	for i := range m.Rows {
		for j, t := range m.TimeMs[i*m.Cols : (i+1)*m.Cols] {
			if t != Unreachable && (limitMs == 0 || t <= limitMs) {
				r.Service = append(r.Service, int32(j))
				r.TimeMs = append(r.TimeMs, t)
			}
		}
		r.Start[i+1] = int32(len(r.Service))
	}
	return r, nil
}

// anchorIndex finds the snapped origins beside a vertex (through an
// out-anchor) or on a segment.
type anchorIndex struct {
	vFirst []int32 // CSR by vertex
	vItem  []anchorOrigin
	seg    map[int32][]int32
}

type anchorOrigin struct {
	origin int32
	ms     uint32 // connector plus anchor time from the origin to the vertex
}

func newAnchorIndex(g *graph.Graph, origins []graph.Snap) anchorIndex {
	nv := g.NumVertices()
	ix := anchorIndex{vFirst: make([]int32, nv+1), seg: map[int32][]int32{}}
	usable := func(a graph.Anchor, o graph.Snap) bool {
		return o.Seg >= 0 && a.V >= 0 && int(a.V) < nv && a.TimeMs != graph.NoTime &&
			uint64(a.TimeMs)+uint64(o.ConnMs) < uint64(Unreachable)
	}
	for _, o := range origins {
		for _, a := range o.Out {
			if usable(a, o) {
				ix.vFirst[a.V+1]++
			}
		}
	}
	for v := range nv {
		ix.vFirst[v+1] += ix.vFirst[v]
	}
	ix.vItem = make([]anchorOrigin, ix.vFirst[nv])
	fill := slices.Clone(ix.vFirst[:nv])
	for i, o := range origins {
		if o.Seg < 0 {
			continue
		}
		ix.seg[o.Seg] = append(ix.seg[o.Seg], int32(i))
		for _, a := range o.Out {
			if !usable(a, o) {
				continue
			}
			ix.vItem[fill[a.V]] = anchorOrigin{int32(i), a.TimeMs + o.ConnMs}
			fill[a.V]++
		}
	}
	return ix
}

func (ix anchorIndex) byVertex(v int32) []anchorOrigin {
	return ix.vItem[ix.vFirst[v]:ix.vFirst[v+1]]
}

func (ix anchorIndex) bySegment(s int32) []int32 { return ix.seg[s] }
