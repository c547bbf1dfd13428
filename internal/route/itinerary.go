package route

import (
	"slices"

	"github.com/saavu/saavu/internal/transit"
)

// LegKind tells what a passenger does during a leg.
type LegKind uint8

// Kinds of legs.
const (
	// LegWalk walks from the origin to a stop, from a stop to the
	// destination, or from the origin to the destination.
	LegWalk LegKind = iota
	// LegWait waits at a stop for a vehicle, board slack included.
	LegWait
	// LegRide rides a vehicle between two stops of its pattern.
	LegRide
	// LegTransfer walks between two stops after leaving a vehicle.
	LegTransfer
)

// String returns the lower-case name of the kind.
func (k LegKind) String() string {
	switch k {
	case LegWalk:
		return "walk"
	case LegWait:
		return "wait"
	case LegRide:
		return "ride"
	case LegTransfer:
		return "transfer"
	}
	return "unknown"
}

// Place numbers in a Leg that are not stops.
const (
	// AtOrigin stands for the origin in Leg.From.
	AtOrigin int32 = -1
	// AtDestination stands for the destination in Leg.To.
	AtDestination int32 = -2
)

// Leg is one step of an itinerary, from clock time Start to End.
//
// From and To are stop indices, or AtOrigin / AtDestination at the ends of
// a walk; a wait has From == To. A ride boards trip Trip (an index into the
// day's trips, Day.TripRef names its source trip) of pattern Pattern at
// position FromPos of the pattern and leaves it at position ToPos; Start and
// End are then the departure and arrival times of the trip at those stops.
// Pattern, Trip, FromPos and ToPos are -1 on other legs.
type Leg struct {
	Kind       LegKind
	From, To   int32
	Start, End transit.Seconds

	Pattern, Trip  int32
	FromPos, ToPos int32
}

// Seconds returns the duration of the leg.
func (l Leg) Seconds() transit.Seconds { return l.End - l.Start }

// Itinerary is a journey from the origin at Depart to the destination at
// Arrive, as consecutive legs without gaps.
type Itinerary struct {
	Depart, Arrive transit.Seconds
	Rides          int
	Legs           []Leg
}

// Seconds returns the travel time, initial wait included.
func (it Itinerary) Seconds() transit.Seconds { return it.Arrive - it.Depart }

// Markers in raptorParents.boardFrom.
const (
	parentAccess  int32 = -1 // round 0: reached by the access walk
	parentCarried int32 = -2 // board label copied from the previous round
)

// raptorParents records how each label was set, per round and stop.
type raptorParents struct {
	// boardFrom is the stop whose vehicle arrival of the same round gave
	// the board label (the stop itself, or the start of a transfer walk),
	// or parentAccess / parentCarried.
	boardFrom []int32
	// The ride that gave a vehicle arrival.
	vehPat, vehTrip, vehBoardPos, vehAlightPos []int32
}

// Journey returns the earliest-arrival itinerary from an origin to a
// destination when leaving the origin at depart, or false when the
// destination cannot be reached within MaxTime and MaxRides.
//
// access lists walks from the origin to stops, direct the walk from the
// origin to the destination (-1 when none), egress walks from stops to the
// destination. Among journeys that arrive at the same time the one with the
// fewest rides is returned, walking all the way counting as none; the
// remaining ties go to the first egress entry, then to the pattern scanned
// first. The rules are those of Range: the same call gives the travel time
// Range reports for that departure.
//
// Journey keeps parent pointers while it runs; it leaves no state that
// affects later calls to Range. Malformed access or egress lists (stops
// outside the day, negative walks) give false.
func (r *Raptor) Journey(access []StopTime, direct transit.Seconds, egress []StopTime, depart transit.Seconds) (Itinerary, bool) {
	if depart < 0 || depart >= raptorMaxClock || r.checkAccess(access) != nil || r.checkAccess(egress) != nil {
		return Itinerary{}, false
	}
	n := r.numStops
	if r.parSpare == nil {
		size := r.rounds * n
		r.parSpare = &raptorParents{
			boardFrom:    make([]int32, size),
			vehPat:       make([]int32, size),
			vehTrip:      make([]int32, size),
			vehBoardPos:  make([]int32, size),
			vehAlightPos: make([]int32, size),
		}
	}
	par := r.parSpare
	r.par = par
	defer func() { r.par = nil }()
	access = r.internal(access, &r.accIn)
	egress = r.internal(egress, &r.egIn)
	r.resetLabels()
	r.runMinute(depart, access)

	maxT := r.opts.MaxTime
	best, bestK, bestEg := raptorInf, -1, -1
	if direct >= 0 && direct < maxT {
		best, bestK = depart+direct, 0
	}
	for k := 1; k < r.rounds; k++ {
		veh := r.veh[k*n : (k+1)*n]
		for i, e := range egress {
			if a := veh[e.Stop]; a < raptorInf {
				if c := a + e.Time; c < best {
					best, bestK, bestEg = c, k, i
				}
			}
		}
	}
	if bestK < 0 || best-depart >= maxT {
		return Itinerary{}, false
	}
	it := Itinerary{Depart: depart, Arrive: best, Rides: bestK}
	if bestK == 0 {
		it.Legs = []Leg{walkLeg(LegWalk, AtOrigin, AtDestination, depart, best)}
		return it, true
	}
	eg := egress[bestEg]
	legs := []Leg{walkLeg(LegWalk, eg.Stop, AtDestination, best-eg.Time, best)}
	d := r.tt.day
	k, s := bestK, eg.Stop // vehicle arrival at s in round k
	for {
		i := k*n + int(s)
		p, trip := par.vehPat[i], par.vehTrip[i]
		bp, ap := par.vehBoardPos[i], par.vehAlightPos[i]
		b := d.PatStops[d.PatStopStart[p]+bp]
		boardAt := d.Dep[d.TripTimes[trip]+bp]
		legs = append(legs, Leg{Kind: LegRide, From: b, To: s, Start: boardAt, End: r.veh[i],
			Pattern: p, Trip: trip, FromPos: bp, ToPos: ap})
		// How the passenger came to be at b, ready to board.
		j := k - 1
		for j > 0 && par.boardFrom[j*n+int(b)] == parentCarried {
			j--
		}
		ready := r.board[j*n+int(b)]
		if boardAt > ready {
			legs = append(legs, walkLeg(LegWait, b, b, ready, boardAt))
		}
		if j == 0 {
			legs = append(legs, walkLeg(LegWalk, AtOrigin, b, depart, ready))
			break
		}
		u := par.boardFrom[j*n+int(b)]
		if u != b {
			legs = append(legs, walkLeg(LegTransfer, u, b, r.veh[j*n+int(u)], ready))
		}
		k, s = j, u
	}
	slices.Reverse(legs)
	for i := range legs {
		if l := &legs[i]; l.From >= 0 {
			l.From = r.tt.toOrig[l.From]
		}
		if l := &legs[i]; l.To >= 0 {
			l.To = r.tt.toOrig[l.To]
		}
	}
	it.Legs = legs
	return it, true
}

func walkLeg(kind LegKind, from, to int32, start, end transit.Seconds) Leg {
	return Leg{Kind: kind, From: from, To: to, Start: start, End: end, Pattern: -1, Trip: -1, FromPos: -1, ToPos: -1}
}
