package gtfs

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

// FuzzParseDate: accepted dates format back to the same eight digits and
// parse again to the same day; rejected ones wrap ErrBadDate.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"20240101", "20240229", "20230229", "19700101", "00010101", "99991231", "2024-01-01", " 20241231\t", "2024013"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrBadDate) {
				t.Fatalf("ParseDate(%q): error %v does not wrap ErrBadDate", s, err)
			}
			return
		}
		out := d.String()
		if trimSpace(s) != out {
			t.Fatalf("ParseDate(%q) = %v, which formats as %q", s, d, out)
		}
		back, err := ParseDate(out)
		if err != nil || back != d {
			t.Fatalf("%q -> %d -> %q -> %d, %v", s, d, out, back, err)
		}
		if w := d.Weekday(); w != d.Time().Weekday() {
			t.Fatalf("weekday %v of %v", w, d)
		}
	})
}

// feedFiles are the files FuzzFeedFile replaces, one at a time; stop_times
// has its own target (FuzzStopTimes).
var feedFiles = []string{"agency.txt", "stops.txt", "routes.txt", "trips.txt", "calendar.txt", "calendar_dates.txt", "frequencies.txt", "transfers.txt"}

// FuzzFeedFile reads the town feed (testdata/gtfs/town) with one of its
// files replaced by fuzzed text: no panic, failures are *Error values
// naming a file, and a feed that loads holds its invariants: indices in
// range, coordinates finite and within degree ranges, frequencies with a
// positive headway and an end after their start, sorted unique exception
// dates.
func FuzzFeedFile(f *testing.F) {
	dir := filepath.Join("..", "..", "testdata", "gtfs", "town")
	base := fstest.MapFS{}
	for _, name := range append(slices.Clone(feedFiles), "stop_times.txt") {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			f.Fatal(err)
		}
		base[name] = &fstest.MapFile{Data: b}
	}
	for i, name := range feedFiles {
		f.Add(uint8(i), base[name].Data)
	}
	// Seeds from the malformed feeds of the bad-input table.
	bad, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "bad", "gtfs", "*", "*.txt"))
	for _, p := range bad {
		if i := slices.Index(feedFiles, filepath.Base(p)); i >= 0 {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(uint8(i), b)
			}
		}
	}
	f.Add(uint8(6), []byte("trip_id,start_time,end_time,headway_secs\nTF1,06:00:00,05:00:00,0\nTF1,06:00:00,07:00:00,-1\nTF1,6:00:00,07:00:00,99999999999\n"))
	f.Add(uint8(1), []byte("stop_id,stop_lat,stop_lon\nP1,NaN,Inf\nP1,91,181\n\"M1\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		name := feedFiles[int(which)%len(feedFiles)]
		fsys[name] = &fstest.MapFile{Data: data}
		feed, err := Read(context.Background(), fsys, "fuzz", Options{})
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) || fe.File == "" && fe.Msg == "" {
				t.Fatalf("error %T %v does not say where", err, err)
			}
			return
		}
		checkFeed(t, feed)
	})
}

func checkFeed(t *testing.T, feed *Feed) {
	t.Helper()
	for i, s := range feed.Stops {
		if math.IsNaN(s.Lat) || math.IsNaN(s.Lon) || math.Abs(s.Lat) > 90 || math.Abs(s.Lon) > 180 {
			t.Fatalf("stop %d at %v, %v", i, s.Lon, s.Lat)
		}
		if s.Parent < -1 || int(s.Parent) >= len(feed.Stops) || int(s.Parent) == i {
			t.Fatalf("stop %d has parent %d", i, s.Parent)
		}
	}
	for i, r := range feed.Routes {
		if r.Agency < -1 || int(r.Agency) >= len(feed.Agencies) {
			t.Fatalf("route %d has agency %d", i, r.Agency)
		}
	}
	for i, tr := range feed.Trips {
		if tr.Route < 0 || int(tr.Route) >= len(feed.Routes) || tr.Service < -1 || int(tr.Service) >= len(feed.Services) {
			t.Fatalf("trip %d: route %d, service %d", i, tr.Route, tr.Service)
		}
	}
	for i, s := range feed.Services {
		for _, ds := range [][]Date{s.Added, s.Removed} {
			if !slices.IsSorted(ds) || len(slices.Compact(slices.Clone(ds))) != len(ds) {
				t.Fatalf("service %d dates not sorted and unique: %v", i, ds)
			}
		}
	}
	for i, fr := range feed.Frequencies {
		if fr.Trip < 0 || int(fr.Trip) >= len(feed.Trips) || fr.Headway <= 0 || fr.End <= fr.Start || fr.Start < 0 {
			t.Fatalf("frequency %d: %+v", i, fr)
		}
	}
	for i, tr := range feed.Transfers {
		if tr.From < 0 || int(tr.From) >= len(feed.Stops) || tr.To < 0 || int(tr.To) >= len(feed.Stops) || tr.Type > 3 {
			t.Fatalf("transfer %d: %+v", i, tr)
		}
		if tr.MinTime < 0 && tr.MinTime != Untimed {
			t.Fatalf("transfer %d: min time %d", i, tr.MinTime)
		}
	}
	st := &feed.StopTimes
	if len(st.Start) != len(feed.Trips)+1 || int(st.Start[len(feed.Trips)]) != st.Len() {
		t.Fatalf("stop time index %v for %d stop times", st.Start, st.Len())
	}
	for j := range st.Stop {
		if st.Stop[j] < 0 || int(st.Stop[j]) >= len(feed.Stops) {
			t.Fatalf("stop time %d at stop %d", j, st.Stop[j])
		}
	}
}
