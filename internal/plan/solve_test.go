package plan

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// approx reports whether a and b agree to a relative 1e-9.
func approx(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

const minute = 60000

// randomProblem places origins and sites at random in a square of side
// km kilometres, travelled at 1 km/min with a detour factor, and keeps
// the pairs within limitMin minutes. Weights are whole numbers, some zero;
// times whole seconds.
func randomProblem(rng *rand.Rand, nSites, nOrigins int, side, limitMin float64, obj Objective, withFixed bool) Problem {
	type pt struct{ x, y float64 }
	at := func() pt { return pt{rng.Float64() * side, rng.Float64() * side} }
	origins := make([]pt, nOrigins)
	for i := range origins {
		origins[i] = at()
	}
	sp := Sparse{Sites: nSites, Origins: nOrigins, Start: []int32{0}}
	for range nSites {
		s := at()
		detour := 1 + 0.4*rng.Float64()
		for i, o := range origins {
			if m := math.Hypot(s.x-o.x, s.y-o.y) * detour; m <= limitMin {
				sp.Origin = append(sp.Origin, int32(i))
				sp.TimeMs = append(sp.TimeMs, uint32(math.Round(m*60))*1000)
			}
		}
		sp.Start = append(sp.Start, int32(len(sp.Origin)))
	}
	p := Problem{Objective: obj, Sites: sp, Weights: make([]float64, nOrigins), ThresholdMs: 10 * minute, CapMs: uint32(limitMin * minute)}
	for i := range p.Weights {
		if rng.IntN(6) > 0 {
			p.Weights[i] = float64(1 + rng.IntN(300))
		}
	}
	if withFixed {
		p.FixedMs = make([]uint32, nOrigins)
		f := at()
		for i, o := range origins {
			m := math.Hypot(f.x-o.x, f.y-o.y) * 1.2
			p.FixedMs[i] = Unreachable
			if m <= limitMin {
				p.FixedMs[i] = uint32(math.Round(m*60)) * 1000
			}
		}
	}
	return p
}

// combinations calls f with every k-subset of 0..n-1, ascending.
func combinations(n, k int, f func([]int32)) {
	c := make([]int32, k)
	var rec func(start, depth int)
	rec = func(start, depth int) {
		if depth == k {
			f(c)
			return
		}
		for j := start; j <= n-(k-depth); j++ {
			c[depth] = int32(j)
			rec(j+1, depth+1)
		}
	}
	rec(0, 0)
}

// better reports whether objective value a beats b.
func better(o Objective, a, b float64) bool {
	if o == Coverage {
		return a > b+1e-9
	}
	return a < b-1e-9
}

// exhaustiveAdd returns the best value over every set of k open sites.
func exhaustiveAdd(t *testing.T, p Problem, k int) float64 {
	t.Helper()
	best := math.NaN()
	combinations(p.Sites.Sites, k, func(open []int32) {
		s, err := Evaluate(p, open)
		if err != nil {
			t.Fatal(err)
		}
		v := s.objective(p.Objective)
		if math.IsNaN(best) || better(p.Objective, v, best) {
			best = v
		}
	})
	return best
}

func TestAddMatchesExhaustive(t *testing.T) {
	// 8 candidates and 30 origins: 56 sets of three, enumerated. Single-
	// swap local search can stop short of the optimum: from the plain
	// greedy start alone it does on about 2% of such instances (logged
	// below). With the default 8 starts every candidate is the forced
	// first choice of one start, and the best result reaches the optimum
	// on every instance here (160 seeds x 3 sizes x 2 objectives x with or
	// without a fixed service); in general that is not guaranteed, and
	// this test would then show the seed.
	singleMisses, runs := 0, 0
	for seed := uint64(1); seed <= 160; seed++ {
		for _, obj := range []Objective{Coverage, Median} {
			for _, fixed := range []bool{false, true} {
				rng := rand.New(rand.NewPCG(seed, uint64(obj)))
				p := randomProblem(rng, 8, 30, 30, 25, obj, fixed)
				for k := 1; k <= 3; k++ {
					sol, err := Add(p, k, Options{})
					if err != nil {
						t.Fatal(err)
					}
					want := exhaustiveAdd(t, p, k)
					one, _ := Add(p, k, Options{Starts: 1})
					runs++
					if !approx(one.Value, want) {
						singleMisses++
					}
					if !approx(sol.Value, want) {
						t.Fatalf("seed %d %s fixed=%v k=%d: heuristic %v (sites %v, greedy %v, %d swaps), optimum %v", seed, obj, fixed, k, sol.Value, sol.Chosen, sol.GreedyValue, sol.Swaps, want)
					}
					if len(sol.Chosen) != k || !slices.IsSorted(sol.Chosen) || !reflect.DeepEqual(sol.Chosen, sol.Open) {
						t.Fatalf("seed %d: chosen %v, open %v", seed, sol.Chosen, sol.Open)
					}
					if better(obj, sol.GreedyValue, sol.Value) || !sol.Converged {
						t.Fatalf("seed %d: swaps worsened %v -> %v or did not converge", seed, sol.GreedyValue, sol.Value)
					}
					if better(obj, one.Value, sol.Value) {
						t.Fatalf("seed %d: one start %v beats eight %v", seed, one.Value, sol.Value)
					}
				}
			}
		}
	}
	t.Logf("a single greedy start missed the optimum in %d of %d instances", singleMisses, runs)
}

func TestRemoveMatchesExhaustive(t *testing.T) {
	// Closing k of 8 existing sites is choosing the 8-k to keep: compared
	// with every such set.
	for seed := uint64(1); seed <= 120; seed++ {
		for _, obj := range []Objective{Coverage, Median} {
			rng := rand.New(rand.NewPCG(seed, 10+uint64(obj)))
			p := randomProblem(rng, 8, 30, 30, 25, obj, seed%2 == 0)
			for k := 1; k <= 3; k++ {
				sol, err := Remove(p, k, Options{})
				if err != nil {
					t.Fatal(err)
				}
				want := exhaustiveAdd(t, p, 8-k)
				if !approx(sol.Value, want) {
					t.Fatalf("seed %d %s k=%d: heuristic %v (closed %v), optimum %v", seed, obj, k, sol.Value, sol.Chosen, want)
				}
				if len(sol.Chosen) != k || len(sol.Open) != 8-k {
					t.Fatalf("seed %d: closed %v, open %v", seed, sol.Chosen, sol.Open)
				}
				all, _ := Evaluate(p, []int32{0, 1, 2, 3, 4, 5, 6, 7})
				if !reflect.DeepEqual(sol.Before, all) {
					t.Fatalf("seed %d: before %+v, every site open %+v", seed, sol.Before, all)
				}
			}
		}
	}
}

// naiveSolve is the plain reference of Add: the same greedy start and
// best-improvement swaps with the same tie rules, each candidate set
// scored from scratch over every origin.
func naiveSolve(p Problem, k int) (open []int32, swaps int) {
	cost := func(t uint32) float64 {
		if p.Objective == Coverage {
			if t != Unreachable && t <= p.ThresholdMs {
				return 0
			}
			return 1
		}
		if t > p.CapMs {
			return float64(p.CapMs)
		}
		return float64(t)
	}
	// Dense times for direct look-up.
	n := p.Sites.Origins
	dense := make([]uint32, p.Sites.Sites*n)
	for i := range dense {
		dense[i] = Unreachable
	}
	for j := range p.Sites.Sites {
		o, tm := p.Sites.Column(j)
		for q, i := range o {
			dense[j*n+int(i)] = tm[q]
		}
	}
	total := func(set []int32) float64 {
		var c float64
		for i := range n {
			t := uint32(Unreachable)
			if p.FixedMs != nil {
				t = p.FixedMs[i]
			}
			for _, j := range set {
				t = min(t, dense[int(j)*n+i])
			}
			c += p.Weights[i] * cost(t)
		}
		return c
	}
	var wsum float64
	for _, w := range p.Weights {
		wsum += w
	}
	tol := swapTolerance * wsum * cost(Unreachable)
	isOpen := make([]bool, p.Sites.Sites)
	for range k {
		best, bestC := -1, math.Inf(1)
		for c := range p.Sites.Sites {
			if isOpen[c] {
				continue
			}
			if v := total(append(slices.Clone(open), int32(c))); v < bestC {
				best, bestC = c, v
			}
		}
		isOpen[best] = true
		open = append(open, int32(best))
		slices.Sort(open)
	}
	for {
		cur := total(open)
		bestV, bi, bq := cur-tol, -1, -1
		for c := range p.Sites.Sites {
			if isOpen[c] {
				continue
			}
			for q := range open {
				trial := slices.Clone(open)
				trial[q] = int32(c)
				if v := total(trial); v < bestV {
					bestV, bi, bq = v, c, q
				}
			}
		}
		if bi < 0 {
			return open, swaps
		}
		isOpen[open[bq]], isOpen[bi] = false, true
		open[bq] = int32(bi)
		slices.Sort(open)
		swaps++
	}
}

func TestAddMatchesNaiveTrajectory(t *testing.T) {
	// From the plain greedy start, the fast interchange takes exactly the
	// swaps the plain evaluation takes, on instances larger than
	// exhaustive search allows.
	totalSwaps := 0
	for seed := uint64(1); seed <= 12; seed++ {
		for _, obj := range []Objective{Coverage, Median} {
			rng := rand.New(rand.NewPCG(seed, 77))
			p := randomProblem(rng, 40, 300, 60, 20, obj, seed%3 == 0)
			for _, k := range []int{1, 4, 7} {
				sol, err := Add(p, k, Options{Starts: 1})
				if err != nil {
					t.Fatal(err)
				}
				open, swaps := naiveSolve(p, k)
				if !reflect.DeepEqual(sol.Open, open) || sol.Swaps != swaps {
					t.Fatalf("seed %d %s k=%d: fast %v after %d swaps, naive %v after %d", seed, obj, k, sol.Open, sol.Swaps, open, swaps)
				}
				totalSwaps += swaps
			}
		}
	}
	if totalSwaps < 10 {
		t.Fatalf("only %d swaps in all: the instances do not exercise the swap phase", totalSwaps)
	}
	t.Logf("%d swaps in all", totalSwaps)
}

func TestAddIsDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	p := randomProblem(rng, 60, 400, 50, 20, Median, true)
	a, err := Add(p, 5, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{1, 2, 3, 8} {
		b, _ := Add(p, 5, Options{Workers: w})
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%d workers give another result:\n%+v\n%+v", w, a, b)
		}
		r1, _ := Remove(p, 4, Options{Workers: 1})
		r2, _ := Remove(p, 4, Options{Workers: w})
		if !reflect.DeepEqual(r1, r2) {
			t.Fatalf("closure with %d workers differs:\n%+v\n%+v", w, r1, r2)
		}
	}
	// Equal sites: two copies of every site; from one start, ties go to
	// the lower index, so only first copies are chosen.
	a, _ = Add(p, 5, Options{Starts: 1})
	d := p
	d.Sites = duplicateSites(p.Sites)
	c, err := Add(d, 5, Options{Starts: 1})
	if err != nil {
		t.Fatal(err)
	}
	for q, j := range c.Chosen {
		if j%2 != 0 || j/2 != a.Chosen[q] {
			t.Fatalf("with duplicated sites chose %v; without %v", c.Chosen, a.Chosen)
		}
	}
}

