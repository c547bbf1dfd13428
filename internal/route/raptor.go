package route

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/saavu/saavu/internal/transit"
)

// Defaults of RaptorOptions, chosen to agree with R5 (Conveyal's router).
const (
	// DefaultMaxRides is the number of vehicles a journey may board.
	DefaultMaxRides = 4
	// DefaultMaxTime is the longest travel time counted as reachable.
	DefaultMaxTime transit.Seconds = 120 * 60
	// DefaultBoardSlack is R5's minimum board wait (MINIMUM_BOARD_WAIT_SEC).
	DefaultBoardSlack transit.Seconds = 60
	// NoBoardSlack lets a passenger board a vehicle that departs the very
	// second they are at its stop.
	NoBoardSlack transit.Seconds = -1
)

// Unreachable marks a travel time that is not within MaxTime or MaxRides.
const Unreachable transit.Seconds = -1

// raptorInf is the label of a stop not reached yet. It leaves room to add a
// walk or a slack without overflowing int32.
const raptorInf transit.Seconds = math.MaxInt32 / 2

// maxRaptorRides bounds MaxRides so that the per-round labels stay small.
const maxRaptorRides = 64

// ErrInvalidDay reports a transit.Day whose arrays are inconsistent.
var ErrInvalidDay = errors.New("route: invalid transit day")

// ErrInvalidRaptorQuery reports arguments of a RAPTOR query that do not fit
// the day or each other.
var ErrInvalidRaptorQuery = errors.New("route: invalid RAPTOR query")

// RaptorOptions are the rules of a RAPTOR search. Zero values select the
// defaults.
type RaptorOptions struct {
	// MaxRides is the most vehicles a journey may board (default 4).
	MaxRides int

	// MaxTime is the longest travel time, access walk and initial wait
	// included, that counts as reachable. A journey of MaxTime or more is
	// unreachable, as in R5, which drops travel times of
	// maxTripDurationMinutes whole minutes or more (default 120 min).
	MaxTime transit.Seconds

	// BoardSlack is the wait a passenger needs at a stop before boarding:
	// a vehicle is boarded only if it departs strictly more than BoardSlack
	// seconds after the passenger is at the stop, whether they got there by
	// the access walk, off another vehicle or by a transfer walk. This is
	// R5's rule (departure > arrival + MINIMUM_BOARD_WAIT_SEC, 60 s, on
	// every boarding including the first). Zero selects DefaultBoardSlack;
	// NoBoardSlack (or any negative value) allows boarding a vehicle that
	// departs at or after the arrival.
	BoardSlack transit.Seconds
}

// resolved returns the options with defaults filled in.
func (o RaptorOptions) resolved() RaptorOptions {
	if o.MaxRides <= 0 {
		o.MaxRides = DefaultMaxRides
	}
	if o.MaxTime <= 0 {
		o.MaxTime = DefaultMaxTime
	}
	switch {
	case o.BoardSlack == 0:
		o.BoardSlack = DefaultBoardSlack
	case o.BoardSlack < 0:
		o.BoardSlack = NoBoardSlack
	}
	return o
}

// StopTime is a stop with a walking time: an access walk from the origin to
// the stop, or an egress walk from the stop to a destination.
type StopTime struct {
	Stop int32
	Time transit.Seconds
}

// raptorTimetable is the read-only part of a Raptor, shared by clones.
type raptorTimetable struct {
	// day is the caller's day with its stops renumbered for locality (see
	// renumberStops); every array below and every label of a Raptor uses
	// these internal stop numbers, translated with toIn and toOrig where
	// stops enter (access, egress) or leave (itinerary legs).
	day          *transit.Day
	toIn, toOrig []int32

	// depCol holds departures by pattern, then stop position, then trip:
	// the departures of the trips of pattern p at position i are
	// depCol[depBase[p]+i*n : depBase[p]+(i+1)*n] with n the pattern's
	// number of trips, sorted because trips never overtake. Searching a
	// boardable trip touches one contiguous run of memory.
	depCol  []transit.Seconds
	depBase []int32

	// bitBase[p]..bitBase[p+1] are the words of pattern p in a bitset of
	// stop positions (one bit per position).
	bitBase []int32

	// spMark[i] marks entry i of the day's StopPat lists in the position
	// bitset: p is the pattern and bit the index of the position's bit in
	// patBits (bitBase[p]*64 + position), so that marking needs no lookup.
	spMark []spMark

	// Initial boardPrev per stop position and boardPrevMax per stop:
	// math.MaxInt32 (unknown) where a trip can be boarded, math.MinInt32
	// (never worth boarding) at the last position of a pattern and in
	// patterns without trips.
	boardPrev0    []transit.Seconds
	boardPrevMax0 []transit.Seconds

	// posToStopPat[PatStopStart[p]+i] is the index in StopPat of position
	// i of pattern p.
	posToStopPat []int32

	// The useful transfers from stop s are xfer[xferStart[s]:
	// xferStart[s+1]], sorted by walking time so that a relaxation stops at
	// the first walk that ends past the time limit.
	xferStart []int32
	xfer      []raptorXfer
}

