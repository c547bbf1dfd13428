package transit

import (
	"testing"

	"github.com/saavu/saavu/data/gtfs"
)

// todayTrips counts, independently of Day, the trips of feed f that run
// on date d from their own service: scheduled trips with at least two
// stop times, plus one per headway step of each frequency row.
func todayTrips(tb testing.TB, f *gtfs.Feed, date string) int {
	tb.Helper()
	d, err := gtfs.ParseDate(date)
	if err != nil {
		tb.Fatal(err)
	}
	frequent := map[int32]bool{}
	n := 0
	for _, fr := range f.Frequencies {
		frequent[fr.Trip] = true
		tr := f.Trips[fr.Trip]
		if tr.Service >= 0 && f.Services[tr.Service].Active(d) {
			n += int((fr.End - fr.Start + fr.Headway - 1) / fr.Headway)
		}
	}
	for ti, tr := range f.Trips {
		from, to := f.StopTimes.Trip(ti)
		if !frequent[int32(ti)] && to-from >= 2 && tr.Service >= 0 && f.Services[tr.Service].Active(d) {
			n++
		}
	}
	return n
}

func TestRealFeedsDay(t *testing.T) {
	cases := []struct {
		name  string
		feeds []string
		date  string
		// exact: no trip of the previous date runs after midnight, so the
		// day has exactly the date's own trips.
		exact       bool
		minPatterns int
	}{
		{"tampere", []string{"tampere/tampere-gtfs.zip"}, "20220110", true, 100},
		{"porto-alegre", []string{"porto-alegre/poa_eptc.zip", "porto-alegre/poa_trensurb.zip"}, "20190513", false, 100},
		{"sao-paulo", []string{"sao-paulo/spo.zip"}, "20190513", false, 30},
		{"monaco", []string{"monaco/monaco-gtfs.zip"}, "20260112", false, 20},
		{"terre-haute", []string{"terre-haute/terre-haute-gtfs.zip"}, "20171002", false, 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var feeds []*gtfs.Feed
			want := 0
			for i, p := range c.feeds {
				f := loadFeed(t, sharedData(t, p), string(rune('a'+i)))
				feeds = append(feeds, f)
				want += todayTrips(t, f, c.date)
			}
			tt, err := Compile(feeds, nil)
			if err != nil {
				t.Fatal(err)
			}
			d, err := tt.Day(c.date, DayOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkDay(t, tt, d)
			t.Logf("%s on %s: %d stops, %d timetable trips, %d patterns, %d trips, %d stop times, %d transfers",
				c.name, c.date, len(tt.Stops), len(tt.Trips), d.NumPatterns(), d.NumTrips(), len(d.Arr), len(d.TransferTo))
			if c.exact && d.NumTrips() != want || d.NumTrips() < want {
				t.Errorf("%d trips in the day, the date's own trips are %d", d.NumTrips(), want)
			}
			if d.NumPatterns() < c.minPatterns {
				t.Errorf("%d patterns, want at least %d", d.NumPatterns(), c.minPatterns)
			}
		})
	}
}

func BenchmarkCompile(b *testing.B) {
	f := loadFeed(b, sharedData(b, "tampere/tampere-gtfs.zip"), "tampere")
	b.ReportAllocs()
	trips := 0
	for b.Loop() {
		tt, err := Compile([]*gtfs.Feed{f}, nil)
		if err != nil {
			b.Fatal(err)
		}
		trips += len(tt.Trips)
	}
	b.ReportMetric(float64(trips)/float64(b.N), "trips/op")
}

func BenchmarkDay(b *testing.B) {
	for _, c := range []struct{ name, path, date string }{
		{"tampere", "tampere/tampere-gtfs.zip", "20220110"},
		{"monaco", "monaco/monaco-gtfs.zip", "20260112"},
		{"sao-paulo", "sao-paulo/spo.zip", "20190513"},
	} {
		b.Run(c.name, func(b *testing.B) {
			f := loadFeed(b, sharedData(b, c.path), c.name)
			tt, err := Compile([]*gtfs.Feed{f}, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			trips := 0
			for b.Loop() {
				d, err := tt.Day(c.date, DayOptions{})
				if err != nil {
					b.Fatal(err)
				}
				trips += d.NumTrips()
			}
			b.ReportMetric(float64(trips)/float64(b.N), "trips/op")
		})
	}
}
