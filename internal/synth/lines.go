package synth

import (
	"slices"
	"strconv"
)

// centreJunction is the lattice junction (node id - 1) of town ti.
func (g *tgen) centreJunction(ti int) int32 { return int32(g.c.Towns[ti].Centre - 1) }

// townDist is the straight-line distance between two town centres.
func (g *tgen) townDist(a, b int) float64 {
	ta, tb := g.c.Towns[a], g.c.Towns[b]
	return distM(ta.Lon, ta.Lat, tb.Lon, tb.Lat)
}

// regionalLines joins every town but the largest to the nearest larger
// town, stopping at each junction of the lattice path and halfway along
// each road.
func (g *tgen) regionalLines(lg *latticeGraph) {
	ext := g.c.Extract
	for r := 1; r < len(g.byRank); r++ {
		ti := g.byRank[r]
		best, bestD := -1, 0.0
		for _, tj := range g.byRank[:r] {
			if d := g.townDist(ti, tj); best < 0 || d < bestD {
				best, bestD = tj, d
			}
		}
		path := lg.path(g.centreJunction(ti), g.centreJunction(best))
		if len(path) < 2 {
			continue
		}
		stops := []int32{g.junctionStop(path[0])}
		for k := 1; k < len(path); k++ {
			w := ext.Ways[lg.way(path[k-1], path[k])]
			mid := w.Nodes[len(w.Nodes)/2]
			if mid != w.Nodes[0] && mid != w.Nodes[len(w.Nodes)-1] {
				stops = append(stops, g.nodeStop(mid))
			}
			stops = append(stops, g.junctionStop(path[k]))
		}
		ln := line{id: "R" + strconv.Itoa(ti), name: "Regional " + strconv.Itoa(ti) + "-" + strconv.Itoa(best), kind: kindRegional, stops: stops}
		g.writeRoute(ln)
		off := g.rng.IntN(40)
		at := func(hm ...int) []int {
			out := make([]int, len(hm))
			for i, m := range hm {
				out[i] = (m + off) * 60
			}
			return out
		}
		g.trips(ln, "wk", at(375, 435, 555, 735, 915, 975, 1035, 1215))
		g.trips(ln, "sa", at(540, 780, 1020))
		g.trips(ln, "su", at(660, 1020))
	}
}

// townStops returns the stops of a lattice path at the centres of the
// towns it passes that keep(town) accepts; station, when set, gives the
// stop of a town instead of its centre stop.
func (g *tgen) townStops(path []int32, keep func(ti int) bool, station func(ti int) int32) []int32 {
	var stops []int32
	for _, j := range path {
		ti, ok := g.townAt[j]
		if !ok || !keep(ti) {
			continue
		}
		if station != nil {
			stops = append(stops, station(ti))
		} else {
			stops = append(stops, g.junctionStop(j))
		}
	}
	return stops
}

// coachLines joins each of the CoachTowns largest towns to its
// CoachLinks nearest peers, stopping in every town on the way; every two
// hours daily and a night coach at 23:30.
func (g *tgen) coachLines(lg *latticeGraph) {
	top := g.byRank[:min(g.p.CoachTowns, len(g.byRank))]
	type pair struct{ a, b int }
	var pairs []pair
	for _, a := range top {
		peers := slices.Clone(top)
		peers = slices.DeleteFunc(peers, func(b int) bool { return b == a })
		slices.SortStableFunc(peers, func(x, y int) int {
			dx, dy := g.townDist(a, x), g.townDist(a, y)
			switch {
			case dx < dy:
				return -1
			case dx > dy:
				return 1
			}
			return 0
		})
		for _, b := range peers[:min(g.p.CoachLinks, len(peers))] {
			p := pair{min(a, b), max(a, b)}
			if !slices.Contains(pairs, p) {
				pairs = append(pairs, p)
			}
		}
	}
	for n, p := range pairs {
		path := lg.path(g.centreJunction(p.a), g.centreJunction(p.b))
		stops := g.townStops(path, func(int) bool { return true }, nil)
		if len(stops) < 2 {
			continue
		}
		ln := line{id: "C" + strconv.Itoa(n), name: "Coach " + strconv.Itoa(p.a) + "-" + strconv.Itoa(p.b), kind: kindCoach, stops: stops}
		g.writeRoute(ln)
		deps := departures([]band{{360, 1260, 120}}, g.rng.IntN(60))
		g.trips(ln, "daily", append(deps, 1410*60))
	}
}

// trainLines runs from the largest town to each of the next TrainLines
// largest, stopping at a station 150 m from the centre of every town
// ranked below Towns on the way; hourly from 05:00 to 23:00 daily.
func (g *tgen) trainLines(lg *latticeGraph) {
	if len(g.byRank) < 2 {
		return
	}
	hub := g.byRank[0]
	station := func(ti int) int32 {
		t := g.c.Towns[ti]
		lon, lat := offset(t.Lon, t.Lat, 150, 150)
		return g.stop("s"+strconv.Itoa(ti), "Station "+strconv.Itoa(ti), lon, lat)
	}
	for n := 1; n <= g.p.TrainLines && n < len(g.byRank); n++ {
		to := g.byRank[n]
		path := lg.path(g.centreJunction(hub), g.centreJunction(to))
		stops := g.townStops(path, func(ti int) bool { return g.rank[ti] < g.p.Towns }, station)
		if len(stops) < 2 {
			continue
		}
		ln := line{id: "L" + strconv.Itoa(n), name: "Train " + strconv.Itoa(hub) + "-" + strconv.Itoa(to), kind: kindTrain, stops: stops}
		g.writeRoute(ln)
		g.trips(ln, "daily", departures([]band{{300, 1380, 60}}, g.rng.IntN(60)))
	}
}

// ruralLines gives a share of the towns below the cities a thin line out
// along 3 to 6 lattice roads (no road twice), with a stop about every
// five shape nodes, running on two weekdays or on Wednesdays only.
func (g *tgen) ruralLines(lg *latticeGraph) {
	ext := g.c.Extract
	svcs := []string{"r-mo-th", "r-tu-fr", "r-we"}
	for _, ti := range g.byRank[min(g.p.Cities, len(g.byRank)):] {
		if g.rng.Float64() >= g.p.RuralShare {
			continue
		}
		at := g.centreJunction(ti)
		stops := []int32{g.junctionStop(at)}
		seen := []int32{at}
		hops := 3 + g.rng.IntN(4)
		for range hops {
			var next []latticeEdge
			for _, e := range lg.adj[at] {
				if !slices.Contains(seen, e.to) {
					next = append(next, e)
				}
			}
			if len(next) == 0 {
				break
			}
			e := next[g.rng.IntN(len(next))]
			nodes := ext.Ways[e.way].Nodes
			if int64(at+1) != nodes[0] {
				nodes = slices.Clone(nodes)
				slices.Reverse(nodes)
			}
			for k := 5; k < len(nodes)-2; k += 5 {
				stops = append(stops, g.nodeStop(nodes[k]))
			}
			stops = append(stops, g.junctionStop(e.to))
			at = e.to
			seen = append(seen, at)
		}
		if len(stops) < 2 {
			continue
		}
		ln := line{id: "X" + strconv.Itoa(ti), name: "Rural " + strconv.Itoa(ti), kind: kindRural, stops: stops}
		g.writeRoute(ln)
		// Outward (direction 0) late morning and afternoon, inward early
		// morning and noon: trips writes the same departures both ways.
		g.trips(ln, svcs[g.rng.IntN(len(svcs))], []int{(405 + g.rng.IntN(30)) * 60, (870 + g.rng.IntN(30)) * 60})
	}
}
