package travel

import (
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
)

// Why says why an origin does not reach a service of a category.
type Why uint8

// Reasons, in the order they are checked.
const (
	Reached Why = iota
	// BeyondSnap: the origin is farther than the snapping distance from
	// every street of the mode (set by the caller, who snapped it).
	BeyondSnap
	// Island: the only streets within the snapping distance are small
	// pieces cut off from the network (set by the caller).
	Island
	// NoService: no service of the category lies on the mode's network.
	NoService
	// NoPath: the street network does not connect the origin to any
	// service of the category.
	NoPath
	// NoStop: no stop lies within the walk limit of the origin, and the
	// services are beyond it on foot.
	NoStop
	// NoTrip: stops lie within the walk limit, but none has a departure
	// in the window (or before the window's end plus the trip limit).
	NoTrip
	// BeyondMaxTime: a service can be reached, but not within the time
	// limit (for transit: no journey within the trip limit and the ride
	// limit).
	BeyondMaxTime
	numWhy
)

// Whys lists every reason but Reached, in order.
var Whys = []Why{BeyondSnap, Island, NoService, NoPath, NoStop, NoTrip, BeyondMaxTime}

// String is the name in outputs: "" for Reached.
func (w Why) String() string {
	switch w {
	case BeyondSnap:
		return "beyond_snap"
	case Island:
		return "island"
	case NoService:
		return "no_service"
	case NoPath:
		return "no_path"
	case NoStop:
		return "no_stop"
	case NoTrip:
		return "no_trip"
	case BeyondMaxTime:
		return "beyond_max_time"
	}
	return ""
}

// streetWhy explains the unreachable origins of a street search bounded
// by limitMs: an unbounded search tells the origins that some service
// reaches beyond the limit from those the network does not connect.
func streetWhy(g *graph.Graph, origins, services []graph.Snap, n access.Nearest, limitMs uint32) []Why {
	why := make([]Why, len(origins))
	anyService := false
	for _, s := range services {
		anyService = anyService || s.Seg >= 0
	}
	var free *access.Nearest
	for i, o := range origins {
		switch {
		case n.TimeMs[i] != Unreachable || o.Seg < 0:
			continue
		case !anyService:
			why[i] = NoService
		case limitMs == 0:
			why[i] = NoPath
		default:
			if free == nil {
				x := access.NearestService(g, origins, services, 0)
				free = &x
			}
			why[i] = NoPath
			if free.TimeMs[i] != Unreachable {
				why[i] = BeyondMaxTime
			}
		}
	}
	return why
}

// transitWhy explains the unreachable origins of a transit matrix from
// what each origin's access walk found.
func transitWhy(origins []graph.Snap, times []uint32, acc []ptaccess.Access, anyService bool) []Why {
	why := make([]Why, len(origins))
	for i, o := range origins {
		switch {
		case times[i] != Unreachable || o.Seg < 0:
		case !anyService:
			why[i] = NoService
		case i >= len(acc):
			why[i] = BeyondMaxTime
		case acc[i] == ptaccess.AccessNoStop:
			why[i] = NoStop
		case acc[i] == ptaccess.AccessNoTrip:
			why[i] = NoTrip
		default:
			why[i] = BeyondMaxTime
		}
	}
	return why
}
