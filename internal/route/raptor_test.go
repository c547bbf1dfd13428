package route

import (
	"errors"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/saavu/saavu/internal/transit"
)

// Hand-made days whose travel times are worked out in the comments. Unless
// said otherwise the board slack is R5's 60 s: a vehicle is boarded only if
// it departs strictly more than 60 s after the passenger is at the stop.

// rtLine is one pattern over stops with one trip per row of times (arrival
// equal to departure at every stop).
func rtLine(stops []int32, trips ...[]transit.Seconds) rtPattern {
	p := rtPattern{stops: stops}
	for _, tr := range trips {
		p.trips = append(p.trips, rtSame(tr...))
	}
	return p
}

func TestRangeHandMade(t *testing.T) {
	const U = Unreachable
	// A: 0 -> 1 -> 2, trips at 08:05 and 08:20, ten minutes end to end.
	lineA := rtLine([]int32{0, 1, 2},
		[]transit.Seconds{hm(8, 5), hm(8, 10), hm(8, 15)},
		[]transit.Seconds{hm(8, 20), hm(8, 25), hm(8, 30)})
	// Slow A (30 min from 1 to 2) and a fast B from 3 to 4, reached by
	// walking 2 min from 1 to 3.
	slowA := rtLine([]int32{0, 1, 2}, []transit.Seconds{hm(8, 5), hm(8, 10), hm(8, 40)})
	walk13 := []rtTransfer{{1, 3, 120}}
	cases := []struct {
		name     string
		stops    int
		pats     []rtPattern
		xfers    []rtTransfer
		opts     RaptorOptions
		access   []StopTime
		direct   []transit.Seconds
		egress   []EgressEntry
		targets  int
		from, to transit.Seconds
		step     transit.Seconds
		want     []transit.Seconds // minute by minute, targets within
	}{
		{
			// 08:00: at stop 0 at 08:02, 08:05 > 08:03, off at 08:15, 1 min walk:
			// 16 min. 08:01: 15 min. 08:02: at stop 08:04, 08:05 is not after
			// 08:05, so the 08:20 trip, at the target 08:31: 29 min.
			name: "direct ride and slack at the first boarding", stops: 3, pats: []rtPattern{lineA},
			access: []StopTime{{0, 120}}, egress: []EgressEntry{{2, 0, 60}}, targets: 1,
			from: hm(8, 0), to: hm(8, 3), step: 60, want: []transit.Seconds{960, 900, 1740},
		},
		{
			// Without slack the 08:02 departure catches the 08:05 trip: 14 min.
			name: "no board slack", stops: 3, pats: []rtPattern{lineA}, opts: RaptorOptions{BoardSlack: NoBoardSlack},
			access: []StopTime{{0, 120}}, egress: []EgressEntry{{2, 0, 60}}, targets: 1,
			from: hm(8, 0), to: hm(8, 3), step: 60, want: []transit.Seconds{960, 900, 840},
		},
		{
			// Window [08:00, 08:05) by 2 min: departures 08:00 and 08:02 only.
			name: "step and partial last step", stops: 3, pats: []rtPattern{lineA},
			access: []StopTime{{0, 120}}, egress: []EgressEntry{{2, 0, 60}}, targets: 1,
			from: hm(8, 0), to: hm(8, 5), step: 120, want: []transit.Seconds{960, 1740},
		},
		{
			// Off A at stop 1 at 08:10, walk to 3 by 08:12, B at 08:14 (after
			// 08:13), at 4 at 08:20: 20 min instead of 40 min on A.
			name: "transfer that saves time", stops: 5,
			pats:  []rtPattern{slowA, rtLine([]int32{3, 4}, []transit.Seconds{hm(8, 11), hm(8, 17)}, []transit.Seconds{hm(8, 14), hm(8, 20)})},
			xfers: walk13, access: []StopTime{{0, 120}}, egress: []EgressEntry{{2, 0, 0}, {4, 0, 0}}, targets: 1,
			from: hm(8, 0), to: hm(8, 1), step: 60, want: []transit.Seconds{1200},
		},
		{
			// Same, one ride only: A all the way, 40 min.
			name: "max rides", stops: 5, opts: RaptorOptions{MaxRides: 1},
			pats:  []rtPattern{slowA, rtLine([]int32{3, 4}, []transit.Seconds{hm(8, 11), hm(8, 17)}, []transit.Seconds{hm(8, 14), hm(8, 20)})},
			xfers: walk13, access: []StopTime{{0, 120}}, egress: []EgressEntry{{2, 0, 0}, {4, 0, 0}}, targets: 1,
			from: hm(8, 0), to: hm(8, 1), step: 60, want: []transit.Seconds{2400},
		},
		{
			// B at 08:13 is not after 08:12 + 60 s: the next B at 08:30 reaches
			// 4 at 08:36, still better than A's 08:40: 36 min.
			name: "transfer too short with board slack", stops: 5,
			pats:  []rtPattern{slowA, rtLine([]int32{3, 4}, []transit.Seconds{hm(8, 13), hm(8, 19)}, []transit.Seconds{hm(8, 30), hm(8, 36)})},
			xfers: walk13, access: []StopTime{{0, 120}}, egress: []EgressEntry{{2, 0, 0}, {4, 0, 0}}, targets: 1,
			from: hm(8, 0), to: hm(8, 1), step: 60, want: []transit.Seconds{2160},
		},
		{
			// Without slack B at 08:13 is caught: at 4 at 08:19.
			name: "transfer without slack", stops: 5, opts: RaptorOptions{BoardSlack: NoBoardSlack},
			pats:  []rtPattern{slowA, rtLine([]int32{3, 4}, []transit.Seconds{hm(8, 13), hm(8, 19)}, []transit.Seconds{hm(8, 30), hm(8, 36)})},
			xfers: walk13, access: []StopTime{{0, 120}}, egress: []EgressEntry{{2, 0, 0}, {4, 0, 0}}, targets: 1,
			from: hm(8, 0), to: hm(8, 1), step: 60, want: []transit.Seconds{1140},
		},
		{
			// Off at stop 1 at 08:10:00; the 08:11:00 trip leaves exactly 60 s
			// later and is missed, the 08:11:01 one reaches 2 at 08:21: 21 min.
			name: "same-stop change needs more than the slack", stops: 3,
			pats: []rtPattern{
				rtLine([]int32{0, 1}, []transit.Seconds{hm(8, 5), hm(8, 10)}),
				rtLine([]int32{1, 2}, []transit.Seconds{hms(8, 11, 0), hm(8, 20)}, []transit.Seconds{hms(8, 11, 1), hm(8, 21)}),
			},
			access: []StopTime{{0, 0}}, egress: []EgressEntry{{2, 0, 0}}, targets: 1,
			from: hm(8, 0), to: hm(8, 1), step: 60, want: []transit.Seconds{1260},
		},
		{
			// With a 30 s slack the 08:11:00 trip is caught: 20 min.
			name: "custom slack", stops: 3, opts: RaptorOptions{BoardSlack: 30},
			pats: []rtPattern{
				rtLine([]int32{0, 1}, []transit.Seconds{hm(8, 5), hm(8, 10)}),
				rtLine([]int32{1, 2}, []transit.Seconds{hms(8, 11, 0), hm(8, 20)}, []transit.Seconds{hms(8, 11, 1), hm(8, 21)}),
			},
			access: []StopTime{{0, 0}}, egress: []EgressEntry{{2, 0, 0}}, targets: 1,
			from: hm(8, 0), to: hm(8, 1), step: 60, want: []transit.Seconds{1200},
		},
		{
			// MaxTime 30 min. 08:00: off at 08:29, walk 1 min: exactly 30 min,
			// unreachable. 08:01: 29 min.
			name: "max time cut-off", stops: 2, opts: RaptorOptions{MaxTime: 1800},
			pats:   []rtPattern{rtLine([]int32{0, 1}, []transit.Seconds{hm(8, 5), hm(8, 29)})},
			access: []StopTime{{0, 60}}, egress: []EgressEntry{{1, 0, 60}}, targets: 1,
			from: hm(8, 0), to: hm(8, 2), step: 60, want: []transit.Seconds{U, 1740},
		},
		{
			// MaxTime 30 min. Off A at 1 at 08:22, walk 5 min to 2 (08:27), B
			// at 08:28:30 (after 08:28), at 3 at 08:29:30: 1,770 s, just in.
			name: "transfer near the time limit", stops: 4, opts: RaptorOptions{MaxTime: 1800},
			pats: []rtPattern{
				rtLine([]int32{0, 1}, []transit.Seconds{hm(8, 5), hm(8, 22)}),
				rtLine([]int32{2, 3}, []transit.Seconds{hms(8, 28, 30), hms(8, 29, 30)}),
			},
			xfers: []rtTransfer{{1, 2, 300}}, access: []StopTime{{0, 0}}, egress: []EgressEntry{{3, 0, 0}}, targets: 1,
			from: hm(8, 0), to: hm(8, 1), step: 60, want: []transit.Seconds{1770},
		},
		{
			// Trips after midnight: 24:28 catches 24:30, off at 25:00 (32 min);
			// at 24:29, 24:30 is not after 24:30, so 25:30, off at 26:00 (91 min).
			name: "trips after midnight", stops: 2,
			pats:   []rtPattern{rtLine([]int32{0, 1}, []transit.Seconds{hm(24, 30), hm(25, 0)}, []transit.Seconds{hm(25, 30), hm(26, 0)})},
			access: []StopTime{{0, 0}}, egress: []EgressEntry{{1, 0, 0}}, targets: 1,
			from: hm(24, 28), to: hm(24, 30), step: 60, want: []transit.Seconds{1920, 5460},
		},
		{
			// Walking 15 min 50 s beats 16 and 29 min by transit, not 15 min.
			name: "walking beats transit", stops: 3, pats: []rtPattern{lineA},
			access: []StopTime{{0, 120}}, direct: []transit.Seconds{950}, egress: []EgressEntry{{2, 0, 60}}, targets: 1,
			from: hm(8, 0), to: hm(8, 3), step: 60, want: []transit.Seconds{950, 900, 950},
		},
		{
			// Target 0 walks 7,200 s (= MaxTime: unreachable), target 1 7,199 s;
			// no stop leads to either.
			name: "walking within max time only", stops: 3, pats: []rtPattern{lineA},
			direct: []transit.Seconds{7200, 7199}, targets: 2,
			from: hm(8, 0), to: hm(8, 2), step: 60, want: []transit.Seconds{U, 7199, U, 7199},
		},
		{
			// As R5, a target is reached from stops where a vehicle was left,
			// not from stops reached by a transfer walk.
			name: "no egress after a transfer walk", stops: 3,
			pats:  []rtPattern{rtLine([]int32{0, 1}, []transit.Seconds{hm(8, 5), hm(8, 10)})},
			xfers: []rtTransfer{{1, 2, 60}}, access: []StopTime{{0, 0}}, egress: []EgressEntry{{2, 0, 0}, {1, 1, 0}}, targets: 2,
			from: hm(8, 0), to: hm(8, 1), step: 60, want: []transit.Seconds{U, 600},
		},
		{
			// Two access stops: 0 in 5 min (at 08:05, the 08:05 trip is missed,
			// the 08:20 one reaches 1 at 08:25) and 1 in 1 min (at 08:01, the
			// 08:05 trip leaves 1 at 08:10 and reaches 2 at 08:15). Target 0
			// from 2 in 30 s: 08:15:30 (930 s). Target 1 from 1 at 08:25 or
			// from 2 in 10 s at 08:15:10 (910 s).
			name: "several targets and access stops", stops: 3, pats: []rtPattern{lineA},
			access: []StopTime{{0, 300}, {1, 60}}, egress: []EgressEntry{{2, 0, 30}, {1, 1, 0}, {2, 1, 10}}, targets: 2,
			from: hm(8, 0), to: hm(8, 1), step: 60, want: []transit.Seconds{930, 910},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			day := rtDay(c.stops, c.pats, c.xfers)
			r, err := NewRaptor(day, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			eg := rtEgress(t, c.stops, c.egress...)
			m := int((c.to - c.from) / c.step)
			out := make([]transit.Seconds, m*c.targets)
			if err := r.Range(c.access, c.direct, eg, c.targets, c.from, c.to, c.step, out); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(out, c.want) {
				t.Errorf("Range = %v, want %v", out, c.want)
			}
			// The same Raptor gives the same answer again (labels reset).
			again := make([]transit.Seconds, len(out))
			if err := r.Range(c.access, c.direct, eg, c.targets, c.from, c.to, c.step, again); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(again, out) {
				t.Errorf("second Range = %v, first %v", again, out)
			}
		})
	}
}

