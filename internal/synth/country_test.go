package synth

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/graph"
)

// small is a country of one degree square: quick to generate and build.
func small() Params {
	p := DefaultParams()
	p.MinLon, p.MaxLon, p.MinLat, p.MaxLat = 25, 26, 62, 63
	p.Towns = 8
	p.MaxTownBlocks = 20
	return p
}

func TestGenerateDeterministic(t *testing.T) {
	a, err := Generate(small())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(small())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Extract, b.Extract) || !reflect.DeepEqual(a.Towns, b.Towns) {
		t.Error("same params, different countries")
	}
	p := small()
	p.Seed = 2
	c, err := Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(a.Extract.Lon, c.Extract.Lon) {
		t.Error("another seed gave the same coordinates")
	}
}

func TestGenerateShape(t *testing.T) {
	p := small()
	c, err := Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	ext := c.Extract
	if !slices.IsSorted(ext.NodeIDs) || len(ext.Lon) != len(ext.NodeIDs) || len(ext.Lat) != len(ext.NodeIDs) {
		t.Fatal("NodeIDs unsorted or coordinates not parallel")
	}
	for i := range ext.Lon {
		if ext.Lon[i] < p.MinLon || ext.Lon[i] > p.MaxLon || ext.Lat[i] < p.MinLat || ext.Lat[i] > p.MaxLat {
			t.Fatalf("node %d at %g,%g outside the box", ext.NodeIDs[i], ext.Lon[i], ext.Lat[i])
		}
	}
	if len(c.Towns) != p.Towns {
		t.Errorf("%d towns, want %d", len(c.Towns), p.Towns)
	}
	// Degrees counted from the ways (distinct neighbours per node).
	nb := map[int64]map[int64]bool{}
	var segLen []float64
	for _, w := range ext.Ways {
		if len(w.Nodes) < 2 || w.Tags.Get("highway") == "" {
			t.Fatalf("way %d: %d nodes, highway %q", w.ID, len(w.Nodes), w.Tags.Get("highway"))
		}
		for k := 1; k < len(w.Nodes); k++ {
			u, v := w.Nodes[k-1], w.Nodes[k]
			if _, ok := ext.Index(u); !ok {
				t.Fatalf("way %d refers to missing node %d", w.ID, u)
			}
			for _, e := range [][2]int64{{u, v}, {v, u}} {
				if nb[e[0]] == nil {
					nb[e[0]] = map[int64]bool{}
				}
				nb[e[0]][e[1]] = true
			}
			lu, au, _ := ext.Coord(u)
			lv, av, _ := ext.Coord(v)
			segLen = append(segLen, haversine(lu, au, lv, av))
		}
	}
	deg := map[int]int{}
	for _, m := range nb {
		deg[min(len(m), 5)]++
	}
	share24 := float64(deg[2]+deg[3]+deg[4]) / float64(len(nb))
	if share24 < 0.85 {
		t.Errorf("degrees %v: only %.2f of the nodes have degree 2 to 4", deg, share24)
	}
	if deg[1] == 0 {
		t.Errorf("degrees %v: no dead ends", deg)
	}
	slices.Sort(segLen)
	med := segLen[len(segLen)/2]
	if med < 30 || med > 500 {
		t.Errorf("median segment %.0f m, want tens to hundreds of metres", med)
	}
	if segLen[0] <= 0 {
		t.Errorf("a zero-length segment")
	}
}

func haversine(lon1, lat1, lon2, lat2 float64) float64 {
	r := math.Pi / 180
	a := math.Pow(math.Sin((lat2-lat1)*r/2), 2) + math.Cos(lat1*r)*math.Cos(lat2*r)*math.Pow(math.Sin((lon2-lon1)*r/2), 2)
	return 2 * 6371008.8 * math.Asin(math.Sqrt(a))
}

func TestGenerateBuilds(t *testing.T) {
	c, err := Generate(small())
	if err != nil {
		t.Fatal(err)
	}
	walk, _, err := graph.Build(c.Extract, graph.Walk, graph.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	car, _, err := graph.Build(c.Extract, graph.Car, graph.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	// Footways are walk-only and tracks are not car roads, so the car
	// graph has fewer vertices; every node of the country is walkable.
	if walk.NumVertices() != len(c.Extract.NodeIDs) {
		t.Errorf("walk graph %d vertices, country %d nodes", walk.NumVertices(), len(c.Extract.NodeIDs))
	}
	if car.NumVertices() >= walk.NumVertices() || car.NumVertices() == 0 {
		t.Errorf("car %d vertices, walk %d", car.NumVertices(), walk.NumVertices())
	}
	// Town centres join the rural roads: the centre of each town lies in
	// the largest walk component.
	comp, sizes := walk.Components()
	big := int32(slices.Index(sizes, slices.Max(sizes)))
	for _, town := range c.Towns {
		v, ok := slices.BinarySearch(walk.NodeID, town.Centre)
		if !ok {
			t.Fatalf("town centre %d not a walk vertex", town.Centre)
		}
		if comp[v] != big {
			t.Errorf("town centre %d cut off from the main network", town.Centre)
		}
	}
}

func TestPoints(t *testing.T) {
	p := small()
	c, err := Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	o, err := c.Origins(2000, 7)
	if err != nil {
		t.Fatal(err)
	}
	o2, _ := c.Origins(2000, 7)
	if len(o) != 2000 || !slices.Equal(o, o2) {
		t.Fatal("origins: wrong count or not deterministic")
	}
	for _, pt := range o {
		if pt[0] < p.MinLon || pt[0] > p.MaxLon || pt[1] < p.MinLat || pt[1] > p.MaxLat {
			t.Fatalf("origin %v outside the box", pt)
		}
	}
	s, err := c.Services([]int{5, 0, 3}, 9)
	if err != nil {
		t.Fatal(err)
	}
	var per [3]int
	for _, x := range s {
		per[x.Category]++
	}
	if per != [3]int{5, 0, 3} {
		t.Errorf("services per category %v", per)
	}
	// Every service lies within its town's central fifth, so within
	// half a town width of some town centre.
	for _, x := range s {
		near := false
		for _, town := range c.Towns {
			if haversine(x.Lon, x.Lat, town.Lon, town.Lat) <= float64(town.Blocks)*town.BlockM/2 {
				near = true
			}
		}
		if !near {
			t.Errorf("service %v in no town", x)
		}
	}
	if _, err := (&Country{}).Origins(1, 1); !errors.Is(err, errNoTowns) {
		t.Errorf("origins of an empty country: %v", err)
	}
}

func TestParamsRejected(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Params)
	}{
		{"empty box", func(p *Params) { p.MaxLon = p.MinLon }},
		{"NaN spacing", func(p *Params) { p.RuralSpacingM = math.NaN() }},
		{"node spacing above road spacing", func(p *Params) { p.RuralNodeM = p.RuralSpacingM + 1 }},
		{"negative towns", func(p *Params) { p.Towns = -1 }},
		{"tiny towns", func(p *Params) { p.MaxTownBlocks = 2 }},
		{"box past the pole", func(p *Params) { p.MaxLat = 89 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := small()
			c.edit(&p)
			if _, err := Generate(p); !errors.Is(err, errParams) {
				t.Errorf("err = %v, want errParams", err)
			}
		})
	}
}
