// Package graph builds the street graph of each travel mode (walk, bike,
// car) from OpenStreetMap ways and snaps points onto it.
//
// Coordinates are WGS84 lon/lat degrees; lengths are metres; times are
// whole milliseconds. A graph is a set of flat int32/uint32 slices in
// compressed sparse row form, indexed by dense vertex ids.
//
// # Building
//
// Build turns the ways of an osm.Extract into the graph of one mode. The
// rules, applied in this order:
//
// Vertices and segments. Every node of a way the mode uses is a vertex;
// vertices are numbered densely in ascending OSM node id (in a car graph
// with turn restrictions, copies of via nodes follow them: see Turn
// restrictions). Each pair of
// consecutive nodes of a street way is a segment, the length of which is
// the haversine distance on a sphere of radius 6,371,008.8 m. A segment is
// open in the directions the way allows; times are length / speed, rounded
// to the nearest millisecond and at least 1 ms for a non-zero length.
// Repeated consecutive nodes make no segment. Directed edges are the open
// directions of the segments plus the ferries, ordered by (tail, head,
// time); of two edges with the same tail and head only the faster is kept
// (Stats.ParallelEdges). The reverse star holds the same edges by head.
//
// Access. Access tags are read along a hierarchy, most specific first:
// walk foot > access; bike bicycle > vehicle > access; car motorcar >
// motor_vehicle > vehicle > access. The most specific key whose value is
// no or private closes the way; yes, designated, permissive, destination
// or official opens it; other values (agricultural, delivery,
// use_sidepath...) defer to the next key. Without a deciding value the way is open.
// So access=private with foot=yes is walkable, and motor_vehicle=no with
// motorcar=yes is drivable.
//
// Access tables (access.go, Params.Access). Which highway classes walkers
// and cyclists may use without a foot or bicycle tag comes from a table:
// OSM's worldwide defaults, a country's table (Finland, Brazil, the USA,
// Germany; by default the country whose coarse outline holds the centre
// of the extract) or R5's. Classes a table does not list are open. A foot
// (bicycle) tag valued yes, designated or permissive opens any class; a
// general access=yes does not.
//
// Walk. Any highway value except construction, proposed, raceway,
// bus_guideway and abandoned and the classes the table closes to walkers,
// open to walkers by the hierarchy above; motorroad=yes closes it unless
// foot opens it. Both directions, whatever the oneway tags, at
// Params.WalkSpeed (default 1.2 m/s); foot=use_sidepath divides the speed
// by Params.SidepathFactor. Areas (area=yes, for example pedestrian
// squares) are walked along their outline: the closed way is an ordinary
// ring of segments and nothing crosses the interior.
//
// Bike. The same classes except those the table closes to cyclists, open
// to cyclists by the hierarchy above. Where the table closes a footway,
// pedestrian street, platform or corridor to cycling, or a way is tagged
// bicycle=dismount, the cyclist pushes the bicycle: both directions at
// the way's walking speed, where walking is allowed (not in R5's table,
// which reads dismount as no). A way whose foot tag is no, private or
// use_sidepath is closed to cyclists too, unless it is highway=cycleway
// or its bicycle tag
// opens it. Directions: oneway:bicycle decides when it is yes/1/true, -1 or
// no; otherwise cycleway, cycleway:left, cycleway:right or cycleway:both
// valued opposite, opposite_lane or opposite_track make the way two-way;
// otherwise oneway yes/1/true (forward) and -1/reverse (backward) and
// roundabouts (junction=roundabout or circular, forward) apply. Reversible
// ways are two-way for bicycles. Speed Params.BikeSpeed (default 4.2 m/s,
// 15 km/h), uniform.
//
// Car. highway in motorway, motorway_link, trunk, trunk_link, primary,
// primary_link, secondary, secondary_link, tertiary, tertiary_link,
// unclassified, residential, living_street, service and road; not area=yes;
// open to cars by the hierarchy above. Directions: oneway yes/1/true is
// forward only, -1/reverse backward only, no/false/0 both ways; without an
// oneway tag, roundabouts (junction=roundabout or circular) and
// highway=motorway are forward only, and everything else, motorway_link
// included, is two-way (the OSM wiki implies oneway for motorways, not for
// their links). oneway=reversible or alternating ways are left out. Speed:
// the maxspeed tag read by ParseMaxspeed (numbers in km/h, "NN mph",
// "NN knots", zone values "FI:zone30" and "FI:zone:30", symbolic values
// from Params.MaxspeedKmh such as FI:urban 50, FI:rural 80, FI:motorway
// 120 and walk 6; of "50;60" the first), otherwise (no tag, "none",
// "signals", "variable" or unreadable) the class speed of
// Params.CarSpeedKmh: motorway 120, trunk 100, primary 80, secondary 80,
// tertiary 60, unclassified 50, residential 40, living_street 20, service
// 20, road 40, motorway_link 80, trunk_link 70, primary_link 60,
// secondary_link 60, tertiary_link 50 km/h.
//
// Ferries. A route=ferry way joins a graph at its first and last nodes
// only; its other nodes are not vertices and it has no segment, so nothing
// snaps onto water. It becomes one edge each way, timed by its duration tag
// (read by ParseDuration: "HH:MM", "H:MM:SS", minutes, ISO 8601 "PT20M")
// or else by its length along all its nodes at Params.FerrySpeed (default
// 5 m/s), plus Params.FerryWait (default 10 minutes). The access hierarchy
// of the mode applies, so motor_vehicle=no keeps a ferry out of the car
// graph, foot=no out of the walk graph and bicycle=no out of the bike
// graph. Ferries listed in Params.ClosedFerries and ferries ending where
// they start are left out. Graph.Ferries lists the ferries used.
//
// # Turn restrictions
//
// The car graph applies the turn restrictions of the extract
// (osm.Extract.Restrictions; walk and bike graphs ignore them, as OSM's
// restriction relations bind vehicles unless tagged otherwise, and
// Params.IgnoreTurnRestrictions leaves them out of the car graph too). A
// restriction with a via node v binds the cars that arrive at v along the
// from way's segment that ends at v (both end segments when the way is
// closed at v). no_* forbids them the to way's segment leaving v; only_*
// forbids them every direction leaving v, ferries included, except along
// the to way. Several restrictions from the same segment add up: a turn is
// allowed when no no_* forbids it and, if there is any only_*, one of them
// names it. no_u_turn forbids turning back along the from way at v. Other
// arrivals at v are free, and a trip that starts at v is not an arrival.
//
// Left out and counted in Stats.TurnRestrictionsSkipped: restrictions via
// ways (SkipViaWay, not supported), those whose from or to way is not a
// street of the car graph (SkipNotInCar: a ferry, a footway, a way closed
// to cars), and those whose via node is not the first or last node of both
// the from and the to way (SkipNotAtEnd: the turn would be ambiguous; OSM
// requires it). A restriction whose from direction is closed (a one-way
// street leaving v) is applied but binds nobody.
//
// The restrictions are exact by node splitting, so that every search over
// the graph (forward, reverse, from many sources, isochrones) runs on a
// plain directed graph. At each via node v: arrivals along a restricted
// segment direction go to an arrival copy of v, one per such direction;
// every open segment direction leaving v starts from a departure copy of
// its own; v itself keeps the other arrivals (ferries included) and the
// ferries leaving. v and each arrival copy have edges of no time and no
// length to the departure copies they may take, and to a sink copy that
// has no edges out; an arrival copy also has the ferries leaving v unless
// an only_* binds it. Copies are vertices numbered after the way nodes,
// with the node's coordinates and NodeID (Graph.TurnVia, TurnFirst,
// NumNodeVertices, NodeVertex). Segments keep their geometry and times;
// Graph.FwdEnds and BwdEnds name the vertices each direction leaves from
// and arrives at. A snapped point therefore snaps where and as it did
// without restrictions: leaving it towards a via node is an arrival along
// its segment, and reaching it from one is a departure along it. A point
// on a via node itself (within half a metre) leaves from v, free to turn
// any way, and is reached at v's sink, which every arrival reaches
// (Graph.TurnSink: the vertex to search to for "at node v"). Islands are
// measured as before: copies are no junctions (Graph.Junctions) and belong
// to their node's component.
//
// # Snapping
//
// Snap finds the nearest point on the nearest segment (an R-tree over the
// boxes of runs of up to 8 consecutive segments of a way, searched in
// squares of growing size; distances in a local equirectangular projection
// around the point; ties to the lowest segment index). The snapped point is joined to
// the street by a straight connector walked at the walking speed in every
// mode, and to the two ends of its segment by anchors that follow the
// segment's directions: see Graph.Snap.
package graph