func TestRangeRejectsBadQueries(t *testing.T) {
	day := rtDay(3, []rtPattern{rtLine([]int32{0, 1, 2}, []transit.Seconds{hm(8, 5), hm(8, 10), hm(8, 15)})}, nil)
	r, err := NewRaptor(day, RaptorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eg := rtEgress(t, 3, EgressEntry{2, 1, 60})
	out := make([]transit.Seconds, 4)
	ok := []StopTime{{0, 60}}
	cases := []struct {
		name     string
		access   []StopTime
		direct   []transit.Seconds
		eg       *Egress
		targets  int
		from, to transit.Seconds
		step     transit.Seconds
		out      []transit.Seconds
	}{
		{"zero step", ok, nil, eg, 2, hm(8, 0), hm(8, 2), 0, out},
		{"window backwards", ok, nil, eg, 2, hm(8, 2), hm(8, 0), 60, out},
		{"negative start", ok, nil, eg, 2, -60, hm(8, 0), 60, out},
		{"access stop outside day", []StopTime{{3, 60}}, nil, eg, 2, hm(8, 0), hm(8, 2), 60, out},
		{"negative access walk", []StopTime{{0, -1}}, nil, eg, 2, hm(8, 0), hm(8, 2), 60, out},
		{"direct of wrong length", ok, []transit.Seconds{1}, eg, 2, hm(8, 0), hm(8, 2), 60, out},
		{"egress target beyond targets", ok, nil, eg, 1, hm(8, 0), hm(8, 2), 60, out},
		{"egress for another day", ok, nil, rtEgress(t, 4), 2, hm(8, 0), hm(8, 2), 60, out},
		{"egress literal too short", ok, nil, &Egress{Start: []int32{0}}, 2, hm(8, 0), hm(8, 2), 60, out},
		{"egress literal bad target", ok, nil, &Egress{Start: []int32{0, 0, 0, 1}, Target: []int32{5}, Time: []transit.Seconds{1}}, 2, hm(8, 0), hm(8, 2), 60, out},
		{"out too short", ok, nil, eg, 2, hm(8, 0), hm(8, 3), 60, out},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := r.Range(c.access, c.direct, c.eg, c.targets, c.from, c.to, c.step, c.out)
			if !errors.Is(err, ErrInvalidRaptorQuery) {
				t.Errorf("Range error = %v, want ErrInvalidRaptorQuery", err)
			}
			if c.name == "out too short" {
				return // RangePercentiles' out is per target, not per minute
			}
			pct := make([]transit.Seconds, 2*c.targets)
			err = r.RangePercentiles(c.access, c.direct, c.eg, c.targets, c.from, c.to, c.step, []int{50, 90}, pct)
			if !errors.Is(err, ErrInvalidRaptorQuery) {
				t.Errorf("RangePercentiles error = %v, want ErrInvalidRaptorQuery", err)
			}
		})
	}
	// A window shorter than one step has no departure: every percentile
	// is unreachable, as Percentiles of an empty column.
	pct := []transit.Seconds{7, 7, 7, 7}
	if err := r.RangePercentiles(ok, []transit.Seconds{30, 30}, eg, 2, hm(8, 0), hm(8, 0)+30, 60, []int{50, 90}, pct); err != nil {
		t.Fatal(err)
	}
	for i, v := range pct {
		if v != Unreachable {
			t.Errorf("no departure: percentile slot %d = %d, want unreachable", i, v)
		}
	}
	// RangePercentiles needs a slot per target and percentile.
	if err := r.RangePercentiles(ok, nil, eg, 2, hm(8, 0), hm(8, 2), 60, []int{50, 90}, make([]transit.Seconds, 3)); !errors.Is(err, ErrInvalidRaptorQuery) {
		t.Errorf("RangePercentiles with 3 slots for 2 targets x 2 percentiles: error = %v", err)
	}
	// A literal Egress that is well formed is accepted.
	lit := &Egress{Start: []int32{0, 0, 0, 1}, Target: []int32{1}, Time: []transit.Seconds{60}}
	if err := r.Range(ok, nil, lit, 2, hm(8, 0), hm(8, 2), 60, out); err != nil {
		t.Errorf("literal egress: %v", err)
	}
	// 08:00: at 0 at 08:01, 08:05 trip, off 08:15, walk 1 min: 16 min.
	if out[1] != 960 || out[0] != Unreachable {
		t.Errorf("literal egress: out = %v, want [-1 960 ...]", out)
	}
}

