package prepare

import (
	"cmp"
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/internal/transit"
)

// lineTimetable compiles testdata/prepare/gtfs.
func lineTimetable(t *testing.T) *transit.Timetable {
	t.Helper()
	f, err := gtfs.Load(context.Background(), filepath.Join(repoRoot(t), "testdata", "prepare", "gtfs"), gtfs.Options{Prefix: "l"})
	if err != nil {
		t.Fatal(err)
	}
	tt, err := transit.Compile([]*gtfs.Feed{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tt
}

// westOf is an area: everything west of lon 25.03.
func westOf(lon, lat float64) bool { return lon < 25.03 }

func TestClipTimetableFixture(t *testing.T) {
	full := lineTimetable(t)
	tt, c := ClipTimetable(full, westOf)
	var stops, trips, routes []string
	for _, s := range tt.Stops {
		stops = append(stops, s.ID)
	}
	for _, tr := range tt.Trips {
		trips = append(trips, tr.ID)
	}
	for _, r := range tt.Routes {
		routes = append(routes, r.ID)
	}
	// C, E and the station STO lie east of 25.03; T2 only serves them,
	// so route R2 goes too.
	if want := []string{"l:A", "l:ST", "l:B", "l:D"}; !slices.Equal(stops, want) {
		t.Errorf("stops %v, want %v", stops, want)
	}
	if want := []string{"l:T1", "l:T3", "l:T4"}; !slices.Equal(trips, want) {
		t.Errorf("trips %v, want %v", trips, want)
	}
	if want := []string{"l:R1", "l:R3"}; !slices.Equal(routes, want) {
		t.Errorf("routes %v, want %v", routes, want)
	}
	if b := tt.Stops[2]; b.Parent != 1 {
		t.Errorf("B's parent is %d, want 1 (ST)", b.Parent)
	}
	want := TransitCounts{Stops: 7, StopsKept: 4, Trips: 4, TripsKept: 3, TripsCut: 2, StopTimes: 10, StopTimesKept: 6,
		Routes: 3, RoutesKept: 2, Patterns: 2} // T1 cut to A, B joins T4's pattern
	if c != want {
		t.Errorf("counts\n got %+v\nwant %+v", c, want)
	}
	// T1 rides from A (08:00) through C to B (08:20): one ride A-B kept.
	arr, dep := tt.TripTimes(0)
	if !slices.Equal(dep, []transit.Seconds{8 * 3600, 8*3600 + 1200}) || !slices.Equal(arr, dep) {
		t.Errorf("T1 times %v %v", arr, dep)
	}
	// T3's frequency window moves by the 11 minutes from C to leaving A.
	if len(tt.Frequencies) != 1 || tt.Frequencies[0].Start != 6*3600+660 || tt.Frequencies[0].End != 7*3600+660 || tt.Frequencies[0].Trip != 1 {
		t.Errorf("frequencies %+v", tt.Frequencies)
	}
	// The transfer A-C goes with C.
	if len(tt.Transfers) != 1 || tt.Transfers[0].From != 0 || tt.Transfers[0].To != 2 || tt.Transfers[0].MinTime != 120 {
		t.Errorf("transfers %+v", tt.Transfers)
	}
	sameDays(t, full, tt, westOf, []string{"20240102", "20241231"})
}

// stopTime is one boarding opportunity of a day: a run of a trip at a
// stop.
type stopTime struct {
	trip, stop string
	arr, dep   transit.Seconds
}

// dayTimes lists the stop times of the runs of a day at stops inside the
// area, leaving out runs with fewer than two of them (the clipped
// timetable cannot keep those), sorted.
func dayTimes(tt *transit.Timetable, d *transit.Day, inside func(lon, lat float64) bool) []stopTime {
	var out []stopTime
	for p := range d.NumPatterns() {
		stops := d.PatStops[d.PatStopStart[p]:d.PatStopStart[p+1]]
		for k := d.PatTripStart[p]; k < d.PatTripStart[p+1]; k++ {
			var run []stopTime
			for j, s := range stops {
				st := tt.Stops[s]
				if inside(st.Lon, st.Lat) {
					i := d.TripTimes[k] + int32(j)
					run = append(run, stopTime{tt.Trips[d.TripRef[k]].ID, st.ID, d.Arr[i], d.Dep[i]})
				}
			}
			if len(run) >= 2 {
				out = append(out, run...)
			}
		}
	}
	slices.SortFunc(out, func(a, b stopTime) int {
		return cmp.Or(cmp.Compare(a.trip, b.trip), cmp.Compare(a.dep, b.dep), cmp.Compare(a.stop, b.stop), cmp.Compare(a.arr, b.arr))
	})
	return out
}

// sameDays checks that on each date the clipped timetable offers exactly
// the runs of the full one at the stops inside the area, at the same
// times: an independent check of ClipTimetable through Timetable.Day.
func sameDays(t *testing.T, full, clipped *transit.Timetable, inside func(lon, lat float64) bool, dates []string) {
	t.Helper()
	for _, date := range dates {
		df, err := full.Day(date, transit.DayOptions{})
		if err != nil {
			t.Fatal(err)
		}
		dc, err := clipped.Day(date, transit.DayOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want, got := dayTimes(full, df, inside), dayTimes(clipped, dc, inside)
		if len(want) == 0 {
			t.Errorf("%s: no run inside the area: the check checks nothing", date)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: clipped day has %d stop times inside, the full day %d; first difference at %d", date, len(got), len(want), firstDiff(got, want))
		}
	}
}

func firstDiff[T comparable](a, b []T) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
