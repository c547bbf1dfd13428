// Package ptaccess computes public-transport accessibility: everything that
// joins the walk graph (package graph) and a day's timetable (package
// transit) for range RAPTOR (package route).
//
// Times are seconds (transit.Seconds) since midnight of the service date
// for clock times and seconds for durations; street searches inside count
// milliseconds and every walk is rounded to the nearest second where it
// meets the timetable. Coordinates are WGS84 lon/lat degrees, lengths
// metres.
//
// # Network
//
// [NewNetwork] takes a walk graph, a timetable and one of its days and:
//
//   - links every stop served on the day to the nearest walkable street
//     within [Options].MaxStopSnapM (default 300 m), leaving out islands
//     of fewer than MinIsland vertices (default 40, R5's
//     MIN_SUBGRAPH_SIZE; the largest piece of the graph is never an
//     island). Points are linked the same way by [Network.Snap] and
//     [Network.SnapAll], so that nothing starts on a stray footway that
//     leads nowhere;
//   - computes the walking transfers between linked stops: one bounded
//     walk search per stop over the graph, limited to MaxTransferM
//     metres (default 1,000 m, R5's TRANSFER_DISTANCE_LIMIT), spread
//     over Workers with a result that does not depend on their number;
//     with PruneTransfers only the closest stop of each pattern is kept,
//     as R5 does;
//   - merges them into the day with transit.Day.SetTransfers (declared
//     transfers keep their minimum times; forbidden ones stay out) and
//     prepares the RAPTOR tables.
//
// # Journeys
//
// A journey leaves the origin at a departure time and is either a walk
// all the way, or an access walk to a stop, one to MaxRides rides with a
// walking transfer (or none) between them, and an egress walk to the
// destination. Each walk (access, egress, walk-only) is bounded by
// MaxWalk (default 20 minutes): R5 applies its maxWalkTime the same way,
// to each leg on its own and to walk-only trips. MaxAccessEgressM adds a
// distance bound to the access and egress walks (R5 has a fixed 2 km).
// A vehicle is boarded only if it leaves more than BoardSlack (default
// 60 s, R5's MINIMUM_BOARD_WAIT_SEC) after the passenger reaches the stop.
// Travel times of MaxTime (default 120 minutes) or more are unreachable.
//
// Walks follow the graph from the snapped point: the connector from the
// point to its street is walked at the graph's walking speed, and two
// points on the same street segment may walk straight along it.
//
// # Queries
//
// [Network.Matrix] gives, from every origin to every destination, chosen
// percentiles of the travel time over a departure [Window] (every minute
// from Depart for Minutes minutes; R5's percentile definition). The walk
// from each stop to each destination is computed once, by one bounded
// reverse search per destination, and the walks that staying on the
// vehicle to a later stop always matches are left out of that table
// ([route.PruneEgress]: same times, about a third fewer walks on the Porto
// Alegre grid); origins are then spread over the workers, each with its
// own walk search and RAPTOR router, and the result is the same whatever
// the number of workers.
//
// [Network.NearestCategory] does the same towards the nearest service of
// each category, with one bounded reverse search per category from all its
// services at once: every stop learns its walk to the nearest service of
// the category, so the egress costs one search per category whatever the
// number of services. The nearest service may differ between departures.
//
// [Network.Itinerary] returns the legs of the earliest-arriving journey at
// one departure (walk, wait, ride, transfer; stop, route and trip names
// from the timetable), with the travel time Matrix gives for that minute.
//
// # Agreement with R5
//
// On the Porto Alegre sample used by r5r, with R5's settings and the
// sample's elevation raster (slope factors on the access walks and walks
// all the way; egress walks and transfers without them, through
// Options.StopWalk, as R5 6.7 computes them), the walk from the origin
// bounded by the trip limit and the egress walks by 2,000 m
// (Options.MaxEgressM), 96.8% of the 100 x 100 pairs are within 3
// minutes of R5 (R5 truncates to whole minutes), the median absolute
// difference is 0 and 99.95% of pairs have the same reachability.
// BENCHMARKS.md has the details.
package ptaccess
