// Package scenario applies a scenario file (package data/scenario) to the
// typed inputs of a run: the service list, the ferries of the street
// graph, the sketch lines and the route frequencies of the timetable.
//
// Coordinates are WGS84 lon/lat degrees; distances in messages are
// metres on the sphere (geo.Haversine).
//
// Services are changed in this order: removals, then moves, then
// additions, so that a scenario may remove a service and add another
// with the same name. A service is named by its id (exact) or its name
// (exact, or else the only one equal up to case); a reference that
// matches no service, or a name shared by several, is an error naming
// the reference's place in the file. Errors wrap [ErrNotFound] or
// [ErrAmbiguous].
package scenario
