package openinghours

import (
	"slices"
	"strings"
	"time"
)

// DaySeconds is the length of a day in seconds.
const DaySeconds = 86400

// Schedule is a weekly opening schedule. The zero value has no rules and
// is open all the time.
type Schedule struct {
	// defined is false for a schedule without rules (always open).
	defined bool
	// own[d] are the intervals [start, end) in seconds that start on
	// weekday d (time.Weekday order), sorted, disjoint and not touching,
	// with 0 <= start < 86 400 and end <= 2 x 86 400: an end past 86 400
	// spills into the next day.
	own [7][][2]int
	// holidays tells that public-holiday rules were read and ignored.
	holidays bool
}

// Defined tells whether the schedule has rules; a schedule without rules
// (parsed from an empty string) is open all the time.
func (s Schedule) Defined() bool { return s.defined }

// PublicHolidays tells whether the text had public-holiday (PH) rules or
// day lists, which the schedule ignores.
func (s Schedule) PublicHolidays() bool { return s.holidays }

// AlwaysOpen tells whether the schedule is open at every time of the week.
func (s Schedule) AlwaysOpen() bool {
	for d := range 7 {
		iv := s.OpenIntervals(time.Weekday(d))
		if len(iv) != 1 || iv[0] != [2]int{0, DaySeconds} {
			return false
		}
	}
	return true
}

// OpenIntervals returns the times the schedule is open on weekday wd as
// sorted, disjoint intervals [start, end) in seconds from midnight, within
// 0..86 400: the hours of the day's own rules and those of the previous
// day that run past midnight. A schedule without rules gives one interval
// [0, 86 400]; a closed day none. An invalid weekday gives nil.
func (s Schedule) OpenIntervals(wd time.Weekday) [][2]int {
	if wd < time.Sunday || wd > time.Saturday {
		return nil
	}
	if !s.defined {
		return [][2]int{{0, DaySeconds}}
	}
	var out [][2]int
	prev := (wd + 6) % 7
	for _, iv := range s.own[prev] {
		if iv[1] > DaySeconds {
			out = append(out, [2]int{0, min(iv[1]-DaySeconds, DaySeconds)})
		}
	}
	for _, iv := range s.own[wd] {
		out = append(out, [2]int{iv[0], min(iv[1], DaySeconds)})
	}
	return merge(out)
}

// OpenAt tells whether the schedule is open at sec seconds after midnight
// of weekday wd (0 <= sec < 86 400).
func (s Schedule) OpenAt(wd time.Weekday, sec int) bool {
	for _, iv := range s.OpenIntervals(wd) {
		if sec >= iv[0] && sec < iv[1] {
			return true
		}
	}
	return false
}

// Equal tells whether two schedules are open at the same times of the
// week.
func (s Schedule) Equal(o Schedule) bool {
	for d := range 7 {
		if !slices.Equal(s.OpenIntervals(time.Weekday(d)), o.OpenIntervals(time.Weekday(d))) {
			return false
		}
	}
	return true
}

// String returns the schedule in normal form: "" for a schedule without
// rules, "24/7" when open all the time, "off" when never open, otherwise
// one rule per group of days with the same hours, in weekday order from
// Monday ("Mo-Fr 08:00-16:00; Sa 10:00-14:00"). Public-holiday rules are
// left out. The result parses back to the same schedule.
func (s Schedule) String() string {
	if !s.defined {
		return ""
	}
	full, none := true, true
	for d := range 7 {
		if len(s.own[d]) != 0 {
			none = false
		}
		if len(s.own[d]) != 1 || s.own[d][0] != [2]int{0, DaySeconds} {
			full = false
		}
	}
	switch {
	case none:
		return "off"
	case full:
		return "24/7"
	}
	done := [7]bool{}
	var rules []string
	for i := range 7 {
		d := mondayFirst[i]
		if done[d] || len(s.own[d]) == 0 {
			continue
		}
		var days []time.Weekday
		for j := i; j < 7; j++ {
			e := mondayFirst[j]
			if !done[e] && slices.Equal(s.own[e], s.own[d]) {
				days = append(days, e)
				done[e] = true
			}
		}
		var b strings.Builder
		b.WriteString(formatDays(days))
		b.WriteByte(' ')
		for k, iv := range s.own[d] {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString(formatRange(iv))
		}
		rules = append(rules, b.String())
	}
	return strings.Join(rules, "; ")
}

// mondayFirst lists the weekdays from Monday.
var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// dayAbbr are the OSM names by time.Weekday.
var dayAbbr = [7]string{"Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"}

// formatDays writes days (in Monday-first order) as ranges of three or
// more consecutive days and single days: "Mo-We,Fr,Su".
func formatDays(days []time.Weekday) string {
	pos := func(d time.Weekday) int { return (int(d) + 6) % 7 }
	var parts []string
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && pos(days[j+1]) == pos(days[j])+1 {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, dayAbbr[days[i]]+"-"+dayAbbr[days[j]])
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, dayAbbr[days[k]])
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// formatRange writes an interval as HH:MM-HH:MM: an end past midnight
// before the start as a clock time ("22:00-02:00"), otherwise as an
// extended hour ("00:00-26:00").
func formatRange(iv [2]int) string {
	end := iv[1]
	if end > DaySeconds && end-DaySeconds < iv[0] {
		end -= DaySeconds
	}
	return formatClock(iv[0]) + "-" + formatClock(end)
}

// formatClock writes seconds as HH:MM (hours may pass 24).
func formatClock(sec int) string {
	h, m := sec/3600, sec%3600/60
	return string([]byte{byte('0' + h/10), byte('0' + h%10), ':', byte('0' + m/10), byte('0' + m%10)})
}

// merge sorts intervals and joins those that overlap or touch; empty
// intervals are dropped.
func merge(ivs [][2]int) [][2]int {
	slices.SortFunc(ivs, func(a, b [2]int) int { return a[0] - b[0] })
	out := ivs[:0]
	for _, iv := range ivs {
		if iv[1] <= iv[0] {
			continue
		}
		if n := len(out); n > 0 && iv[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], iv[1])
			continue
		}
		out = append(out, iv)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// subtract removes [a, b) from the intervals.
func subtract(ivs [][2]int, a, b int) [][2]int {
	var out [][2]int
	for _, iv := range ivs {
		if iv[1] <= a || iv[0] >= b {
			out = append(out, iv)
			continue
		}
		if iv[0] < a {
			out = append(out, [2]int{iv[0], a})
		}
		if iv[1] > b {
			out = append(out, [2]int{b, iv[1]})
		}
	}
	return out
}
