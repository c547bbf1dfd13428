// Package route finds shortest paths: Dijkstra over the street graphs
// (single source, multi-source, bounded, forward or reverse) and range
// RAPTOR over a day's timetable.
//
// Street searches count whole milliseconds and metres; transit searches
// count seconds since midnight of the service date (transit.Seconds).
package route
