package transit

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/links"
)

func sketchTimetable(tb testing.TB) *Timetable {
	tb.Helper()
	root := moduleRoot(tb)
	lf, err := links.Load(filepath.Join(root, "testdata", "links", "sketch.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	town := loadFeed(tb, filepath.Join(root, "testdata", "gtfs", "town"), "town")
	tt, err := Compile([]*gtfs.Feed{town}, []Sketch{{Prefix: "sk", File: lf}})
	if err != nil {
		tb.Fatal(err)
	}
	return tt
}

func TestSketchStopsAndRoutes(t *testing.T) {
	tt := sketchTimetable(t)
	var ids []string
	for _, s := range tt.Stops[9:] { // after the 9 town stops
		ids = append(ids, s.ID)
	}
	// Tori is shared by K1 and the night line.
	want := []string{"sk:Tori", "sk:Asema", "sk:Harju", "sk:Ranta", "sk:Saari", "sk:Kylä"}
	if !slices.Equal(ids, want) {
		t.Errorf("sketch stops %v, want %v", ids, want)
	}
	var routes []string
	for _, r := range tt.Routes[4:] {
		routes = append(routes, r.ID)
	}
	if !slices.Equal(routes, []string{"sk:K1", "sk:Lautta", "sk:Yö, night"}) || tt.Routes[5].Type != 4 {
		t.Errorf("routes %v", routes)
	}
}

func TestSketchDays(t *testing.T) {
	tt := sketchTimetable(t)
	cases := []struct {
		date string
		want map[string][]Seconds // departures at the first stop per route direction prefix
	}{
		{"20240109", map[string][]Seconds{ // Tuesday: K1 both ways
			"sk:K1:out":  {hms(6, 0, 0), hms(6, 20, 0), hms(6, 40, 0), hms(7, 0, 0)},
			"sk:K1:back": {hms(6, 0, 0), hms(6, 20, 0), hms(6, 40, 0), hms(7, 0, 0)},
		}},
		{"20240106", map[string][]Seconds{ // Saturday: ferry one way; night line of Friday and Saturday
			"sk:Lautta:out":     {hms(7, 0, 0), hms(12, 0, 0), hms(16, 30, 0)},
			"sk:Yö, night:out":  {40 * 60, hms(23, 40, 0), hms(24, 40, 0)},
			"sk:Yö, night:back": {40 * 60, hms(23, 40, 0), hms(24, 40, 0)},
		}},
		{"20240107", map[string][]Seconds{ // Sunday: ferry; only Saturday's 24:40 night runs
			"sk:Lautta:out":     {hms(7, 0, 0), hms(12, 0, 0), hms(16, 30, 0)},
			"sk:Yö, night:out":  {40 * 60},
			"sk:Yö, night:back": {40 * 60},
		}},
	}
	for _, c := range cases {
		t.Run(c.date, func(t *testing.T) {
			d, err := tt.Day(c.date, DayOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkDay(t, tt, d)
			got := map[string][]Seconds{}
			for _, tr := range dayTrips(tt, d) {
				if !strings.HasPrefix(tr.ref, "sk:") {
					continue
				}
				key := tr.ref[:len(tr.ref)-len(":HH:MM:SS")] // "sk:K1:out:06:00:00" -> "sk:K1:out"
				got[key] = append(got[key], tr.dep[0])
			}
			for k := range got {
				slices.Sort(got[k])
			}
			if len(got) != len(c.want) {
				t.Errorf("directions %v, want %v", got, c.want)
			}
			for k, w := range c.want {
				if !slices.Equal(got[k], w) {
					t.Errorf("%s departs %v, want %v", k, got[k], w)
				}
			}
		})
	}
}

func TestSketchTimes(t *testing.T) {
	tt := sketchTimetable(t)
	cases := []struct {
		trip  string
		stops []string
		times []Seconds
	}{
		{"sk:K1:out:06:00:00", []string{"sk:Tori", "sk:Asema", "sk:Harju"}, []Seconds{hms(6, 0, 0), hms(6, 4, 0), hms(6, 10, 0)}},
		{"sk:K1:back:06:20:00", []string{"sk:Harju", "sk:Asema", "sk:Tori"}, []Seconds{hms(6, 20, 0), hms(6, 26, 0), hms(6, 30, 0)}},
		{"sk:Lautta:out:16:30:00", []string{"sk:Ranta", "sk:Saari"}, []Seconds{hms(16, 30, 0), hms(16, 42, 30)}},
	}
	for _, c := range cases {
		ti := tripIdx(t, tt, c.trip)
		arr, dep := tt.TripTimes(ti)
		var stops []string
		for _, s := range tt.PatternOf(tt.Trips[ti].Pattern) {
			stops = append(stops, tt.Stops[s].ID)
		}
		if !slices.Equal(stops, c.stops) || !slices.Equal(arr, c.times) || !slices.Equal(dep, c.times) {
			t.Errorf("%s: %v %v", c.trip, stops, arr)
		}
	}
}

func TestSketchNameClash(t *testing.T) {
	lf, err := links.Read(strings.NewReader("line,stops,minutes,departures\n"+
		"A,Tori@27 61|Asema@27.1 61,5,7:00\n"+
		"B,Tori@28 62|Asema@27.1 61,5,7:00\n"), "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	tt, err := Compile(nil, []Sketch{{File: lf}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range tt.Stops {
		ids = append(ids, s.ID)
	}
	if !slices.Equal(ids, []string{"links:Tori", "links:Asema", "links:Tori@28,62"}) {
		t.Errorf("stops %v", ids)
	}
}

func TestCompileErrors(t *testing.T) {
	town := loadFeed(t, filepath.Join(moduleRoot(t), "testdata", "gtfs", "town"), "town")
	again := loadFeed(t, filepath.Join(moduleRoot(t), "testdata", "gtfs", "town"), "town")
	if _, err := Compile([]*gtfs.Feed{town, again}, nil); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), `stop id "town:ST" appears twice`) {
		t.Errorf("same prefix twice: %v", err)
	}
	broken := loadFeed(t, filepath.Join(moduleRoot(t), "testdata", "gtfs", "town"), "b")
	broken.StopTimes.Stop[3] = 99
	if _, err := Compile([]*gtfs.Feed{broken}, nil); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), `trip "b:T1" has stop index 99 out of range`) {
		t.Errorf("bad stop index: %v", err)
	}
	untimed := loadFeed(t, filepath.Join(moduleRoot(t), "testdata", "gtfs", "town"), "u")
	untimed.StopTimes.Arr[0], untimed.StopTimes.Dep[0] = gtfs.Untimed, gtfs.Untimed
	if _, err := Compile([]*gtfs.Feed{untimed}, nil); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), `trip "u:T1": first stop time has no time`) {
		t.Errorf("untimed first stop: %v", err)
	}
	// Two different prefixes combine.
	other := loadFeed(t, filepath.Join(moduleRoot(t), "testdata", "gtfs", "town"), "other")
	tt, err := Compile([]*gtfs.Feed{town, other}, nil)
	if err != nil || len(tt.Stops) != 18 || len(tt.Trips) != 20 {
		t.Errorf("two feeds: %v", err)
	}
}