// duplicateSites lists every site twice in a row: site j becomes 2j and
// 2j+1.
func duplicateSites(s Sparse) Sparse {
	d := Sparse{Sites: 2 * s.Sites, Origins: s.Origins, Start: []int32{0}}
	for j := range s.Sites {
		o, tm := s.Column(j)
		for range 2 {
			d.Origin = append(d.Origin, o...)
			d.TimeMs = append(d.TimeMs, tm...)
			d.Start = append(d.Start, int32(len(d.Origin)))
		}
	}
	return d
}

// fixture is a hand-made instance in testdata/plan.
type fixture struct {
	Name         string      `json:"name"`
	Objective    string      `json:"objective"`
	ThresholdMin float64     `json:"threshold_min"`
	CapMin       float64     `json:"cap_min"`
	Weights      []float64   `json:"weights"`
	FixedMin     []float64   `json:"fixed_min"`
	SitesMin     [][]float64 `json:"sites_min"`
	Runs         []struct {
		Op              string  `json:"op"`
		K               int     `json:"k"`
		WantChosen      []int32 `json:"want_chosen"`
		WantValue       float64 `json:"want_value"`
		WantGreedyValue float64 `json:"want_greedy_value"`
		WantBefore      float64 `json:"want_before"`
	} `json:"runs"`
}

