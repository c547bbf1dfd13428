package demo

import (
	"fmt"
	"math"
)

// Schematic public transport: which lines run, where and when. Lines run
// along the shortest road path through their via points; coaches also stop
// in the villages they pass, town buses every stopEvery metres.

// lineKind groups lines by how they run.
type lineKind uint8

const (
	coach lineKind = iota
	townBus
	train
	errand
)

// via is a point a line passes: a named place, or a postal area's centroid
// (postal > 0), or a named point.
type via struct {
	place    string
	postal   int
	name     string
	lon, lat float64
}

func at(name string) via { return via{place: name} }

func postal(code int) via { return via{postal: code} }

func point(name string, lon, lat float64) via { return via{name: name, lon: lon, lat: lat} }

// lineSpec is one schematic line.
type lineSpec struct {
	id, short, long string
	kind            lineKind
	vias            []via
	speedKmh        float64
	stopEvery       float64 // town buses: metres between stops
	trips           []tripSet
}

// tripSet is a set of departures on one service, in one direction (0: in
// the order of vias, 1: reversed).
type tripSet struct {
	service string
	dir     int
	times   []string // HH:MM from the first stop
}

// every returns departures from first to last (HH:MM, inclusive) every
// step minutes.
func every(first, last string, step int) []string {
	a, b := minutes(first), minutes(last)
	var out []string
	for t := a; t <= b; t += step {
		out = append(out, fmt.Sprintf("%02d:%02d", t/60, t%60))
	}
	return out
}

func minutes(hhmm string) int {
	var h, m int
	fmt.Sscanf(hhmm, "%d:%d", &h, &m)
	return h*60 + m
}

// both returns the same departures in both directions.
func both(service string, times ...string) []tripSet {
	return []tripSet{{service, 0, times}, {service, 1, times}}
}

// Services (calendar.txt service_id).
const (
	svcWeekdays = "MF"
	svcWeekend  = "SS"
	svcDaily    = "DAILY"
	svcTuesday  = "TU"
	svcThursday = "TH"
)

var (
	mikkeliHospital    = point("Mikkeli central hospital", 27.2783, 61.6920)
	savonlinnaHospital = point("Savonlinna central hospital", 28.8534, 61.8706)
)

// lineSpecs are the schematic lines of the demo.
var lineSpecs = []lineSpec{
	{"C1", "C1", "Mikkeli–Juva–Savonlinna", coach, []via{at("Mikkeli"), at("Juva"), at("Savonlinna")}, 70, 0,
		append(both(svcWeekdays, "06:30", "09:15", "12:00", "15:10", "17:45"), both(svcWeekend, "09:15", "15:10")...)},
	{"C2", "C2", "Mikkeli–Haukivuori–Pieksämäki", coach, []via{at("Mikkeli"), at("Haukivuori"), at("Pieksämäki")}, 70, 0,
		both(svcWeekdays, "07:00", "10:30", "14:00", "17:30")},
	{"C3", "C3", "Mikkeli–Kangasniemi", coach, []via{at("Mikkeli"), at("Kangasniemi")}, 70, 0,
		both(svcWeekdays, "06:45", "11:00", "15:30", "18:30")},
	{"C4", "C4", "Mikkeli–Mäntyharju", coach, []via{at("Mikkeli"), at("Mäntyharju")}, 70, 0,
		both(svcWeekdays, "06:15", "10:00", "14:30", "17:15")},
	{"C5", "C5", "Savonlinna–Rantasalmi", coach, []via{at("Savonlinna"), at("Rantasalmi")}, 65, 0,
		both(svcWeekdays, "07:00", "11:30", "15:15", "17:30")},
	{"C6", "C6", "Savonlinna–Enonkoski", coach, []via{at("Savonlinna"), at("Enonkoski")}, 65, 0,
		both(svcWeekdays, "06:50", "11:45", "16:10", "18:20")},
	{"R1", "R", "Mikkeli–Pieksämäki", train, nil, 0, 0,
		both(svcDaily, "06:40", "10:20", "14:20", "18:30")},
	{"M1", "1", "Mikkeli town line 1: 50600–centre–50170", townBus,
		[]via{postal(50600), postal(50120), at("Mikkeli"), postal(50170)}, 25, 450, both(svcWeekdays, every("06:00", "21:30", 30)...)},
	{"M2", "2", "Mikkeli town line 2: 50500–centre–central hospital–50190", townBus,
		[]via{postal(50500), postal(50160), at("Mikkeli"), mikkeliHospital, postal(50190)}, 25, 450, both(svcWeekdays, every("06:15", "21:45", 30)...)},
	{"M3", "3", "Mikkeli town line 3: 50130–centre–50170", townBus,
		[]via{postal(50130), at("Mikkeli"), postal(50170)}, 25, 450, both(svcWeekdays, every("06:05", "21:35", 30)...)},
	{"M4", "4", "Mikkeli town line 4: 50120–central hospital–50190", townBus,
		[]via{postal(50120), mikkeliHospital, postal(50190)}, 25, 450, both(svcWeekdays, every("06:20", "21:50", 30)...)},
	{"S1", "1", "Savonlinna town line 1: 57710–centre–57210", townBus,
		[]via{postal(57710), postal(57170), at("Savonlinna"), postal(57210)}, 25, 450, both(svcWeekdays, every("06:00", "21:30", 30)...)},
	{"S2", "2", "Savonlinna town line 2: 57600–centre–57220", townBus,
		[]via{postal(57600), at("Savonlinna"), postal(57220)}, 25, 450, both(svcWeekdays, every("06:10", "21:40", 30)...)},
	{"S3", "3", "Savonlinna town line 3: 57100–central hospital–centre", townBus,
		[]via{postal(57100), postal(57600), savonlinnaHospital, at("Savonlinna")}, 25, 450, both(svcWeekdays, every("06:20", "21:20", 60)...)},
	{"E1", "A1", "Errand line Sulkava villages–Savonlinna (Tuesdays)", errand,
		[]via{postal(58620), postal(58610), at("Sulkava south village"), at("Sulkava"), at("Savonlinna")}, 60, 0,
		[]tripSet{{svcTuesday, 0, []string{"08:30"}}, {svcTuesday, 1, []string{"13:30"}}}},
	{"E2", "A2", "Errand line Puumala–Ristiina–Mikkeli (Thursdays)", errand,
		[]via{at("Puumala"), postal(52230), at("Ristiina"), at("Mikkeli")}, 60, 0,
		[]tripSet{{svcThursday, 0, []string{"08:30"}}, {svcThursday, 1, []string{"13:00"}}}},
}

// trainSpeedKmh and trainDetour set the schematic train running time: the
// straight line times trainDetour at trainSpeedKmh.
const (
	trainSpeedKmh = 130.0
	trainDetour   = 1.15
)

// villageReach is how close a coach's path must pass a postal-area
// centroid for the coach to stop there, and villageGap the least distance
// along the path between two coach stops, metres.
const (
	villageReach = 1500.0
	villageGap   = 3000.0
)

// roundMinute rounds seconds to whole minutes.
func roundMinute(s float64) int { return int(math.Round(s/60)) * 60 }
