package synth

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/internal/transit"
)

// smallTransit is a timetable for the small country with every kind of
// line: one city (frequency-based trunk lines, night buses), coaches, a
// train and rural lines.
func smallTransit() TransitParams {
	p := DefaultTransitParams()
	p.Cities, p.LargeTowns, p.Towns = 1, 2, 4
	p.FrequencyCities = 1
	p.CoachTowns, p.CoachLinks = 4, 2
	p.TrainLines = 2
	p.RuralShare = 1
	return p
}

// writeSmall writes the small country's feed to a new folder.
func writeSmall(t *testing.T, p TransitParams) (string, GTFSStats) {
	t.Helper()
	c, err := Generate(small())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "gtfs")
	st, err := c.WriteGTFS(dir, p)
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}

func loadSmall(t *testing.T) (*gtfs.Feed, GTFSStats) {
	t.Helper()
	dir, st := writeSmall(t, smallTransit())
	rep, err := gtfs.Validate(context.Background(), dir, gtfs.Options{Prefix: "fi"})
	if err != nil {
		t.Fatalf("validate: %v", err)
	}
	if rep.Errors != 0 || rep.Warnings != 0 {
		var b strings.Builder
		_ = rep.WriteText(&b)
		t.Fatalf("%d errors, %d warnings:\n%s", rep.Errors, rep.Warnings, b.String())
	}
	f, err := gtfs.Load(context.Background(), dir, gtfs.Options{Prefix: "fi"})
	if err != nil {
		t.Fatal(err)
	}
	return f, st
}

func TestWriteGTFSReads(t *testing.T) {
	f, st := loadSmall(t)
	if len(f.Stops) != st.Stops || len(f.Routes) != st.Routes || len(f.Trips) != st.Trips ||
		f.StopTimes.Len() != st.StopTimes || len(f.Frequencies) != st.Frequencies {
		t.Errorf("read %d stops, %d routes, %d trips, %d stop times, %d frequencies; wrote %+v",
			len(f.Stops), len(f.Routes), len(f.Trips), f.StopTimes.Len(), len(f.Frequencies), st)
	}
	if st.Frequencies == 0 {
		t.Error("no frequencies.txt rows")
	}
	kinds := map[byte]int{}
	types := map[int32]int{}
	for _, r := range f.Routes {
		kinds[strings.TrimPrefix(r.ID, "fi:")[0]]++
		types[r.Type]++
	}
	for _, k := range "TRCLX" {
		if kinds[byte(k)] == 0 {
			t.Errorf("no route of kind %c (%v)", k, kinds)
		}
	}
	if types[2] == 0 || types[3] == 0 {
		t.Errorf("route types %v, want trains (2) and buses (3)", types)
	}
	late := 0
	for i := range f.StopTimes.Len() {
		if f.StopTimes.Arr[i] >= 24*3600 {
			late++
		}
	}
	if late == 0 {
		t.Error("no stop time past 24:00:00")
	}
}

func TestWriteGTFSDeterministic(t *testing.T) {
	a, _ := writeSmall(t, smallTransit())
	b, _ := writeSmall(t, smallTransit())
	for _, f := range gtfsFiles {
		x, err := os.ReadFile(filepath.Join(a, f.name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, f.name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", f.name)
		}
	}
	p := smallTransit()
	p.Seed = 2
	c, _ := writeSmall(t, p)
	x, _ := os.ReadFile(filepath.Join(a, "stop_times.txt"))
	y, _ := os.ReadFile(filepath.Join(c, "stop_times.txt"))
	if bytes.Equal(x, y) {
		t.Error("another seed gave the same stop times")
	}
}

func TestWriteGTFSBadParams(t *testing.T) {
	c, err := Generate(small())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		edit func(p *TransitParams)
	}{
		{"bad start", func(p *TransitParams) { p.Start = "2026-01-05" }},
		{"end before start", func(p *TransitParams) { p.End = "20250101" }},
		{"bad holiday", func(p *TransitParams) { p.Holidays = []string{"20261341"} }},
		{"no stop spacing", func(p *TransitParams) { p.StopBlocks = 0 }},
		{"classes out of order", func(p *TransitParams) { p.LargeTowns = p.Cities - 1 }},
		{"rural share", func(p *TransitParams) { p.RuralShare = 2 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := smallTransit()
			tc.edit(&p)
			dir := filepath.Join(t.TempDir(), "gtfs")
			if _, err := c.WriteGTFS(dir, p); !errors.Is(err, errParams) {
				t.Errorf("err = %v, want errParams", err)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Error("bad parameters still created the folder")
			}
		})
	}
}

// dayRuns counts the runs of a day by service id, split into runs of
// the date itself and runs carried over from the previous date (their
// times 24 h earlier than the trip's). Runs expanded from frequencies
// are counted apart, those of the date only (first departure after
// 03:00; the carried ones leave before 02:00).
type dayRuns struct {
	own, carried map[string]int
	frequent     int
}

