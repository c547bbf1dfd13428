package demo

import (
	"fmt"
	"slices"
)

// feed is the built timetable, ready to be written as GTFS.
type feed struct {
	stops     []gstop
	stopIdx   map[string]int
	routes    []lineSpec
	trips     []gtrip
	startDate string // YYYYMMDD
	endDate   string
}

type gstop struct {
	id, name string
	p        xy
}

type gtrip struct {
	route, service, id, headsign string
	dir                          int
	stops                        []string // stop ids
	times                        []int    // seconds after midnight
}

// transitBuilder resolves line specs against the road network.
type transitBuilder struct {
	nw        *network
	rg        *roadGraph
	placeNode map[string]int32
	grids     []*grid
	f         *feed
}

// buildFeed lays out every line of lineSpecs on the network.
func buildFeed(nw *network, placeNode map[string]int32, grids []*grid, year int) (*feed, error) {
	tb := &transitBuilder{nw: nw, rg: newRoadGraph(nw), placeNode: placeNode, grids: grids,
		f: &feed{stopIdx: map[string]int{},
			startDate: fmt.Sprintf("%04d0101", year), endDate: fmt.Sprintf("%04d1231", year)}}
	for _, l := range lineSpecs {
		var err error
		if l.kind == train {
			err = tb.trainLine(l)
		} else {
			err = tb.roadLine(l)
		}
		if err != nil {
			return nil, fmt.Errorf("demo: line %s: %w", l.id, err)
		}
		tb.f.routes = append(tb.f.routes, l)
	}
	return tb.f, nil
}

// stop returns the id of the stop at node v, creating it with name.
func (tb *transitBuilder) stop(prefix string, v int32, name string) string {
	id := fmt.Sprintf("%s%d", prefix, v+1)
	if _, ok := tb.f.stopIdx[id]; !ok {
		tb.f.stopIdx[id] = len(tb.f.stops)
		tb.f.stops = append(tb.f.stops, gstop{id: id, name: name, p: tb.nw.pts[v]})
	}
	return id
}

// resolve returns the road node and stop name of a via point.
func (tb *transitBuilder) resolve(v via) (int32, string, error) {
	switch {
	case v.place != "":
		n, ok := tb.placeNode[v.place]
		if !ok {
			return 0, "", fmt.Errorf("unknown place %q", v.place)
		}
		name := v.place
		if _, ok := muniByName(v.place); ok {
			name += " centre"
		}
		return n, name, nil
	case v.postal > 0:
		pa, muni, ok := postalByCode(v.postal)
		if !ok {
			return 0, "", fmt.Errorf("unknown postal area %05d", v.postal)
		}
		n, err := tb.nearestNode(toXY(pa.lon, pa.lat))
		return n, fmt.Sprintf("%s %05d", muni, pa.code), err
	default:
		n, err := tb.nearestNode(toXY(v.lon, v.lat))
		return n, v.name, err
	}
}

func (tb *transitBuilder) nearestNode(p xy) (int32, error) {
	nn := tb.nw.index.nearest(p, 1, 5000)
	if len(nn) == 0 {
		return 0, fmt.Errorf("no road within 5 km of %v", p)
	}
	return nn[0], nil
}

