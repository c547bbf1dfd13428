package gtfs

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// sharedData returns the path of a file under ../shared/data (relative to
// the module root), skipping the test when it is absent.
func sharedData(tb testing.TB, rel string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("module root not found")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("real data %s absent (%v): skipping", rel, err)
	}
	return p
}

func TestRealFeeds(t *testing.T) {
	cases := []struct {
		path, date string
		minStops   int
		minTrips   int
	}{
		{"tampere/tampere-gtfs.zip", "20220110", 1000, 5000},
		{"porto-alegre/poa_eptc.zip", "20190513", 1000, 1000},
		{"porto-alegre/poa_trensurb.zip", "20190513", 10, 100},
		{"sao-paulo/spo.zip", "20190513", 100, 10},
		{"monaco/monaco-gtfs.zip", "20260112", 50, 10000},
		{"terre-haute/terre-haute-gtfs.zip", "20171002", 50, 100},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			p := sharedData(t, c.path)
			d, err := ParseDate(c.date)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Validate(context.Background(), p, Options{Prefix: "x", Dates: []Date{d}})
			if testing.Verbose() {
				rep.WriteText(os.Stdout)
			}
			if err != nil {
				t.Fatal(err)
			}
			f, err := Load(context.Background(), p, Options{Prefix: "x"})
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Stops) < c.minStops || len(f.Trips) < c.minTrips {
				t.Errorf("%d stops, %d trips; want at least %d and %d", len(f.Stops), len(f.Trips), c.minStops, c.minTrips)
			}
			if len(rep.Active) != 1 || rep.Active[0].Trips == 0 {
				t.Errorf("no trip active on %s", c.date)
			}
		})
	}
}
