package access

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
)

// nearestKPerOrigin is the plain reference for NearestK: one forward
// search from every origin, the time to every service, sorted by (time,
// service index).
func nearestKPerOrigin(g *graph.Graph, origins, services []graph.Snap, k int, limitMs uint32) NearestKResult {
	k = max(k, 0)
	res := newNearestK(len(origins), k)
	d := route.NewDijkstra(g)
	var src []route.Source
	type ts struct {
		t uint32
		s int32
	}
	var all []ts
	for i, o := range origins {
		if o.Seg < 0 {
			continue
		}
		src = route.OutSources(o, 0, src[:0])
		d.Run(false, src, limitMs)
		all = all[:0]
		for si, s := range services {
			if s.Seg < 0 {
				continue
			}
			best, _, _ := d.ToPoint(s)
			if s.Seg == o.Seg {
				if t, _, ok := direct(g, o, s); ok && t < best {
					best = t
				}
			}
			if best != Unreachable && (limitMs == 0 || best <= limitMs) {
				all = append(all, ts{best, int32(si)})
			}
		}
		sort.Slice(all, func(a, b int) bool {
			return all[a].t < all[b].t || (all[a].t == all[b].t && all[a].s < all[b].s)
		})
		for r := 0; r < k && r < len(all); r++ {
			res.TimeMs[i*k+r], res.Service[i*k+r] = all[r].t, all[r].s
		}
	}
	return res
}

func TestNearestKMatchesPerOrigin(t *testing.T) {
	for _, mode := range []graph.Mode{graph.Car, graph.Walk} {
		for seed := uint64(1); seed <= 4; seed++ {
			g := buildGrid(t, seed, 18, 18, mode)
			r := rand.New(rand.NewPCG(seed, 41))
			origins := randomSnaps(t, g, r, 250, 60)
			services := randomSnaps(t, g, r, 3+int(seed)*3, 1000)
			snapped := 0
			for _, o := range origins {
				if o.Seg >= 0 {
					snapped++
				}
			}
			// Two services on an origin's segment (one of them twice, at
			// the same point) exercise same-segment travel, ties and
			// duplicates.
			for _, o := range origins {
				if o.Seg >= 0 {
					services = append(services, o, o)
					break
				}
			}
			bound := uint32(120000) // 2 min by car, 10 min on foot
			if mode == graph.Walk {
				bound = 600000
			}
			for _, limit := range []uint32{0, bound} {
				for _, k := range []int{1, 2, 3, 5} {
					name := fmt.Sprintf("%s/seed=%d/limit=%d/k=%d", mode, seed, limit, k)
					fast := NearestK(g, origins, services, k, limit)
					slow := nearestKPerOrigin(g, origins, services, k, limit)
					filled := 0
					for i := range origins {
						for rank := range k {
							ft, fs := fast.At(i, rank)
							st, ss := slow.At(i, rank)
							if ft != st || fs != ss {
								t.Fatalf("%s origin %d rank %d: k-label (%d ms, service %d), per-origin (%d ms, service %d)", name, i, rank, ft, fs, st, ss)
							}
							if ft != Unreachable {
								filled++
							}
						}
					}
					// Unbounded, most ranks are filled; bounded, a good share
					// but not all: both make the comparison meaningful.
					if (limit == 0 && filled < snapped*k/2) || (limit != 0 && (filled < snapped*k/10 || filled == snapped*k)) {
						t.Fatalf("%s: %d of %d ranks of snapped origins filled; the test is too weak", name, filled, snapped*k)
					}
				}
			}
		}
	}
}

func TestNearestKFirstRankIsNearest(t *testing.T) {
	g := buildGrid(t, 9, 15, 15, graph.Car)
	r := rand.New(rand.NewPCG(9, 9))
	origins := randomSnaps(t, g, r, 200, 60)
	services := randomSnaps(t, g, r, 7, 1000)
	nk := NearestK(g, origins, services, 3, 0)
	n1 := NearestService(g, origins, services, 0)
	for i := range origins {
		if t0, _ := nk.At(i, 0); t0 != n1.TimeMs[i] {
			t.Fatalf("origin %d: rank 0 %d ms, NearestService %d ms", i, t0, n1.TimeMs[i])
		}
		// Ranks never decrease and name distinct services.
		for rank := 1; rank < 3; rank++ {
			tp, sp := nk.At(i, rank-1)
			tc, sc := nk.At(i, rank)
			if tc < tp || (sc >= 0 && sc == sp) {
				t.Fatalf("origin %d: rank %d (%d, %d) after (%d, %d)", i, rank, tc, sc, tp, sp)
			}
		}
	}
}

func TestNearestKEdgeCases(t *testing.T) {
	g := buildGrid(t, 1, 5, 5, graph.Walk)
	r := rand.New(rand.NewPCG(5, 5))
	origins := randomSnaps(t, g, r, 4, 1000)
	origins = append(origins, graph.Snap{Seg: -1})
	services := randomSnaps(t, g, r, 2, 1000)
	cases := []struct {
		name     string
		services []graph.Snap
		k        int
		wantK    int
	}{
		{"no rank", services, 0, 0},
		{"negative k", services, -2, 0},
		{"no snapped service", []graph.Snap{{Seg: -1}}, 2, 2},
		{"more ranks than services", services, 4, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := NearestK(g, origins, c.services, c.k, 0)
			if res.K != c.wantK || len(res.TimeMs) != len(origins)*c.wantK {
				t.Fatalf("K=%d with %d times, want K=%d", res.K, len(res.TimeMs), c.wantK)
			}
			snapped := 0
			for _, s := range c.services {
				if s.Seg >= 0 {
					snapped++
				}
			}
			for i := range origins {
				for rank := range res.K {
					tm, s := res.At(i, rank)
					if (rank >= snapped || origins[i].Seg < 0) && (tm != Unreachable || s != -1) {
						t.Fatalf("origin %d rank %d: (%d, %d), want unreachable", i, rank, tm, s)
					}
				}
			}
		})
	}
}

func BenchmarkNearestK(b *testing.B) {
	g := buildGrid(b, 3, 60, 60, graph.Car)
	r := rand.New(rand.NewPCG(3, 3))
	origins := make([]graph.Snap, 0, 2000)
	for len(origins) < 2000 {
		lon := 23.70 + r.Float64()*0.002*60
		lat := 61.45 + r.Float64()*0.001*60
		if s, ok := g.Snap(lon, lat, 200); ok {
			origins = append(origins, s)
		}
	}
	services := origins[:10]
	for _, k := range []int{1, 3} {
		b.Run(fmt.Sprintf("k=%d/k-label", k), func(b *testing.B) {
			benchLoop(b, func() { NearestK(g, origins, services, k, 0) })
		})
		b.Run(fmt.Sprintf("k=%d/per-origin", k), func(b *testing.B) {
			benchLoop(b, func() { nearestKPerOrigin(g, origins, services, k, 0) })
		})
	}
}
