package openinghours

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// h is a clock time in seconds.
func h(hour, minute int) int { return hour*3600 + minute*60 }

// iv is the interval [a, b).
func iv(a, b int) [2]int { return [2]int{a, b} }

// week lists the expected intervals of each day, Monday first; days left
// out are closed.
type week map[time.Weekday][][2]int

var (
	full    = [][2]int{{0, DaySeconds}}
	workday = [][2]int{iv(h(8, 0), h(16, 0))}
	weekday = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
)

// days gives every listed day the same intervals.
func days(ivs [][2]int, ds ...time.Weekday) week {
	w := week{}
	for _, d := range ds {
		w[d] = ivs
	}
	return w
}

// with returns w with day d set to ivs.
func (w week) with(d time.Weekday, ivs ...[2]int) week {
	out := week{}
	for k, v := range w {
		out[k] = v
	}
	out[d] = ivs
	return out
}

func allWeek(ivs [][2]int) week {
	return days(ivs, time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday)
}

func TestParseIntervals(t *testing.T) {
	cases := []struct {
		in      string
		want    week
		str     string // normal form
		defined bool
		ph      bool
	}{
		{"", allWeek(full), "", false, false},
		{"   ", allWeek(full), "", false, false},
		{"24/7", allWeek(full), "24/7", true, false},
		{"Mo-Su 00:00-24:00", allWeek(full), "24/7", true, false},
		{"Mo-Fr 08:00-16:00", days(workday, weekday...), "Mo-Fr 08:00-16:00", true, false},
		{"Mo,We,Fr 08:00-12:00,13:00-16:00",
			days([][2]int{iv(h(8, 0), h(12, 0)), iv(h(13, 0), h(16, 0))}, time.Monday, time.Wednesday, time.Friday),
			"Mo,We,Fr 08:00-12:00,13:00-16:00", true, false},
		// Later rules replace the hours of the days they name.
		{"Mo-Fr 08:00-16:00; We 10:00-12:00", days(workday, weekday...).with(time.Wednesday, iv(h(10, 0), h(12, 0))),
			"Mo,Tu,Th,Fr 08:00-16:00; We 10:00-12:00", true, false},
		{"Mo-Fr 08:00-16:00; Sa 10:00-14:00", days(workday, weekday...).with(time.Saturday, iv(h(10, 0), h(14, 0))),
			"Mo-Fr 08:00-16:00; Sa 10:00-14:00", true, false},
		{"Mo-Su 08:00-16:00; Sa,Su off", days(workday, weekday...), "Mo-Fr 08:00-16:00", true, false},
		{"Mo-Fr 08:00-16:00; PH off", days(workday, weekday...), "Mo-Fr 08:00-16:00", true, true},
		{"Mo-Fr,PH 09:00-12:00 open", days([][2]int{iv(h(9, 0), h(12, 0))}, weekday...), "Mo-Fr 09:00-12:00", true, true},
		{"PH off", allWeek(full), "", false, true},
		{"off", week{}, "off", true, false},
		{"closed", week{}, "off", true, false},
		{"Fr-Mo 10:00-14:00", days([][2]int{iv(h(10, 0), h(14, 0))}, time.Friday, time.Saturday, time.Sunday, time.Monday),
			"Mo,Fr-Su 10:00-14:00", true, false},
		// Additional rules after a comma add hours.
		{"Mo-Fr 08:00-12:00, Sa 10:00-12:00",
			days([][2]int{iv(h(8, 0), h(12, 0))}, weekday...).with(time.Saturday, iv(h(10, 0), h(12, 0))),
			"Mo-Fr 08:00-12:00; Sa 10:00-12:00", true, false},
		{"Mo-Fr 08:00-12:00, We 14:00-16:00",
			days([][2]int{iv(h(8, 0), h(12, 0))}, weekday...).with(time.Wednesday, iv(h(8, 0), h(12, 0)), iv(h(14, 0), h(16, 0))),
			"Mo,Tu,Th,Fr 08:00-12:00; We 08:00-12:00,14:00-16:00", true, false},
		// Off with times closes only those times.
		{"Mo-Fr 08:00-16:00; We 12:00-13:00 off",
			days(workday, weekday...).with(time.Wednesday, iv(h(8, 0), h(12, 0)), iv(h(13, 0), h(16, 0))),
			"Mo,Tu,Th,Fr 08:00-16:00; We 08:00-12:00,13:00-16:00", true, false},
		{"08:00-16:00", allWeek(workday), "Mo-Su 08:00-16:00", true, false},
		{"Mo-Fr", days(full, weekday...), "Mo-Fr 00:00-24:00", true, false},
		// Past midnight: the night belongs to the day it starts on.
		{"Sa 22:00-02:00", week{time.Saturday: {iv(h(22, 0), DaySeconds)}, time.Sunday: {iv(0, h(2, 0))}}, "Sa 22:00-02:00", true, false},
		{"Sa 22:00-26:00", week{time.Saturday: {iv(h(22, 0), DaySeconds)}, time.Sunday: {iv(0, h(2, 0))}}, "Sa 22:00-02:00", true, false},
		{"Su 23:00-01:00", week{time.Sunday: {iv(h(23, 0), DaySeconds)}, time.Monday: {iv(0, h(1, 0))}}, "Su 23:00-01:00", true, false},
		{"Mo 22:00-02:00; Tu 10:00-12:00",
			week{time.Monday: {iv(h(22, 0), DaySeconds)}, time.Tuesday: {iv(0, h(2, 0)), iv(h(10, 0), h(12, 0))}},
			"Mo 22:00-02:00; Tu 10:00-12:00", true, false},
		{"Mo 22:00-04:00; Tu 01:00-02:00 off",
			week{time.Monday: {iv(h(22, 0), DaySeconds)}, time.Tuesday: {iv(0, h(1, 0)), iv(h(2, 0), h(4, 0))}},
			"Mo 22:00-01:00; Tu 02:00-04:00", true, false},
		{"Mo 00:00-48:00", week{time.Monday: full, time.Tuesday: full}, "Mo 00:00-48:00", true, false},
		{"Mo 10:00-09:00", week{time.Monday: {iv(h(10, 0), DaySeconds)}, time.Tuesday: {iv(0, h(9, 0))}}, "Mo 10:00-09:00", true, false},
		// Touching and overlapping ranges merge.
		{"Mo-Fr 08:00-12:00,12:00-16:00", days(workday, weekday...), "Mo-Fr 08:00-16:00", true, false},
		{"Mo 13:00-16:00,08:00-14:00", days(workday, time.Monday), "Mo 08:00-16:00", true, false},
		// Spelling tolerated.
		{"mo-fr 8:00-16:00", days(workday, weekday...), "Mo-Fr 08:00-16:00", true, false},
		{"Mo–Fr 08:00–16:00", days(workday, weekday...), "Mo-Fr 08:00-16:00", true, false},
		{" Mo - Fr  08:00 - 16:00 ;", days(workday, weekday...), "Mo-Fr 08:00-16:00", true, false},
		{"Mo, We 08:00-16:00", days(workday, time.Monday, time.Wednesday), "Mo,We 08:00-16:00", true, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			s, err := Parse(c.in)
			if err != nil {
				t.Fatal(err)
			}
			for d := time.Sunday; d <= time.Saturday; d++ {
				want := c.want[d]
				if got := s.OpenIntervals(d); !slices.Equal(got, want) {
					t.Errorf("%v: %v, want %v", d, got, want)
				}
			}
			if got := s.String(); got != c.str {
				t.Errorf("String() = %q, want %q", got, c.str)
			}
			if s.Defined() != c.defined || s.PublicHolidays() != c.ph {
				t.Errorf("Defined %v PublicHolidays %v, want %v %v", s.Defined(), s.PublicHolidays(), c.defined, c.ph)
			}
			back, err := Parse(s.String())
			if err != nil {
				t.Fatalf("normal form %q does not parse: %v", s.String(), err)
			}
			if !back.Equal(s) || back.String() != s.String() {
				t.Errorf("normal form %q parses to %q", s.String(), back.String())
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		in     string
		column int
		msg    string
	}{
		{"Mo-Fx 08:00-16:00", 4, "weekday range"},
		{"Jan-Mar 10:00-12:00", 1, "month"},
		{"Mo 25:00-26:00", 4, "cannot start"},
		{"Mo 24:00-26:00", 4, "cannot start"},
		{"Mo 08:00-08:00", 10, "empty"},
		{"Mo 08:60-09:00", 7, "minute 60"},
		{"Mo 49:00-50:00", 4, "hour 49"},
		{"Mo 8-16", 4, "not a time"},
		{"Mo 08:00", 9, "needs '-'"},
		{"Mo 08:00-", 10, "end time"},
		{"Mo 08:00-16:00 Tu 09:00-10:00", 16, "expected ';'"},
		{`Mo-Fr 08:00-16:00 || "x"`, 19, "fallback"},
		{"Mo 08:00-16:00+", 15, "open ends"},
		{"Mo[1] 10:00-12:00", 3, "nth"},
		{"sunrise-sunset", 1, "variable times"},
		{"SH off", 1, "school holidays"},
		{";", 1, "expected a weekday"},
		{"Mo,,Tu", 4, "expected a weekday"},
		{"Mo 08:00:00-16:00", 9, "seconds"},
		{"Mo 080:00-16:00", 4, "HH:MM"},
		{"Mo 08:0-16:00", 4, "two digits"},
		{"Mo-Fr 08:00-16:00; Foo", 20, `"foo" is not a weekday`},
		{"Mo–Xy", 4, "weekday range"}, // the en dash (3 bytes) counts as one character
		{"Mo 08:00-16:00 @", 16, "unexpected character '@'"},
		{strings.Repeat("Mo ", 1000), 2001, "longer"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			_, err := Parse(c.in)
			if err == nil {
				t.Fatal("accepted")
			}
			var se *SyntaxError
			if !errors.As(err, &se) || !errors.Is(err, ErrSyntax) {
				t.Fatalf("error %v is not a SyntaxError", err)
			}
			if se.Column() != c.column {
				t.Errorf("column %d, want %d (%v)", se.Column(), c.column, err)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("%v: want a message about %q", err, c.msg)
			}
		})
	}
}

func TestZeroSchedule(t *testing.T) {
	var s Schedule
	if !s.AlwaysOpen() || s.Defined() || s.String() != "" {
		t.Errorf("zero schedule: always open %v, defined %v, %q", s.AlwaysOpen(), s.Defined(), s.String())
	}
	if !s.OpenAt(time.Wednesday, 3*3600) {
		t.Error("zero schedule closed at 03:00")
	}
	if s.OpenIntervals(7) != nil || s.OpenIntervals(-1) != nil {
		t.Error("intervals for an invalid weekday")
	}
	s247, _ := Parse("24/7")
	if !s.Equal(s247) || !s247.AlwaysOpen() {
		t.Error("zero schedule differs from 24/7")
	}
}

func TestOpenAt(t *testing.T) {
	s, err := Parse("Mo-Fr 08:00-16:00; Sa 22:00-02:00")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		d    time.Weekday
		sec  int
		want bool
	}{
		{time.Monday, h(7, 59), false},
		{time.Monday, h(8, 0), true},
		{time.Monday, h(16, 0) - 1, true},
		{time.Monday, h(16, 0), false}, // the end is exclusive
		{time.Saturday, h(12, 0), false},
		{time.Saturday, h(23, 0), true},
		{time.Sunday, h(1, 59), true},
		{time.Sunday, h(2, 0), false},
	}
	for _, c := range cases {
		if got := s.OpenAt(c.d, c.sec); got != c.want {
			t.Errorf("%v %s: %v, want %v", c.d, formatClock(c.sec), got, c.want)
		}
	}
	if s.AlwaysOpen() {
		t.Error("always open")
	}
}
