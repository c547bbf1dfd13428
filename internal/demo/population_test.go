package demo

import (
	"testing"
)

func TestApportion(t *testing.T) {
	cases := []struct {
		name    string
		total   int
		weights []float64
		want    []int
	}{
		{"exact", 10, []float64{1, 1}, []int{5, 5}},
		{"largest remainder", 10, []float64{1, 1, 1}, []int{4, 3, 3}},
		{"remainders decide", 7, []float64{0.5, 0.3, 0.2}, []int{4, 2, 1}}, // 3.5 2.1 1.4
		{"zero weights share equally", 5, []float64{0, 0}, []int{3, 2}},
		{"nothing to share", 0, []float64{1, 2}, []int{0, 0}},
		{"one", 130451, []float64{3}, []int{130451}},
		{"pertunmaa share", 7164, []float64{5564, 1600}, []int{5564, 1600}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := apportion(c.total, c.weights)
			for i := range c.want {
				if got[i] != c.want[i] {
					t.Fatalf("apportion(%d, %v) = %v, want %v", c.total, c.weights, got, c.want)
				}
			}
		})
	}
}

func TestMixIsStableAndSpread(t *testing.T) {
	if mix(1, 2, 3) != mix(1, 2, 3) {
		t.Fatal("mix is not a function")
	}
	lo, hi := 0, 0
	for i := range int64(1000) {
		v := mix(i, 7)
		if v < 0 || v >= 1 {
			t.Fatalf("mix = %v", v)
		}
		if v < 0.5 {
			lo++
		} else {
			hi++
		}
	}
	if lo < 400 || hi < 400 {
		t.Errorf("mix is lopsided: %d below 0.5, %d above", lo, hi)
	}
}

func TestPlacePopulationByOldMunicipality(t *testing.T) {
	b, err := buildBoundaries()
	if err != nil {
		t.Fatal(err)
	}
	cells, err := placePopulation(b, lakes())
	if err != nil {
		t.Fatal(err)
	}
	// Pertunmaa's postal areas (588) land in Mäntyharju: the cells near
	// Pertunmaa village hold about its 1,600 people.
	village := toXY(26.4816, 61.5038)
	mi, _ := b.municipalityOf2022(507)
	near := 0
	for _, c := range cells {
		if c.muni == mi && c.centre().dist(village) < 15000 {
			near += c.pop
		}
		if c.old*100 > c.pop*oldRuralPc+50 {
			t.Fatalf("cell %d,%d: %d of %d aged 65+", c.e, c.n, c.old, c.pop)
		}
	}
	if near < 1000 || near > 2600 {
		t.Errorf("%d people within 15 km of Pertunmaa village, want about 1,600", near)
	}
}
