package demo

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// gtfsTable reads one GTFS file as maps from column to value.
func gtfsTable(t *testing.T, dir, name string, required ...string) []map[string]string {
	t.Helper()
	rows := readCSV(t, filepath.Join(dir, name))
	for _, c := range required {
		column(t, rows[0], c)
	}
	out := make([]map[string]string, 0, len(rows)-1)
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// parseGTFSTime reads H:MM:SS as seconds.
func parseGTFSTime(t *testing.T, s string) int {
	t.Helper()
	p := strings.Split(s, ":")
	if len(p) != 3 {
		t.Fatalf("time %q", s)
	}
	h, e1 := strconv.Atoi(p[0])
	m, e2 := strconv.Atoi(p[1])
	sec, e3 := strconv.Atoi(p[2])
	if e1 != nil || e2 != nil || e3 != nil || m > 59 || sec > 59 {
		t.Fatalf("time %q", s)
	}
	return h*3600 + m*60 + sec
}

func TestGTFSFeed(t *testing.T) {
	m := generated(t)
	dir := m.GTFS
	agency := gtfsTable(t, dir, "agency.txt", "agency_name", "agency_url", "agency_timezone")
	if len(agency) != 1 || !strings.Contains(agency[0]["agency_name"], "schematic") {
		t.Errorf("agency %v", agency)
	}
	info := gtfsTable(t, dir, "feed_info.txt", "feed_publisher_name", "feed_publisher_url", "feed_lang")
	if len(info) != 1 || info[0]["feed_publisher_name"] != "saavu demo" {
		t.Errorf("feed_info %v", info)
	}
	stops := map[string]map[string]string{}
	for _, s := range gtfsTable(t, dir, "stops.txt", "stop_id", "stop_name", "stop_lat", "stop_lon") {
		if _, dup := stops[s["stop_id"]]; dup {
			t.Fatalf("stop %s twice", s["stop_id"])
		}
		stops[s["stop_id"]] = s
	}
	routes := map[string]map[string]string{}
	for _, r := range gtfsTable(t, dir, "routes.txt", "route_id", "route_type") {
		routes[r["route_id"]] = r
	}
	services := map[string]map[string]string{}
	for _, c := range gtfsTable(t, dir, "calendar.txt", "service_id", "monday", "sunday", "start_date", "end_date") {
		services[c["service_id"]] = c
	}
	trips := map[string]map[string]string{}
	for _, tr := range gtfsTable(t, dir, "trips.txt", "route_id", "service_id", "trip_id") {
		if routes[tr["route_id"]] == nil || services[tr["service_id"]] == nil {
			t.Fatalf("trip %s: unknown route or service", tr["trip_id"])
		}
		trips[tr["trip_id"]] = tr
	}
	type call struct {
		seq, t int
		stop   string
	}
	calls := map[string][]call{}
	for _, st := range gtfsTable(t, dir, "stop_times.txt", "trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence") {
		if trips[st["trip_id"]] == nil {
			t.Fatalf("stop_time of unknown trip %s", st["trip_id"])
		}
		if stops[st["stop_id"]] == nil {
			t.Fatalf("stop_time at unknown stop %s", st["stop_id"])
		}
		seq, err := strconv.Atoi(st["stop_sequence"])
		if err != nil {
			t.Fatal(err)
		}
		arr, dep := parseGTFSTime(t, st["arrival_time"]), parseGTFSTime(t, st["departure_time"])
		if dep < arr {
			t.Fatalf("trip %s: departs before it arrives", st["trip_id"])
		}
		calls[st["trip_id"]] = append(calls[st["trip_id"]], call{seq, arr, st["stop_id"]})
	}
	for id := range trips {
		c := calls[id]
		if len(c) < 2 {
			t.Fatalf("trip %s has %d stops", id, len(c))
		}
		for i := 1; i < len(c); i++ {
			if c[i].seq <= c[i-1].seq || c[i].t < c[i-1].t {
				t.Fatalf("trip %s: stop %d goes back in sequence or time", id, i)
			}
		}
		if c[len(c)-1].t == c[0].t {
			t.Errorf("trip %s takes no time", id)
		}
	}
	// Town buses every 30 minutes on weekdays; both towns served.
	town := map[string]int{}
	for _, tr := range trips {
		if strings.Contains(routes[tr["route_id"]]["route_long_name"], "town line") && tr["service_id"] == svcWeekdays {
			town[strings.Fields(routes[tr["route_id"]]["route_long_name"])[0]]++
		}
	}
	if town["Mikkeli"] < 3*2*30 || town["Savonlinna"] < 2*2*15 {
		t.Errorf("town bus trips per weekday: %v", town)
	}
	trains := 0
	for _, r := range routes {
		if r["route_type"] == "2" {
			trains++
		}
	}
	if trains == 0 {
		t.Error("no train route")
	}
}

// TestGTFSRunsOnDemoDay checks the calendar: the weekday services and the
// Tuesday errand line run on the demo day (a Tuesday), the Thursday one
// does not.
func TestGTFSRunsOnDemoDay(t *testing.T) {
	m := generated(t)
	day, err := time.Parse("20060102", m.Date)
	if err != nil {
		t.Fatal(err)
	}
	if day.Weekday() != time.Tuesday {
		t.Fatalf("demo day %s is a %s", m.Date, day.Weekday())
	}
	weekday := strings.ToLower(day.Weekday().String())
	runs := map[string]bool{}
	for _, c := range gtfsTable(t, m.GTFS, "calendar.txt", "service_id") {
		runs[c["service_id"]] = c[weekday] == "1" && c["start_date"] <= m.Date && m.Date <= c["end_date"]
	}
	errandDays := map[string]string{}
	for _, tr := range gtfsTable(t, m.GTFS, "trips.txt", "trip_id") {
		if strings.HasPrefix(tr["route_id"], "E") {
			errandDays[tr["route_id"]] = tr["service_id"]
		}
	}
	if !runs[svcWeekdays] || !runs[svcDaily] || runs[svcWeekend] {
		t.Errorf("services on %s: %v", m.Date, runs)
	}
	if len(errandDays) != 2 || !runs[errandDays["E1"]] || runs[errandDays["E2"]] {
		t.Errorf("errand lines %v on %s: %v", errandDays, m.Date, runs)
	}
}

// TestGTFSStopsOnRoads checks that every stop lies within 50 m of a road
// node of roads.osm.
func TestGTFSStopsOnRoads(t *testing.T) {
	m := generated(t)
	od := demoOSM(t)
	grid := map[[2]int64][][2]float64{}
	for _, w := range od.ways {
		if w.tag("highway") == "" {
			continue
		}
		for _, nd := range w.Nds {
			ll := od.nodes[nd.Ref]
			e, n := tm35(ll[0], ll[1])
			k := [2]int64{int64(e) / 100, int64(n) / 100}
			grid[k] = append(grid[k], [2]float64{e, n})
		}
	}
	for _, s := range gtfsTable(t, m.GTFS, "stops.txt", "stop_id") {
		lat, _ := strconv.ParseFloat(s["stop_lat"], 64)
		lon, _ := strconv.ParseFloat(s["stop_lon"], 64)
		e, n := tm35(lon, lat)
		best := math.Inf(1)
		k := [2]int64{int64(e) / 100, int64(n) / 100}
		for dx := int64(-1); dx <= 1; dx++ {
			for dy := int64(-1); dy <= 1; dy++ {
				for _, p := range grid[[2]int64{k[0] + dx, k[1] + dy}] {
					best = math.Min(best, math.Hypot(p[0]-e, p[1]-n))
				}
			}
		}
		if best > 50 {
			t.Errorf("stop %s (%s) is %.0f m from the roads", s["stop_id"], s["stop_name"], best)
		}
	}
}

// TestGTFSCoachSpeeds checks coach running times against the straight
// line: no coach may beat 100 km/h over the straight distance between its
// first and last stop, and none may take longer than 40 km/h would.
func TestGTFSCoachSpeeds(t *testing.T) {
	m := generated(t)
	stops := map[string][2]float64{}
	for _, s := range gtfsTable(t, m.GTFS, "stops.txt", "stop_id") {
		lat, _ := strconv.ParseFloat(s["stop_lat"], 64)
		lon, _ := strconv.ParseFloat(s["stop_lon"], 64)
		stops[s["stop_id"]] = [2]float64{lon, lat}
	}
	type end struct {
		stop string
		t    int
	}
	first, last := map[string]end{}, map[string]end{}
	for _, st := range gtfsTable(t, m.GTFS, "stop_times.txt", "trip_id") {
		if !strings.HasPrefix(st["trip_id"], "C") {
			continue
		}
		e := end{st["stop_id"], parseGTFSTime(t, st["arrival_time"])}
		if _, ok := first[st["trip_id"]]; !ok {
			first[st["trip_id"]] = e
		}
		last[st["trip_id"]] = e
	}
	if len(first) == 0 {
		t.Fatal("no coach trips")
	}
	for id, a := range first {
		b := last[id]
		pa, pb := stops[a.stop], stops[b.stop]
		d := metres(pa[0], pa[1], pb[0], pb[1])
		secs := float64(b.t - a.t)
		if v := d / secs * 3.6; v > 100 || v < 40 {
			t.Errorf("coach trip %s: %.1f km straight in %.0f min = %.0f km/h", id, d/1000, secs/60, v)
		}
	}
}
