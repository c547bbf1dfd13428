package links

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzRead reads whole fuzzed files, seeded from testdata/links and the
// malformed files of testdata/bad/links: no panic, every failure is a
// *RowError wrapping one of the package's sentinels, and an accepted file
// holds consistent lines with unique names, stops within degree ranges and
// not swapped for Finland.
func FuzzRead(f *testing.F) {
	for _, pattern := range []string{"links/*.csv", "bad/links/*.csv"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", pattern))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Read(bytes.NewReader(data), "f.csv")
		if err != nil {
			var re *RowError
			if !errors.As(err, &re) || re.File != "f.csv" {
				t.Fatalf("error %T %v is not a RowError naming the file", err, err)
			}
			if !errors.Is(err, ErrBadValue) && !errors.Is(err, ErrMissingColumn) && !errors.Is(err, ErrDuplicate) && !errors.Is(err, ErrNoLines) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		if len(file.Lines) == 0 {
			t.Fatal("a file without lines was accepted")
		}
		names := map[string]bool{}
		prevRow := 0
		for _, l := range file.Lines {
			if names[l.Name] || l.Name == "" {
				t.Fatalf("line name %q empty or repeated", l.Name)
			}
			names[l.Name] = true
			if l.Row <= prevRow {
				t.Fatalf("rows not increasing: %d after %d", l.Row, prevRow)
			}
			prevRow = l.Row
			if len(l.Stops) < 2 || len(l.Legs) != len(l.Stops)-1 || len(l.Departures) == 0 || l.Days == 0 || l.Days > EveryDay {
				t.Fatalf("inconsistent line %+v", l)
			}
			for _, s := range l.Stops {
				if math.IsNaN(s.Lon) || math.IsNaN(s.Lat) || math.Abs(s.Lon) > 180 || math.Abs(s.Lat) > 90 ||
					(s.Lon >= 59 && s.Lon <= 71 && s.Lat >= 19 && s.Lat <= 32) || s.Name == "" {
					t.Fatalf("stop %+v accepted", s)
				}
			}
			for _, d := range l.Legs {
				if d < 0 || d > maxLegMinutes*time.Minute {
					t.Fatalf("leg %v", d)
				}
			}
			if !slices.IsSorted(l.Departures) || l.Departures[0] < 0 || l.Departures[len(l.Departures)-1] >= maxClockHours*time.Hour {
				t.Fatalf("departures %v", l.Departures)
			}
		}
	})
}

// FuzzParseClock: accepted times are below 48 h in whole seconds and
// survive FormatClock and ParseClock unchanged.
func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"6:00", "06:00:00", "6.15", "24:30", "47:59:59", "48:00", "6:75", "6", "::", "1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseClock(s)
		if err != nil {
			if !errors.Is(err, ErrBadValue) {
				t.Fatalf("ParseClock(%q): %v wraps no ErrBadValue", s, err)
			}
			return
		}
		if d < 0 || d >= maxClockHours*time.Hour || d%time.Second != 0 {
			t.Fatalf("ParseClock(%q) = %v", s, d)
		}
		back, err := ParseClock(FormatClock(d))
		if err != nil || back != d {
			t.Fatalf("%q -> %v -> %q -> %v, %v", s, d, FormatClock(d), back, err)
		}
	})
}

// FuzzParseWeekdays: an accepted set is not empty, holds only the seven
// day bits and round trips through its String form.
func FuzzParseWeekdays(f *testing.F) {
	for _, s := range []string{"Mo-Fr", "Mo,We,Fr", "Sa-Su", "Fr-Mo", "daily", "ma-pe", "la su", "", "Mon-Fri", "Mo-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWeekdays(s)
		if err != nil {
			if !errors.Is(err, ErrBadValue) {
				t.Fatalf("ParseWeekdays(%q): %v wraps no ErrBadValue", s, err)
			}
			return
		}
		if w == 0 || w&^EveryDay != 0 {
			t.Fatalf("ParseWeekdays(%q) = %08b", s, w)
		}
		back, err := ParseWeekdays(w.String())
		if err != nil || back != w {
			t.Fatalf("%q -> %08b -> %q -> %08b, %v", s, w, w.String(), back, err)
		}
	})
}

// FuzzParseMode: an accepted mode is a route_type in 0..1999, and every
// name of the mode table reads back as its own type in any case.
func FuzzParseMode(f *testing.F) {
	for _, s := range []string{"bus", "Ferry", " tram ", "3", "715", "2000", "-1", "hovercraft", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rt, err := ParseMode(s)
		if err != nil {
			if !errors.Is(err, ErrBadValue) {
				t.Fatalf("ParseMode(%q): %v wraps no ErrBadValue", s, err)
			}
			return
		}
		if rt < 0 || rt >= 2000 {
			t.Fatalf("ParseMode(%q) = %d", s, rt)
		}
		if want, ok := modeTypes[strings.ToLower(strings.TrimSpace(s))]; ok && rt != want {
			t.Fatalf("ParseMode(%q) = %d, table says %d", s, rt, want)
		}
	})
}