func TestNewRaptorRejectsBadDays(t *testing.T) {
	good := func() *transit.Day {
		return rtDay(3, []rtPattern{rtLine([]int32{0, 1, 2},
			[]transit.Seconds{hm(8, 5), hm(8, 10), hm(8, 15)},
			[]transit.Seconds{hm(8, 20), hm(8, 25), hm(8, 30)})}, []rtTransfer{{0, 1, 60}})
	}
	if _, err := NewRaptor(good(), RaptorOptions{}); err != nil {
		t.Fatalf("good day rejected: %v", err)
	}
	cases := []struct {
		name  string
		spoil func(d *transit.Day)
	}{
		{"overtaking departure", func(d *transit.Day) { d.Dep[4] = hm(8, 9) }},
		{"overtaking arrival", func(d *transit.Day) { d.Arr[5] = hm(8, 14) }},
		{"negative time", func(d *transit.Day) { d.Dep[0] = -1 }},
		{"stop outside day", func(d *transit.Day) { d.PatStops[1] = 3 }},
		{"trip times outside arrays", func(d *transit.Day) { d.TripTimes[1] = 4 }},
		{"stop index disagrees", func(d *transit.Day) { d.StopPatPos[0] = 1 }},
		{"stop index incomplete", func(d *transit.Day) {
			d.StopPat, d.StopPatPos = d.StopPat[:2], d.StopPatPos[:2]
			d.StopPatStart[2], d.StopPatStart[3] = 2, 2
		}},
		{"pattern offsets past PatStops", func(d *transit.Day) { d.PatStopStart[1] = 4 }},
		{"short StopPatStart", func(d *transit.Day) { d.StopPatStart = d.StopPatStart[:2] }},
		{"transfer to nowhere", func(d *transit.Day) { d.TransferTo[0] = 7 }},
		{"negative transfer", func(d *transit.Day) { d.TransferTime[0] = -5 }},
		{"arr and dep lengths", func(d *transit.Day) { d.Dep = d.Dep[:5] }},
		{"missing trip refs", func(d *transit.Day) { d.TripRef = d.TripRef[:1] }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := good()
			c.spoil(d)
			if _, err := NewRaptor(d, RaptorOptions{}); !errors.Is(err, ErrInvalidDay) {
				t.Errorf("NewRaptor error = %v, want ErrInvalidDay", err)
			}
		})
	}
	if _, err := NewRaptor(nil, RaptorOptions{}); !errors.Is(err, ErrInvalidDay) {
		t.Errorf("nil day: error = %v, want ErrInvalidDay", err)
	}
	for _, o := range []RaptorOptions{{MaxRides: 1000}, {MaxTime: 1 << 30}, {BoardSlack: 1 << 30}} {
		if _, err := NewRaptor(good(), o); !errors.Is(err, ErrInvalidRaptorQuery) {
			t.Errorf("%+v: error = %v, want ErrInvalidRaptorQuery", o, err)
		}
	}
}

