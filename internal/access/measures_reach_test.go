package access

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/graph"
)

func TestWithinReachMatchesMatrix(t *testing.T) {
	for _, mode := range []graph.Mode{graph.Car, graph.Walk} {
		for seed := uint64(1); seed <= 3; seed++ {
			g := buildGrid(t, seed, 20, 20, mode)
			r := rand.New(rand.NewPCG(seed, 17))
			origins := randomSnaps(t, g, r, 300, 60)
			services := randomSnaps(t, g, r, 12, 1000)
			services = append(services, graph.Snap{Seg: -1})
			for _, o := range origins {
				if o.Seg >= 0 {
					services = append(services, o)
					break
				}
			}
			limit := uint32(150000)
			if mode == graph.Walk {
				limit = 900000
			}
			// The reference: one forward search per origin over every
			// service, then the pairs within the limit.
			m := StreetMatrix(g, origins, services, 0, 1)
			want, err := ReachFromMatrix(m, limit)
			if err != nil {
				t.Fatal(err)
			}
			got := WithinReach(g, origins, services, limit, 1)
			name := fmt.Sprintf("%s seed %d", mode, seed)
			if !reflect.DeepEqual(got, want) {
				for i := range origins {
					gs, gt := got.Of(i)
					ws, wt := want.Of(i)
					if !reflect.DeepEqual(gs, ws) || !reflect.DeepEqual(gt, wt) {
						t.Fatalf("%s origin %d: per service %v %v, per origin %v %v", name, i, gs, gt, ws, wt)
					}
				}
				t.Fatalf("%s: reach lists differ: %+v vs %+v", name, got, want)
			}
			// The bound must cut: some pairs within it, some beyond.
			all, _ := ReachFromMatrix(m, 0)
			if got.Pairs() == 0 || got.Pairs() == all.Pairs() {
				t.Fatalf("%s: %d pairs within the limit of %d reachable; the test is too weak", name, got.Pairs(), all.Pairs())
			}
			for _, w := range []int{0, 2, 5, 40} {
				if par := WithinReach(g, origins, services, limit, w); !reflect.DeepEqual(par, got) {
					t.Fatalf("%s: %d workers give other lists than one", name, w)
				}
			}
		}
	}
}

func TestReachFromMatrix(t *testing.T) {
	u := uint32(Unreachable)
	m := Matrix{Rows: 3, Cols: 3, TimeMs: []uint32{
		5, u, 7,
		u, u, u,
		9, 2, 4,
	}}
	r, err := ReachFromMatrix(m, 7)
	if err != nil {
		t.Fatal(err)
	}
	want := Reach{Origins: 3, Services: 3, LimitMs: 7,
		Start:   []int32{0, 2, 2, 4},
		Service: []int32{0, 2, 1, 2},
		TimeMs:  []uint32{5, 7, 2, 4},
	}
	if !reflect.DeepEqual(r, want) {
		t.Fatalf("got %+v\nwant %+v", r, want)
	}
	if _, err := ReachFromMatrix(Matrix{Rows: 2, Cols: 2, TimeMs: []uint32{1}}, 0); err == nil {
		t.Fatal("a matrix short of times was accepted")
	}
}

func TestReachCheck(t *testing.T) {
	good := Reach{Origins: 2, Services: 2, Start: []int32{0, 1, 2}, Service: []int32{1, 0}, TimeMs: []uint32{3, 4}}
	if err := good.check(); err != nil {
		t.Fatalf("good lists rejected: %v", err)
	}
	cases := []struct {
		name string
		edit func(r *Reach)
	}{
		{"short offsets", func(r *Reach) { r.Start = r.Start[:2] }},
		{"times missing", func(r *Reach) { r.TimeMs = r.TimeMs[:1] }},
		{"offsets beyond pairs", func(r *Reach) { r.Start = []int32{0, 1, 3} }},
		{"decreasing offsets", func(r *Reach) { r.Start = []int32{0, 3, 2} }},
		{"service out of range", func(r *Reach) { r.Service = []int32{1, 2} }},
		{"negative service", func(r *Reach) { r.Service = []int32{-1, 0} }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := good
			r.Start = append([]int32(nil), good.Start...)
			c.edit(&r)
			if err := r.check(); err == nil {
				t.Fatalf("accepted %+v", r)
			}
		})
	}
}

func BenchmarkWithinReach(b *testing.B) {
	g := buildGrid(b, 3, 60, 60, graph.Car)
	r := rand.New(rand.NewPCG(3, 3))
	origins := make([]graph.Snap, 0, 5000)
	for len(origins) < 5000 {
		lon := 23.70 + r.Float64()*0.002*60
		lat := 61.45 + r.Float64()*0.001*60
		if s, ok := g.Snap(lon, lat, 200); ok {
			origins = append(origins, s)
		}
	}
	services := origins[:40]
	const limit = 180000
	b.Run("per-service", func(b *testing.B) {
		benchLoop(b, func() { WithinReach(g, origins, services, limit, 1) })
	})
	b.Run("per-origin-matrix", func(b *testing.B) {
		benchLoop(b, func() {
			m := StreetMatrix(g, origins, services, limit, 1)
			if _, err := ReachFromMatrix(m, limit); err != nil {
				b.Fatal(err)
			}
		})
	})
}

func TestReachSliceAndJoin(t *testing.T) {
	// 4 origins, 3 services; origin 2 reaches nothing.
	r := Reach{Origins: 4, Services: 3, LimitMs: 900_000,
		Start:   []int32{0, 2, 3, 3, 5},
		Service: []int32{0, 2, 1, 0, 1},
		TimeMs:  []uint32{10, 20, 30, 40, 50}}
	a, b := r.Slice(0, 1), r.Slice(1, 4)
	if b.Origins != 3 || !slices.Equal(b.Start, []int32{0, 1, 1, 3}) || !slices.Equal(b.Service, []int32{1, 0, 1}) || !slices.Equal(b.TimeMs, []uint32{30, 40, 50}) {
		t.Fatalf("Slice(1, 4) = %+v", b)
	}
	b.TimeMs[0] = 99 // a slice shares no memory with r
	if r.TimeMs[2] != 30 {
		t.Fatal("Slice shares memory with the lists it cut")
	}
	b.TimeMs[0] = 30
	j, err := JoinReach([]Reach{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if j.Origins != 4 || j.Services != 3 || j.LimitMs != r.LimitMs || !slices.Equal(j.Start, r.Start) || !slices.Equal(j.Service, r.Service) || !slices.Equal(j.TimeMs, r.TimeMs) {
		t.Errorf("JoinReach of the slices = %+v, want %+v", j, r)
	}
	// Parts that do not agree, or are malformed, are refused.
	other := a
	other.Services = 4
	if _, err := JoinReach([]Reach{a, other}); err == nil {
		t.Error("parts with different service counts were joined")
	}
	bad := a
	bad.Start = []int32{0, 5}
	if _, err := JoinReach([]Reach{bad}); err == nil {
		t.Error("a part whose offsets overrun its pairs was joined")
	}
}
