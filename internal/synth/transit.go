package synth

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/saavu/saavu/data/gtfs"
)

// GTFSStats counts what WriteGTFS wrote.
type GTFSStats struct {
	Stops, Routes, Trips, StopTimes, Frequencies int
	Bytes                                        int64 // all files together
}

// Kinds of line, with their GTFS route_type and agency.
const (
	kindTown = iota
	kindRegional
	kindCoach
	kindTrain
	kindRural
)

var kindInfo = [...]struct {
	agency    string
	routeType int
	speed     float64 // metres per second between stops
	stopS     int     // seconds lost per stop (braking, doors)
	dwellS    int     // departure after arrival at intermediate stops
}{
	kindTown:     {"town", 3, 7, 20, 0},
	kindRegional: {"regional", 3, 17, 30, 0},
	kindCoach:    {"coach", 3, 22, 60, 120},
	kindTrain:    {"rail", 2, 33, 60, 60},
	kindRural:    {"rural", 3, 14, 20, 0},
}

// Services: one calendar.txt row each over [Start, End]; day bits in
// calendar.txt column order (Monday first).
var services = []struct {
	id   string
	days [7]bool
}{
	{"wk", [7]bool{true, true, true, true, true, false, false}},
	{"sa", [7]bool{false, false, false, false, false, true, false}},
	{"su", [7]bool{false, false, false, false, false, false, true}},
	{"night", [7]bool{false, false, false, false, true, true, false}},
	{"daily", [7]bool{true, true, true, true, true, true, true}},
	{"r-mo-th", [7]bool{true, false, false, true, false, false, false}},
	{"r-tu-fr", [7]bool{false, true, false, false, true, false, false}},
	{"r-we", [7]bool{false, false, true, false, false, false, false}},
}

// band is a stretch of the day with departures every `every` minutes
// from `from` while before `to` (minutes since midnight, past 1,440 after
// midnight).
type band struct{ from, to, every int }

// line is one generated route: its stops in the outward direction.
type line struct {
	id, name string
	kind     int
	stops    []int32
}

// tgen holds the state of one timetable generation.
type tgen struct {
	c   *Country
	p   TransitParams
	rng *rand.Rand
	fw  *feedWriter
	st  GTFSStats

	rank    []int // size rank of each town (0 = largest)
	byRank  []int // towns in rank order
	townAt  map[int32]int
	stopIdx map[string]int32
	stopLon []float64
	stopLat []float64
	stopNam []string
	stopID  []string

	cum []int // run times of the line being written
}

