package gtfs

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzStopTimes reads the town feed with a fuzzed stop_times.txt: the
// reader must not panic, and a feed that loads must hold its invariants.
func FuzzStopTimes(f *testing.F) {
	dir := filepath.Join("..", "..", "testdata", "gtfs", "town")
	base := fstest.MapFS{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		base[e.Name()] = &fstest.MapFile{Data: b}
	}
	f.Add(string(base["stop_times.txt"].Data))
	f.Add("\ufefftrip_id,stop_id,stop_sequence,arrival_time\r\nT1,M1,2,08:00:00\r\nT1,\"M2\",1,\r\nT1,M4,3,9:00:00,x\r\n")
	f.Add("trip_id,stop_id,stop_sequence,arrival_time,departure_time\nT1,M1,1,25:61:00,\nT1,M1,\"1\n")
	f.Fuzz(func(t *testing.T, stopTimes string) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys["stop_times.txt"] = &fstest.MapFile{Data: []byte(stopTimes)}
		feed, err := Read(context.Background(), fsys, "fuzz", Options{})
		if err != nil {
			return
		}
		st := &feed.StopTimes
		if len(st.Start) != len(feed.Trips)+1 || st.Start[0] != 0 || int(st.Start[len(feed.Trips)]) != st.Len() {
			t.Fatalf("bad Start %v for %d stop times", st.Start, st.Len())
		}
		for ti := range feed.Trips {
			from, to := st.Trip(ti)
			if from > to {
				t.Fatalf("trip %d range %d-%d", ti, from, to)
			}
			prev := Seconds(-1)
			for j := from; j < to; j++ {
				if st.Stop[j] < 0 || int(st.Stop[j]) >= len(feed.Stops) {
					t.Fatalf("stop %d out of range", st.Stop[j])
				}
				if st.Arr[j] == Untimed {
					if st.Dep[j] != Untimed || j == from || j == to-1 {
						t.Fatalf("trip %d: bad untimed stop time %d", ti, j)
					}
					continue
				}
				if st.Arr[j] < prev || st.Dep[j] < st.Arr[j] {
					t.Fatalf("trip %d: times go back at %d", ti, j)
				}
				prev = st.Dep[j]
			}
		}
	})
}
