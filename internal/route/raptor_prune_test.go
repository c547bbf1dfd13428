package route

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/transit"
)

// egressPairs lists the (stop, target) pairs of a table.
func egressPairs(eg *Egress) map[[2]int32]transit.Seconds {
	out := map[[2]int32]transit.Seconds{}
	for s := range len(eg.Start) - 1 {
		for i := eg.Start[s]; i < eg.Start[s+1]; i++ {
			out[[2]int32{int32(s), eg.Target[i]}] = eg.Time[i]
		}
	}
	return out
}

func TestPruneEgressHandMade(t *testing.T) {
	// One line 0 -> 1 -> 2, two trips; the ride from 1 to 2 takes 2 min on
	// the first trip and 3 min on the second.
	line := rtLine([]int32{0, 1, 2},
		[]transit.Seconds{hm(8, 0), hm(8, 5), hm(8, 7)},
		[]transit.Seconds{hm(8, 30), hm(8, 35), hm(8, 38)})
	day := rtDay(4, []rtPattern{line}, nil)
	cases := []struct {
		name   string
		egress []EgressEntry
		kept   [][2]int32
	}{
		{
			// Staying on from 1 to 2 (at most 180 s) and walking 100 s
			// beats walking 600 s from 1.
			name:   "staying on beats an early walk",
			egress: []EgressEntry{{1, 0, 600}, {2, 0, 100}},
			kept:   [][2]int32{{2, 0}},
		},
		{
			// 180 + 100 > 250: on the slower trip the walk from 1 wins.
			name:   "the slowest trip decides",
			egress: []EgressEntry{{1, 0, 250}, {2, 0, 100}},
			kept:   [][2]int32{{1, 0}, {2, 0}},
		},
		{
			// 180 + 100 = 280: staying on is as good.
			name:   "tie",
			egress: []EgressEntry{{1, 0, 280}, {2, 0, 100}},
			kept:   [][2]int32{{2, 0}},
		},
		{
			// Nobody is left at stop 0 (first of the line) and nothing
			// stops at 3: their walks can never be used.
			name:   "stops nobody is left at",
			egress: []EgressEntry{{0, 0, 10}, {3, 0, 10}, {2, 0, 900}},
			kept:   [][2]int32{{2, 0}},
		},
		{
			// The last stop of a line has nothing further on.
			name:   "last stop",
			egress: []EgressEntry{{2, 0, 900}, {1, 1, 10}},
			kept:   [][2]int32{{1, 1}, {2, 0}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			eg := rtEgress(t, day.NumStops, c.egress...)
			var got [][2]int32
			for k := range egressPairs(PruneEgress(day, eg)) {
				got = append(got, k)
			}
			byPair := func(a, b [2]int32) int { return int(a[0]-b[0])*1000 + int(a[1]-b[1]) }
			slices.SortFunc(got, byPair)
			slices.SortFunc(c.kept, byPair)
			if !slices.Equal(got, c.kept) {
				t.Errorf("kept %v, want %v", got, c.kept)
			}
		})
	}
}

func TestPruneEgressChainKeepsLast(t *testing.T) {
	// A line through 1, 2 and 3 at the same minute, and a second line that
	// leaves passengers at 3 and runs on to 4: the same walk from each
	// stop. Every walk but the last of the chain has an equal one further
	// on: 1 -> 2 -> 3 on the first line; 3 is the first line's last stop,
	// so its walk stays although the second line could take one on to 4.
	a := rtLine([]int32{0, 1, 2, 3}, []transit.Seconds{hm(8, 0), hm(8, 5), hm(8, 5), hm(8, 5)})
	b := rtLine([]int32{5, 3, 4}, []transit.Seconds{hm(8, 0), hm(8, 5), hm(8, 5)})
	day := rtDay(6, []rtPattern{a, b}, nil)
	eg := rtEgress(t, day.NumStops, EgressEntry{1, 0, 300}, EgressEntry{2, 0, 300}, EgressEntry{3, 0, 300}, EgressEntry{4, 0, 300})
	got := egressPairs(PruneEgress(day, eg))
	want := map[[2]int32]transit.Seconds{{3, 0}: 300, {4, 0}: 300}
	if len(got) != len(want) || got[[2]int32{3, 0}] != 300 || got[[2]int32{4, 0}] != 300 {
		t.Errorf("kept %v, want %v", got, want)
	}
}