// WriteGTFS writes a national timetable for c into the directory dir
// (created if needed) as GTFS text files: agency, stops, routes,
// calendar, calendar_dates, trips, stop_times and frequencies. Rows are
// streamed to the files as lines are generated, so memory stays at the
// size of the stops and lines, whatever the number of stop times.
//
// The network, all of it a deterministic function of c and p:
//
//   - town lines along the streets of every town: straight lines on grid
//     streets every LineBlocks blocks (only near the centre in smaller
//     towns), a stop every StopBlocks blocks at a street junction of the
//     town grid (within about 0.2 block of the generated node). The two
//     lines through the centre are trunk lines. Service depends on the
//     town's size rank: cities every 10 minutes (7 at peaks) from 05:00 to
//     25:30 on weekdays, Saturday and Sunday thinner, and night buses on
//     Friday and Saturday nights leaving until 27:30; large towns every
//     15, towns every 30 and small towns hourly on weekdays only with a
//     few Saturday runs. Side lines run half as often as trunk lines. The
//     weekday trunk lines of the FrequencyCities largest cities are
//     templates with frequencies.txt rows instead of trips;
//   - regional lines from each town to the nearest larger town, along the
//     fewest-hops path on the rural lattice roads (tracks excluded),
//     stopping at every lattice junction and halfway along each road;
//   - coach lines between the CoachTowns largest towns, each joined to
//     its CoachLinks nearest peers, stopping in the towns they pass, every
//     two hours daily and a night coach at 23:30 (past 24:00 on long
//     lines);
//   - TrainLines train lines from the largest town to the next largest
//     ones, stopping at a station beside the centre of each town of rank
//     below Towns on the way, hourly from 05:00 to 23:00;
//   - thin rural lines out of a share of the smaller towns, 3 to 6
//     lattice roads long with a stop about every 1.5 km, two runs each way
//     on Monday and Thursday, Tuesday and Friday, or Wednesday only (the
//     Wednesday service also runs on the MarketDays).
//
// The Holidays are removed from the weekday, Saturday and rural services
// that would run on them and added to the Sunday service.
func (c *Country) WriteGTFS(dir string, p TransitParams) (GTFSStats, error) {
	if err := p.validate(); err != nil {
		return GTFSStats{}, err
	}
	if len(c.Towns) == 0 {
		return GTFSStats{}, errNoTowns
	}
	fw, err := newFeedWriter(dir)
	if err != nil {
		return GTFSStats{}, err
	}
	g := &tgen{c: c, p: p, rng: rand.New(rand.NewPCG(p.Seed, 0x67f5)), fw: fw,
		townAt: map[int32]int{}, stopIdx: map[string]int32{}}
	g.rankTowns()
	g.calendar()
	for _, k := range kindInfo {
		fw.str(k.agency).str("Synthetic " + k.agency).str("https://example.org/" + k.agency).str("Europe/Helsinki").end(fAgency)
	}
	lg := newLatticeGraph(c)
	for _, ti := range g.byRank {
		g.townLines(ti)
	}
	g.regionalLines(lg)
	g.coachLines(lg)
	g.trainLines(lg)
	g.ruralLines(lg)
	g.st.Stops = len(g.stopLon)
	err = fw.finish()
	g.st.Bytes = fw.bytes
	return g.st, err
}

// rankTowns orders the towns by size, larger first (ties by index).
func (g *tgen) rankTowns() {
	n := len(g.c.Towns)
	g.byRank = make([]int, n)
	for i := range g.byRank {
		g.byRank[i] = i
		g.townAt[int32(g.c.Towns[i].Centre-1)] = i
	}
	slices.SortStableFunc(g.byRank, func(a, b int) int { return g.c.Towns[b].Blocks - g.c.Towns[a].Blocks })
	g.rank = make([]int, n)
	for r, t := range g.byRank {
		g.rank[t] = r
	}
}

