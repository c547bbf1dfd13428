package demo

import (
	"slices"
	"testing"
)

func TestEvery(t *testing.T) {
	got := every("06:00", "07:10", 30)
	if !slices.Equal(got, []string{"06:00", "06:30", "07:00"}) {
		t.Errorf("every = %v", got)
	}
	if n := len(every("06:00", "21:30", 30)); n != 32 {
		t.Errorf("%d departures 06:00-21:30, want 32", n)
	}
}

func TestGTFSTime(t *testing.T) {
	cases := []struct {
		s    int
		want string
	}{{0, "00:00:00"}, {6*3600 + 5*60 + 7, "06:05:07"}, {25 * 3600, "25:00:00"}}
	for _, c := range cases {
		if got := gtfsTime(c.s); got != c.want {
			t.Errorf("gtfsTime(%d) = %s, want %s", c.s, got, c.want)
		}
	}
}

func TestLineSpecsResolve(t *testing.T) {
	for _, l := range lineSpecs {
		for _, v := range l.vias {
			switch {
			case v.place != "":
				if _, ok := muniByName(v.place); !ok {
					if _, ok := placeByName(v.place); !ok {
						t.Errorf("line %s: unknown place %q", l.id, v.place)
					}
				}
			case v.postal > 0:
				if _, _, ok := postalByCode(v.postal); !ok {
					t.Errorf("line %s: unknown postal area %d", l.id, v.postal)
				}
			}
		}
		if len(l.trips) == 0 {
			t.Errorf("line %s has no trips", l.id)
		}
	}
}