func TestRaptorOptionsDefaults(t *testing.T) {
	day := rtDay(1, nil, nil)
	cases := []struct {
		in, want RaptorOptions
	}{
		{RaptorOptions{}, RaptorOptions{MaxRides: 4, MaxTime: 7200, BoardSlack: 60}},
		{RaptorOptions{MaxRides: 3, MaxTime: 3600, BoardSlack: 30}, RaptorOptions{MaxRides: 3, MaxTime: 3600, BoardSlack: 30}},
		{RaptorOptions{BoardSlack: -20}, RaptorOptions{MaxRides: 4, MaxTime: 7200, BoardSlack: NoBoardSlack}},
	}
	for _, c := range cases {
		r, err := NewRaptor(day, c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Options(); got != c.want {
			t.Errorf("Options(%+v) = %+v, want %+v", c.in, got, c.want)
		}
		if got := r.Clone().Options(); got != c.want {
			t.Errorf("Clone().Options(%+v) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestNewEgress(t *testing.T) {
	entries := []EgressEntry{{1, 0, 100}, {0, 1, 50}, {1, 0, 80}, {0, 0, 10}}
	want := &Egress{Start: []int32{0, 2, 3, 3}, Target: []int32{0, 1, 0}, Time: []transit.Seconds{10, 50, 80}}
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}} {
		var in []EgressEntry
		for _, i := range order {
			in = append(in, entries[i])
		}
		eg, err := NewEgress(3, in)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(eg.Start, want.Start) || !slices.Equal(eg.Target, want.Target) || !slices.Equal(eg.Time, want.Time) {
			t.Errorf("order %v: NewEgress = %v %v %v, want %v %v %v", order, eg.Start, eg.Target, eg.Time, want.Start, want.Target, want.Time)
		}
	}
	for _, bad := range [][]EgressEntry{{{3, 0, 1}}, {{-1, 0, 1}}, {{0, -1, 1}}, {{0, 0, -1}}} {
		if _, err := NewEgress(3, bad); !errors.Is(err, ErrInvalidRaptorQuery) {
			t.Errorf("NewEgress(%v) error = %v, want ErrInvalidRaptorQuery", bad, err)
		}
	}
}

func TestRaptorClonesWorkConcurrently(t *testing.T) {
	city := rtNewCity(5, 400, 30, 50)
	rng := rand.New(rand.NewPCG(5, 5))
	const origins = 8
	access := make([][]StopTime, origins)
	direct := make([][]transit.Seconds, origins)
	for i := range origins {
		access[i], direct[i] = city.origin(rng)
	}
	r, err := NewRaptor(city.day, RaptorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	from, to := hm(7, 0), hm(7, 30)
	want := make([][]transit.Seconds, origins)
	for o := range origins {
		want[o] = make([]transit.Seconds, 30*50)
		if err := r.Range(access[o], direct[o], city.eg, 50, from, to, 60, want[o]); err != nil {
			t.Fatal(err)
		}
	}
	got := make([][]transit.Seconds, origins)
	var wg sync.WaitGroup
	for k := range 2 {
		c := r.Clone()
		wg.Go(func() {
			for o := k; o < origins; o += 2 {
				got[o] = make([]transit.Seconds, 30*50)
				if err := c.Range(access[o], direct[o], city.eg, 50, from, to, 60, got[o]); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	for o := range origins {
		if !slices.Equal(got[o], want[o]) {
			t.Errorf("origin %d: clone results differ from the sequential run", o)
		}
	}
}
