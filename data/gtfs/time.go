package gtfs

import (
	"errors"
	"fmt"
	"strconv"
)

// Seconds counts seconds since midnight of the service day (noon minus
// 12 h). Values past 86 400 are times after midnight of a trip that started
// the day before.
type Seconds int32

// Untimed is the time of a stop time whose arrival or departure is empty.
const Untimed Seconds = -1

// maxHourDigits bounds the hours field so that a time always fits Seconds.
const maxHourDigits = 3

// ErrBadTime is wrapped by every error of [ParseTime].
var ErrBadTime = errors.New("gtfs: bad time")

// timeError says why a string is not a GTFS time.
type timeError struct {
	s      string
	reason string
}

func (e *timeError) Error() string {
	return fmt.Sprintf("%q is not a time (%s)", e.s, e.reason)
}

func (e *timeError) Unwrap() error { return ErrBadTime }

// ParseTime parses a GTFS time "H:MM:SS" or "HH:MM:SS" into seconds since
// midnight. Hours may exceed 24 ("25:10:00" is 1:10 the next morning) and
// have at most three digits; minutes and seconds have two digits each and
// must be below 60. Surrounding spaces are ignored. The empty string is
// [Untimed] and no error.
func ParseTime(s string) (Seconds, error) {
	s = trimSpace(s)
	if s == "" {
		return Untimed, nil
	}
	c1 := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			c1 = i
			break
		}
	}
	if c1 < 1 || c1 > maxHourDigits || len(s) != c1+6 || s[c1+3] != ':' {
		return 0, &timeError{s, "expected H:MM:SS"}
	}
	h, ok := digits(s[:c1])
	m, ok2 := digits(s[c1+1 : c1+3])
	sec, ok3 := digits(s[c1+4:])
	if !ok || !ok2 || !ok3 {
		return 0, &timeError{s, "expected H:MM:SS"}
	}
	if m >= 60 {
		return 0, &timeError{s, "minutes must be < 60"}
	}
	if sec >= 60 {
		return 0, &timeError{s, "seconds must be < 60"}
	}
	return Seconds(h*3600 + m*60 + sec), nil
}

// digits parses a non-empty run of ASCII digits.
func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// FormatTime writes t as "HH:MM:SS" (more hour digits past 99 hours), the
// inverse of [ParseTime]. [Untimed] and other negative values give "".
func FormatTime(t Seconds) string {
	if t < 0 {
		return ""
	}
	h, m, s := int(t)/3600, int(t)/60%60, int(t)%60
	b := make([]byte, 0, 10)
	if h < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(h), 10)
	b = append(b, ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10))
	return string(b)
}

// String formats t like [FormatTime], with "untimed" for [Untimed].
func (t Seconds) String() string {
	if t == Untimed {
		return "untimed"
	}
	return FormatTime(t)
}

// trimSpace trims ASCII spaces and tabs without allocating.
func trimSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
