package cli

import (
	"math"
	"strings"
	"testing"
)

// FuzzParseLonLat checks that any --from/--to text either gives a point
// inside the WGS84 range or an input error naming the flag.
func FuzzParseLonLat(f *testing.F) {
	for _, s := range []string{"23.76,61.49", "0,0", "-180,-89.9", "180,90", "1e400,2", "NaN,1", " 25.0 , 0.001 ", "25.0", "a,b", ",", "25,0,1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseLonLat("--from", s)
		if err != nil {
			if ExitCode(err) != ExitInput || !strings.Contains(err.Error(), "--from") {
				t.Fatalf("%q: error %v (exit %d)", s, err, ExitCode(err))
			}
			return
		}
		if math.IsNaN(v[0]) || math.IsNaN(v[1]) || v[0] < -180 || v[0] > 180 || v[1] <= -90 || v[1] >= 90 {
			t.Fatalf("%q accepted as %v", s, v)
		}
	})
}

func TestNamedPath(t *testing.T) {
	cases := []struct{ arg, name, path string }{
		{"poa=/data/poa_eptc.zip", "poa", "/data/poa_eptc.zip"},
		{"/data/poa_eptc.zip", "poa_eptc", "/data/poa_eptc.zip"},
		{"feeds/tampere/", "tampere", "feeds/tampere/"},
		{"/data/a=b/feed.zip", "feed", "/data/a=b/feed.zip"},
		{"lines.csv", "lines", "lines.csv"},
	}
	for _, c := range cases {
		if n, p := namedPath(c.arg); n != c.name || p != c.path {
			t.Errorf("namedPath(%q) = %q, %q; want %q, %q", c.arg, n, p, c.name, c.path)
		}
	}
}