func runsOf(t *testing.T, tt *transit.Timetable, date string) dayRuns {
	t.Helper()
	day, err := tt.Day(date, transit.DayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := dayRuns{own: map[string]int{}, carried: map[string]int{}}
	for p := range day.NumPatterns() {
		n := day.PatStopStart[p+1] - day.PatStopStart[p]
		for k := day.PatTripStart[p]; k < day.PatTripStart[p+1]; k++ {
			tr := &tt.Trips[day.TripRef[k]]
			svc := strings.TrimPrefix(tt.Services[tr.Service].ID, "fi:")
			if tr.Frequent {
				if day.Dep[day.TripTimes[k]] >= 3*3600 {
					r.frequent++
				}
				continue
			}
			arr, _ := tt.TripTimes(day.TripRef[k])
			last := day.Arr[day.TripTimes[k]+n-1]
			switch last {
			case arr[len(arr)-1]:
				r.own[svc]++
			case arr[len(arr)-1] - 86400:
				r.carried[svc]++
			default:
				t.Fatalf("%s: run of trip %s ends at %d, trip at %d", date, tr.ID, last, arr[len(arr)-1])
			}
		}
	}
	return r
}

func TestWriteGTFSCalendar(t *testing.T) {
	f, _ := loadSmall(t)
	tt, err := transit.Compile([]*gtfs.Feed{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Which services run on which dates (own runs), and which runs past
	// midnight are carried into the next date.
	cases := []struct {
		name, date  string
		own, notOwn []string // services with and without runs of the date
		carried     []string // services with runs carried from the day before
		notCarried  []string
		frequent    bool
	}{
		{"tuesday", "20260310", []string{"wk", "daily", "r-tu-fr"}, []string{"sa", "su", "night", "r-mo-th", "r-we"},
			[]string{"wk"}, []string{"su", "night"}, true},
		{"wednesday", "20260311", []string{"wk", "r-we"}, []string{"r-mo-th", "r-tu-fr", "su"}, []string{"wk"}, nil, true},
		{"saturday after friday night", "20260314", []string{"sa", "night", "daily"}, []string{"wk", "su", "r-tu-fr"},
			[]string{"night", "wk"}, []string{"sa"}, false},
		{"sunday", "20260315", []string{"su", "daily"}, []string{"wk", "sa", "night"}, []string{"night"}, []string{"wk"}, false},
		{"monday after sunday", "20260316", []string{"wk", "r-mo-th"}, []string{"su"}, []string{"su"}, []string{"wk", "night"}, true},
		// Easter Monday: Sunday service, the weekday and Monday rural
		// services removed; the next day gets no weekday runs carried.
		{"easter monday", "20260406", []string{"su", "daily"}, []string{"wk", "r-mo-th"}, []string{"su"}, []string{"wk"}, false},
		{"tuesday after easter", "20260407", []string{"wk", "r-tu-fr"}, []string{"su"}, []string{"su"}, []string{"wk"}, true},
		// May Day is a Friday: no weekday or Friday rural service, but
		// the Friday night buses run.
		{"may day", "20260501", []string{"su", "night"}, []string{"wk", "r-tu-fr"}, []string{"wk"}, nil, false},
		{"market saturday", "20260613", []string{"r-we", "sa"}, []string{"wk"}, nil, nil, false},
		{"after the calendar", "20260701", nil, []string{"wk", "daily"}, nil, []string{"wk"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runsOf(t, tt, tc.date)
			for _, s := range tc.own {
				if r.own[s] == 0 {
					t.Errorf("no run of %s (own %v)", s, r.own)
				}
			}
			for _, s := range tc.notOwn {
				if r.own[s] != 0 {
					t.Errorf("%d runs of %s", r.own[s], s)
				}
			}
			for _, s := range tc.carried {
				if r.carried[s] == 0 {
					t.Errorf("no run of %s carried past midnight (carried %v)", s, r.carried)
				}
			}
			for _, s := range tc.notCarried {
				if r.carried[s] != 0 {
					t.Errorf("%d runs of %s carried past midnight", r.carried[s], s)
				}
			}
			if got := r.frequent > 0; got != tc.frequent {
				t.Errorf("%d frequency-based runs, want some: %v", r.frequent, tc.frequent)
			}
		})
	}
}

func TestDepartures(t *testing.T) {
	cases := []struct {
		name  string
		bands []band
		shift int
		want  []int // minutes
	}{
		{"one band", []band{{300, 330, 10}}, 0, []int{300, 310, 320}},
		{"bands join", []band{{300, 330, 20}, {330, 360, 15}}, 0, []int{300, 320, 340, 355}},
		{"shifted", []band{{300, 330, 10}}, 5, []int{305, 315, 325}},
		{"past midnight", []band{{1500, 1560, 30}}, 0, []int{1500, 1530}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := departures(tc.bands, tc.shift)
			want := make([]int, len(tc.want))
			for i, m := range tc.want {
				want[i] = m * 60
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}
