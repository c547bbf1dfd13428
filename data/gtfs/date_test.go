package gtfs

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in      string
		days    Date // days since 1970-01-01, computed by hand
		weekday time.Weekday
		wantErr bool
	}{
		{"19700101", 0, time.Thursday, false},
		{"19700102", 1, time.Friday, false},
		{"19710101", 365, time.Friday, false},
		{"20000301", 11017, time.Wednesday, false},
		{"20240229", 19782, time.Thursday, false},
		{"20220110", 19002, time.Monday, false},
		{"19691231", -1, time.Wednesday, false},
		{"20230229", 0, 0, true},
		{"20241301", 0, 0, true},
		{"2024011", 0, 0, true},
		{"2024-01-01", 0, 0, true},
		{"", 0, 0, true},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			d, err := ParseDate(c.in)
			if c.wantErr {
				if !errors.Is(err, ErrBadDate) {
					t.Fatalf("ParseDate(%q) = %v, %v; want ErrBadDate", c.in, d, err)
				}
				return
			}
			if err != nil || d != c.days {
				t.Fatalf("ParseDate(%q) = %d, %v; want %d", c.in, d, err, c.days)
			}
			if d.Weekday() != c.weekday {
				t.Errorf("weekday %v, want %v", d.Weekday(), c.weekday)
			}
			if d.String() != c.in {
				t.Errorf("String() = %q, want %q", d.String(), c.in)
			}
		})
	}
}

func TestDateOfIgnoresLocalZone(t *testing.T) {
	// 23:30 on 9 Jan in UTC-5 is 04:30 on 10 Jan in UTC.
	loc := time.FixedZone("x", -5*3600)
	d := DateOf(time.Date(2022, 1, 9, 23, 30, 0, 0, loc))
	if d.String() != "20220110" {
		t.Errorf("DateOf = %s, want 20220110", d)
	}
}
