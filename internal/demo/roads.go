package demo

import (
	"fmt"
	"math"
)

// place is a named point the main roads run between: a municipal centre, a
// village, a junction, a ferry landing or a point where a road leaves the
// province.
type place struct {
	name     string
	lon, lat float64
}

// places of the schematic main road network. Municipal centres come from
// municipalities; villages are the former municipal centres with a health
// station.
var places = []place{
	{"Anttola", 27.6478, 61.5839},
	{"Haukivuori", 27.2119, 62.0180},
	{"Ristiina", 27.2458, 61.5118},
	{"Suomenniemi", 27.4526, 61.3245},
	{"Pertunmaa", 26.4816, 61.5038},
	{"Kerimäki", 29.2881, 61.9135},
	{"Punkaharju", 29.3903, 61.7567},
	{"Savonranta", 29.2040, 62.1719},
	{"Joroinen junction", 27.8800, 62.1900},
	{"Sulkava junction", 28.4200, 61.8900},
	{"Puumala ferry south", 28.2000, 61.5905},
	{"Puumala ferry north", 28.2000, 61.6095},
	{"Puumala north village", 28.1850, 61.6740},
	{"Sulkava south village", 28.3950, 61.6710},
	{"exit Jyväskylä 13", 26.3000, 62.1000},
	{"exit Kouvola", 26.8000, 61.1500},
	{"exit Heinola", 26.1500, 61.4500},
	{"exit Imatra", 28.6000, 61.3000},
	{"exit Parikkala", 29.6500, 61.6200},
	{"exit Kitee", 29.6500, 62.0600},
	{"exit Varkaus", 27.9000, 62.4000},
	{"exit Jyväskylä 23", 26.7000, 62.4200},
}

// corridor is a main road between two places through shape points.
type corridor struct {
	from, to string
	class    roadClass
	via      [][2]float64 // lon, lat
}

// corridors roughly follow the real main road corridors; their course is
// schematic. They bend around the schematic lakes.
var corridors = []corridor{
	{"Mikkeli", "Juva", trunk, [][2]float64{{27.45, 61.77}, {27.68, 61.855}}},
	{"Juva", "Sulkava junction", trunk, [][2]float64{{28.10, 61.90}}},
	{"Sulkava junction", "Savonlinna", trunk, [][2]float64{{28.70, 61.875}}},
	{"Mikkeli", "Haukivuori", primary100, [][2]float64{{27.24, 61.85}}},
	{"Haukivuori", "Pieksämäki", primary100, [][2]float64{{27.19, 62.16}}},
	{"Mikkeli", "Kangasniemi", trunk, [][2]float64{{27.05, 61.79}, {26.85, 61.93}}},
	{"Kangasniemi", "exit Jyväskylä 13", trunk, nil},
	{"Mikkeli", "Mäntyharju", trunk, [][2]float64{{27.12, 61.60}, {26.98, 61.49}}},
	{"Mäntyharju", "exit Kouvola", trunk, nil},
	{"Mikkeli", "Hirvensalmi", primary, [][2]float64{{27.02, 61.665}}},
	{"Hirvensalmi", "Pertunmaa", secondary, [][2]float64{{26.62, 61.58}}},
	{"Pertunmaa", "exit Heinola", primary, nil},
	{"Mäntyharju", "Pertunmaa", secondary, [][2]float64{{26.68, 61.46}}},
	{"Mikkeli", "Ristiina", primary, [][2]float64{{27.27, 61.60}}},
	{"Ristiina", "Puumala", primary, [][2]float64{{27.50, 61.49}, {27.85, 61.475}, {28.02, 61.50}}},
	{"Puumala", "exit Imatra", primary, nil},
	{"Ristiina", "Suomenniemi", secondary, [][2]float64{{27.33, 61.42}}},
	{"Mikkeli", "Anttola", secondary, [][2]float64{{27.45, 61.62}}},
	{"Puumala", "Puumala ferry south", tertiary, nil},
	{"Puumala ferry north", "Puumala north village", tertiary, nil},
	{"Puumala north village", "Sulkava", secondary, [][2]float64{{28.25, 61.74}}},
	{"Puumala", "Sulkava south village", secondary, [][2]float64{{28.45, 61.545}, {28.53, 61.60}}},
	{"Sulkava south village", "Sulkava", secondary, nil},
	{"Sulkava", "Sulkava junction", tertiary, nil},
	{"Sulkava", "Savonlinna", secondary, [][2]float64{{28.60, 61.83}, {28.75, 61.845}}},
	{"Savonlinna", "Enonkoski", secondary, [][2]float64{{28.93, 61.98}}},
	{"Enonkoski", "Savonranta", secondary, [][2]float64{{29.05, 62.14}}},
	{"Savonlinna", "Kerimäki", primary, [][2]float64{{29.10, 61.90}}},
	{"Kerimäki", "exit Kitee", secondary, [][2]float64{{29.40, 62.00}}},
	{"Savonlinna", "Punkaharju", trunk, [][2]float64{{29.05, 61.80}, {29.25, 61.77}}},
	{"Punkaharju", "exit Parikkala", trunk, nil},
	{"Savonlinna", "Rantasalmi", primary, [][2]float64{{28.70, 61.94}, {28.50, 61.99}}},
	{"Rantasalmi", "Joroinen junction", secondary, [][2]float64{{28.10, 62.15}}},
	{"Joroinen junction", "Pieksämäki", primary, [][2]float64{{27.55, 62.28}}},
	{"Juva", "Joroinen junction", trunk, [][2]float64{{27.87, 62.05}}},
	{"Joroinen junction", "exit Varkaus", trunk, nil},
	{"Juva", "Rantasalmi", secondary, [][2]float64{{28.05, 61.99}}},
	{"Pieksämäki", "exit Jyväskylä 23", primary, nil},
}

