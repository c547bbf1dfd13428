// Package graph builds the street graph of each travel mode (walk, bike,
// car) from OpenStreetMap ways and snaps points onto it.
//
// Coordinates are WGS84 lon/lat degrees; lengths are metres; times are
// whole milliseconds. A graph is a set of flat int32/uint32 slices in
// compressed sparse row form, indexed by dense vertex ids.
package graph