// spMark is the pattern of a StopPat entry and its bit in patBits.
type spMark struct{ p, bit int32 }

// stopStamps are the stamps of one stop (see Raptor.stamp); the pairs
// alternate by round parity.
type stopStamps struct {
	upd     [2]uint32 // board label improved (any way)
	mark    [2]uint32 // board label improved by a vehicle or transfer
	vehUpd  [2]uint32 // vehicle label improved (any way)
	vehScan uint32    // vehicle label improved by a ride
	eg      uint32    // vbest improved in this minute
}

// raptorXfer is a transfer walk to stop to taking time seconds.
type raptorXfer struct {
	to   int32
	time transit.Seconds
}

// Raptor answers range RAPTOR queries over one day's timetable (Delling,
// Pajor and Werneck, "Round-Based Public Transit Routing", 2012). It holds
// the working arrays of one worker, allocated once and reused by every
// query; it is not safe for concurrent use. Give each worker its own
// Raptor with Clone, which shares the timetable.
//
// The rules follow R5 (Conveyal), whose travel times we compare with:
//   - a journey is an access walk to a stop, one to MaxRides rides, each
//     followed by at most one transfer walk from the day's lists (never two
//     walks in a row), and an egress walk from the stop where the last
//     vehicle was left; walking all the way is the other candidate;
//   - every boarding, the first included, needs the vehicle to depart
//     strictly more than BoardSlack (60 s) after the passenger is at the
//     stop (R5's MINIMUM_BOARD_WAIT_SEC with its strict comparison);
//   - the passenger leaves the origin at the departure time, so the wait
//     for the first vehicle is part of the travel time;
//   - travel times of MaxTime or more are unreachable (R5 keeps whole
//     minutes below maxTripDurationMinutes);
//   - percentiles over the departure minutes are R5's (see Percentiles).
type Raptor struct {
	tt   *raptorTimetable
	opts RaptorOptions

	numStops int
	rounds   int // MaxRides + 1 label rows

	// Labels, one row of numStops per round (row 0: access walks).
	// board[k] is the earliest time at a stop, ready to board, using at
	// most k vehicles; veh[k] the earliest arrival at a stop off a vehicle
	// boarded in round k; vbest the earliest vehicle arrival in any round.
	board []transit.Seconds
	veh   []transit.Seconds
	vbest []transit.Seconds

	// Stamps mark a stop as listed in the current round (pairs alternate
	// by round parity) without clearing anything between rounds.
	stamp    uint32
	stamps   []stopStamps // per stop, together so that one touch loads them
	egMinute uint32       // stamp of the current minute in stopStamps.eg
	updList  [2][]int32
	vehUpd   [2][]int32
	vehScan  []int32
	egList   []int32
	hits     []int32 // scratch of relaxTransfers, the longest transfer list

	// Patterns to scan in a round: a bitset of patterns (patSet), with the
	// positions of their stops marked in the previous round as bits.
	patSet  []uint64
	patBits []uint64

	// ridden[(k-1)*len(PatStops)+PatStopStart[p]+i] is the earliest trip
	// (index within pattern p) ridden into position i of p in round k by
	// any departure minute so far; math.MaxInt32 when none. Along a pattern
	// it never increases, and a later trip arriving there cannot improve a
	// label, so a scan skips ahead to the next marked position as soon as
	// its trip is no earlier than the one recorded.
	ridden []int32

	// boardTrip and boardPrev cache, per round and pattern position, the
	// earliest trip that a passenger at the stop could board at the last
	// check (the pattern's trip count when none) and the departure of the
	// trip before it (math.MinInt32 when none). Board labels only decrease
	// during a query, so the cached trip stays boardable, and an earlier
	// one is only possible once the label falls below boardPrev. boardTrip
	// is laid out like ridden, boardPrev in the order of StopPat
	// ((k-1)*len(StopPat)+i), so that the positions of a stop are
	// contiguous when its board label improves.
	boardTrip []int32
	boardPrev []transit.Seconds

	// boardPrevMax[(k-1)*numStops+s] is at least the largest boardPrev of
	// round k over the positions of stop s (an upper bound kept up to
	// date when the stop's positions are marked). A stop whose board label
	// improves is marked only at positions where the label fell below
	// boardPrev: at the others the cached trip is unchanged and was
	// already ridden from there, so boarding again could improve nothing;
	// with the label (plus slack) at or above boardPrevMax no position
	// needs a look.
	boardPrevMax []transit.Seconds

	// Per target earliest arrival (clock time) across minutes, and the
	// improvements of a range query (see rangeEvents): per target the
	// first event (evHead) and the minute of its latest event (evLast);
	// per event its target, minute, arrival and the target's next event.
	arrT           []transit.Seconds
	evHead, evLast []int32
	evTarget       []int32
	evMinute       []int32
	evArr          []transit.Seconds
	evNext         []int32
	cand           []int32 // targets lowered in a minute, with repeats
	// Scratch of RangePercentiles.
	pRank     []pctRank
	stretches []stretch
	bucket    []int32
	offs      []int32           // scratch of kthOffset
	times     []transit.Seconds // the series built by series
	one       [1]transit.Seconds

	// noReuse resets the labels before each departure minute: the naive
	// per-minute baseline of the benchmarks.
	noReuse bool

	// access (and Journey's egress) in internal stop numbers.
	accIn, egIn []StopTime

	// Parent pointers, recorded only while Journey runs (see itinerary.go);
	// parSpare keeps the arrays between calls.
	par, parSpare *raptorParents
}

