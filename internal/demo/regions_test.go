package demo

import (
	"math"
	"testing"
)

func TestRegionsProperties(t *testing.T) {
	regions := readRegions(t, generated(t).Regions)
	if len(regions) != 11 {
		t.Fatalf("%d regions, want 11", len(regions))
	}
	names := map[string]string{"101": "Mikkeli", "103": "Savonlinna", "105": "Pieksämäki"}
	seen := map[string]bool{}
	for _, f := range regions {
		code := f.str("kunta")
		if seen[code] {
			t.Errorf("kunta %s twice", code)
		}
		seen[code] = true
		if f.str("seutukunta") != expectedSubRegion[code] {
			t.Errorf("kunta %s: seutukunta %q, want %q", code, f.str("seutukunta"), expectedSubRegion[code])
		}
		if f.str("seutukunta_name_fi") != names[f.str("seutukunta")] {
			t.Errorf("kunta %s: seutukunta_name_fi %q", code, f.str("seutukunta_name_fi"))
		}
		if f.props["schematic"] != true {
			t.Errorf("kunta %s: schematic = %v", code, f.props["schematic"])
		}
		if f.str("name") == "" {
			t.Errorf("kunta %s has no name", code)
		}
	}
	if seen["588"] {
		t.Error("Pertunmaa (588) must be part of Mäntyharju in 2026")
	}
}

// TestRegionsShareBoundaries checks that the municipalities dissolve
// cleanly: every edge is either on the outline (used once) or shared by
// exactly two municipalities in opposite directions, and the outline
// edges form closed rings.
func TestRegionsShareBoundaries(t *testing.T) {
	regions := readRegions(t, generated(t).Regions)
	type pt = [2]float64
	type edge struct{ a, b pt }
	owner := map[edge]string{}
	for _, f := range regions {
		for _, p := range f.polys {
			for k, r := range p {
				if len(r) < 4 || r[0] != r[len(r)-1] {
					t.Fatalf("%s: ring %d not closed", f.str("name"), k)
				}
				area := 0.0
				for i := 0; i+1 < len(r); i++ {
					area += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
					e := edge{r[i], r[i+1]}
					if e.a == e.b {
						t.Fatalf("%s: repeated point %v", f.str("name"), e.a)
					}
					if o, dup := owner[e]; dup {
						t.Fatalf("edge %v used twice in one direction (%s, %s)", e, o, f.str("name"))
					}
					owner[e] = f.str("kunta")
				}
				if (k == 0) != (area > 0) {
					t.Errorf("%s: ring %d has the wrong orientation", f.str("name"), k)
				}
			}
		}
	}
	outline := map[pt][]pt{}
	shared := 0
	for e, o := range owner {
		if other, ok := owner[edge{e.b, e.a}]; ok {
			if other == o {
				t.Errorf("edge %v inside municipality %s", e, o)
			}
			shared++
			continue
		}
		outline[e.a] = append(outline[e.a], e.b)
	}
	if shared == 0 {
		t.Fatal("no shared boundaries")
	}
	// The outline: every point has one outgoing edge and the walk closes.
	for a, next := range outline {
		if len(next) != 1 {
			t.Fatalf("outline point %v has %d outgoing edges", a, len(next))
		}
	}
	var start pt
	for a := range outline {
		start = a
		break
	}
	steps := 0
	for p := outline[start][0]; p != start; p = outline[p][0] {
		steps++
		if steps > len(outline) {
			t.Fatal("outline does not close")
		}
	}
	if steps+1 != len(outline) {
		t.Errorf("the outline walk covers %d of %d points: more than one ring", steps+1, len(outline))
	}
}

// TestRegionsAreas compares the schematic areas with the real total areas
// of the municipalities (National Land Survey, 2024 boundaries).
func TestRegionsAreas(t *testing.T) {
	real := map[string]float64{
		"046": 419.20, "097": 746.59, "178": 1345.69, "213": 1326.75, "491": 3229.57,
		"507": 1210.98 + 454.18, "593": 1836.23, "623": 1237.75, "681": 925.19, "740": 3597.69, "768": 769.20,
	}
	total := 0.0
	for _, f := range readRegions(t, generated(t).Regions) {
		a := f.areaKm2()
		total += a
		want := real[f.str("kunta")]
		if math.Abs(a-want) > 0.15*want {
			t.Errorf("%s: %.0f km², want %.0f ±15%%", f.str("name"), a, want)
		}
	}
	if math.Abs(total-17100) > 0.03*17100 {
		t.Errorf("province %.0f km², want about 17,100", total)
	}
}

// TestRegionsNoOverlap samples a lattice of points over the province: no
// point may lie in two municipalities.
func TestRegionsNoOverlap(t *testing.T) {
	regions := readRegions(t, generated(t).Regions)
	inside := 0
	for lon := 26.0; lon <= 30.0; lon += 0.01 {
		for lat := 61.0; lat <= 62.7; lat += 0.005 {
			n := 0
			for _, f := range regions {
				if f.contains(lon, lat) {
					n++
				}
			}
			if n > 1 {
				t.Fatalf("point %.3f %.3f lies in %d municipalities", lon, lat, n)
			}
			inside += n
		}
	}
	// 0.01° x 0.005° is about 0.29 km² here: the province holds tens of
	// thousands of samples.
	if inside < 40000 {
		t.Errorf("only %d sample points inside the province", inside)
	}
}

// TestRegionsHoldTheirPlaces checks that the municipal centres and the
// health points lie in the municipality they belong to.
func TestRegionsHoldTheirPlaces(t *testing.T) {
	regions := readRegions(t, generated(t).Regions)
	which := func(lon, lat float64) string {
		for _, f := range regions {
			if f.contains(lon, lat) {
				return f.str("name")
			}
		}
		return ""
	}
	for _, m := range municipalities {
		if got := which(m.lon, m.lat); got != m.name {
			t.Errorf("centre of %s lies in %q", m.name, got)
		}
	}
	// Former municipalities' stations by the 2026 municipality.
	want := map[string]string{
		"Anttolan hyvinvointiasema": "Mikkeli", "Haukivuoren hyvinvointiasema": "Mikkeli",
		"Ristiinan hyvinvointiasema": "Mikkeli", "Suomenniemen hyvinvointiasema": "Mikkeli",
		"Pertunmaan hyvinvointiasema": "Mäntyharju", "Kerimäen terveysasema": "Savonlinna",
		"Punkaharjun terveysasema": "Savonlinna", "Savonrannan terveysasema": "Savonlinna",
	}
	for _, h := range healthPoints {
		w, ok := want[h.name]
		if !ok {
			continue
		}
		if got := which(h.lon, h.lat); got != w {
			t.Errorf("%s lies in %q, want %s", h.name, got, w)
		}
	}
}
