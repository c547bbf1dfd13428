// Package prepare builds a network file (data/netfile) for a set of
// regions from national inputs: an OpenStreetMap extract of the country,
// GTFS feeds and sketch lines. The work that every analysis of the same
// area would repeat (reading a large extract, building the street graphs,
// compiling the timetable) is done once; an analysis then loads the file.
//
// # The area
//
// What is kept is the area around the regions: the union of the
// EPSG:3067 bounding boxes of the region features, each grown by the
// buffer (default 20 km) on every side; a box inside another is dropped.
// A box per feature is cheap to test for every node of a national extract
// (one projection and a few comparisons, after a lon/lat box rejects most
// of the country at once) and never cuts into a region. A convex hull or
// the buffered polygons themselves would keep less around regions of
// awkward shape, at a higher cost per node; with a buffer of tens of
// kilometres the difference is small.
//
// The buffer is there so that the fastest way between two places of the
// regions is inside the area: a main road that runs through the next
// municipality, a ferry, a bus line. Travel times between places of the
// regions are the same as on the whole network when every fastest path
// between them stays inside the area; the Tampere test checks this for a
// sample of points.
//
// # Streets
//
// The extract is read with data/osm's Clip: the ways (streets, ferries,
// points of interest drawn as closed ways) with at least one node inside
// the area are kept whole, with their nodes outside, so that no street is
// cut at the edge; the points of interest inside are kept. The graphs of
// the modes asked for are built from what was kept by internal/graph with
// the speeds given; walk is always built when there are feeds, since
// public transport walks on it.
//
// # Timetable
//
// The feeds and sketch lines are compiled into one timetable
// (internal/transit.Compile) and clipped by ClipTimetable: stops inside
// the area (with their parent stations) are kept, and so is every trip
// with at least two of them, with its stop times at kept stops only. The
// whole timetable is kept, every service date, so that any date can be
// analysed from the file.
//
// # Output
//
// Run writes the network file atomically, with a header recording the
// inputs (size and SHA-256 of each), the parameters, the area and counts
// of what was kept.
package prepare
