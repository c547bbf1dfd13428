// Package ch builds contraction hierarchies over a street graph and
// answers many-to-many travel-time queries with them (bucket
// many-to-many): the same times, to the millisecond, as one Dijkstra
// search per origin, at a small part of its cost once the hierarchy is
// built.
//
// Units are those of package graph: whole milliseconds and metres. The
// hierarchy works on the plain directed graph, so the turn copies of a
// car graph with turn restrictions are ordinary vertices to it.
//
// # Model
//
// Vertices are contracted one at a time, on one goroutine, in an order
// chosen by a lazily updated priority (edge difference, contracted
// neighbours, depth); the hierarchy depends only on the graph. When
// v is contracted, each path u -> v -> w between vertices still in the
// graph becomes a shortcut u -> w unless a witness search (a Dijkstra
// search from u that avoids v, bounded in settled vertices) finds a path
// strictly faster. A path of equal time does not count as a witness: the
// hierarchy then keeps every shortest path of the graph, not just one of
// each time, and so can tell whether all the shortest paths between two
// points have the same length (see below). Shortcuts of the same ends and
// time are merged.
//
// Every arc carries its time and the smallest and largest length of the
// paths of that time it stands for. A query (Matrix) runs an upward search
// from each target over the reversed arcs, stores its labels in buckets at
// the vertices reached, then an upward search from each origin that reads
// the buckets of the vertices it reaches. Labels of equal time merge their
// length ranges. A pair is exact in time always; its length is exact when
// its range is one value (up to the rounding of sums in another order,
// which ErrBound bounds). Otherwise several shortest paths of different
// lengths tie, and which one a Dijkstra search reports depends on the
// order it settles vertices: the caller (access.StreetMatrixCH) then
// computes the times from that origin to every vertex with OneToAll (an
// upward search, then one sweep down the hierarchy in reverse contraction
// order: PHAST) and follows the path the search would keep.
//
// Times add up as uint64 and a total of route.Unreached or more counts as
// unreached, as in route.Dijkstra.
package ch
