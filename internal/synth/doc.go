// Package synth generates a country-sized street network, with origins
// and services on it, for benchmarks and scale tests where no real
// national extract is at hand.
//
// The network is returned as an *osm.Extract, exactly what data/osm reads
// from a file, so graph.Build and everything after it run unchanged. It is
// a stylised Finland: over a lon/lat box (default lon 20..31, lat 60..70)
// lies a perturbed lattice of rural roads (default every 5 km), each road
// drawn with a shape node every few hundred metres and gently bent; about
// one lattice road in six is missing, so rural junctions have degree 2 to
// 4. Towns sit on lattice junctions, more of them in the south; each is a
// jittered street grid (blocks of 70 to 150 m, a few to about a hundred
// blocks across) whose centre node is the lattice junction, so rural roads
// run into the town centre. Town streets are residential (30 or 40 km/h),
// every sixth one tertiary (50 km/h) and the centre cross secondary; some
// streets are footways, some one-way, some blocks lack a segment, and
// short service spurs make dead ends. Rural roads are primary (100 km/h),
// secondary (80), tertiary (60) or unclassified (FI:rural), and a few are
// tracks that cars may not use. Rural roads passing through a large town
// cross its streets without junctions, like bypasses.
//
// Everything is a deterministic function of Params (seeded PCG): the same
// Params give the same node ids, coordinates and tags on every machine.
// Coordinates are WGS84 degrees; distances in Params are metres, converted
// with a local equirectangular approximation (exact enough within a town
// or a lattice road).
//
// Origins stand for populated grid cells: most lie in towns (more in the
// larger ones), the rest along rural roads, a few far from any road.
// Services stand for service points of several categories, each in a town
// chosen with weight by town size.
//
// # National timetable
//
// [Country.WriteGTFS] writes a national GTFS feed for the country, as
// text files in a folder that data/gtfs reads like any feed: town lines
// on the towns' street grids (stops at street junctions of the grid,
// frequent in the largest towns, a few lines as frequencies.txt
// templates, night buses past 24:00), regional lines from each town to
// the nearest larger one and coach lines between large towns along the
// rural lattice roads, a few train lines, and thin rural lines that run
// on some weekdays only. calendar.txt gives weekday, Saturday, Sunday,
// Friday-and-Saturday night, daily and rural services over half a year;
// calendar_dates.txt moves public holidays to the Sunday service and
// adds market days to a rural one. Rows are streamed to the files, so a
// feed of ten million stop times is written in the memory of its stops.
// Times are whole seconds, written as H:MM:SS past midnight of the
// service date (25:10:00 after midnight); run times come from
// straight-line distances between consecutive stops at a speed per kind
// of line, plus a fixed time per stop. Like the street network, the feed
// is a deterministic function of the country and [TransitParams].
package synth