// TestPruneEgressKeepsRangeResults runs random range queries with every
// stop walking to every target and checks that the pruned table gives the
// same travel times minute by minute, and the same percentiles.
func TestPruneEgressKeepsRangeResults(t *testing.T) {
	rng := rand.New(rand.NewPCG(77, 5))
	iters := rtIterations(600, 100)
	full, kept := 0, 0
	for it := range iters {
		c := rtRandomQuery(rng)
		ns := c.day.NumStops
		var entries []EgressEntry
		for tg := range c.numTargets {
			for s := range ns {
				if rng.IntN(3) > 0 {
					entries = append(entries, EgressEntry{int32(s), int32(tg), transit.Seconds(rng.IntN(1200))})
				}
			}
		}
		// Near ties, each to a target of its own: a walk from a stop that
		// is as long as riding on to a later stop of a pattern and walking
		// from there, give or take a second (the ride is the longest over
		// the pattern's trips).
		d := c.day
		for range 20 {
			tg := int32(c.numTargets)
			c.numTargets++
			if c.direct != nil {
				c.direct = append(c.direct, -1)
			}
			p := int32(rng.IntN(d.NumPatterns()))
			stops := d.PatStops[d.PatStopStart[p]:d.PatStopStart[p+1]]
			i := rng.IntN(len(stops) - 1)
			j := i + 1 + rng.IntN(min(3, len(stops)-1-i))
			rd := transit.Seconds(0)
			for tr := d.PatTripStart[p]; tr < d.PatTripStart[p+1]; tr++ {
				arr := d.Arr[d.TripTimes[tr]:]
				rd = max(rd, arr[j]-arr[i])
			}
			w2 := transit.Seconds(rng.IntN(600))
			off := transit.Seconds(rng.IntN(3) - 1)
			entries = append(entries, EgressEntry{stops[j], tg, w2}, EgressEntry{stops[i], tg, max(0, w2+rd+off)})
		}
		eg := rtEgress(t, ns, entries...)
		pr := PruneEgress(c.day, eg)
		full += len(eg.Target)
		kept += len(pr.Target)
		r, err := NewRaptor(c.day, c.opts)
		if err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		m := int((c.to - c.from) / c.step)
		want := make([]transit.Seconds, m*c.numTargets)
		got := make([]transit.Seconds, len(want))
		if err := r.Range(c.access, c.direct, eg, c.numTargets, c.from, c.to, c.step, want); err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		if err := r.Range(c.access, c.direct, pr, c.numTargets, c.from, c.to, c.step, got); err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: pruned egress gives %v, full %v\n%s", it, got, want, rtDescribe(c))
		}
		ps := []int{5, 50, 95}
		pw, pg := make([]transit.Seconds, c.numTargets*len(ps)), make([]transit.Seconds, c.numTargets*len(ps))
		if err := r.RangePercentiles(c.access, c.direct, eg, c.numTargets, c.from, c.to, c.step, ps, pw); err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		if err := r.RangePercentiles(c.access, c.direct, pr, c.numTargets, c.from, c.to, c.step, ps, pg); err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		if !slices.Equal(pg, pw) {
			t.Fatalf("case %d: percentiles with pruned egress %v, full %v", it, pg, pw)
		}
	}
	// The check above is only worth something if walks were left out.
	if kept*10 > full*9 {
		t.Errorf("pruning kept %d of %d walks: too few left out to test anything", kept, full)
	}
	t.Logf("kept %d of %d walks", kept, full)
}

