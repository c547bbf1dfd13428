package links

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func clock(h, m int) time.Duration { return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute }

func TestLoadSketch(t *testing.T) {
	f, err := Load(filepath.Join("..", "..", "testdata", "links", "sketch.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "sketch.csv" || len(f.Lines) != 3 {
		t.Fatalf("%s: %d lines", f.Name, len(f.Lines))
	}
	k1 := f.Lines[0]
	wantStops := []Stop{{"Tori", 27.2721, 61.6881}, {"Asema", 27.2850, 61.6850}, {"Harju", 27.2600, 61.6900}}
	if k1.Row != 3 || k1.Name != "K1" || k1.RouteType != 3 || !slices.Equal(k1.Stops, wantStops) {
		t.Errorf("K1 = %+v", k1)
	}
	if !slices.Equal(k1.Legs, []time.Duration{4 * time.Minute, 6 * time.Minute}) {
		t.Errorf("K1 legs %v", k1.Legs)
	}
	// Every 20 minutes from 6:00 to 7:00, both ends included.
	if !slices.Equal(k1.Departures, []time.Duration{clock(6, 0), clock(6, 20), clock(6, 40), clock(7, 0)}) {
		t.Errorf("K1 departures %v", k1.Departures)
	}
	if k1.Days.String() != "Mo-Fr" || !k1.Both || k1.Trips() != 8 {
		t.Errorf("K1 days %v both %v trips %d", k1.Days, k1.Both, k1.Trips())
	}
	ferry := f.Lines[1]
	if ferry.RouteType != 4 || ferry.Both || ferry.Days.String() != "Sa-Su" || ferry.Row != 4 {
		t.Errorf("ferry %+v", ferry)
	}
	if !slices.Equal(ferry.Legs, []time.Duration{12*time.Minute + 30*time.Second}) {
		t.Errorf("ferry legs %v", ferry.Legs)
	}
	if !slices.Equal(ferry.Departures, []time.Duration{clock(7, 0), clock(12, 0), clock(16, 30)}) {
		t.Errorf("ferry departures %v, want sorted", ferry.Departures)
	}
	night := f.Lines[2]
	if night.Name != "Yö, night" || night.Row != 6 || night.Days.String() != "Fr-Sa" || !night.Both {
		t.Errorf("night %+v", night)
	}
	if !slices.Equal(night.Departures, []time.Duration{clock(23, 40), clock(24, 40)}) {
		t.Errorf("night departures %v", night.Departures)
	}
}

func TestLoadSemicolon(t *testing.T) {
	f, err := Load(filepath.Join("..", "..", "testdata", "links", "semicolon.csv"))
	if err != nil {
		t.Fatal(err)
	}
	l := f.Lines[0]
	if l.Name != "Kylä" || !slices.Equal(l.Stops, []Stop{{"Kirkko", 27.1, 61.5}, {"Koulu", 27.1, 61.51}}) {
		t.Errorf("line %+v", l)
	}
	if !slices.Equal(l.Legs, []time.Duration{150 * time.Second}) || !slices.Equal(l.Departures, []time.Duration{clock(7, 15), clock(15, 30)}) {
		t.Errorf("legs %v departures %v", l.Legs, l.Departures)
	}
	if l.Days.String() != "Mo-Fr" || l.RouteType != 3 || !l.Both {
		t.Errorf("days %v type %d both %v", l.Days, l.RouteType, l.Both)
	}
}

func TestReadErrors(t *testing.T) {
	const head = "line,stops,minutes,headway_min,first,last,departures,days,direction\n"
	const stops = "A@27 61|B@27.1 61|C@27.2 61"
	cases := []struct {
		name, csv, want string
		is              error
	}{
		{"empty", "", "links: x.csv: the file is empty", ErrNoLines},
		{"header only", head, "links: x.csv: the file has a header but no line", ErrNoLines},
		{"missing column", "line,stops,departures\n", "links: x.csv line 1: field minutes: required column is missing", ErrMissingColumn},
		{"one stop", head + "L,A@27 61,5,,,,7:00,,\n", `links: x.csv line 2: field stops: need at least two stops separated by |, got "A@27 61"`, ErrBadValue},
		{"no at", head + "L,A 27 61|B@27 61,5,,,,7:00,,\n", `links: x.csv line 2: field stops: stop 1 "A 27 61": expected Name@lon lat`, ErrBadValue},
		{"bad lat", head + "L,A@27 61|B@27 91,5,,,,7:00,,\n", `links: x.csv line 2: field stops: stop 2 "B@27 91": longitude and latitude must be numbers within ±180 and ±90`, ErrBadValue},
		{"legs", head + "L," + stops + ",1|2|3,,,,7:00,,\n", "links: x.csv line 2: field minutes: expected one value or 2 (one per leg), got 3", ErrBadValue},
		{"negative", head + "L," + stops + ",-1,,,,7:00,,\n", `links: x.csv line 2: field minutes: "-1" is not a number of minutes between 0 and 1440`, ErrBadValue},
		{"both services", head + "L," + stops + ",2,10,6:00,7:00,7:00,,\n", "links: x.csv line 2: field departures: give either departures or headway_min with first and last, not both", ErrBadValue},
		{"no service", head + "L," + stops + ",2,,,,,,\n", "links: x.csv line 2: field departures: no service: give departures, or headway_min with first and last", ErrBadValue},
		{"no last", head + "L," + stops + ",2,10,6:00,,,,\n", `links: x.csv line 2: field last: "" is not a time (expected H:MM)`, ErrBadValue},
		{"bad time", head + "L," + stops + ",2,,,,7:00 25:61,,\n", `links: x.csv line 2: field departures: "25:61" is not a time (minutes must be < 60)`, ErrBadValue},
		{"last before first", head + "L," + stops + ",2,10,8:00,7:00,,,\n", "links: x.csv line 2: field last: 07:00 is before first 08:00", ErrBadValue},
		{"headway", head + "L," + stops + ",2,0,6:00,7:00,,,\n", `links: x.csv line 2: field headway_min: "0" is not a number of minutes between 1 and 1440`, ErrBadValue},
		{"days", head + "L," + stops + ",2,,,,7:00,Mo-Xx,\n", `links: x.csv line 2: field days: "xx" is not a day (use Mo Tu We Th Fr Sa Su)`, ErrBadValue},
		{"direction", head + "L," + stops + ",2,,,,7:00,,back\n", `links: x.csv line 2: field direction: "back" is neither both nor one-way`, ErrBadValue},
		{"duplicate", head + "L," + stops + ",2,,,,7:00,,\n\nL," + stops + ",2,,,,8:00,,\n", `links: x.csv line 4: field line: "L" is already on line 2`, ErrDuplicate},
		{"mode", "line,mode,stops,minutes,departures\nL,hovercraft," + stops + ",2,7:00\n", `links: x.csv line 2: field mode: "hovercraft" is not a mode (bus, tram, metro, rail, ferry, ... or a GTFS route_type)`, ErrBadValue},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(c.csv), "x.csv")
			if err == nil || err.Error() != c.want {
				t.Fatalf("error %v\nwant  %s", err, c.want)
			}
			if !errors.Is(err, c.is) {
				t.Errorf("error does not wrap %v", c.is)
			}
			var re *RowError
			if !errors.As(err, &re) {
				t.Errorf("not a *RowError")
			}
		})
	}
}

