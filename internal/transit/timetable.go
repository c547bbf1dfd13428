package transit

import "github.com/saavu/saavu/data/gtfs"

// Timetable is every trip of the compiled feeds and sketch lines, on all
// their service dates. Cross references are indices into its slices; -1
// means none.
type Timetable struct {
	Agencies []gtfs.Agency
	Stops    []Stop
	Routes   []Route
	Trips    []Trip
	Services []Service

	// Patterns: the distinct stop sequences of each route. The stops of
	// pattern p are PatternStops[PatternStart[p]:PatternStart[p+1]].
	PatternStart []int32 // len = patterns+1
	PatternStops []int32 // stop indices
	PatternRoute []int32 // route of each pattern

	// Stop times, fully timed (untimed stops interpolated): trip t at the
	// j-th stop of its pattern arrives at Arr[Trips[t].Times+j] and leaves
	// at Dep[Trips[t].Times+j]. For a frequency-based trip these are the
	// template times; its real departures come from Frequencies.
	Arr, Dep []Seconds

	Frequencies []Frequency // sorted by trip, then start
	Transfers   []Transfer  // declared transfers at stop (platform) level
}

// Stop is a stop, platform, station or other location.
type Stop struct {
	ID           string // namespaced: "feed:stop_id"
	Name         string
	Lon, Lat     float64 // WGS84 degrees
	LocationType uint8   // as in stops.txt: 0 stop/platform, 1 station, ...
	Parent       int32   // parent station, -1 when none
}

// Route is a GTFS route or a sketch line.
type Route struct {
	ID                  string
	ShortName, LongName string
	Type                int32 // GTFS route_type
	Agency              int32 // index into Agencies, -1 when none
}

// Trip is a vehicle journey (or, with frequencies, a template for many).
type Trip struct {
	ID       string
	Route    int32
	Service  int32
	Pattern  int32
	Headsign string
	Times    int32 // offset of its stop times in Arr and Dep
	Frequent bool  // has rows in Frequencies
}

// Service tells on which dates trips run: the GTFS calendar rule
// (weekdays within a date range) with added and removed dates. Sketch
// lines have services without a date range.
type Service = gtfs.Service

// Frequency expands a template trip into departures every Headway from
// Start while before End. See the package documentation for how
// ExactTimes=false is handled.
type Frequency struct {
	Trip       int32
	Start, End Seconds
	Headway    Seconds
	ExactTimes bool
}

// Transfer types, as in transfers.txt.
const (
	TransferRecommended uint8 = 0
	TransferTimed       uint8 = 1
	TransferMinTime     uint8 = 2
	TransferForbidden   uint8 = 3
)

// Transfer is a declared transfer between two distinct stops.
type Transfer struct {
	From, To int32
	Type     uint8
	MinTime  Seconds // for TransferMinTime; 0 otherwise
}

// NumPatterns returns the number of patterns.
func (tt *Timetable) NumPatterns() int { return len(tt.PatternRoute) }

// PatternOf returns the stops of pattern p.
func (tt *Timetable) PatternOf(p int32) []int32 {
	return tt.PatternStops[tt.PatternStart[p]:tt.PatternStart[p+1]]
}

// TripTimes returns the arrival and departure times of trip t.
func (tt *Timetable) TripTimes(t int32) (arr, dep []Seconds) {
	tr := &tt.Trips[t]
	n := tt.PatternStart[tr.Pattern+1] - tt.PatternStart[tr.Pattern]
	return tt.Arr[tr.Times : tr.Times+n], tt.Dep[tr.Times : tr.Times+n]
}
