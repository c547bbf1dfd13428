package route

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/transit"
)

// naiveRaptor is the reference: one departure time at a time, every round
// tries every trip of every pattern at every position, no marking, no
// pruning, no reuse. It returns the travel time to each target and, per
// target, the fewest rides that achieve it (0 when walking all the way).
func naiveRaptor(d *transit.Day, o RaptorOptions, access []StopTime, direct []transit.Seconds,
	egress []EgressEntry, numTargets int, dep transit.Seconds) (times []transit.Seconds, rides []int) {
	o = o.resolved()
	const inf = transit.Seconds(1 << 30)
	n := d.NumStops
	board := make([]transit.Seconds, n)
	for i := range board {
		board[i] = inf
	}
	for _, a := range access {
		board[a.Stop] = min(board[a.Stop], dep+a.Time)
	}
	// bestAt[k][t]: arrival at target t using a vehicle left in round <= k.
	arrive := make([]transit.Seconds, numTargets)
	times = make([]transit.Seconds, numTargets)
	rides = make([]int, numTargets)
	for t := range numTargets {
		arrive[t] = inf
		times[t] = Unreachable
		if direct != nil && direct[t] >= 0 && direct[t] < o.MaxTime {
			times[t] = direct[t]
		}
	}
	canBoard := func(ready, departs transit.Seconds) bool {
		if o.BoardSlack < 0 {
			return departs >= ready
		}
		return departs > ready+o.BoardSlack
	}
	for k := 1; k <= o.MaxRides; k++ {
		veh := make([]transit.Seconds, n)
		for i := range veh {
			veh[i] = inf
		}
		for p := 0; p+1 < len(d.PatStopStart); p++ {
			stops := d.PatStops[d.PatStopStart[p]:d.PatStopStart[p+1]]
			for trip := d.PatTripStart[p]; trip < d.PatTripStart[p+1]; trip++ {
				off := d.TripTimes[trip]
				for i := range stops {
					if board[stops[i]] >= inf || !canBoard(board[stops[i]], d.Dep[off+int32(i)]) {
						continue
					}
					for j := i + 1; j < len(stops); j++ {
						veh[stops[j]] = min(veh[stops[j]], d.Arr[off+int32(j)])
					}
				}
			}
		}
		next := slices.Clone(board)
		for s := range n {
			next[s] = min(next[s], veh[s])
			for i := d.TransferStart[s]; i < d.TransferStart[s+1]; i++ {
				u := d.TransferTo[i]
				next[u] = min(next[u], veh[s]+d.TransferTime[i])
			}
		}
		board = next
		for _, e := range egress {
			if veh[e.Stop] < inf {
				arrive[e.Target] = min(arrive[e.Target], veh[e.Stop]+e.Time)
			}
		}
		for t := range numTargets {
			if tt := arrive[t] - dep; tt < o.MaxTime && (times[t] < 0 || tt < times[t]) {
				times[t], rides[t] = tt, k
			}
		}
	}
	return times, rides
}

// rtRandomCase is a random day with a random query.
type rtRandomCase struct {
	day        *transit.Day
	opts       RaptorOptions
	access     []StopTime
	direct     []transit.Seconds
	egress     []EgressEntry
	numTargets int
	from, to   transit.Seconds
	step       transit.Seconds
}

// rtRandomDay draws a small day: patterns over random stops (sometimes
// visiting a stop twice, sometimes longer than 64 stops), trips that never overtake, dwell times, some
// trips after midnight, random transfers; times on whole minutes or not,
// so that ties and the strict board rule are exercised.
func rtRandomDay(rng *rand.Rand) *transit.Day { return rtRandomDayXfers(rng, false) }