// roadLine lays out a bus line along the shortest road path through its
// vias, with stops at the vias, in villages it passes (coaches and errand
// lines) or every stopEvery metres (town buses).
func (tb *transitBuilder) roadLine(l lineSpec) error {
	type stopAt struct {
		pos  int // index into path
		node int32
		name string
	}
	var path []int32
	var stops []stopAt
	for i, v := range l.vias {
		n, name, err := tb.resolve(v)
		if err != nil {
			return err
		}
		if i == 0 {
			path = []int32{n}
		} else {
			seg, err := tb.rg.path(path[len(path)-1], n)
			if err != nil {
				return err
			}
			path = append(path, seg[1:]...)
		}
		stops = append(stops, stopAt{len(path) - 1, n, name})
	}
	cum := make([]float64, len(path))
	for i := 1; i < len(path); i++ {
		cum[i] = cum[i-1] + tb.nw.pts[path[i-1]].dist(tb.nw.pts[path[i]])
	}
	farFromStops := func(pos int, gap float64) bool {
		for _, s := range stops {
			if d := cum[pos] - cum[s.pos]; d < gap && d > -gap {
				return false
			}
		}
		return true
	}
	switch l.kind {
	case townBus:
		last := 0.0
		for i := 1; i+1 < len(path); i++ {
			if cum[i]-last >= l.stopEvery && farFromStops(i, l.stopEvery/2) {
				stops = append(stops, stopAt{i, path[i], tb.streetName(path[i])})
				last = cum[i]
			}
			for _, s := range stops {
				if s.pos == i {
					last = cum[i]
				}
			}
		}
	case coach, errand:
		for _, grp := range postalAreas {
			for _, pa := range grp.areas {
				c := toXY(pa.lon, pa.lat)
				best, bestD := -1, villageReach
				for i, v := range path {
					if d := tb.nw.pts[v].dist(c); d <= bestD {
						best, bestD = i, d
					}
				}
				if best >= 0 && farFromStops(best, villageGap) {
					_, muni, _ := postalByCode(pa.code)
					stops = append(stops, stopAt{best, path[best], fmt.Sprintf("%s %05d", muni, pa.code)})
				}
			}
		}
	}
	slices.SortStableFunc(stops, func(a, b stopAt) int { return a.pos - b.pos })
	ids := make([]string, len(stops))
	dist := make([]float64, len(stops))
	for i, s := range stops {
		ids[i] = tb.stop("S", s.node, s.name)
		dist[i] = cum[s.pos]
	}
	tb.addTrips(l, ids, dist, l.speedKmh/3.6)
	return nil
}

// trainLine lays out the schematic train between the Mikkeli and
// Pieksämäki stations: points on the town grids east of the centres.
func (tb *transitBuilder) trainLine(l lineSpec) error {
	var ids []string
	var pts []xy
	for _, town := range []string{"Mikkeli", "Pieksämäki"} {
		var g *grid
		for _, gg := range tb.grids {
			if gg.muni == town {
				g = gg
			}
		}
		if g == nil {
			return fmt.Errorf("no street grid in %s", town)
		}
		v := g.at(g.centre.add(xy{2 * g.spacing, 0}))
		if v < 0 {
			return fmt.Errorf("no station site in %s", town)
		}
		ids = append(ids, tb.stop("R", v, town+" railway station"))
		pts = append(pts, tb.nw.pts[v])
	}
	d := pts[0].dist(pts[1]) * trainDetour
	tb.addTrips(l, ids, []float64{0, d}, trainSpeedKmh/3.6)
	return nil
}

// addTrips adds the trips of l over the stops at the given distances
// along the line, at speed metres per second.
func (tb *transitBuilder) addTrips(l lineSpec, ids []string, dist []float64, speed float64) {
	n := len(ids)
	for _, ts := range l.trips {
		for _, hhmm := range ts.times {
			dep := minutes(hhmm) * 60
			t := gtrip{route: l.id, service: ts.service, dir: ts.dir,
				id: fmt.Sprintf("%s-%d-%s-%s", l.id, ts.dir, ts.service, hhmm[:2]+hhmm[3:])}
			for k := range n {
				i := k
				off := dist[i]
				if ts.dir == 1 {
					i = n - 1 - k
					off = dist[n-1] - dist[i]
				}
				t.stops = append(t.stops, ids[i])
				t.times = append(t.times, dep+roundMinute(off/speed))
			}
			t.headsign = tb.f.stops[tb.f.stopIdx[t.stops[n-1]]].name
			tb.f.trips = append(tb.f.trips, t)
		}
	}
}

// streetName names a town-bus stop after its street crossing.
func (tb *transitBuilder) streetName(v int32) string {
	for _, g := range tb.grids {
		for r, row := range g.ids {
			for c, id := range row {
				if id == v {
					return fmt.Sprintf("%s street %d / avenue %d", g.muni, r+1, c+1)
				}
			}
		}
	}
	for _, g := range tb.grids {
		if tb.nw.pts[v].dist(g.centre) < 15000 {
			return fmt.Sprintf("%s stop %d", g.muni, v+1)
		}
	}
	return fmt.Sprintf("Stop %d", v+1)
}

// postalByCode finds a postal area and the name of its 2022 municipality.
func postalByCode(code int) (postalArea, string, bool) {
	for _, grp := range postalAreas {
		for _, pa := range grp.areas {
			if pa.code == code {
				name := fmt.Sprintf("%03d", grp.kunta)
				for _, m := range municipalities {
					if m.code == name {
						name = m.name
					}
				}
				if grp.kunta == 588 {
					name = "Pertunmaa"
				}
				return pa, name, true
			}
		}
	}
	return postalArea{}, "", false
}
