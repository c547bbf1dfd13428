package transit

import (
	"math"
	"slices"
	"testing"
)

func TestInterpolation(t *testing.T) {
	tt := townTimetable(t)
	cases := []struct {
		trip string
		want []Seconds
	}{
		// Stops on one meridian at 0, 1, 4 and 10 thousandths of a degree:
		// 1/10 and 4/10 of the 600 s ride.
		{"town:T1", []Seconds{hms(8, 0, 0), hms(8, 1, 0), hms(8, 4, 0), hms(8, 10, 0)}},
		// shape_dist_traveled 0, 100, 700, 1000.
		{"town:T2", []Seconds{hms(9, 0, 0), hms(9, 1, 0), hms(9, 7, 0), hms(9, 10, 0)}},
	}
	for _, c := range cases {
		arr, dep := tt.TripTimes(tripIdx(t, tt, c.trip))
		if !slices.Equal(arr, c.want) || !slices.Equal(dep, c.want) {
			t.Errorf("%s: arr %v dep %v, want %v", c.trip, arr, dep, c.want)
		}
	}
}

func TestInterpolateRules(t *testing.T) {
	u := untimed
	cases := []struct {
		name     string
		arr, dep []Seconds
		dist     []float64
		want     []Seconds // arrivals; nil when an error is expected
	}{
		{"by distance", []Seconds{0, u, u, 100}, []Seconds{10, u, u, 100}, []float64{0, 30, 60, 90}, []Seconds{0, 40, 70, 100}},
		{"rounding", []Seconds{0, u, 10}, []Seconds{0, u, 10}, []float64{0, 1, 3}, []Seconds{0, 3, 10}},
		{"same place", []Seconds{0, u, u, 90}, []Seconds{0, u, u, 90}, []float64{5, 5, 5, 5}, []Seconds{0, 30, 60, 90}},
		{"two gaps", []Seconds{0, u, 50, u, 100}, []Seconds{0, u, 60, u, 100}, []float64{0, 1, 2, 3, 4}, []Seconds{0, 25, 50, 80, 100}},
		{"first untimed", []Seconds{u, 10}, []Seconds{u, 10}, []float64{0, 1}, nil},
		{"last untimed", []Seconds{0, u}, []Seconds{0, u}, []float64{0, 1}, nil},
		{"backwards", []Seconds{50, 10}, []Seconds{50, 10}, []float64{0, 1}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := interpolate(c.arr, c.dep, c.dist)
			if c.want == nil {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil || !slices.Equal(c.arr, c.want) {
				t.Fatalf("arr %v, %v; want %v", c.arr, err, c.want)
			}
		})
	}
}

