package analyse

import (
	"errors"
	"testing"
)

func TestParseOutCRS(t *testing.T) {
	cases := []struct {
		in, want string
		srs      int
		err      bool
	}{
		{"", "EPSG:4326", 4326, false},
		{"EPSG:4326", "EPSG:4326", 4326, false},
		{"epsg:3067", "EPSG:3067", 3067, false},
		{" EPSG:3067 ", "EPSG:3067", 3067, false},
		{"EPSG:3879", "", 0, true},
		{"3067", "", 0, true},
		{"CRS84", "", 0, true},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseOutCRS(c.in)
			if c.err {
				if !errors.Is(err, ErrOutCRS) {
					t.Fatalf("ParseOutCRS(%q) = %q, %v; want ErrOutCRS", c.in, got, err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("ParseOutCRS(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
			if srs, err := OutSRS(c.in); err != nil || srs != c.srs {
				t.Errorf("OutSRS(%q) = %d, %v; want %d", c.in, srs, err, c.srs)
			}
		})
	}
}