// TestPruneEgressPortoAlegre checks the pruned table on the real network:
// the same travel times for a few origins over two hours.
func TestPruneEgressPortoAlegre(t *testing.T) {
	w := rtLoadPOA(t)
	pr := PruneEgress(w.day, w.eg)
	t.Logf("kept %d of %d walks", len(pr.Target), len(w.eg.Target))
	if len(pr.Target) >= len(w.eg.Target) {
		t.Fatalf("nothing left out (%d walks)", len(pr.Target))
	}
	r, err := NewRaptor(w.day, RaptorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	from, to := hm(14, 0), hm(16, 0)
	want := make([]transit.Seconds, 120*w.targets)
	got := make([]transit.Seconds, len(want))
	for _, o := range []int{0, 137, 411, 650, 1000, 1226} {
		if err := r.Range(w.access[o], w.direct[o], w.eg, w.targets, from, to, 60, want); err != nil {
			t.Fatal(err)
		}
		if err := r.Range(w.access[o], w.direct[o], pr, w.targets, from, to, 60, got); err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("origin %d minute %d target %d: pruned %d, full %d", o, i/w.targets, i%w.targets, got[i], want[i])
			}
		}
	}
}

func TestPruneEgressLeavesForeignTables(t *testing.T) {
	line := rtLine([]int32{0, 1, 2}, []transit.Seconds{hm(8, 0), hm(8, 5), hm(8, 7)})
	day := rtDay(3, []rtPattern{line}, nil)
	// Built by hand (not checked), and built for another number of stops:
	// both come back unchanged, though the walk from 1 could go.
	hand := &Egress{Start: []int32{0, 0, 1, 2}, Target: []int32{0, 0}, Time: []transit.Seconds{600, 10}}
	other := rtEgress(t, 4, EgressEntry{1, 0, 600}, EgressEntry{2, 0, 10})
	for name, eg := range map[string]*Egress{"by hand": hand, "other stops": other} {
		if got := PruneEgress(day, eg); got != eg {
			t.Errorf("%s: got a new table", name)
		}
	}
	if got := PruneEgress(day, rtEgress(t, 3, EgressEntry{1, 0, 600}, EgressEntry{2, 0, 10})); len(got.Target) != 1 {
		t.Errorf("checked table: kept %d walks, want 1", len(got.Target))
	}
}

// TestPrunedTransfersMatchNaive checks range queries on random days with
// transfers between about half of all pairs of stops, many of which a ride
// matches, against the naive search over all transfers.
func TestPrunedTransfersMatchNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 8))
	iters := rtIterations(800, 150)
	all, kept := 0, 0
	for it := range iters {
		c := rtRandomQueryOn(rng, rtRandomDayXfers(rng, true))
		r, err := NewRaptor(c.day, c.opts)
		if err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		// The lists before and after pruning, as NewRaptor builds them.
		tt := &raptorTimetable{}
		tt.day, tt.toIn, tt.toOrig = renumberStops(c.day)
		tt.transpose()
		tt.boardable()
		tt.sortTransfers()
		all += len(tt.xfer)
		tt.pruneTransfers()
		kept += len(tt.xfer)
		// Every stop walks to every target, so that a board label lost
		// anywhere shows.
		c.numTargets = c.day.NumStops
		c.egress = c.egress[:0]
		for s := range c.day.NumStops {
			c.egress = append(c.egress, EgressEntry{int32(s), int32(s), 0})
		}
		c.direct = nil
		eg := rtEgress(t, c.day.NumStops, c.egress...)
		m := int((c.to - c.from) / c.step)
		out := make([]transit.Seconds, m*c.numTargets)
		if err := r.Range(c.access, c.direct, eg, c.numTargets, c.from, c.to, c.step, out); err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		for mi := range m {
			dep := c.from + transit.Seconds(mi)*c.step
			want, _ := naiveRaptor(c.day, c.opts, c.access, c.direct, c.egress, c.numTargets, dep)
			if got := out[mi*c.numTargets : (mi+1)*c.numTargets]; !slices.Equal(got, want) {
				t.Fatalf("case %d, departure %d: Range = %v, naive = %v\n%s", it, dep, got, want, rtDescribe(c))
			}
		}
	}
	// Worth something only if transfers were left out.
	if kept*10 > all*9 {
		t.Errorf("kept %d of %d transfers: too few left out to test anything", kept, all)
	}
	t.Logf("kept %d of %d transfers", kept, all)
}

