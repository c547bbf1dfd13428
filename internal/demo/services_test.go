package demo

import (
	"math"
	"strconv"
	"testing"
)

func TestServicesFile(t *testing.T) {
	m := generated(t)
	rows := readCSV(t, m.Services)
	want := []string{"name", "category", "lon", "lat", "capacity", "opening_hours", "approximate"}
	for i, c := range want {
		if rows[0][i] != c {
			t.Fatalf("header %v, want %v", rows[0], want)
		}
	}
	od := demoOSM(t)
	var roadPts [][2]float64
	for _, w := range od.ways {
		if w.tag("highway") != "" {
			for _, nd := range w.Nds {
				ll := od.nodes[nd.Ref]
				e, n := tm35(ll[0], ll[1])
				roadPts = append(roadPts, [2]float64{e, n})
			}
		}
	}
	count := map[string]int{}
	capacity := map[string]int{}
	for i, r := range rows[1:] {
		line := i + 2
		lon, err1 := strconv.ParseFloat(r[2], 64)
		lat, err2 := strconv.ParseFloat(r[3], 64)
		cp, err3 := strconv.Atoi(r[4])
		approx, err4 := strconv.ParseBool(r[6])
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
			t.Fatalf("line %d: %v", line, r)
		}
		if r[0] == "" || r[5] == "" || cp <= 0 {
			t.Errorf("line %d: incomplete %v", line, r)
		}
		cat := r[1]
		count[cat]++
		capacity[cat] += cp
		// Health points are registered points; the rest sit at the town
		// centres and say so.
		if approx != (cat != catHealth) {
			t.Errorf("line %d: %s approximate=%v", line, cat, approx)
		}
		e, n := tm35(lon, lat)
		best := math.Inf(1)
		for _, p := range roadPts {
			best = math.Min(best, math.Hypot(p[0]-e, p[1]-n))
		}
		if best > 300 {
			t.Errorf("line %d: %s is %.0f m from the roads", line, r[0], best)
		}
	}
	// 3 hospitals and 2 emergency units at 10, 18 stations at 2.
	if count[catHealth] != 23 || capacity[catHealth] != 5*10+18*2 {
		t.Errorf("health: %d points, capacity %d", count[catHealth], capacity[catHealth])
	}
	// 3 employment-area offices at 5, 8 municipal service points at 1.
	if count[catEmployment] != 11 || capacity[catEmployment] != 3*5+8 {
		t.Errorf("employment: %d points, capacity %d", count[catEmployment], capacity[catEmployment])
	}
	if count[catKela] != 3 {
		t.Errorf("kela: %d points, want 3", count[catKela])
	}
}
