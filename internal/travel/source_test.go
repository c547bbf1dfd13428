package travel

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/access"
)

func TestNearestFixture(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cases := []struct {
		name string
		src  Source
		// want[c][o] per percentile 5, 50, 95 (one value for walk).
		want [2][2][]uint32
		// service of the main column, -1 where unknown.
		svc [2][2]int32
	}{
		{"walk", f.walk,
			[2][2][]uint32{{{s(1100)}, {s(1500)}}, {{s(5000)}, {s(1000)}}},
			[2][2]int32{{0, 1}, {2, 2}}},
		{"transit", f.transit,
			[2][2][]uint32{{{s(820), s(1060), s(1100)}, {un, un, un}}, {{s(1680), s(1920), s(2220)}, {s(1000), s(1000), s(1000)}}},
			[2][2]int32{{-1, -1}, {-1, -1}}},
		// Walking to D5 (1100 s) beats transit at p95 only, and gives R
		// its clinic (D1, 1500 s) where transit gives none.
		{"nocar", f.nocar,
			[2][2][]uint32{{{s(820), s(1060), s(1100)}, {s(1500), s(1500), s(1500)}}, {{s(1680), s(1920), s(2220)}, {s(1000), s(1000), s(1000)}}},
			[2][2]int32{{-1, 1}, {-1, 2}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.src.Nearest(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for cat := range 2 {
				for o := range 2 {
					n := got[cat]
					for k, w := range c.want[cat][o] {
						v := n.TimeMs[o]
						if n.Pct != nil {
							v = n.Pct[k][o]
						}
						if v != w {
							t.Errorf("category %d origin %d column %d: %d ms, want %d", cat, o, k, v, w)
						}
					}
					if main := c.want[cat][o][min(c.src.Main(), len(c.want[cat][o])-1)]; n.TimeMs[o] != main {
						t.Errorf("category %d origin %d main: %d ms, want %d", cat, o, n.TimeMs[o], main)
					}
					if n.Service[o] != c.svc[cat][o] {
						t.Errorf("category %d origin %d service %d, want %d", cat, o, n.Service[o], c.svc[cat][o])
					}
				}
			}
		})
	}
}

// reachOf returns origin o's listed services and times.
func reachOf(r access.Reach, o int) ([]int32, []uint32) {
	sv, ts := r.Of(o)
	return slices.Clone(sv), slices.Clone(ts)
}

func TestReachFixture(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const limit = 30 * 60000
	cases := []struct {
		name string
		src  Source
		cat  int
		svc  [2][]int32
		ms   [2][]uint32
	}{
		// At the median: O reaches D5 in 1060 s; D1 (1940 s) is beyond 30
		// minutes. R reaches no clinic by transit.
		{"transit clinic", f.transit, clinic, [2][]int32{{0}, nil}, [2][]uint32{{s(1060)}, nil}},
		{"transit office", f.transit, office, [2][]int32{nil, {2}}, [2][]uint32{nil, {s(1000)}}},
		// Without a car R walks to D1 in 1500 s.
		{"nocar clinic", f.nocar, clinic, [2][]int32{{0}, {1}}, [2][]uint32{{s(1060)}, {s(1500)}}},
		{"walk clinic", f.walk, clinic, [2][]int32{{0}, {1}}, [2][]uint32{{s(1100)}, {s(1500)}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := c.src.Reach(ctx, c.cat, limit, c.src.Main())
			if err != nil {
				t.Fatal(err)
			}
			for o := range 2 {
				sv, ts := reachOf(r, o)
				if !slices.Equal(sv, c.svc[o]) || !slices.Equal(ts, c.ms[o]) {
					t.Errorf("origin %d: services %v times %v, want %v %v", o, sv, ts, c.svc[o], c.ms[o])
				}
			}
		})
	}
	// At p5 O reaches D1 by 1700 s, within 30 minutes.
	r, err := f.transit.Reach(ctx, clinic, limit, 0)
	if err != nil {
		t.Fatal(err)
	}
	if sv, ts := reachOf(r, 0); !slices.Equal(sv, []int32{0, 1}) || !slices.Equal(ts, []uint32{s(820), s(1700)}) {
		t.Errorf("transit p5 origin O: %v %v, want [0 1] [820000 1700000]", sv, ts)
	}
	if _, err := f.transit.Reach(ctx, clinic, 120*60000, 1); err == nil {
		t.Error("a reach limit at the trip limit was accepted")
	}
}

func TestNearestKFixture(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cases := []struct {
		name string
		src  Source
		// rank 1 and 2 of O and R for the clinics (time, service)
		want [2][2][2]uint32
	}{
		{"walk", f.walk, [2][2][2]uint32{{{s(1100), 0}, {s(3500), 1}}, {{s(1500), 1}, {s(2900), 0}}}},
		{"transit", f.transit, [2][2][2]uint32{{{s(1060), 0}, {s(1940), 1}}, {{un, un}, {un, un}}}},
		{"nocar", f.nocar, [2][2][2]uint32{{{s(1060), 0}, {s(1940), 1}}, {{s(1500), 1}, {s(2900), 0}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := c.src.NearestK(ctx, clinic, 2, c.src.Main())
			if err != nil {
				t.Fatal(err)
			}
			for o := range 2 {
				for rank := range 2 {
					tm, sv := r.At(o, rank)
					w := c.want[o][rank]
					wantSvc := int32(w[1])
					if w[1] == un {
						wantSvc = -1
					}
					if tm != w[0] || sv != wantSvc {
						t.Errorf("origin %d rank %d: %d ms service %d, want %d ms service %d", o, rank+1, tm, sv, w[0], wantSvc)
					}
				}
			}
		})
	}
}

// TestMeasuresFixture computes the measures of package access from each
// mode's reach lists and checks them against the values worked out by hand
// from the times above (catchment and cut-off 30 minutes, capacities 2, 1
// and 3, population 100 at O and 50 at R).
func TestMeasuresFixture(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pop := []float64{100, 50}
	capacity := []float64{2, 1, 3}
	const limit = 30 * 60000
	type want struct {
		cumClinic, cumOffice [2]float64
		fca                  [2]float64 // clinic staff per resident
		unserved             float64
		gravity              [2]float64 // clinic, exp(-0.1 t)
	}
	g := func(terms ...[2]float64) float64 {
		v := 0.0
		for _, x := range terms {
			v += x[0] * math.Exp(-0.1*x[1])
		}
		return v
	}
	cases := []struct {
		name string
		src  Source
		want want
	}{
		// Transit: only O reaches D5 within 30 min: R_D5 = 2/100; D1's
		// catchment is empty, its capacity unserved.
		{"transit", f.transit, want{
			cumClinic: [2]float64{1, 0}, cumOffice: [2]float64{0, 1},
			fca: [2]float64{0.02, 0}, unserved: 1,
			gravity: [2]float64{g([2]float64{2, 1060.0 / 60}), 0},
		}},
		// Without a car R walks to D1 (25 min): R_D1 = 1/50, every unit
		// of capacity is shared out.
		{"nocar", f.nocar, want{
			cumClinic: [2]float64{1, 1}, cumOffice: [2]float64{0, 1},
			fca: [2]float64{0.02, 0.02}, unserved: 0,
			gravity: [2]float64{g([2]float64{2, 1060.0 / 60}), g([2]float64{1, 25})},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rc, err := c.src.Reach(ctx, clinic, limit, c.src.Main())
			if err != nil {
				t.Fatal(err)
			}
			ro, err := c.src.Reach(ctx, office, limit, c.src.Main())
			if err != nil {
				t.Fatal(err)
			}
			ones := []float64{1, 1, 1}
			for _, x := range []struct {
				r    access.Reach
				want [2]float64
				what string
			}{{rc, c.want.cumClinic, "clinics"}, {ro, c.want.cumOffice, "offices"}} {
				op, err := access.Cumulative(x.r, ones, []float64{30})
				if err != nil {
					t.Fatal(err)
				}
				for o := range 2 {
					if v := op.At(o, 0); v != x.want[o] {
						t.Errorf("%s within 30 min of origin %d: %v, want %v", x.what, o, v, x.want[o])
					}
				}
			}
			// Only the clinics' capacity is supplied to the clinics' catchments.
			fca, err := access.TwoStepFCA(rc, pop, []float64{2, 1, 0}, access.Decay{Kind: access.DecayStep, CatchmentMin: 30})
			if err != nil {
				t.Fatal(err)
			}
			total := 0.0
			for o := range 2 {
				if math.Abs(fca.Access[o]-c.want.fca[o]) > 1e-12 {
					t.Errorf("2SFCA origin %d: %v, want %v", o, fca.Access[o], c.want.fca[o])
				}
				total += pop[o] * fca.Access[o]
			}
			// Supply invariant: what is shared out plus what is unserved
			// is the clinics' capacity.
			if math.Abs(total+fca.UnservedSupply-3) > 1e-9 || math.Abs(fca.UnservedSupply-c.want.unserved) > 1e-9 {
				t.Errorf("shared out %v, unserved %v; want %v unserved of 3", total, fca.UnservedSupply, c.want.unserved)
			}
			gr, err := access.Gravity(rc, capacity, access.Impedance{Kind: access.ImpedanceExponential, Beta: 0.1})
			if err != nil {
				t.Fatal(err)
			}
			for o := range 2 {
				if math.Abs(gr[o]-c.want.gravity[o]) > 1e-9 {
					t.Errorf("gravity origin %d: %v, want %v", o, gr[o], c.want.gravity[o])
				}
			}
		})
	}
}

// TestServiceTableShared checks that the service table computed in the
// same range searches as Nearest (ServiceTable) gives the same nearest
// times, reach lists and ranks as the two computed apart.
func TestServiceTableShared(t *testing.T) {
	ctx := context.Background()
	apart, shared := newFixture(t), newFixture(t)
	shared.transit.ServiceTable = true
	na, err := apart.transit.Nearest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ns, err := shared.transit.Nearest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !shared.transit.services.done || apart.transit.services.done {
		t.Fatal("ServiceTable did not decide whether Nearest computes the service table")
	}
	for c := range na {
		for k := range na[c].Pct {
			if !slices.Equal(na[c].Pct[k], ns[c].Pct[k]) {
				t.Errorf("category %d column %d: %v apart, %v shared", c, k, na[c].Pct[k], ns[c].Pct[k])
			}
		}
	}
	for c := range 2 {
		for k := range fixturePcts {
			ra, err := apart.transit.Reach(ctx, c, 60*60000, k)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := shared.transit.Reach(ctx, c, 60*60000, k)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ra.Start, rs.Start) || !slices.Equal(ra.Service, rs.Service) || !slices.Equal(ra.TimeMs, rs.TimeMs) {
				t.Errorf("category %d column %d: reach %+v apart, %+v shared", c, k, ra, rs)
			}
			if ra.Pairs() == 0 && c == clinic {
				t.Errorf("category %d column %d: nothing within an hour", c, k)
			}
		}
	}
}

// TestSupplyInvariantTransit checks the 2SFCA supply rule by transit: when
// every origin lies in every catchment, every origin gets the total
// supply over the total population, and the supply shared out is the
// total. O and S (at stop S1, 25.005) reach both clinics by line 1 within
// an hour at the median (O: D5 1060 s, D1 1940 s; S: 500 s less).
func TestSupplyInvariantTransit(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	sn, ok := f.transit.Net.Snap(25.005, 0, 50)
	if !ok {
		t.Fatal("S does not snap")
	}
	f.transit.Origins = append(f.transit.Origins[:1], sn)
	r, err := f.transit.Reach(ctx, clinic, 60*60000, f.transit.Main())
	if err != nil {
		t.Fatal(err)
	}
	for o := range 2 {
		if sv, _ := r.Of(o); len(sv) != 2 {
			t.Fatalf("origin %d reaches clinics %v within an hour, want both", o, sv)
		}
	}
	pop := []float64{100, 50}
	fca, err := access.TwoStepFCA(r, pop, []float64{2, 1, 0}, access.Decay{Kind: access.DecayStep, CatchmentMin: 60})
	if err != nil {
		t.Fatal(err)
	}
	shared := 0.0
	for o, a := range fca.Access {
		if math.Abs(a-3.0/150) > 1e-12 {
			t.Errorf("origin %d: A = %v, want 3/150", o, a)
		}
		shared += pop[o] * a
	}
	if math.Abs(shared-3) > 1e-9 || fca.UnservedSupply != 0 {
		t.Errorf("shared out %v (unserved %v), want the whole supply 3", shared, fca.UnservedSupply)
	}
}

// TestAllWithinFixture: every category within 30 minutes. By transit O
// reaches a clinic (1060 s) but not the office (1920 s); R no clinic.
// Without a car R walks to both (1500 s and 1000 s).
func TestAllWithinFixture(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for _, c := range []struct {
		src  Source
		want []bool
	}{{f.transit, []bool{false, false}}, {f.nocar, []bool{false, true}}, {f.walk, []bool{false, true}}} {
		n, err := c.src.Nearest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got, err := access.AllWithin([][]uint32{n[clinic].TimeMs, n[office].TimeMs}, 30*60000)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: all within 30 min %v, want %v", c.src.Mode(), got, c.want)
		}
	}
}