// NewRaptor prepares a RAPTOR router over day. It checks the day's arrays
// (index ranges, sorted and non-overtaking trips) and returns an error
// wrapping ErrInvalidDay when one is inconsistent.
func NewRaptor(day *transit.Day, opts RaptorOptions) (*Raptor, error) {
	if day == nil {
		return nil, fmt.Errorf("%w: nil day", ErrInvalidDay)
	}
	opts = opts.resolved()
	if opts.MaxRides > maxRaptorRides {
		return nil, fmt.Errorf("%w: MaxRides %d above %d", ErrInvalidRaptorQuery, opts.MaxRides, maxRaptorRides)
	}
	if opts.MaxTime >= raptorMaxClock || opts.BoardSlack >= raptorMaxClock {
		return nil, fmt.Errorf("%w: MaxTime %d s or BoardSlack %d s not below %d s", ErrInvalidRaptorQuery, opts.MaxTime, opts.BoardSlack, raptorMaxClock)
	}
	if err := checkDay(day); err != nil {
		return nil, err
	}
	tt := &raptorTimetable{}
	tt.day, tt.toIn, tt.toOrig = renumberStops(day)
	tt.transpose()
	tt.boardable()
	tt.sortTransfers()
	tt.pruneTransfers()
	return newRaptorWorker(tt, opts), nil
}

// Clone returns a Raptor with the same timetable and options and its own
// working arrays, for another worker.
func (r *Raptor) Clone() *Raptor {
	return newRaptorWorker(r.tt, r.opts)
}

// Options returns the options in force, defaults filled in.
func (r *Raptor) Options() RaptorOptions { return r.opts }

func newRaptorWorker(tt *raptorTimetable, opts RaptorOptions) *Raptor {
	n := tt.day.NumStops
	k := opts.MaxRides + 1
	r := &Raptor{tt: tt, opts: opts, numStops: n, rounds: k}
	r.board = make([]transit.Seconds, k*n)
	r.veh = make([]transit.Seconds, k*n)
	r.vbest = make([]transit.Seconds, n)
	for i := range 2 {
		r.updList[i] = make([]int32, 0, n)
		r.vehUpd[i] = make([]int32, 0, n)
	}
	r.stamps = make([]stopStamps, n)
	r.vehScan = make([]int32, 0, n)
	r.egList = make([]int32, 0, n)
	maxDeg := int32(0)
	for s := range n {
		maxDeg = max(maxDeg, tt.xferStart[s+1]-tt.xferStart[s])
	}
	r.hits = make([]int32, maxDeg)
	r.accIn = make([]StopTime, 0, 64)
	r.egIn = make([]StopTime, 0, 64)
	np := len(tt.depBase)
	r.patSet = make([]uint64, (np+63)/64)
	r.patBits = make([]uint64, tt.bitBase[np])
	r.ridden = make([]int32, opts.MaxRides*len(tt.day.PatStops))
	r.boardTrip = make([]int32, len(r.ridden))
	r.boardPrev = make([]transit.Seconds, len(r.ridden))
	r.boardPrevMax = make([]transit.Seconds, opts.MaxRides*n)
	return r
}

