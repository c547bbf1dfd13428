// Package isochrone computes the areas reachable from a set of start points
// within given travel times (isochrones) on a street graph.
//
// Positions are WGS84 lon/lat on the graph and EPSG:3067 metres in the
// raster and the polygons; times are milliseconds in the search and
// minutes in the raster and the cut-offs; lengths are metres.
//
// # Model
//
// One forward multi-source search (route.Dijkstra) from every start point
// at once gives the time at which each vertex is first reached. The street
// network is then read as a set of pieces: each segment leaving a reached
// vertex in an open direction, timed linearly along its length, the two
// pieces from a snapped start point to the ends of its own segment (after
// the connector), and each start point itself at time 0.
//
// A place off the network is reached by travelling along a piece to some
// point q and then walking in a straight line from q at the walking speed,
// at most OffNetworkM metres (default 250 m: across a yard or a block, not
// across a lake or a field). The time at a place p is
//
//	T(p) = min over pieces, over q on the piece with |p-q| <= OffNetworkM,
//	       of  t(q) + |p-q| / walking speed
//
// where t(q) is the time at q along the piece. For one piece the minimum
// has a closed form: with the along-piece pace a (ms per metre), the
// walking pace b, the foot of p on the piece at distance s0 from its start
// and p at distance h from the piece's line, the best q lies at
// s* = s0 - h k / sqrt(1 - k²), k = a/b, when the piece is faster than
// walking (a < b), and at the start of the piece otherwise; the walking
// limit and the piece's ends clamp s*, which is exact because the time is
// convex along the piece. Travelling along the network and then walking
// is thus the rule for every mode: a driver parks on the street nearest
// the place and walks the last stretch.
//
// # Start points
//
// NewSnapper attaches start points to the nearest street that is not on
// a connected piece of fewer than DefaultMinPiece (40) vertices, unless
// that piece is the largest: a point beside the service lanes of a
// pedestrian square is attached to the streets around it rather than to
// lanes that lead nowhere. A start not attached to the graph (Snap.Seg <
// 0) still reaches the places within walking distance of itself.
//
// # Raster and contours
//
// The time surface is sampled at the centres of a square raster in
// EPSG:3067 (ResolutionM, default 100 m) aligned to multiples of the
// resolution and covering everything reachable within the limit. Each
// piece updates only the cells within its reach, so the work is about the
// number of pieces times the cells around each. Cells no piece reaches
// within the limit are NaN.
//
// Bands turns the raster into one (Multi)Polygon per cut-off with
// geo.Contour: the union of the cells whose time is at most the cut-off,
// traced along cell edges. Contours of increasing cut-offs are nested,
// and unreachable areas inside (lakes, fields farther than OffNetworkM
// from any street) are holes. A band's area is that of its cells, so it
// is exact for the raster and within about one cell width along the
// boundary of the true reachable area.
package isochrone