// rtRandomDayXfers is rtRandomDay with, when dense, a transfer between
// about half of all pairs of stops instead of a few, and transfers along
// the patterns that take about as long as riding there (the first trip's
// ride plus or minus a second, or up to 2 minutes), where staying on and
// walking are close.
func rtRandomDayXfers(rng *rand.Rand, dense bool) *transit.Day {
	ns := 4 + rng.IntN(20)
	whole := rng.IntN(2) == 0
	jitter := func(maxS int) transit.Seconds {
		if whole {
			return transit.Seconds(60 * rng.IntN(maxS/60+1))
		}
		return transit.Seconds(rng.IntN(maxS + 1))
	}
	var pats []rtPattern
	for pi := range 1 + rng.IntN(8) {
		l := 2 + rng.IntN(5)
		if pi == 0 && rng.IntN(8) == 0 {
			l = 60 + rng.IntN(80) // positions over several bitset words
		}
		stops := make([]int32, l)
		for i := range stops {
			stops[i] = int32(rng.IntN(ns))
			for i > 0 && stops[i] == stops[i-1] {
				stops[i] = int32(rng.IntN(ns))
			}
		}
		start := hm(7, 30) + jitter(3600)
		if rng.IntN(6) == 0 {
			start += hm(16, 0) // around midnight
		}
		var trips []rtTrip
		var prev rtTrip
		for ti := range 1 + rng.IntN(8) {
			tr := rtTrip{arr: make([]transit.Seconds, l), dep: make([]transit.Seconds, l)}
			for i := range l {
				if ti == 0 {
					if i == 0 {
						tr.arr[i] = start
					} else {
						tr.arr[i] = tr.dep[i-1] + 60 + jitter(600)
					}
				} else {
					// Later than the previous trip at every stop, and running
					// no faster than allowed by the previous stop.
					tr.arr[i] = prev.arr[i] + jitter(900)
					if i > 0 {
						tr.arr[i] = max(tr.arr[i], tr.dep[i-1]+30)
					}
				}
				tr.dep[i] = tr.arr[i] + jitter(120)
				if ti > 0 {
					tr.dep[i] = max(tr.dep[i], prev.dep[i])
				}
			}
			trips = append(trips, tr)
			prev = tr
		}
		pats = append(pats, rtPattern{stops: stops, trips: trips})
	}
	var xfers []rtTransfer
	seen := map[[2]int32]bool{}
	if dense {
		for _, p := range pats {
			arr := p.trips[0].arr
			for i := range p.stops {
				for d := 1; d <= 3 && i+d < len(p.stops); d++ {
					a, b := p.stops[i], p.stops[i+d]
					if a == b || seen[[2]int32{a, b}] {
						continue
					}
					seen[[2]int32{a, b}] = true
					off := []int{-1, 0, 1, rng.IntN(241) - 120}[rng.IntN(4)]
					t := max(0, arr[i+d]-arr[i]+transit.Seconds(off))
					xfers = append(xfers, rtTransfer{a, b, t})
				}
			}
		}
	}
	nx := rng.IntN(2 * ns)
	if dense {
		nx = ns * ns / 2
	}
	for range nx {
		a, b := int32(rng.IntN(ns)), int32(rng.IntN(ns))
		if a == b || seen[[2]int32{a, b}] {
			continue
		}
		seen[[2]int32{a, b}] = true
		xfers = append(xfers, rtTransfer{a, b, jitter(600)})
	}
	return rtDay(ns, pats, xfers)
}

func rtRandomQuery(rng *rand.Rand) rtRandomCase { return rtRandomQueryOn(rng, rtRandomDay(rng)) }

func rtRandomQueryOn(rng *rand.Rand, day *transit.Day) rtRandomCase {
	c := rtRandomCase{day: day}
	ns := c.day.NumStops
	c.opts = RaptorOptions{
		MaxRides:   rng.IntN(5),
		MaxTime:    []transit.Seconds{0, 1200, 2400, 3600}[rng.IntN(4)],
		BoardSlack: []transit.Seconds{0, NoBoardSlack, 30, 120}[rng.IntN(4)],
	}
	for range 1 + rng.IntN(4) {
		c.access = append(c.access, StopTime{int32(rng.IntN(ns)), transit.Seconds(rng.IntN(900))})
	}
	c.numTargets = 1 + rng.IntN(6)
	for t := range c.numTargets {
		for range rng.IntN(4) {
			c.egress = append(c.egress, EgressEntry{int32(rng.IntN(ns)), int32(t), transit.Seconds(rng.IntN(600))})
		}
	}
	if rng.IntN(2) == 0 {
		c.direct = make([]transit.Seconds, c.numTargets)
		for t := range c.direct {
			c.direct[t] = -1
			if rng.IntN(3) == 0 {
				c.direct[t] = transit.Seconds(rng.IntN(4000))
			}
		}
	}
	c.from = hm(7, 20) + transit.Seconds(rng.IntN(3600))
	if rng.IntN(6) == 0 {
		c.from += hm(16, 0)
	}
	c.step = []transit.Seconds{60, 60, 45, 120, 1}[rng.IntN(5)]
	c.to = c.from + c.step*transit.Seconds(1+rng.IntN(40)) + transit.Seconds(rng.IntN(int(c.step)))
	return c
}

