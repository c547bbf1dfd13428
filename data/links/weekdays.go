package links

import (
	"strings"
	"time"
)

// Weekdays is a set of days of the week: bit 1<<time.Weekday.
type Weekdays uint8

// EveryDay is the set of all seven days.
const EveryDay Weekdays = 0x7f

// dayNames maps English and Finnish two-letter names to weekdays.
var dayNames = map[string]time.Weekday{
	"mo": time.Monday, "tu": time.Tuesday, "we": time.Wednesday, "th": time.Thursday,
	"fr": time.Friday, "sa": time.Saturday, "su": time.Sunday,
	"ma": time.Monday, "ti": time.Tuesday, "ke": time.Wednesday, "to": time.Thursday,
	"pe": time.Friday, "la": time.Saturday,
}

// Has tells whether d is in the set.
func (w Weekdays) Has(d time.Weekday) bool { return w&(1<<d) != 0 }

// ParseWeekdays parses a list of days and ranges separated by commas or
// spaces: "Mo-Fr", "Mo,We,Fr", "Sa-Su", "Fr-Mo" (a range may wrap past
// Sunday), "daily". Names are English or Finnish two-letter abbreviations,
// any case. The empty string is every day.
func ParseWeekdays(s string) (Weekdays, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "daily" || s == "all" {
		return EveryDay, nil
	}
	var w Weekdays
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '|' || r == ';' }) {
		from, to, isRange := strings.Cut(tok, "-")
		a, ok := dayNames[from]
		if !ok {
			return 0, errorf(ErrBadValue, "%q is not a day (use Mo Tu We Th Fr Sa Su)", from)
		}
		if !isRange {
			w |= 1 << a
			continue
		}
		b, ok := dayNames[to]
		if !ok {
			return 0, errorf(ErrBadValue, "%q is not a day (use Mo Tu We Th Fr Sa Su)", to)
		}
		for d := a; ; d = (d + 1) % 7 {
			w |= 1 << d
			if d == b {
				break
			}
		}
	}
	if w == 0 {
		return 0, errorf(ErrBadValue, "%q names no day", s)
	}
	return w, nil
}

// String writes the set as Monday-first ranges: "Mo-Fr", "Mo,We,Sa-Su".
func (w Weekdays) String() string {
	names := [7]string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}
	has := func(i int) bool { return w.Has(time.Weekday((i + 1) % 7)) } // i = 0 is Monday
	var parts []string
	for i := 0; i < 7; {
		if !has(i) {
			i++
			continue
		}
		j := i
		for j+1 < 7 && has(j+1) {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, names[i])
		default:
			parts = append(parts, names[i]+"-"+names[j])
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}
