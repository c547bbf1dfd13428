package ptaccess

import (
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// Place names of the ends of an itinerary in Leg.From and Leg.To.
const (
	OriginName      = "origin"
	DestinationName = "destination"
)

// Leg is one step of an itinerary, named for people.
type Leg struct {
	Kind route.LegKind // walk, wait, ride or transfer

	// FromStop and ToStop are stop indices of the timetable, or
	// route.AtOrigin / route.AtDestination; From and To are the stop
	// names (the stop id when it has no name), or OriginName and
	// DestinationName.
	FromStop, ToStop int32
	From, To         string

	// Start and End are clock times in seconds since midnight of the day.
	Start, End transit.Seconds

	// On a ride: the route's short name (its long name when it has no
	// short name), GTFS route type, the trip's headsign and id.
	Route     string
	RouteType int32
	Headsign  string
	Trip      string
}

// Seconds returns the duration of the leg.
func (l Leg) Seconds() transit.Seconds { return l.End - l.Start }

// Itinerary is a journey from the origin leaving at Depart to the
// destination at Arrive, as consecutive legs: each starts where and when
// the previous one ended.
type Itinerary struct {
	Depart, Arrive transit.Seconds
	Rides          int
	Legs           []Leg
}

// Seconds returns the travel time.
func (it Itinerary) Seconds() transit.Seconds { return it.Arrive - it.Depart }

// Itinerary returns the earliest-arriving journey from one point to
// another when leaving at depart, under the same rules as Matrix (a
// Matrix over a one-minute window at depart gives its travel time). Among
// journeys arriving at the same time the one with the fewest rides wins,
// walking all the way counting as none. It returns false when the
// destination cannot be reached, or a point is not on the graph.
func (n *Network) Itinerary(from, to graph.Snap, depart transit.Seconds) (Itinerary, bool) {
	if from.Seg < 0 || to.Seg < 0 || depart < 0 || depart >= maxClock {
		return Itinerary{}, false
	}
	w := n.newWalker()
	limit := ms(n.opts.MaxWalk)
	accLimit := n.accessLimit()
	access := w.fromPoint(from, limit, accLimit, n.walkRadius(accLimit), -1, nil)
	direct := walkSeconds(w.pointTime(from, to, limit))
	egLimit := n.egressLimit()
	egress := w.toPoint(to, egLimit, egLimit, n.walkRadius(egLimit), nil)
	ri, ok := w.router().Journey(access, direct, egress, depart)
	if !ok {
		return Itinerary{}, false
	}
	it := Itinerary{Depart: ri.Depart, Arrive: ri.Arrive, Rides: ri.Rides, Legs: make([]Leg, len(ri.Legs))}
	for i, l := range ri.Legs {
		leg := Leg{Kind: l.Kind, FromStop: l.From, ToStop: l.To, From: n.placeName(l.From), To: n.placeName(l.To), Start: l.Start, End: l.End}
		if l.Kind == route.LegRide && l.Trip >= 0 && int(l.Trip) < len(n.day.TripRef) {
			tr := &n.tt.Trips[n.day.TripRef[l.Trip]]
			leg.Trip, leg.Headsign = tr.ID, tr.Headsign
			if tr.Route >= 0 && int(tr.Route) < len(n.tt.Routes) {
				rt := &n.tt.Routes[tr.Route]
				leg.Route, leg.RouteType = rt.ShortName, rt.Type
				if leg.Route == "" {
					leg.Route = rt.LongName
				}
			}
		}
		it.Legs[i] = leg
	}
	return it, true
}

// placeName names a stop or an end of an itinerary.
func (n *Network) placeName(s int32) string {
	switch {
	case s == route.AtOrigin:
		return OriginName
	case s == route.AtDestination:
		return DestinationName
	case s >= 0 && int(s) < len(n.tt.Stops):
		if name := n.tt.Stops[s].Name; name != "" {
			return name
		}
		return n.tt.Stops[s].ID
	}
	return "?"
}
