package ptaccess

import (
	"fmt"
	"github.com/saavu/saavu/internal/graph"
	"math"
	"runtime"
	"time"

	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// Defaults of Options.
const (
	// DefaultMaxWalk bounds each walk of a journey: the access walk, the
	// egress walk and a walk-only trip (R5's maxWalkTime, 20 minutes in
	// Conveyal Analysis).
	DefaultMaxWalk = 20 * time.Minute
	// DefaultMaxTransferM bounds a walking transfer between two stops in
	// metres: R5's TransitLayer.TRANSFER_DISTANCE_LIMIT (1 km).
	DefaultMaxTransferM = 1000.0
	// DefaultMaxStopSnapM is how far a stop may lie from a walkable
	// street and still be linked to it.
	DefaultMaxStopSnapM = 300.0
	// DefaultMaxRides is the number of vehicles a journey may board.
	DefaultMaxRides = route.DefaultMaxRides
	// DefaultMaxTime is the longest travel time counted as reachable.
	DefaultMaxTime = 120 * time.Minute
)

// Options tune a Network. Zero values select the defaults.
type Options struct {
	// MaxWalk bounds the access walk, the egress walk and a walk-only
	// trip, each on its own (default 20 minutes). R5 applies its
	// maxWalkTime the same way: a destination that is farther than
	// MaxWalk on foot is reached by transit or not at all.
	MaxWalk time.Duration

	// MaxTransferM bounds the length of a walking transfer between two
	// stops, connectors included, in metres (default 1,000 m, as R5).
	MaxTransferM float64

	// PruneTransfers keeps, of the walking transfers from a stop, only
	// those to a stop that is the closest one on some pattern (the stop
	// itself being the closest on its own patterns), as R5 does
	// (TransferFinder.retainClosestStopsOnPatterns). It removes most
	// transfers and speeds routing up, but can miss a journey that needs
	// a farther stop of a pattern (a line that loops back).
	PruneTransfers bool

	// MaxAccessEgressM bounds the access walk to the first stop and the
	// egress walk from the last stop in metres, on top of MaxWalk; 0
	// means no such bound. A walk-only trip is bounded by MaxWalk alone.
	MaxAccessEgressM float64

	// MaxEgressM, when above 0, bounds the egress walk from the last stop
	// in metres instead of MaxAccessEgressM (the access walk keeps
	// MaxAccessEgressM). R5 builds its stop-to-destination tables up to
	// 2,000 m (TransitLayer.WALK_DISTANCE_LIMIT_METERS) whatever its
	// maxWalkTime, while its access search is bounded by time alone.
	MaxEgressM float64

	// MaxStopSnapM is the farthest a stop may be from a walkable street
	// to be linked (default 300 m). Unlinked stops are only reached by
	// the transfers the timetable declares.
	MaxStopSnapM float64

	// MinIsland is the fewest junctions and ends a connected piece of the
	// walk graph needs for points and stops to be linked to it (default 40,
	// R5's MIN_SUBGRAPH_SIZE), the largest piece being always linked; a
	// negative value links to any piece.
	MinIsland int

	// MaxRides is the most vehicles a journey may board (default 4).
	MaxRides int

	// MaxTime is the longest travel time counted as reachable, access
	// walk, waits and egress included (default 120 minutes). A journey
	// of MaxTime or more is unreachable, as in R5.
	MaxTime time.Duration

	// BoardSlack is the wait needed at a stop before boarding: a vehicle
	// is boarded only if it departs more than BoardSlack after the
	// passenger is at the stop. 0 selects R5's 60 s; a negative value
	// allows boarding a vehicle that departs the second one arrives.
	BoardSlack time.Duration

	// Workers is the number of goroutines used to build the network and
	// to route (default GOMAXPROCS). Results do not depend on it.
	Workers int

	// StopWalk, when set, times the walks that start or end at a stop
	// other than the access walk: egress walks to destinations and
	// services, and transfers. It must be the walk graph built from the
	// same extract with other times (R5 6.7 walks these as distance /
	// speed, without the slope factors of its street searches: give the
	// graph built without elevation). nil: the walk graph.
	StopWalk *graph.Graph `json:"-"`
}

// resolved returns the options with defaults filled in, or an error for
// a value out of range.
func (o Options) resolved() (Options, error) {
	if o.MaxWalk == 0 {
		o.MaxWalk = DefaultMaxWalk
	}
	if o.MaxTransferM == 0 {
		o.MaxTransferM = DefaultMaxTransferM
	}
	if o.MaxStopSnapM == 0 {
		o.MaxStopSnapM = DefaultMaxStopSnapM
	}
	if o.MinIsland == 0 {
		o.MinIsland = DefaultMinIsland
	}
	if o.MaxRides == 0 {
		o.MaxRides = DefaultMaxRides
	}
	if o.MaxTime == 0 {
		o.MaxTime = DefaultMaxTime
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	const maxDur = 48 * time.Hour
	switch {
	case o.MaxWalk < 0 || o.MaxWalk > maxDur:
		return o, fmt.Errorf("%w: MaxWalk %v outside 0..48h", ErrOptions, o.MaxWalk)
	case o.MaxTime < 0 || o.MaxTime > maxDur:
		return o, fmt.Errorf("%w: MaxTime %v outside 0..48h", ErrOptions, o.MaxTime)
	case !(o.MaxTransferM >= 0) || math.IsInf(o.MaxTransferM, 0) || o.MaxTransferM > 1e6:
		return o, fmt.Errorf("%w: MaxTransferM %v outside 0..1e6 m", ErrOptions, o.MaxTransferM)
	case !(o.MaxAccessEgressM >= 0) || o.MaxAccessEgressM > 1e7:
		return o, fmt.Errorf("%w: MaxAccessEgressM %v outside 0..1e7 m", ErrOptions, o.MaxAccessEgressM)
	case !(o.MaxEgressM >= 0) || o.MaxEgressM > 1e7:
		return o, fmt.Errorf("%w: MaxEgressM %v outside 0..1e7 m", ErrOptions, o.MaxEgressM)
	case !(o.MaxStopSnapM >= 0) || o.MaxStopSnapM > 1e5:
		return o, fmt.Errorf("%w: MaxStopSnapM %v outside 0..1e5 m", ErrOptions, o.MaxStopSnapM)
	case o.MaxRides < 0 || o.MaxRides > 64:
		return o, fmt.Errorf("%w: MaxRides %d outside 1..64", ErrOptions, o.MaxRides)
	case o.BoardSlack > time.Hour:
		return o, fmt.Errorf("%w: BoardSlack %v above one hour", ErrOptions, o.BoardSlack)
	}
	return o, nil
}

// raptorOptions converts the options for package route.
func (o Options) raptorOptions() route.RaptorOptions {
	slack := transit.Seconds(o.BoardSlack / time.Second)
	switch {
	case o.BoardSlack < 0:
		slack = route.NoBoardSlack
	case o.BoardSlack == 0:
		slack = route.DefaultBoardSlack
	case slack == 0: // under a second: the closest to "no wait" that is not the default
		slack = route.NoBoardSlack
	}
	return route.RaptorOptions{
		MaxRides:   o.MaxRides,
		MaxTime:    transit.Seconds(o.MaxTime / time.Second),
		BoardSlack: slack,
	}
}

// ms converts a positive duration to whole milliseconds for the street
// searches, at least 1: a limit of 0 would mean "no limit" to them.
func ms(d time.Duration) uint32 {
	return uint32(max(1, min(d.Milliseconds(), math.MaxUint32-1)))
}

// secs converts a walking time in milliseconds to whole seconds, rounded
// to the nearest second.
func secs(msTime uint32) transit.Seconds {
	return transit.Seconds((uint64(msTime) + 500) / 1000)
}
