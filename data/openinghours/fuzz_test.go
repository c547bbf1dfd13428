package openinghours

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzParse checks, for any input: no panic; a failure is a *SyntaxError
// with a position inside the input; an accepted value has sorted,
// disjoint intervals within the day on every weekday, and its normal form
// parses back to the same schedule and the same normal form.
func FuzzParse(f *testing.F) {
	file, err := os.Open(filepath.Join("..", "..", "testdata", "openinghours", "examples.txt"))
	if err == nil {
		sc := bufio.NewScanner(file)
		for sc.Scan() {
			if line := sc.Text(); !strings.HasPrefix(line, "#") {
				f.Add(line)
			}
		}
		file.Close()
	}
	f.Add("Mo 22:00-04:00; Tu 01:00-02:00 off, We 03:00-01:00")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := Parse(in)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || !errors.Is(err, ErrSyntax) {
				t.Fatalf("error %T %v is not a SyntaxError", err, err)
			}
			if se.Pos < 0 || se.Pos > len(in) {
				t.Fatalf("position %d outside the input of %d bytes", se.Pos, len(in))
			}
			return
		}
		for d := time.Sunday; d <= time.Saturday; d++ {
			ivs := s.OpenIntervals(d)
			for i, v := range ivs {
				if v[0] < 0 || v[1] > DaySeconds || v[0] >= v[1] || i > 0 && v[0] <= ivs[i-1][1] {
					t.Fatalf("%v: bad intervals %v", d, ivs)
				}
			}
		}
		norm := s.String()
		back, err := Parse(norm)
		if err != nil {
			t.Fatalf("normal form %q of %q does not parse: %v", norm, in, err)
		}
		if !back.Equal(s) || back.String() != norm || back.Defined() != s.Defined() {
			t.Fatalf("%q: normal form %q parses to %q", in, norm, back.String())
		}
		for d := range 7 {
			if !slices.Equal(back.own[d], s.own[d]) {
				t.Fatalf("%q: day %d hours %v, after the normal form %v", in, d, s.own[d], back.own[d])
			}
		}
	})
}