// calendar writes calendar.txt and calendar_dates.txt.
func (g *tgen) calendar() {
	fw := g.fw
	holidays := make([]gtfs.Date, 0, len(g.p.Holidays))
	for _, s := range g.p.Holidays {
		d, _ := gtfs.ParseDate(s) // checked by validate
		holidays = append(holidays, d)
	}
	slices.Sort(holidays)
	for _, s := range services {
		fw.str(s.id)
		for _, on := range s.days {
			fw.num(b2i(on))
		}
		fw.str(g.p.Start).str(g.p.End).end(fCalendar)
	}
	for _, s := range services {
		for _, d := range holidays {
			col := (int(d.Weekday()) + 6) % 7 // Monday first
			switch {
			case s.id == "su":
				fw.str(s.id).str(d.String()).num(1).end(fCalendarDates)
			case s.id != "daily" && s.id != "night" && s.days[col]:
				fw.str(s.id).str(d.String()).num(2).end(fCalendarDates)
			}
		}
		if s.id == "r-we" {
			for _, d := range g.p.MarketDays {
				fw.str(s.id).str(d).num(1).end(fCalendarDates)
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// stop returns the index of the stop with id, writing it on first use.
func (g *tgen) stop(id, name string, lon, lat float64) int32 {
	if i, ok := g.stopIdx[id]; ok {
		return i
	}
	p := g.c.Params
	lon, lat = min(max(lon, p.MinLon), p.MaxLon), min(max(lat, p.MinLat), p.MaxLat)
	i := int32(len(g.stopLon))
	g.stopIdx[id] = i
	g.stopLon = append(g.stopLon, lon)
	g.stopLat = append(g.stopLat, lat)
	g.stopNam = append(g.stopNam, name)
	g.stopID = append(g.stopID, id)
	g.fw.str(id).str(name).coord(lat).coord(lon).end(fStops)
	return i
}

// townStop is the stop at grid junction (a, b) of town ti.
func (g *tgen) townStop(ti, a, b int) int32 {
	t := g.c.Towns[ti]
	h := t.Blocks / 2
	lon, lat := offset(t.Lon, t.Lat, float64(a-h)*t.BlockM, float64(b-h)*t.BlockM)
	id := "t" + strconv.Itoa(ti) + "_" + strconv.Itoa(a) + "_" + strconv.Itoa(b)
	return g.stop(id, "Town "+strconv.Itoa(ti)+" "+strconv.Itoa(a)+"/"+strconv.Itoa(b), lon, lat)
}

// junctionStop is the stop at lattice junction j: the centre stop of the
// town there, if any.
func (g *tgen) junctionStop(j int32) int32 {
	if ti, ok := g.townAt[j]; ok {
		h := g.c.Towns[ti].Blocks / 2
		return g.townStop(ti, h, h)
	}
	ext := g.c.Extract
	id := "j" + strconv.Itoa(int(j)+1)
	return g.stop(id, "Junction "+strconv.Itoa(int(j)+1), ext.Lon[j], ext.Lat[j])
}

// nodeStop is a stop at street node id (a shape node of a rural road).
func (g *tgen) nodeStop(id int64) int32 {
	ext := g.c.Extract
	s := strconv.FormatInt(id, 10)
	return g.stop("n"+s, "Road "+s, ext.Lon[id-1], ext.Lat[id-1])
}

// class of town ti: 0 city, 1 large town, 2 town, 3 small town.
func (g *tgen) class(ti int) int {
	switch r := g.rank[ti]; {
	case r < g.p.Cities:
		return 0
	case r < g.p.LargeTowns:
		return 1
	case r < g.p.Towns:
		return 2
	}
	return 3
}

// townLines lays the street lines of town ti and writes their trips.
func (g *tgen) townLines(ti int) {
	t := g.c.Towns[ti]
	cl := g.class(ti)
	h, L, S := t.Blocks/2, g.p.LineBlocks, g.p.StopBlocks
	reach := [...]int{h, 30, 12, 6}[cl] // blocks from the centre served
	for _, vertical := range []bool{false, true} {
		for m := -h / L; m <= h/L; m++ {
			d := m * L
			if abs(d) > reach {
				continue
			}
			var stops []int32
			for s := -h / S; s <= h/S; s++ {
				if abs(s*S) > reach {
					continue
				}
				a, b := h+s*S, h+d
				if vertical {
					a, b = b, a
				}
				stops = append(stops, g.townStop(ti, a, b))
			}
			if len(stops) < 2 {
				continue
			}
			dir := "h"
			if vertical {
				dir = "v"
			}
			id := "T" + strconv.Itoa(ti) + dir + strconv.Itoa(m)
			ln := line{id: id, name: "Town " + strconv.Itoa(ti) + " line " + dir + strconv.Itoa(m), kind: kindTown, stops: stops}
			g.writeRoute(ln)
			trunk := m == 0
			for day, svc := range []string{"wk", "sa", "su"} {
				bands := townBands(cl, trunk, day)
				if len(bands) == 0 {
					continue
				}
				shift := g.rng.IntN(bands[0].every)
				if day == 0 && trunk && g.rank[ti] < g.p.FrequencyCities {
					g.frequencyTrips(ln, svc, bands)
					continue
				}
				g.trips(ln, svc, departures(bands, shift))
			}
			if cl == 0 && trunk {
				g.trips(ln, "night", departures([]band{{1530, 1680, 30}}, 0))
			}
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// townBands gives the departures of a town line by class, trunk or side
// line, and day (0 weekday, 1 Saturday, 2 Sunday).
func townBands(class int, trunk bool, day int) []band {
	h := [...]int{10, 15, 30, 60}[class]
	first := [...]int{300, 330, 360, 390}[class]
	last := [...]int{1530, 1470, 1320, 1110}[class]
	if !trunk {
		h *= 2
	}
	peak := h
	if class <= 1 {
		peak = h * 3 / 4
	}
	bands := []band{{first, 390, h}, {390, 540, peak}, {540, 900, h}, {900, 1080, peak}, {1080, 1200, h}, {1200, last, 2 * h}}
	switch {
	case day == 0:
	case class == 3 && day == 1:
		return []band{{540, 900, 180}}
	case class == 3:
		return nil
	default:
		mult, start := 3, 90 // Saturday: every 1.5 h-equivalent, from 1.5 h later
		if day == 2 {
			mult, start = 4, 150
		}
		for i := range bands {
			bands[i].every = bands[i].every * mult / 2
			bands[i].from = max(bands[i].from, first+start)
		}
	}
	return bands
}

// departures lists the departures of bands, each shifted by shift
// minutes, in seconds.
func departures(bands []band, shift int) []int {
	var out []int
	next := 0
	for _, b := range bands {
		for t := max(b.from, next) + shift; t < b.to+shift; t += b.every {
			out = append(out, t*60)
			next = t - shift + b.every
		}
	}
	return out
}

// runTimes fills g.cum with the offset of the arrival at each stop of
// stops from the departure at the first.
func (g *tgen) runTimes(kind int, stops []int32) {
	k := kindInfo[kind]
	g.cum = append(g.cum[:0], 0)
	t := 0.0
	for i := 1; i < len(stops); i++ {
		a, b := stops[i-1], stops[i]
		d := distM(g.stopLon[a], g.stopLat[a], g.stopLon[b], g.stopLat[b])
		t += d/k.speed + float64(k.stopS)
		if i > 1 {
			t += float64(k.dwellS)
		}
		g.cum = append(g.cum, int(math.Round(t)))
	}
}

// distM is the equirectangular distance in metres.
func distM(lon0, lat0, lon1, lat1 float64) float64 {
	cos := math.Cos((lat0 + lat1) / 2 * math.Pi / 180)
	return math.Hypot((lon1-lon0)*metresPerDegree*cos, (lat1-lat0)*metresPerDegree)
}

func (g *tgen) writeRoute(ln line) {
	k := kindInfo[ln.kind]
	g.fw.str(ln.id).str(k.agency).str(ln.id).str(ln.name).num(k.routeType).end(fRoutes)
	g.st.Routes++
}

// trips writes one trip per departure (seconds) in each direction.
func (g *tgen) trips(ln line, svc string, deps []int) {
	rev := slices.Clone(ln.stops)
	slices.Reverse(rev)
	for dir, stops := range [][]int32{ln.stops, rev} {
		g.runTimes(ln.kind, stops)
		for k, dep := range deps {
			id := ln.id + "_" + svc + "_" + strconv.Itoa(dir) + "_" + strconv.Itoa(k)
			g.trip(ln, svc, id, dir, stops, dep)
		}
	}
}

// trip writes one trip leaving the first stop at dep with g.cum's run
// times.
func (g *tgen) trip(ln line, svc, id string, dir int, stops []int32, dep int) {
	fw, dwell := g.fw, kindInfo[ln.kind].dwellS
	fw.str(ln.id).str(svc).str(id).num(dir).str(g.stopNam[stops[len(stops)-1]]).end(fTrips)
	g.st.Trips++
	for j, s := range stops {
		arr := dep + g.cum[j]
		out := arr
		if j > 0 && j < len(stops)-1 {
			out += dwell
		}
		fw.str(id).clock(arr).clock(out).str(g.stopID[s]).num(j + 1).end(fStopTimes)
	}
	g.st.StopTimes += len(stops)
}

// frequencyTrips writes, per band and direction, one template trip with a
// frequencies.txt row.
func (g *tgen) frequencyTrips(ln line, svc string, bands []band) {
	rev := slices.Clone(ln.stops)
	slices.Reverse(rev)
	for dir, stops := range [][]int32{ln.stops, rev} {
		g.runTimes(ln.kind, stops)
		for k, b := range bands {
			id := ln.id + "_" + svc + "_" + strconv.Itoa(dir) + "_f" + strconv.Itoa(k)
			g.trip(ln, svc, id, dir, stops, b.from*60)
			g.fw.str(id).clock(b.from * 60).clock(b.to * 60).num(b.every * 60).num(1).end(fFrequencies)
			g.st.Frequencies++
		}
	}
}