func msOf(m float64) uint32 {
	if m < 0 {
		return Unreachable
	}
	return uint32(math.Round(m * minute))
}

func (f fixture) problem(t *testing.T) Problem {
	obj, err := ParseObjective(f.Objective)
	if err != nil {
		t.Fatal(err)
	}
	var dense []uint32
	for _, row := range f.SitesMin {
		for _, m := range row {
			dense = append(dense, msOf(m))
		}
	}
	sp, err := FromDense(dense, len(f.SitesMin), len(f.Weights))
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Objective: obj, Sites: sp, Weights: f.Weights, ThresholdMs: msOf(f.ThresholdMin), CapMs: msOf(f.CapMin)}
	for _, m := range f.FixedMin {
		p.FixedMs = append(p.FixedMs, msOf(m))
	}
	return p
}

func TestHandMadeFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "plan", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata/plan: %v", err)
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var f fixture
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		p := f.problem(t)
		for _, run := range f.Runs {
			t.Run(fmt.Sprintf("%s/%s-%d", f.Name, run.Op, run.K), func(t *testing.T) {
				solve := Add
				if run.Op == "remove" {
					solve = Remove
				}
				sol, err := solve(p, run.K, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(sol.Chosen, run.WantChosen) && !(len(sol.Chosen) == 0 && len(run.WantChosen) == 0) {
					t.Errorf("chosen %v, want %v", sol.Chosen, run.WantChosen)
				}
				if !approx(sol.Value, run.WantValue) || !approx(sol.GreedyValue, run.WantGreedyValue) {
					t.Errorf("value %v (greedy %v), want %v (greedy %v)", sol.Value, sol.GreedyValue, run.WantValue, run.WantGreedyValue)
				}
				if b := sol.Before.objective(p.Objective); !approx(b, run.WantBefore) {
					t.Errorf("before %v, want %v", b, run.WantBefore)
				}
			})
		}
	}
}