func TestDayTuesday(t *testing.T) {
	tt := townTimetable(t)
	d, err := tt.Day("20240109", DayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDay(t, tt, d)
	trips := dayTrips(tt, d)
	// WK runs on Tuesday and on Monday (for T6 after midnight).
	if d.NumPatterns() != 7 || d.NumTrips() != 13 {
		t.Errorf("%d patterns, %d trips; want 7 and 13", d.NumPatterns(), d.NumTrips())
	}
	byRef := map[string][]dayTrip{}
	for _, tr := range trips {
		byRef[tr.ref] = append(byRef[tr.ref], tr)
	}
	for _, absent := range []string{"town:T7", "town:T8"} {
		if len(byRef[absent]) != 0 {
			t.Errorf("%s runs on Tuesday", absent)
		}
	}

	// T6 runs 23:50-24:30 today and, from Monday, 00:10-00:30 from H2 on.
	t6 := byRef["town:T6"]
	if len(t6) != 2 {
		t.Fatalf("T6 runs %d times", len(t6))
	}
	slices.SortFunc(t6, func(a, b dayTrip) int { return len(a.stops) - len(b.stops) })
	if !slices.Equal(t6[0].stops, []string{"town:H2", "town:M1"}) || !slices.Equal(t6[0].arr, []Seconds{600, 1800}) {
		t.Errorf("T6 from Monday: %+v", t6[0])
	}
	if !slices.Equal(t6[1].dep, []Seconds{hms(23, 50, 0), hms(24, 10, 0), hms(24, 30, 0)}) {
		t.Errorf("T6 today: %+v", t6[1])
	}
	if t6[0].pattern == t6[1].pattern {
		t.Error("T6 runs share a pattern though their stops differ")
	}

	// Overtaking: T4 (07:05-07:12) passes T3 (07:00-07:20); T5 follows T3.
	p3, p4, p5 := byRef["town:T3"][0].pattern, byRef["town:T4"][0].pattern, byRef["town:T5"][0].pattern
	if p3 != p5 || p3 == p4 {
		t.Errorf("patterns of T3, T4, T5: %d %d %d; want T3 and T5 together, T4 apart", p3, p4, p5)
	}
	if n := d.PatTripStart[p4+1] - d.PatTripStart[p4]; n != 1 {
		t.Errorf("T4's pattern has %d trips", n)
	}

	// Frequencies: TF1 (exact) at 06:00, 06:20, 06:40 though its template
	// starts at 05:00; TF0 (inexact) at 10:00, 10:10, 10:20.
	cases := []struct {
		ref   string
		first []Seconds
		ride  Seconds
	}{
		{"town:TF1", []Seconds{hms(6, 0, 0), hms(6, 20, 0), hms(6, 40, 0)}, 300},
		{"town:TF0", []Seconds{hms(10, 0, 0), hms(10, 10, 0), hms(10, 20, 0)}, 300},
	}
	for _, c := range cases {
		var got []Seconds
		for _, tr := range byRef[c.ref] {
			got = append(got, tr.dep[0])
			if tr.arr[1]-tr.dep[0] != c.ride {
				t.Errorf("%s ride %d s", c.ref, tr.arr[1]-tr.dep[0])
			}
		}
		if !slices.Equal(got, c.first) {
			t.Errorf("%s departs %v, want %v", c.ref, got, c.first)
		}
	}

	// Interpolated times reach the day.
	if t1 := byRef["town:T1"][0]; !slices.Equal(t1.arr, []Seconds{hms(8, 0, 0), hms(8, 1, 0), hms(8, 4, 0), hms(8, 10, 0)}) {
		t.Errorf("T1 %v", t1.arr)
	}
}

func TestDayServices(t *testing.T) {
	tt := townTimetable(t)
	cases := []struct {
		date string
		want []string // trips of the day, sorted, one entry per run
	}{
		// Monday: Sunday had no service, so no T6 from the day before.
		{"20240108", []string{"town:T1", "town:T2", "town:T3", "town:T4", "town:T5", "town:T6",
			"town:TF0", "town:TF0", "town:TF0", "town:TF1", "town:TF1", "town:TF1"}},
		// Wednesday 3 January: WK removed, SA added; T6 of Tuesday.
		{"20240103", []string{"town:T6", "town:T7"}},
		// Saturday: SA; T6 of Friday.
		{"20240106", []string{"town:T6", "town:T7"}},
		// Sunday: T7 of Saturday ends by noon: nothing.
		{"20240107", nil},
		// 1 February: XD only (calendar_dates), T6 of 31 January.
		{"20240201", []string{"town:T6", "town:T8"}},
		// 2 February: past every calendar; T6 of 1 February? WK ended.
		{"20240202", nil},
	}
	for _, c := range cases {
		t.Run(c.date, func(t *testing.T) {
			d, err := tt.Day(c.date, DayOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkDay(t, tt, d)
			var got []string
			for _, tr := range dayTrips(tt, d) {
				got = append(got, tr.ref)
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("trips %v, want %v", got, c.want)
			}
		})
	}
	if _, err := tt.Day("2024-01-09", DayOptions{}); err == nil {
		t.Error("bad date accepted")
	}
}

// straightSecs is an independent estimate of the straight-line walking
// time (equirectangular approximation, fine at these distances).
func straightSecs(tt *Timetable, a, b int32, speed float64) float64 {
	sa, sb := tt.Stops[a], tt.Stops[b]
	const mPerDeg = 6371008.8 * math.Pi / 180
	dy := (sb.Lat - sa.Lat) * mPerDeg
	dx := (sb.Lon - sa.Lon) * mPerDeg * math.Cos((sa.Lat+sb.Lat)/2*math.Pi/180)
	return math.Hypot(dx, dy) / speed
}

func TestTransfers(t *testing.T) {
	tt := townTimetable(t)
	d, err := tt.Day("20240109", DayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p1, p2, m1, m2, h1, h2, m4 := stopIdx(t, tt, "town:P1"), stopIdx(t, tt, "town:P2"), stopIdx(t, tt, "town:M1"),
		stopIdx(t, tt, "town:M2"), stopIdx(t, tt, "town:H1"), stopIdx(t, tt, "town:H2"), stopIdx(t, tt, "town:M4")
	transfers := func() map[[2]int32]Seconds {
		out := map[[2]int32]Seconds{}
		for s := 0; s < d.NumStops; s++ {
			for k := d.TransferStart[s]; k < d.TransferStart[s+1]; k++ {
				out[[2]int32{int32(s), d.TransferTo[k]}] = d.TransferTime[k]
			}
		}
		return out
	}
	type want struct {
		from, to int32
		secs     float64 // expected time; straight-line estimates within 2 s
		approx   bool
	}
	check := func(t *testing.T, ws []want) {
		t.Helper()
		checkDay(t, tt, d)
		got := transfers()
		if len(got) != len(ws) {
			t.Errorf("%d transfers, want %d: %v", len(got), len(ws), got)
		}
		for _, w := range ws {
			g, ok := got[[2]int32{w.from, w.to}]
			switch {
			case !ok:
				t.Errorf("no transfer %s -> %s", tt.Stops[w.from].ID, tt.Stops[w.to].ID)
			case w.approx && math.Abs(float64(g)-w.secs) > 2, !w.approx && float64(g) != w.secs:
				t.Errorf("%s -> %s: %d s, want %.1f", tt.Stops[w.from].ID, tt.Stops[w.to].ID, g, w.secs)
			}
		}
	}
	speed := DefaultWalkSpeed
	t.Run("declared", func(t *testing.T) {
		check(t, []want{
			{p1, p2, 300, false},                              // min_transfer_time beats 19 s of walking
			{p2, p1, straightSecs(tt, p2, p1, speed), true},   // platforms of one station
			{p1, m1, straightSecs(tt, p1, m1, speed), true},   // station ST -> M1 applied to P1, walk beats 120
			{p2, m1, straightSecs(tt, p2, m1, speed), true},   // and to P2
			{m1, m2, math.Ceil(111.19508 * 1 / speed), false}, // 0.001° of latitude: 111.2 m
		})
		if _, ok := transfers()[[2]int32{h1, p1}]; ok {
			t.Error("forbidden transfer present")
		}
	})
	t.Run("walking list", func(t *testing.T) {
		err := d.SetTransfers(
			[]int32{h1, p1, p1, m1, m1, p2, m4},
			[]int32{p1, p2, h2, m2, m2, p1, m4},
			[]Seconds{250, 100, 400, 200, 180, 50, 10})
		if err != nil {
			t.Fatal(err)
		}
		check(t, []want{
			{p1, p2, 300, false}, // declared minimum larger than 100
			{p1, h2, 400, false}, // walking only
			{m1, m2, 180, false}, // shortest of two
			{p2, p1, 50, false},  // walking time replaces the straight line
			{p1, m1, straightSecs(tt, p1, m1, speed), true},
			{p2, m1, straightSecs(tt, p2, m1, speed), true},
		})
	})
	t.Run("deterministic", func(t *testing.T) {
		a := slices.Clone(d.TransferTo)
		err := d.SetTransfers(
			[]int32{m4, p2, m1, m1, p1, p1, h1},
			[]int32{m4, p1, m2, m2, h2, p2, p1},
			[]Seconds{10, 50, 180, 200, 400, 100, 250})
		if err != nil || !slices.Equal(a, d.TransferTo) {
			t.Errorf("order of the list changes the result: %v", err)
		}
	})
	t.Run("errors", func(t *testing.T) {
		if err := d.SetTransfers([]int32{0}, []int32{1, 2}, []Seconds{1}); err == nil {
			t.Error("length mismatch accepted")
		}
		if err := d.SetTransfers([]int32{0}, []int32{int32(d.NumStops)}, []Seconds{1}); err == nil {
			t.Error("stop out of range accepted")
		}
		if err := d.SetTransfers([]int32{0}, []int32{1}, []Seconds{-1}); err == nil {
			t.Error("negative time accepted")
		}
	})
}
