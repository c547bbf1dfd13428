package transit

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/testutil"

	"github.com/saavu/saavu/data/gtfs"
)

// moduleRoot is the folder holding go.mod.
func moduleRoot(tb testing.TB) string { return testutil.RepoRoot(tb) }

// sharedData returns a path under ../shared/data, skipping the test when absent.
func sharedData(tb testing.TB, rel string) string { return testutil.SharedData(tb, rel) }

// loadFeed loads a feed (directory or zip) with a prefix.
func loadFeed(tb testing.TB, path, prefix string) *gtfs.Feed {
	tb.Helper()
	f, err := gtfs.Load(context.Background(), path, gtfs.Options{Prefix: prefix})
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// townTimetable compiles the town fixture.
func townTimetable(tb testing.TB) *Timetable {
	tb.Helper()
	f := loadFeed(tb, filepath.Join(moduleRoot(tb), "testdata", "gtfs", "town"), "town")
	tt, err := Compile([]*gtfs.Feed{f}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return tt
}

func stopIdx(tb testing.TB, tt *Timetable, id string) int32 {
	tb.Helper()
	for i, s := range tt.Stops {
		if s.ID == id {
			return int32(i)
		}
	}
	tb.Fatalf("no stop %q", id)
	return -1
}

func tripIdx(tb testing.TB, tt *Timetable, id string) int32 {
	tb.Helper()
	for i, t := range tt.Trips {
		if t.ID == id {
			return int32(i)
		}
	}
	tb.Fatalf("no trip %q", id)
	return -1
}

func hms(h, m, s int) Seconds { return Seconds(h*3600 + m*60 + s) }

// dayTrip is one trip of a Day in readable form.
type dayTrip struct {
	ref     string
	stops   []string
	arr     []Seconds
	dep     []Seconds
	pattern int
}

// dayTrips lists the trips of a day.
func dayTrips(tt *Timetable, d *Day) []dayTrip {
	var out []dayTrip
	for p := 0; p < d.NumPatterns(); p++ {
		stops := d.PatStops[d.PatStopStart[p]:d.PatStopStart[p+1]]
		for t := d.PatTripStart[p]; t < d.PatTripStart[p+1]; t++ {
			dt := dayTrip{ref: tt.Trips[d.TripRef[t]].ID, pattern: p}
			for j, s := range stops {
				dt.stops = append(dt.stops, tt.Stops[s].ID)
				dt.arr = append(dt.arr, d.Arr[int(d.TripTimes[t])+j])
				dt.dep = append(dt.dep, d.Dep[int(d.TripTimes[t])+j])
			}
			out = append(out, dt)
		}
	}
	return out
}

// checkDay verifies the invariants a Day promises.
func checkDay(tb testing.TB, tt *Timetable, d *Day) {
	tb.Helper()
	np, nt := d.NumPatterns(), d.NumTrips()
	if len(d.PatStopStart) != np+1 || len(d.PatTripStart) != np+1 || len(d.TripRef) != nt || len(d.Arr) != len(d.Dep) {
		tb.Fatalf("array lengths: %d patterns, %d/%d starts, %d trips, %d refs", np, len(d.PatStopStart), len(d.PatTripStart), nt, len(d.TripRef))
	}
	if d.NumStops != len(tt.Stops) || int(d.PatTripStart[np]) != nt || int(d.PatStopStart[np]) != len(d.PatStops) {
		tb.Fatalf("totals do not match")
	}
	for p := 0; p < np; p++ {
		stops := d.PatStops[d.PatStopStart[p]:d.PatStopStart[p+1]]
		if len(stops) < 2 || d.PatTripStart[p+1] <= d.PatTripStart[p] {
			tb.Fatalf("pattern %d: %d stops, %d trips", p, len(stops), d.PatTripStart[p+1]-d.PatTripStart[p])
		}
		for _, s := range stops {
			if s < 0 || int(s) >= d.NumStops {
				tb.Fatalf("pattern %d: stop %d out of range", p, s)
			}
		}
		for t := d.PatTripStart[p]; t < d.PatTripStart[p+1]; t++ {
			if tt.Trips[d.TripRef[t]].Route != d.PatRoute[p] {
				tb.Fatalf("trip %d route differs from its pattern's", t)
			}
			off := int(d.TripTimes[t])
			if off < 0 || off+len(stops) > len(d.Arr) {
				tb.Fatalf("trip %d times out of range", t)
			}
			for j := range stops {
				a, dp := d.Arr[off+j], d.Dep[off+j]
				if a < 0 || dp < a || (j > 0 && a < d.Dep[off+j-1]) {
					tb.Fatalf("pattern %d trip %d: times go back at %d: %v", p, t, j, d.Arr[off:off+len(stops)])
				}
			}
			if t > d.PatTripStart[p] {
				prev := int(d.TripTimes[t-1])
				for j := range stops {
					if d.Arr[off+j] < d.Arr[prev+j] || d.Dep[off+j] < d.Dep[prev+j] {
						tb.Fatalf("pattern %d: trip %d overtakes trip %d at %d", p, t, t-1, j)
					}
				}
			}
		}
	}
	// Stop -> pattern index.
	if len(d.StopPatStart) != d.NumStops+1 || int(d.StopPatStart[d.NumStops]) != len(d.PatStops) {
		tb.Fatalf("StopPatStart")
	}
	for s := 0; s < d.NumStops; s++ {
		for k := d.StopPatStart[s]; k < d.StopPatStart[s+1]; k++ {
			p, pos := d.StopPat[k], d.StopPatPos[k]
			if d.PatStops[d.PatStopStart[p]+pos] != int32(s) {
				tb.Fatalf("stop %d: pattern %d position %d is stop %d", s, p, pos, d.PatStops[d.PatStopStart[p]+pos])
			}
		}
	}
	// Transfers.
	if len(d.TransferStart) != d.NumStops+1 || int(d.TransferStart[d.NumStops]) != len(d.TransferTo) || len(d.TransferTime) != len(d.TransferTo) {
		tb.Fatalf("transfer arrays")
	}
	for s := 0; s < d.NumStops; s++ {
		to := d.TransferTo[d.TransferStart[s]:d.TransferStart[s+1]]
		if !slices.IsSorted(to) {
			tb.Fatalf("transfers of %d not sorted", s)
		}
		for k, x := range to {
			if x == int32(s) || x < 0 || int(x) >= d.NumStops || (k > 0 && to[k-1] == x) || d.TransferTime[int(d.TransferStart[s])+k] < 0 {
				tb.Fatalf("bad transfer %d -> %d", s, x)
			}
		}
	}
}
