package gtfs

import "slices"

// Feed is a parsed GTFS feed. Cross references are indices into the
// feed's slices; -1 means none.
type Feed struct {
	Name   string // feed name, usually the base name of its path
	Prefix string // namespace of every id ("" keeps ids as they are)

	Agencies    []Agency
	Stops       []Stop
	Routes      []Route
	Trips       []Trip
	StopTimes   StopTimes
	Services    []Service
	Frequencies []Frequency
	Transfers   []Transfer

	Report *Report // counts and warnings found while reading
}

// Agency is a row of agency.txt.
type Agency struct {
	ID, Name, URL, Timezone string
}

// Location types of stops.txt.
const (
	LocationStop         uint8 = 0 // stop or platform
	LocationStation      uint8 = 1
	LocationEntrance     uint8 = 2
	LocationGenericNode  uint8 = 3
	LocationBoardingArea uint8 = 4
)

// Stop is a row of stops.txt.
type Stop struct {
	ID, Code, Name string
	Lon, Lat       float64 // WGS84 degrees; 0 when absent (allowed for types 3 and 4)
	LocationType   uint8
	Parent         int32 // index of the parent station, -1 when none
}

// Route is a row of routes.txt.
type Route struct {
	ID                  string
	Agency              int32 // index into Agencies, -1 when unknown
	ShortName, LongName string
	Type                int32 // route_type (basic 0-12 or extended 100-1700)
}

// Trip is a row of trips.txt.
type Trip struct {
	ID        string
	Route     int32 // index into Routes
	Service   int32 // index into Services, -1 when the service is unknown (never runs)
	Headsign  string
	ShortName string
	Direction int8 // direction_id 0 or 1, -1 when absent
}

// StopTimes holds stop_times.txt as flat arrays grouped by trip and
// sorted by stop_sequence within each trip: the stop times of trip t are
// the positions Start[t] to Start[t+1]-1 of every other slice.
type StopTimes struct {
	Start    []int32   // len = trips+1
	Stop     []int32   // index into Stops
	Arr, Dep []Seconds // Untimed when empty; a lone arrival or departure fills both
	Dist     []float32 // shape_dist_traveled, NaN when absent
	Pickup   []uint8   // pickup_type (0 regular, 1 none, 2 phone, 3 ask driver)
	DropOff  []uint8   // drop_off_type, same values
}

// Len returns the number of stop times.
func (st *StopTimes) Len() int { return len(st.Stop) }

// Trip returns the range of positions of trip t.
func (st *StopTimes) Trip(t int) (from, to int) {
	return int(st.Start[t]), int(st.Start[t+1])
}

// Service is a service_id with its calendar.txt row (if any) and its
// calendar_dates.txt exceptions.
type Service struct {
	ID          string
	HasCalendar bool   // a calendar.txt row exists
	Weekdays    uint8  // bit 1<<time.Weekday set for the days calendar.txt runs it
	Start, End  Date   // calendar.txt range, inclusive
	Added       []Date // exception_type 1, sorted, unique
	Removed     []Date // exception_type 2, sorted, unique
}

// Active tells whether the service runs on d: removed dates never run,
// added dates always do, other dates follow the calendar.txt row.
func (s *Service) Active(d Date) bool {
	if _, found := slices.BinarySearch(s.Removed, d); found {
		return false
	}
	if _, found := slices.BinarySearch(s.Added, d); found {
		return true
	}
	return s.HasCalendar && d >= s.Start && d <= s.End && s.Weekdays&(1<<d.Weekday()) != 0
}

// Frequency is a row of frequencies.txt.
type Frequency struct {
	Trip       int32 // index into Trips: the template trip
	Start, End Seconds
	Headway    Seconds
	ExactTimes bool // exact_times=1: departures exactly every Headway from Start
}

// Transfer types of transfers.txt.
const (
	TransferRecommended uint8 = 0
	TransferTimed       uint8 = 1
	TransferMinTime     uint8 = 2
	TransferForbidden   uint8 = 3
)

// Transfer is a stop-to-stop row of transfers.txt. Rows restricted to
// routes or trips are not kept (a warning says so).
type Transfer struct {
	From, To int32 // indices into Stops
	Type     uint8
	MinTime  Seconds // min_transfer_time, Untimed when empty
}