// transpose builds the per-position departure columns.
func (tt *raptorTimetable) transpose() {
	d := tt.day
	np := len(d.PatStopStart) - 1
	tt.depBase = make([]int32, np)
	tt.bitBase = make([]int32, np+1)
	total := 0
	for p := range np {
		l := int(d.PatStopStart[p+1] - d.PatStopStart[p])
		tt.depBase[p] = int32(total)
		total += l * int(d.PatTripStart[p+1]-d.PatTripStart[p])
		tt.bitBase[p+1] = tt.bitBase[p] + int32((l+63)/64)
	}
	tt.spMark = make([]spMark, len(d.StopPat))
	for i, p := range d.StopPat {
		tt.spMark[i] = spMark{p: p, bit: tt.bitBase[p]*64 + d.StopPatPos[i]}
	}
	tt.depCol = make([]transit.Seconds, total)
	for p := range np {
		l := int(d.PatStopStart[p+1] - d.PatStopStart[p])
		t0, t1 := int(d.PatTripStart[p]), int(d.PatTripStart[p+1])
		n := t1 - t0
		base := int(tt.depBase[p])
		for t := t0; t < t1; t++ {
			off := int(d.TripTimes[t])
			for i := range l {
				tt.depCol[base+i*n+(t-t0)] = d.Dep[off+i]
			}
		}
	}
}

// boardable sets boardPrev0 and boardPrevMax0.
func (tt *raptorTimetable) boardable() {
	d := tt.day
	tt.posToStopPat = make([]int32, len(d.PatStops))
	for i, p := range d.StopPat {
		tt.posToStopPat[d.PatStopStart[p]+d.StopPatPos[i]] = int32(i)
	}
	tt.boardPrev0 = make([]transit.Seconds, len(d.StopPat))
	tt.boardPrevMax0 = make([]transit.Seconds, d.NumStops)
	for i := range tt.boardPrevMax0 {
		tt.boardPrevMax0[i] = math.MinInt32
	}
	for p := 0; p+1 < len(d.PatStopStart); p++ {
		trips := d.PatTripStart[p+1] > d.PatTripStart[p]
		for i := d.PatStopStart[p]; i < d.PatStopStart[p+1]; i++ {
			sp := tt.posToStopPat[i]
			tt.boardPrev0[sp] = math.MinInt32
			if trips && i+1 < d.PatStopStart[p+1] {
				tt.boardPrev0[sp] = math.MaxInt32
				tt.boardPrevMax0[d.PatStops[i]] = math.MaxInt32
			}
		}
	}
}

// sortTransfers copies the transfer lists, each sorted by walking time
// (then by destination, for a deterministic order), leaving out walks to
// stops where no vehicle can be boarded: their board labels lead nowhere,
// since targets are reached from vehicle arrivals only.
func (tt *raptorTimetable) sortTransfers() {
	d := tt.day
	tt.xferStart = make([]int32, d.NumStops+1)
	tt.xfer = make([]raptorXfer, 0, len(d.TransferTo))
	for s := range d.NumStops {
		for i := d.TransferStart[s]; i < d.TransferStart[s+1]; i++ {
			if to := d.TransferTo[i]; tt.boardPrevMax0[to] != math.MinInt32 {
				tt.xfer = append(tt.xfer, raptorXfer{to: to, time: d.TransferTime[i]})
			}
		}
		tt.xferStart[s+1] = int32(len(tt.xfer))
		slices.SortFunc(tt.xfer[tt.xferStart[s]:], func(a, b raptorXfer) int {
			return cmp.Or(cmp.Compare(a.time, b.time), cmp.Compare(a.to, b.to))
		})
	}
}

// resetLabels forgets every label of the previous query.
func (r *Raptor) resetLabels() {
	for i := range r.board {
		r.board[i] = raptorInf
	}
	copy(r.veh, r.board)
	copy(r.vbest, r.board[:r.numStops])
	for i := range r.ridden {
		r.ridden[i] = math.MaxInt32
		r.boardTrip[i] = math.MaxInt32
	}
	ps := len(r.tt.boardPrev0)
	for k := 0; k+1 < r.rounds; k++ {
		copy(r.boardPrev[k*ps:(k+1)*ps], r.tt.boardPrev0)
		copy(r.boardPrevMax[k*r.numStops:(k+1)*r.numStops], r.tt.boardPrevMax0)
	}
}

// nextStamp returns a fresh stamp value, clearing the stamp arrays when the
// counter wraps.
func (r *Raptor) nextStamp() uint32 {
	r.stamp++
	if r.stamp == 0 {
		clear(r.stamps)
		r.stamp = 1
	}
	return r.stamp
}
