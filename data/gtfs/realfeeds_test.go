package gtfs

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// sharedData returns a path under ../shared/data, skipping the test when absent.
func sharedData(tb testing.TB, rel string) string { return testutil.SharedData(tb, rel) }

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