// ferryRoute is the schematic road ferry across the Puumala strait.
var ferryRoute = struct {
	name     string
	from, to string
	duration string
}{"Puumalan lossi (schematic)", "Puumala ferry south", "Puumala ferry north", "00:10"}

// townGrid is a square street grid around a town centre.
type townGrid struct {
	muni    string  // municipality name
	half    float64 // half side, metres
	spacing float64 // street spacing, metres
}

var townGrids = []townGrid{
	{"Mikkeli", 3000, 250},
	{"Savonlinna", 2000, 250},
	{"Pieksämäki", 1500, 250},
}

// grid is a town grid laid out in the network.
type grid struct {
	townGrid
	centre xy
	n      int       // streets per direction
	ids    [][]int32 // [row][col] node, -1 where a lake is
}

// at returns the node of the grid nearest to p, or -1 when p is outside
// the grid or the nearest crossing is missing.
func (g *grid) at(p xy) int32 {
	d := p.sub(g.centre)
	if math.Abs(d.X) > g.half+g.spacing/2 || math.Abs(d.Y) > g.half+g.spacing/2 {
		return -1
	}
	col := int(math.Round((d.X + g.half) / g.spacing))
	row := int(math.Round((d.Y + g.half) / g.spacing))
	col = max(0, min(g.n-1, col))
	row = max(0, min(g.n-1, row))
	return g.ids[row][col]
}