func TestParseWeekdays(t *testing.T) {
	cases := []struct {
		in   string
		want []time.Weekday // independent of the bit layout
		str  string
	}{
		{"", []time.Weekday{0, 1, 2, 3, 4, 5, 6}, "Mo-Su"},
		{"daily", []time.Weekday{0, 1, 2, 3, 4, 5, 6}, "Mo-Su"},
		{"Mo-Fr", []time.Weekday{1, 2, 3, 4, 5}, "Mo-Fr"},
		{"mo,we,FR", []time.Weekday{1, 3, 5}, "Mo,We,Fr"},
		{"Sa-Su", []time.Weekday{6, 0}, "Sa-Su"},
		{"Fr-Mo", []time.Weekday{5, 6, 0, 1}, "Mo,Fr-Su"},
		{"ma-pe la", []time.Weekday{1, 2, 3, 4, 5, 6}, "Mo-Sa"},
		{"Su", []time.Weekday{0}, "Su"},
		{"to", []time.Weekday{4}, "Th"},
	}
	for _, c := range cases {
		w, err := ParseWeekdays(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		for d := time.Sunday; d <= time.Saturday; d++ {
			if w.Has(d) != slices.Contains(c.want, d) {
				t.Errorf("%q: Has(%v) = %v", c.in, d, w.Has(d))
			}
		}
		if w.String() != c.str {
			t.Errorf("%q: String() = %q, want %q", c.in, w.String(), c.str)
		}
	}
	for _, bad := range []string{"Mon", "Mo-", "-Fr", ",", "xx"} {
		if _, err := ParseWeekdays(bad); !errors.Is(err, ErrBadValue) {
			t.Errorf("%q: error %v", bad, err)
		}
	}
}

func TestParseClock(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"6:00", clock(6, 0), true},
		{"06:05", clock(6, 5), true},
		{"6.15", clock(6, 15), true},
		{"24:30", clock(24, 30), true},
		{"07:00:30", clock(7, 0) + 30*time.Second, true},
		{"6:5", 0, false},
		{"48:00", 0, false},
		{"6:60", 0, false},
		{"6", 0, false},
		{"6::00", 0, false},
		{"6:00:00:00", 0, false},
		{"", 0, false},
	}
	for _, c := range cases {
		got, err := ParseClock(c.in)
		if c.ok != (err == nil) || (c.ok && got != c.want) {
			t.Errorf("ParseClock(%q) = %v, %v", c.in, got, err)
		}
		if c.ok {
			if back, err := ParseClock(FormatClock(got)); err != nil || back != got {
				t.Errorf("%q does not round trip via %q", c.in, FormatClock(got))
			}
		}
	}
}

