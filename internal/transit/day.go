package transit

// Seconds counts seconds since midnight (noon minus 12 h) of the service
// date being routed. Values past 86 400 are trips still running after
// midnight; negative values never occur in a Day.
type Seconds int32

// Day is the timetable of one service date, flattened for RAPTOR.
//
// A pattern is a sequence of stops served by a set of trips that visit
// exactly those stops in that order and never overtake one another: for
// every position i, trip k+1 departs and arrives no earlier than trip k.
// Trips of a pattern are numbered consecutively and sorted by departure at
// the first stop.
//
// The times of trip t at its j-th stop (0-based) are
// Arr[TripTimes[t]+j] and Dep[TripTimes[t]+j].
//
// Trips of the previous service date that are still running after
// midnight appear with their times shifted by -86 400 s and only where
// their times are non-negative is a boarding possible (the compiler drops
// stop times before midnight). Frequency-based trips are expanded into
// concrete trips.
type Day struct {
	Date string // YYYYMMDD

	NumStops int

	// Patterns.
	PatStopStart []int32 // len = patterns+1, index into PatStops
	PatStops     []int32 // stop indices
	PatRoute     []int32 // route index (into Timetable routes) per pattern
	PatTripStart []int32 // len = patterns+1, trips of pattern p are PatTripStart[p]..PatTripStart[p+1]-1

	// Trips.
	TripTimes []int32   // len = trips, offset into Arr/Dep
	TripRef   []int32   // index of the source trip in the Timetable (for itineraries)
	Arr, Dep  []Seconds // flat stop times

	// Patterns serving each stop.
	StopPatStart []int32 // len = stops+1
	StopPat      []int32 // pattern index
	StopPatPos   []int32 // position of the stop in that pattern

	// Transfers from each stop (walking or declared), minimum time
	// included; a stop's transfer to itself is implicit and free.
	TransferStart []int32 // len = stops+1
	TransferTo    []int32
	TransferTime  []Seconds

	// declared holds the transfers of the timetable and between platforms
	// of one station, sorted by (from, to), for SetTransfers.
	declared []declaredTransfer
}

// NumPatterns returns the number of patterns.
func (d *Day) NumPatterns() int { return len(d.PatRoute) }

// NumTrips returns the number of trips.
func (d *Day) NumTrips() int { return len(d.TripTimes) }
