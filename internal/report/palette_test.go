package report

import (
	"math"
	"strconv"
	"testing"
)

// luminance returns the relative luminance (WCAG) of #rrggbb.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("bad colour %q", hex)
	}
	var lin [3]float64
	for i := range lin {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			lin[i] = c / 12.92
		} else {
			lin[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*lin[0] + 0.7152*lin[1] + 0.0722*lin[2]
}

func TestViridisAt(t *testing.T) {
	cases := []struct {
		t    float64
		want string
	}{{0, "#440154"}, {1, "#fde725"}, {0.5, "#21918c"}, {-1, "#440154"}, {2, "#fde725"},
		// Halfway between stops 0.0 (#440154) and 0.1 (#482475).
		{0.05, "#461365"}}
	for _, c := range cases {
		if got := viridisAt(c.t); got != c.want {
			t.Errorf("viridisAt(%v) = %s, want %s", c.t, got, c.want)
		}
	}
}

func TestClassColorsGetDarker(t *testing.T) {
	for n := 0; n <= 8; n++ {
		cs := classColors(n)
		if len(cs) != n+1 {
			t.Fatalf("n=%d: %d colours", n, len(cs))
		}
		// Sequential: each slower class is darker than the one before, so
		// the order reads in grey too.
		for i := 1; i < len(cs); i++ {
			if luminance(t, cs[i]) >= luminance(t, cs[i-1]) {
				t.Errorf("n=%d: %s is not darker than %s", n, cs[i], cs[i-1])
			}
		}
		for _, c := range cs {
			if c == UnreachableColor {
				t.Errorf("n=%d: class colour equals the unreachable colour", n)
			}
		}
	}
}

func TestCategoryColors(t *testing.T) {
	order, m := categoryColors([]string{"kela", "health"}, []string{"pharmacy", "health", "atm", "kela"})
	want := []string{"kela", "health", "atm", "pharmacy"}
	if len(order) != len(want) {
		t.Fatalf("order %v", order)
	}
	seen := map[string]bool{}
	for i, c := range want {
		if order[i] != c {
			t.Errorf("order %v, want %v", order, want)
		}
		if seen[m[c]] {
			t.Errorf("colour %s used twice", m[c])
		}
		seen[m[c]] = true
	}
	if m["kela"] != okabeIto[0] {
		t.Errorf("first run category gets %s", m["kela"])
	}
}
