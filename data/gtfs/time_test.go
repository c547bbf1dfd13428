package gtfs

import (
	"errors"
	"testing"
)

func TestParseTime(t *testing.T) {
	cases := []struct {
		in      string
		want    Seconds
		wantErr string // empty when valid
	}{
		{"00:00:00", 0, ""},
		{"08:05:09", 8*3600 + 5*60 + 9, ""},
		{"7:00:00", 7 * 3600, ""},
		{" 7:00:00 ", 7 * 3600, ""},
		{"23:59:59", 86399, ""},
		{"24:00:00", 86400, ""},
		{"25:10:00", 25*3600 + 600, ""},
		{"100:00:00", 360000, ""},
		{"", Untimed, ""},
		{"   ", Untimed, ""},
		{"25:61:00", 0, `"25:61:00" is not a time (minutes must be < 60)`},
		{"10:00:60", 0, `"10:00:60" is not a time (seconds must be < 60)`},
		{"10:0:00", 0, `"10:0:00" is not a time (expected H:MM:SS)`},
		{"10:00", 0, `"10:00" is not a time (expected H:MM:SS)`},
		{"1000:00:00", 0, `"1000:00:00" is not a time (expected H:MM:SS)`},
		{"-1:00:00", 0, `"-1:00:00" is not a time (expected H:MM:SS)`},
		{"10:00:00:00", 0, `"10:00:00:00" is not a time (expected H:MM:SS)`},
		{"ab:cd:ef", 0, `"ab:cd:ef" is not a time (expected H:MM:SS)`},
		{":00:00", 0, `":00:00" is not a time (expected H:MM:SS)`},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseTime(c.in)
			if c.wantErr != "" {
				if err == nil || err.Error() != c.wantErr {
					t.Fatalf("ParseTime(%q) error = %v, want %q", c.in, err, c.wantErr)
				}
				if !errors.Is(err, ErrBadTime) {
					t.Errorf("error %v does not wrap ErrBadTime", err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("ParseTime(%q) = %d, %v; want %d", c.in, got, err, c.want)
			}
		})
	}
}

func TestFormatTime(t *testing.T) {
	cases := []struct {
		in   Seconds
		want string
	}{
		{0, "00:00:00"},
		{8*3600 + 5*60 + 9, "08:05:09"},
		{25*3600 + 600, "25:10:00"},
		{360000 + 59, "100:00:59"},
		{Untimed, ""},
	}
	for _, c := range cases {
		if got := FormatTime(c.in); got != c.want {
			t.Errorf("FormatTime(%d) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzParseTime checks that every accepted time formats back to a string
// that parses to the same value, and that valid values round trip.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"00:00:00", "7:05:09", "25:10:00", "25:61:00", "", "999:59:59", "1:2:3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseTime(s)
		if err != nil {
			if !errors.Is(err, ErrBadTime) {
				t.Fatalf("error %v does not wrap ErrBadTime", err)
			}
			return
		}
		if v == Untimed {
			if trimSpace(s) != "" {
				t.Fatalf("%q parsed as untimed", s)
			}
			return
		}
		if v < 0 || v >= 1000*3600 {
			t.Fatalf("%q parsed to %d, out of range", s, v)
		}
		back, err := ParseTime(FormatTime(v))
		if err != nil || back != v {
			t.Fatalf("%q -> %d -> %q -> %d, %v", s, v, FormatTime(v), back, err)
		}
	})
}