// TestPrunedTransfersKeepLabels checks the claim behind transfer pruning
// directly: minute by minute over a range query, the board and vehicle
// labels of every round are the same with the pruned transfer lists as
// with the full ones, on random days with dense transfers.
func TestPrunedTransfersKeepLabels(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 21))
	iters := rtIterations(800, 150)
	pruned := 0
	for it := range iters {
		c := rtRandomQueryOn(rng, rtRandomDayXfers(rng, true))
		r1, err := NewRaptor(c.day, c.opts)
		if err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		r2, err := NewRaptor(c.day, c.opts)
		if err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		r2.tt.sortTransfers() // the full lists again
		r2.hits = make([]int32, len(r2.tt.xfer))
		pruned += len(r2.tt.xfer) - len(r1.tt.xfer)
		acc := slices.Clone(r1.internal(c.access, &r1.accIn))
		r1.resetLabels()
		r2.resetLabels()
		for dep := c.to - 1; dep >= c.from; dep -= c.step {
			r1.runMinute(dep, acc)
			r2.runMinute(dep, acc)
			if !slices.Equal(r1.board, r2.board) || !slices.Equal(r1.veh, r2.veh) {
				t.Fatalf("case %d, departure %d: labels differ with pruned transfers\n%s", it, dep, rtDescribe(c))
			}
		}
	}
	if pruned == 0 {
		t.Fatal("no transfer was left out: nothing tested")
	}
	t.Logf("%d transfers left out", pruned)
}

func TestPruneTransfersHandMade(t *testing.T) {
	// Line A 0 -> 1 -> 2 (08:05, 08:10, 08:15: 300 s from 1 to 2), line B
	// 2 -> 3 leaving at 08:15:50. From stop 0 at 08:02, A is boarded; B
	// can be caught at 2 only by leaving A at 1 and walking there in less
	// than 290 s (B must leave more than 60 s after the passenger comes).
	a := rtLine([]int32{0, 1, 2}, []transit.Seconds{hm(8, 5), hm(8, 10), hm(8, 15)})
	b := rtLine([]int32{2, 3}, []transit.Seconds{hms(8, 15, 50), hm(8, 25)})
	for _, c := range []struct {
		walk transit.Seconds
		kept int
		want transit.Seconds
	}{
		{280, 1, 1500},        // faster than the ride: kept, and B is caught
		{300, 0, Unreachable}, // no faster than the ride: left out
		{320, 0, Unreachable},
	} {
		day := rtDay(4, []rtPattern{a, b}, []rtTransfer{{1, 2, c.walk}})
		r, err := NewRaptor(day, RaptorOptions{MaxRides: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(r.tt.xfer); got != c.kept {
			t.Errorf("walk %d s: %d transfers kept, want %d", c.walk, got, c.kept)
		}
		out := make([]transit.Seconds, 1)
		eg := rtEgress(t, 4, EgressEntry{3, 0, 0})
		if err := r.Range([]StopTime{{0, 120}}, nil, eg, 1, hm(8, 0), hm(8, 1), 60, out); err != nil {
			t.Fatal(err)
		}
		if out[0] != c.want {
			t.Errorf("walk %d s: travel time %d, want %d", c.walk, out[0], c.want)
		}
	}
}

// BenchmarkPruneEgressPortoAlegre times pruning the egress table of the
// Porto Alegre grid (43,815 walks from stops to the 1,227 points).
func BenchmarkPruneEgressPortoAlegre(b *testing.B) {
	w := rtLoadPOA(b)
	kept := 0
	for b.Loop() {
		kept = len(PruneEgress(w.day, w.eg).Target)
	}
	b.ReportMetric(float64(kept), "walks-kept")
	b.ReportMetric(float64(len(w.eg.Target)), "walks")
}

// rtIterations is full, or short under go test -short.
func rtIterations(full, short int) int {
	if testing.Short() {
		return short
	}
	return full
}
