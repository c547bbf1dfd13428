package names

import "testing"

func TestDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"analyze", "analyse", 1}, {"cellsize", "cell-size", 1},
		{"service", "services", 1}, {"kitten", "sitting", 3}, {"", "abc", 3},
	}
	for _, c := range cases {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestClosest(t *testing.T) {
	cands := []string{"analyse", "matrix", "route"}
	if got := Closest("analyze", cands, 2); got != "analyse" {
		t.Errorf("analyze: %q", got)
	}
	if got := Closest("frobnicate", cands, 2); got != "" {
		t.Errorf("frobnicate: %q", got)
	}
	if got := Closest("rote", []string{"route", "note"}, 2); got != "route" {
		t.Errorf("rote: %q (ties go to the first candidate)", got)
	}
}
