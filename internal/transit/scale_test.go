package transit

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/links"
)

// scaleTimetable has two sketch lines: A (both ways, P <-> Q, 10 minutes,
// leaving at 06:00, 07:00, ..., 11:00) and B (one way, P -> R, 15
// minutes, at 06:00, 06:30, 07:00).
func scaleTimetable(tb testing.TB) *Timetable {
	tb.Helper()
	const csv = `line,stops,minutes,departures,direction
A,P@25.0 61.0|Q@25.1 61.0,10,06:00 07:00 08:00 09:00 10:00 11:00,both
B,P@25.0 61.0|R@25.0 61.1,15,06:00 06:30 07:00,one-way
`
	lf, err := links.Read(strings.NewReader(csv), "scale.csv")
	if err != nil {
		tb.Fatal(err)
	}
	tt, err := Compile(nil, []Sketch{{Prefix: "s", File: lf}})
	if err != nil {
		tb.Fatal(err)
	}
	return tt
}

// departures lists, per route and first stop ("A P", "A Q", "B P"), the
// departures of the day's runs from that stop, sorted.
func departures(tt *Timetable, d *Day) map[string][]Seconds {
	out := map[string][]Seconds{}
	for _, tr := range dayTrips(tt, d) {
		route := tt.Routes[tt.Trips[tripByRef(tt, tr.ref)].Route].ShortName
		k := route + " " + strings.TrimPrefix(tr.stops[0], "s:")
		out[k] = append(out[k], tr.dep[0])
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

func tripByRef(tt *Timetable, id string) int32 {
	for i, t := range tt.Trips {
		if t.ID == id {
			return int32(i)
		}
	}
	return -1
}

// every lists n departures from h:m every step minutes.
func every(h, m, step, n int) []Seconds {
	var out []Seconds
	for i := range n {
		out = append(out, hms(h, m+i*step, 0))
	}
	return out
}

func TestScaleRoutes(t *testing.T) {
	tt := scaleTimetable(t)
	hourly := every(6, 0, 60, 6)
	bDeps := every(6, 0, 30, 3)
	cases := []struct {
		name  string
		scale map[string]float64
		a, b  []Seconds // A from P (and from Q, the same times), B from P
	}{
		{"none", nil, hourly, bDeps},
		{"factor 1", map[string]float64{"A": 1}, hourly, bDeps},
		// Every other run, the first kept.
		{"half", map[string]float64{"A": 0.5}, []Seconds{hms(6, 0, 0), hms(8, 0, 0), hms(10, 0, 0)}, bDeps},
		// ceil(6 x 0.3) = 2 runs: ranks 0 and 3 (ceil(1.2) > ceil(0.9)).
		{"0.3", map[string]float64{"A": 0.3}, []Seconds{hms(6, 0, 0), hms(9, 0, 0)}, bDeps},
		{"removed", map[string]float64{"A": 0}, nil, bDeps},
		// A copy halfway between each two runs, none after the last.
		{"double", map[string]float64{"A": 2}, every(6, 0, 30, 11), bDeps},
		// Two copies in each gap, at 20 and 40 minutes.
		{"triple", map[string]float64{"A": 3}, every(6, 0, 20, 16), bDeps},
		// e = 0.5: copies after ranks 0, 2 and 4 (ceil((r+1)/2) - ceil(r/2)).
		{"one and a half", map[string]float64{"A": 1.5},
			[]Seconds{hms(6, 0, 0), hms(6, 30, 0), hms(7, 0, 0), hms(8, 0, 0), hms(8, 30, 0), hms(9, 0, 0), hms(10, 0, 0), hms(10, 30, 0), hms(11, 0, 0)}, bDeps},
		// By namespaced id; B's runs are 30 minutes apart.
		{"by id", map[string]float64{"s:B": 2}, hourly, every(6, 0, 15, 5)},
		{"both", map[string]float64{"s:B": 0.5, "A": 0.5}, []Seconds{hms(6, 0, 0), hms(8, 0, 0), hms(10, 0, 0)}, []Seconds{hms(6, 0, 0), hms(7, 0, 0)}},
		{"id and short name agree", map[string]float64{"s:A": 0.5, "A": 0.5}, []Seconds{hms(6, 0, 0), hms(8, 0, 0), hms(10, 0, 0)}, bDeps},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := tt.Day("20240109", DayOptions{ScaleRoutes: c.scale})
			if err != nil {
				t.Fatal(err)
			}
			checkDay(t, tt, d)
			got := departures(tt, d)
			for _, k := range []string{"A P", "A Q"} {
				if !slices.Equal(got[k], c.a) {
					t.Errorf("%s: %v, want %v", k, got[k], c.a)
				}
			}
			if !slices.Equal(got["B P"], c.b) {
				t.Errorf("B: %v, want %v", got["B P"], c.b)
			}
		})
	}
}

// TestScaleRoutesCopies checks the stop times of an added run: a copy of
// the run before it, shifted.
func TestScaleRoutesCopies(t *testing.T) {
	tt := scaleTimetable(t)
	d, err := tt.Day("20240109", DayOptions{ScaleRoutes: map[string]float64{"B": 2}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, tr := range dayTrips(tt, d) {
		if tr.stops[0] == "s:P" && tr.dep[0] == hms(6, 15, 0) {
			found = true
			// A copy of the 06:00 run (same trip), 15 minutes later.
			if tr.ref != "s:B:out:06:00:00" || !slices.Equal(tr.arr, []Seconds{hms(6, 15, 0), hms(6, 30, 0)}) {
				t.Errorf("copy %s arrives %v", tr.ref, tr.arr)
			}
		}
	}
	if !found {
		t.Error("no run at 06:15")
	}
}

func TestScaleRoutesErrors(t *testing.T) {
	tt := scaleTimetable(t)
	cases := []struct {
		name  string
		scale map[string]float64
		msg   string
	}{
		{"unknown route", map[string]float64{"Z": 2}, `"Z"`},
		{"above the maximum", map[string]float64{"A": 11}, "outside"},
		{"negative", map[string]float64{"A": -1}, "outside"},
		{"not a number", map[string]float64{"A": math.NaN()}, "outside"},
		{"id and short name disagree", map[string]float64{"s:A": 0.5, "A": 2}, "s:A"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := tt.Day("20240109", DayOptions{ScaleRoutes: c.scale})
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %v, want ErrInvalid naming %s", err, c.msg)
			}
		})
	}
}