// mainRoads lays out the town grids, the corridors, the ferry and the
// lakes. It returns the node of every place by name and the grids.
func mainRoads(nw *network, ls []lake) (map[string]int32, []*grid, error) {
	placeNode := map[string]int32{}
	var grids []*grid
	for _, tg := range townGrids {
		m, ok := muniByName(tg.muni)
		if !ok {
			return nil, nil, fmt.Errorf("demo: town grid of unknown municipality %q", tg.muni)
		}
		g := &grid{townGrid: tg, centre: toXY(m.lon, m.lat)}
		g.n = int(math.Round(2*tg.half/tg.spacing)) + 1
		g.ids = make([][]int32, g.n)
		for r := range g.n {
			g.ids[r] = make([]int32, g.n)
			for c := range g.n {
				p := g.centre.add(xy{float64(c)*tg.spacing - tg.half, float64(r)*tg.spacing - tg.half})
				if inLake(ls, p, 100) {
					g.ids[r][c] = -1
					continue
				}
				g.ids[r][c] = nw.node(p, true)
			}
		}
		// Streets: one way per row and per column, split where a lake
		// removed a crossing.
		line := func(at func(i int) int32, name string) {
			var cur []int32
			flush := func() {
				if len(cur) > 1 {
					nw.ways = append(nw.ways, way{kind: road, class: residential, name: name, nodes: cur})
				}
				cur = nil
			}
			for i := range g.n {
				if id := at(i); id >= 0 {
					cur = append(cur, id)
				} else {
					flush()
				}
			}
			flush()
		}
		for r := range g.n {
			line(func(i int) int32 { return g.ids[r][i] }, fmt.Sprintf("%s street %d", tg.muni, r+1))
		}
		for c := range g.n {
			line(func(i int) int32 { return g.ids[i][c] }, fmt.Sprintf("%s avenue %d", tg.muni, c+1))
		}
		centre := g.at(g.centre)
		if centre < 0 {
			return nil, nil, fmt.Errorf("demo: the centre of %s lies in a lake", tg.muni)
		}
		placeNode[tg.muni] = centre
		grids = append(grids, g)
	}
	snap := func(p xy) int32 {
		for _, g := range grids {
			if id := g.at(p); id >= 0 {
				return id
			}
		}
		return -1
	}
	nodeOf := func(name string) (int32, error) {
		if id, ok := placeNode[name]; ok {
			return id, nil
		}
		var p xy
		if m, ok := muniByName(name); ok {
			p = toXY(m.lon, m.lat)
		} else if pl, ok := placeByName(name); ok {
			p = toXY(pl.lon, pl.lat)
		} else {
			return 0, fmt.Errorf("demo: road to unknown place %q", name)
		}
		id := snap(p)
		if id < 0 {
			id = nw.node(p, true)
		}
		placeNode[name] = id
		return id, nil
	}
	for _, c := range corridors {
		from, err := nodeOf(c.from)
		if err != nil {
			return nil, nil, err
		}
		to, err := nodeOf(c.to)
		if err != nil {
			return nil, nil, err
		}
		shape := make([]xy, len(c.via))
		for i, v := range c.via {
			shape[i] = toXY(v[0], v[1])
		}
		nw.ways = append(nw.ways, way{
			kind: road, class: c.class,
			name:  fmt.Sprintf("%s–%s (schematic)", c.from, c.to),
			nodes: nw.polyline(from, shape, to, snap),
		})
	}
	fs, err := nodeOf(ferryRoute.from)
	if err != nil {
		return nil, nil, err
	}
	fn, err := nodeOf(ferryRoute.to)
	if err != nil {
		return nil, nil, err
	}
	nw.ways = append(nw.ways, way{kind: ferry, name: ferryRoute.name, nodes: []int32{fs, fn}})
	for _, l := range ls {
		ids := make([]int32, 0, len(l.ring)+1)
		for _, p := range l.ring {
			ids = append(ids, nw.node(p, false))
		}
		ids = append(ids, ids[0])
		nw.ways = append(nw.ways, way{kind: water, name: l.name, nodes: ids})
	}
	return placeNode, grids, nil
}

func muniByName(name string) (municipality, bool) {
	for _, m := range municipalities {
		if m.name == name {
			return m, true
		}
	}
	return municipality{}, false
}

func placeByName(name string) (place, bool) {
	for _, p := range places {
		if p.name == name {
			return p, true
		}
	}
	return place{}, false
}