func TestRangeMatchesNaivePerMinute(t *testing.T) {
	rng := rand.New(rand.NewPCG(2012, 1))
	iters := 1500
	if testing.Short() {
		iters = 200
	}
	for it := range iters {
		c := rtRandomQuery(rng)
		r, err := NewRaptor(c.day, c.opts)
		if err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		eg := rtEgress(t, c.day.NumStops, c.egress...)
		m := int((c.to - c.from) / c.step)
		out := make([]transit.Seconds, m*c.numTargets)
		if err := r.Range(c.access, c.direct, eg, c.numTargets, c.from, c.to, c.step, out); err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		base := make([]transit.Seconds, len(out))
		r.noReuse = true
		if err := r.Range(c.access, c.direct, eg, c.numTargets, c.from, c.to, c.step, base); err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		r.noReuse = false
		// RangePercentiles must give the percentiles of each target's
		// column of the naive rows.
		ps := []int{1 + rng.IntN(100), 5, 25, 50, 75, 95, 100}
		pct := make([]transit.Seconds, c.numTargets*len(ps))
		if err := r.RangePercentiles(c.access, c.direct, eg, c.numTargets, c.from, c.to, c.step, ps, pct); err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		columns := make([][]transit.Seconds, c.numTargets)
		for mi := range m {
			dep := c.from + transit.Seconds(mi)*c.step
			want, _ := naiveRaptor(c.day, c.opts, c.access, c.direct, c.egress, c.numTargets, dep)
			got := out[mi*c.numTargets : (mi+1)*c.numTargets]
			if !slices.Equal(got, want) {
				t.Fatalf("case %d, departure %d (minute %d): Range = %v, naive = %v\n%s", it, dep, mi, got, want, rtDescribe(c))
			}
			if b := base[mi*c.numTargets : (mi+1)*c.numTargets]; !slices.Equal(b, want) {
				t.Fatalf("case %d, departure %d: per-minute baseline = %v, naive = %v", it, dep, b, want)
			}
			for tg := range c.numTargets {
				columns[tg] = append(columns[tg], want[tg])
			}
		}
		for tg, col := range columns {
			want := make([]transit.Seconds, len(ps))
			Percentiles(col, ps, want)
			if got := pct[tg*len(ps) : (tg+1)*len(ps)]; !slices.Equal(got, want) {
				t.Fatalf("case %d, target %d: RangePercentiles%v = %v, Percentiles of %v = %v\n%s", it, tg, ps, got, col, want, rtDescribe(c))
			}
		}
	}
}

func rtDescribe(c rtRandomCase) string {
	d := c.day
	s := fmt.Sprintf("opts %+v access %v direct %v egress %v targets %d window %d..%d step %d\n",
		c.opts, c.access, c.direct, c.egress, c.numTargets, c.from, c.to, c.step)
	for p := 0; p+1 < len(d.PatStopStart); p++ {
		stops := d.PatStops[d.PatStopStart[p]:d.PatStopStart[p+1]]
		s += fmt.Sprintf("pattern %d stops %v\n", p, stops)
		for trip := d.PatTripStart[p]; trip < d.PatTripStart[p+1]; trip++ {
			off := int(d.TripTimes[trip])
			s += fmt.Sprintf("  trip %d arr %v dep %v\n", trip, d.Arr[off:off+len(stops)], d.Dep[off:off+len(stops)])
		}
	}
	for st := range d.NumStops {
		for i := d.TransferStart[st]; i < d.TransferStart[st+1]; i++ {
			s += fmt.Sprintf("transfer %d -> %d %d s\n", st, d.TransferTo[i], d.TransferTime[i])
		}
	}
	return s
}