// FuzzRow parses one data row built from fuzzed fields: no panic, and an
// accepted line is consistent.
func FuzzRow(f *testing.F) {
	f.Add("K1", "bus", "Tori@27.2721 61.6881|Asema@27.2850 61.6850|Harju@27.26 61.69", "4|6", "20", "6:00", "7:00", "", "Mo-Fr", "both")
	f.Add("L", "ferry", "A@27,1 61,5|B@27.2,61.6", "2,5", "", "", "", "7.15|15.30 23:59:59", "ma-pe", "one-way")
	f.Add("L", "2", "A@1 2|B@3 4", "0", "1", "0:00", "47:59", "", "Fr-Mo", "")
	cols := columns{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	f.Fuzz(func(t *testing.T, line, mode, stops, minutes, headway, first, last, deps, days, dir string) {
		l, err := cols.parseRow([]string{line, mode, stops, minutes, headway, first, last, deps, days, dir})
		if err != nil {
			var re *RowError
			if !errors.As(err, &re) || re.Field == "" {
				t.Fatalf("error %v has no field", err)
			}
			return
		}
		if l.Name == "" || len(l.Stops) < 2 || len(l.Legs) != len(l.Stops)-1 || len(l.Departures) == 0 || l.Days == 0 || l.Days > EveryDay {
			t.Fatalf("inconsistent line %+v", l)
		}
		for _, d := range l.Legs {
			if d < 0 || d%time.Second != 0 {
				t.Fatalf("leg %v", d)
			}
		}
		if !slices.IsSorted(l.Departures) || l.Departures[0] < 0 || l.Departures[len(l.Departures)-1] >= 48*time.Hour || len(l.Departures) > maxDepartures {
			t.Fatalf("departures %v", l.Departures)
		}
		if w, err := ParseWeekdays(l.Days.String()); err != nil || w != l.Days {
			t.Fatalf("days %v do not round trip: %v %v", l.Days, w, err)
		}
	})
}