func TestEvaluate(t *testing.T) {
	// Two origins weighing 3 and 1; site 0 reaches origin 0 in 4 min,
	// site 1 both, in 8 and 30 min; a fixed service reaches origin 1 in
	// 20 min. Threshold 10, cap 25.
	sp, _ := FromDense([]uint32{4 * minute, Unreachable, 8 * minute, 30 * minute}, 2, 2)
	p := Problem{Objective: Median, Sites: sp, Weights: []float64{3, 1}, FixedMs: []uint32{Unreachable, 20 * minute}, ThresholdMs: 10 * minute, CapMs: 25 * minute}
	cases := []struct {
		open []int32
		want Score
	}{
		// Fixed only: origin 0 unreached (capped 25), origin 1 20 min.
		{nil, Score{Weight: 4, Covered: 0, Unreached: 3, MeanMin: 20, PersonMin: 3*25 + 20}},
		// Site 0: origin 0 4 min (covered), origin 1 20 min.
		{[]int32{0}, Score{Weight: 4, Covered: 3, Unreached: 0, MeanMin: (12 + 20) / 4.0, PersonMin: 12 + 20}},
		// Both: origin 0 4 min, origin 1 still 20 (site 1 takes 30).
		{[]int32{1, 0}, Score{Weight: 4, Covered: 3, Unreached: 0, MeanMin: 8, PersonMin: 32}},
		// Site 1: 8 min and 20 min.
		{[]int32{1}, Score{Weight: 4, Covered: 3, Unreached: 0, MeanMin: (24 + 20) / 4.0, PersonMin: 44}},
	}
	for _, c := range cases {
		got, err := Evaluate(p, c.open)
		if err != nil {
			t.Fatal(err)
		}
		if !approx(got.Weight, c.want.Weight) || !approx(got.Covered, c.want.Covered) || !approx(got.Unreached, c.want.Unreached) ||
			!approx(got.MeanMin, c.want.MeanMin) || !approx(got.PersonMin, c.want.PersonMin) {
			t.Errorf("open %v: got %+v, want %+v", c.open, got, c.want)
		}
	}
	if _, err := Evaluate(p, []int32{2}); err == nil {
		t.Error("site out of range accepted")
	}
	q := p
	q.ThresholdMs, q.CapMs = 0, 0
	s, _ := Evaluate(q, nil)
	if !math.IsNaN(s.Covered) || !math.IsNaN(s.PersonMin) {
		t.Errorf("without threshold and cap: %+v", s)
	}
}

func TestProblemRejects(t *testing.T) {
	sp, _ := FromDense([]uint32{1, 2}, 1, 2)
	good := Problem{Objective: Coverage, Sites: sp, Weights: []float64{1, 1}, ThresholdMs: 5}
	cases := []struct {
		name string
		edit func(*Problem)
		k    int
	}{
		{"weights short", func(p *Problem) { p.Weights = p.Weights[:1] }, 1},
		{"negative weight", func(p *Problem) { p.Weights = []float64{1, -1} }, 1},
		{"NaN weight", func(p *Problem) { p.Weights = []float64{math.NaN(), 1} }, 1},
		{"fixed short", func(p *Problem) { p.FixedMs = []uint32{1} }, 1},
		{"coverage without threshold", func(p *Problem) { p.ThresholdMs = 0 }, 1},
		{"median without cap", func(p *Problem) { p.Objective = Median }, 1},
		{"unknown objective", func(p *Problem) { p.Objective = 7 }, 1},
		{"bad matrix", func(p *Problem) { p.Sites.Start = []int32{0} }, 1},
		{"k too large", func(p *Problem) {}, 2},
		{"negative k", func(p *Problem) {}, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := good
			c.edit(&p)
			if _, err := Add(p, c.k, Options{}); err == nil {
				t.Error("Add accepted")
			}
			if _, err := Remove(p, c.k, Options{}); err == nil {
				t.Error("Remove accepted")
			}
		})
	}
	if _, err := ParseObjective("centre"); err == nil {
		t.Error("unknown objective name accepted")
	}
	if sol, err := Add(good, 0, Options{}); err != nil || len(sol.Chosen) != 0 || sol.Value != sol.Before.Covered {
		t.Errorf("k = 0: %+v %v", sol, err)
	}
}
