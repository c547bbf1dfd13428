package report

import (
	"fmt"
	"math"
	"sort"
)

// viridis holds eleven evenly spaced stops of the viridis colour map
// (0 = dark purple, 1 = yellow): perceptually uniform, readable in grey
// and by the common forms of colour blindness.
var viridis = [11][3]float64{
	{0x44, 0x01, 0x54}, {0x48, 0x24, 0x75}, {0x41, 0x44, 0x87}, {0x35, 0x5f, 0x8d},
	{0x2a, 0x78, 0x8e}, {0x21, 0x91, 0x8c}, {0x22, 0xa8, 0x84}, {0x44, 0xbf, 0x70},
	{0x7a, 0xd1, 0x51}, {0xbd, 0xdf, 0x26}, {0xfd, 0xe7, 0x25},
}

// viridisAt returns the colour at t in [0, 1] as #rrggbb, interpolating
// linearly between stops.
func viridisAt(t float64) string {
	t = math.Max(0, math.Min(1, t))
	x := t * float64(len(viridis)-1)
	i := int(math.Floor(x))
	if i >= len(viridis)-1 {
		i = len(viridis) - 2
	}
	f := x - float64(i)
	var rgb [3]int
	for k := range rgb {
		rgb[k] = int(math.Round(viridis[i][k]*(1-f) + viridis[i+1][k]*f))
	}
	return fmt.Sprintf("#%02x%02x%02x", rgb[0], rgb[1], rgb[2])
}

// Palette ends: the fastest class takes viridisFast, the slowest
// viridisSlow; the extremes are avoided (pale yellow on white, near black).
const (
	viridisFast = 0.93
	viridisSlow = 0.04
)

// UnreachableColor is the colour of cells and bar segments that reach no
// service: a neutral grey, set apart from every viridis hue by its lack of
// colour.
const UnreachableColor = "#b8b8b8"

// classColors returns one colour per travel time class for n thresholds:
// n+1 classes, "within the first threshold" to "beyond the last", from
// light yellow-green (fast) to dark purple (slow).
func classColors(n int) []string {
	out := make([]string, n+1)
	for i := range out {
		t := viridisFast
		if n > 0 {
			t = viridisFast - (viridisFast-viridisSlow)*float64(i)/float64(n)
		}
		out[i] = viridisAt(t)
	}
	return out
}

// okabeIto is the Okabe–Ito qualitative palette, safe for colour-blind
// readers, without its black and yellow (too close to the map's ends).
var okabeIto = []string{"#e69f00", "#0072b2", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#999933", "#882255"}

// categoryColors assigns a colour per service category: the run's
// categories first in their order, then any other category found among the
// services, sorted. Colours repeat after len(okabeIto) categories.
func categoryColors(runCats []string, serviceCats []string) ([]string, map[string]string) {
	seen := make(map[string]bool)
	var order []string
	for _, c := range runCats {
		if !seen[c] {
			seen[c] = true
			order = append(order, c)
		}
	}
	var extra []string
	for _, c := range serviceCats {
		if !seen[c] {
			seen[c] = true
			extra = append(extra, c)
		}
	}
	sort.Strings(extra)
	order = append(order, extra...)
	m := make(map[string]string, len(order))
	for i, c := range order {
		m[c] = okabeIto[i%len(okabeIto)]
	}
	return order, m
}
