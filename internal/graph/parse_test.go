package graph

import (
	"math"
	"testing"
	"time"
)

func TestParseMaxspeed(t *testing.T) {
	sym := DefaultParams().MaxspeedKmh
	cases := []struct {
		in   string
		want float64 // 0: not readable
	}{
		{"50", 50},
		{" 80 ", 80},
		{"50 km/h", 50},
		{"50kmh", 50},
		{"60 kph", 60},
		{"30 mph", 30 * 1.609344},
		{"20mph", 20 * 1.609344},
		{"10 knots", 18.52},
		{"7.5", 7.5},
		{"FI:urban", 50},
		{"fi:urban", 50},
		{"FI:rural", 80},
		{"FI:motorway", 120},
		{"FI:zone30", 30},
		{"FI:zone:30", 30},
		{"FI:zone 40", 40},
		{"DE:zone:20", 20},
		{"walk", 6},
		{"50;60", 50},
		{"FI:urban;30", 50},
		{"none", 0},
		{"signals", 0},
		{"variable", 0},
		{"", 0},
		{"fast", 0},
		{"0", 0},
		{"-30", 0},
		{"999", 0},
		{"50 furlongs", 0},
		{"FI:zone", 0},
		{"NaN", 0},
		{"1e3", 0},
		{"5.5.5", 0},
	}
	for _, c := range cases {
		got, ok := ParseMaxspeed(c.in, sym)
		if c.want == 0 {
			if ok {
				t.Errorf("ParseMaxspeed(%q) = %v, want unreadable", c.in, got)
			}
			continue
		}
		if !ok || !near(got, c.want, 1e-9) {
			t.Errorf("ParseMaxspeed(%q) = %v, %v; want %v", c.in, got, ok, c.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration // 0: not readable
	}{
		{"00:20", 20 * time.Minute},
		{"0:20", 20 * time.Minute},
		{"1:30", 90 * time.Minute},
		{"01:05:30", time.Hour + 5*time.Minute + 30*time.Second},
		{"0:00:45", 45 * time.Second},
		{"20", 20 * time.Minute},
		{"7.5", 7*time.Minute + 30*time.Second},
		{"20 min", 20 * time.Minute},
		{"1 h", time.Hour},
		{"90 s", 90 * time.Second},
		{"PT20M", 20 * time.Minute},
		{"pt20m", 20 * time.Minute},
		{"PT1H30M", 90 * time.Minute},
		{"PT45S", 45 * time.Second},
		{"PT0.5H", 30 * time.Minute},
		{"P1DT2H", 26 * time.Hour},
		{"0:20;0:30", 20 * time.Minute},
		{" 00:15 ", 15 * time.Minute},
		{"", 0},
		{"0", 0},
		{"00:00", 0},
		{"1:60", 0},
		{"1:2:3:4", 0},
		{"-5", 0},
		{"0:-5", 0},
		{"abc", 0},
		{"P", 0},
		{"PT", 0},
		{"PT20", 0},
		{"P1M", 0}, // months are not a ferry duration
		{"PT5M1H", 0},
		{"P3D", 0}, // more than 48 hours
		{"20 furlongs", 0},
		{":30", 0},
	}
	for _, c := range cases {
		got, ok := ParseDuration(c.in)
		if c.want == 0 {
			if ok {
				t.Errorf("ParseDuration(%q) = %v, want unreadable", c.in, got)
			}
			continue
		}
		if !ok || got != c.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", c.in, got, ok, c.want)
		}
	}
}

// FuzzParseMaxspeed: never panics; readable values are in (0, 300].
func FuzzParseMaxspeed(f *testing.F) {
	for _, s := range []string{"50", "30 mph", "FI:zone:30", "FI:urban", "50;60", "walk", "none", "10 knots"} {
		f.Add(s)
	}
	sym := DefaultParams().MaxspeedKmh
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseMaxspeed(s, sym)
		if ok && !(v > 0 && v <= 300) {
			t.Fatalf("ParseMaxspeed(%q) = %v", s, v)
		}
		if !ok && v != 0 {
			t.Fatalf("unreadable %q gave %v", s, v)
		}
	})
}

// FuzzParseDuration: never panics; readable values are in (0, 48 h].
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"00:20", "1:05:30", "20", "PT20M", "P1DT2H", "20 min", "7.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDuration(s)
		if ok && !(d > 0 && d <= maxFerryDuration) {
			t.Fatalf("ParseDuration(%q) = %v", s, d)
		}
		if !ok && d != 0 {
			t.Fatalf("unreadable %q gave %v", s, d)
		}
	})
}

func TestHaversine(t *testing.T) {
	cases := []struct {
		name                   string
		lon1, lat1, lon2, lat2 float64
		want                   float64
	}{
		// Along a meridian the distance is R times the latitude difference.
		{"meridian", 23.7, 61.5, 23.7, 61.501, EarthRadiusM * 0.001 * math.Pi / 180},
		// One degree along the equator.
		{"equator", 0, 0, 1, 0, EarthRadiusM * math.Pi / 180},
		// Antipodes: half the circumference.
		{"antipodes", 0, 0, 180, 0, EarthRadiusM * math.Pi},
		// Pole to equator: a quarter.
		{"quarter", 10, 90, 50, 0, EarthRadiusM * math.Pi / 2},
		{"same point", 23.7, 61.5, 23.7, 61.5, 0},
	}
	for _, c := range cases {
		got := haversineM(c.lon1, c.lat1, c.lon2, c.lat2)
		if !near(got, c.want, 1e-6) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		if back := haversineM(c.lon2, c.lat2, c.lon1, c.lat1); !near(back, got, 1e-9) {
			t.Errorf("%s: not symmetric", c.name)
		}
	}
}
