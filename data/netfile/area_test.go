package netfile

import (
	"testing"

	"github.com/saavu/saavu/geo"
)

// TestLonLatAround checks the lon/lat box of EPSG:3067 boxes against a
// dense walk along their edges: no point of the edge lies outside it, and
// the box is no more than the margin larger than what the walk finds.
func TestLonLatAround(t *testing.T) {
	for _, b := range []Box{
		{480_000, 6_800_000, 520_000, 6_840_000},   // across the central meridian
		{100_000, 6_650_000, 300_000, 6_750_000},   // south-west
		{600_000, 7_600_000, 740_000, 7_780_000},   // Lapland, east of the meridian
		{50_000, 6_600_000, 760_000, 7_800_000},    // all of Finland
		{500_000, 7_000_000, 500_000.5, 7_000_001}, // tiny
	} {
		got := lonLatAround(b)
		walk := Box{1e9, 1e9, -1e9, -1e9}
		const steps = 4000
		for i := 0; i <= steps; i++ {
			f := float64(i) / steps
			e := b[0] + f*(b[2]-b[0])
			n := b[1] + f*(b[3]-b[1])
			for _, p := range [][2]float64{{e, b[1]}, {e, b[3]}, {b[0], n}, {b[2], n}} {
				lon, lat := geo.FromTM35(p[0], p[1])
				walk = Box{min(walk[0], lon), min(walk[1], lat), max(walk[2], lon), max(walk[3], lat)}
			}
		}
		for k := range 4 {
			inner := walk[k] >= got[k]
			if k >= 2 {
				inner = walk[k] <= got[k]
			}
			if !inner {
				t.Errorf("box %v: coordinate %d of the walk %v lies outside %v", b, k, walk[k], got[k])
			}
			if d := walk[k] - got[k]; d > 2e-5 || d < -2e-5 {
				t.Errorf("box %v: coordinate %d is %g degrees wider than needed", b, k, d)
			}
		}
	}
}

func TestAreaContains(t *testing.T) {
	// Two boxes 10 km apart around Tampere (about E 327 km, N 6822 km).
	a := NewArea([]Box{
		{320_000, 6_815_000, 330_000, 6_825_000},
		{340_000, 6_815_000, 350_000, 6_825_000},
		{1, 1, 0, 0}, // empty: left out
	})
	if len(a.Boxes) != 2 {
		t.Fatalf("%d boxes", len(a.Boxes))
	}
	cases := []struct {
		e, n float64
		want bool
	}{
		{325_000, 6_820_000, true},
		{320_000, 6_815_000, true},  // corner
		{335_000, 6_820_000, false}, // the gap between the boxes
		{345_000, 6_824_999, true},
		{345_000, 6_825_001, false},
		{319_999, 6_820_000, false},
	}
	for _, c := range cases {
		lon, lat := geo.FromTM35(c.e, c.n)
		// Round trips through lon/lat are good to well under a millimetre;
		// test points a metre or more from the edges, corners excepted.
		if got := a.ContainsTM35(c.e, c.n); got != c.want {
			t.Errorf("ContainsTM35(%v, %v) = %v", c.e, c.n, got)
		}
		if c.e == 320_000 {
			continue
		}
		if got := a.Contains(lon, lat); got != c.want {
			t.Errorf("Contains(%v, %v) (E %v N %v) = %v", lon, lat, c.e, c.n, got)
		}
	}
	if a.Contains(60, 25) || a.Contains(0, 0) {
		t.Error("far points inside")
	}
	if empty := NewArea(nil); empty.Contains(23.7, 61.5) || empty.LonLat != (Box{}) {
		t.Errorf("empty area: %+v", empty)
	}
}
