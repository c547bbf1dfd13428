// Package travel owns saavu's notion of a travel mode: a Source of travel
// times from a fixed list of origins (population cells, points) to a
// fixed list of services and to any other destinations.
//
// # One interface for every mode
//
// Every consumer of travel times (nearest service, n-th nearest,
// cumulative opportunities, 2SFCA / E2SFCA, gravity, all-within, gaps,
// matrices) takes a [Source] and never asks which mode it is. A Source
// answers four questions:
//
//   - [Source.Nearest]: per category of service, the time from every
//     origin to the nearest service of the category, with the service and
//     the network length where the mode knows them;
//   - [Source.Reach]: per category, the services within a limit of each
//     origin and the time to each (the reach lists the cumulative,
//     floating catchment and gravity measures sum over);
//   - [Source.NearestK]: per category, the k nearest distinct services of
//     each origin;
//   - [Source.ToPoints]: the times from every origin to other points
//     (matrices, isochrones, candidate sites).
//
// A time-independent mode (walk, bike, car) has one time per pair. A
// timetabled mode (transit, nocar) has one time per departure of a window
// and reports them summarised at percentiles ([Source.Percentiles]): its
// answers hold one column per percentile, and the measures read the
// column of [Source.Main] (the median when asked for, else the first
// percentile given).
//
// # The modes
//
//   - [Street] (walk, bike, car): Dijkstra searches over the mode's street
//     graph. Nearest is one multi-source search per category over the
//     reversed graph, NearestK one k-label search, Reach one bounded
//     search per service: the hot paths of package access, unchanged.
//   - [Transit] (walk + public transport): range RAPTOR per origin over the
//     departure window (package ptaccess). Nearest is one egress search per
//     category and one range search per origin; Reach and NearestK read one
//     origin x service matrix computed once and kept.
//   - [NoCar] ("without a car"): per pair and percentile, the better of
//     walking all the way (bounded only by the transit trip limit, not by
//     the walk limit of transit's access and egress) and walk + transit.
//     Since walking takes the same time at every departure, the minimum of
//     the two is taken percentile by percentile: the p-th percentile of
//     min(walk, transit) over the departures is min(walk, p-th percentile
//     of transit). Reach lists are the union of the two modes' lists; the
//     k nearest by nocar are among the k nearest by walking and the k
//     nearest by transit, so NearestK merges those two lists.
//
// A new mode (bike + transit, car + scheduled ferry) is one new
// implementation of Source; nothing else changes.
//
// # Units
//
// Times are whole milliseconds (uint32, [Unreachable] for none), lengths
// metres. Transit times are whole seconds inside package ptaccess and
// multiplied by 1000 here. Origins and services are graph.Snap values
// (WGS84 lon/lat on the mode's street graph); a snap with Seg < 0 takes no
// part.
package travel
