package gtfs

import (
	"errors"
	"fmt"
	"time"
)

// Date is a calendar date counted in days since 1970-01-01. It carries no
// time zone: conversions go through [time.Time] in UTC only.
type Date int32

// ErrBadDate is wrapped by every error of [ParseDate].
var ErrBadDate = errors.New("gtfs: bad date")

// dateError says why a string is not a GTFS date.
type dateError struct {
	s      string
	reason string
}

func (e *dateError) Error() string {
	return fmt.Sprintf("%q is not a date (%s)", e.s, e.reason)
}

func (e *dateError) Unwrap() error { return ErrBadDate }

// ParseDate parses a GTFS date "YYYYMMDD". Surrounding spaces are
// ignored; the date must exist (20230229 is an error).
func ParseDate(s string) (Date, error) {
	s = trimSpace(s)
	if len(s) != 8 {
		return 0, &dateError{s, "expected YYYYMMDD"}
	}
	y, ok1 := digits(s[:4])
	m, ok2 := digits(s[4:6])
	d, ok3 := digits(s[6:])
	if !ok1 || !ok2 || !ok3 {
		return 0, &dateError{s, "expected YYYYMMDD"}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return 0, &dateError{s, "no such day"}
	}
	return DateOf(t), nil
}

// DateOf returns the date of t as seen in UTC.
func DateOf(t time.Time) Date {
	y, m, d := t.UTC().Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date(u.Unix() / 86400)
}

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time {
	return time.Unix(int64(d)*86400, 0).UTC()
}

// Weekday returns the day of the week of the date.
func (d Date) Weekday() time.Weekday {
	return d.Time().Weekday()
}

// String formats the date as "YYYYMMDD".
func (d Date) String() string {
	return d.Time().Format("20060102")
}
