// Package gtfs reads General Transit Feed Specification feeds in one
// streaming pass and reports what is wrong with them.
//
// A feed is a .zip archive or a directory holding the GTFS text files;
// both are opened by [Open] and read through the same [fs.FS]. The CSV
// reader survives real feeds: a UTF-8 byte order mark is stripped, CRLF
// and LF line ends, quoted fields, stray quotes (lazy quoting), rows with
// too few or too many fields, header columns in any order and unknown
// columns are all accepted.
//
// # What is read
//
// Required: stops.txt, routes.txt, trips.txt, stop_times.txt and at least
// one of calendar.txt and calendar_dates.txt. agency.txt is expected but
// only a warning when missing. Optional: frequencies.txt and
// transfers.txt. shapes.txt is never read: distances along a trip come from
// stop_times.shape_dist_traveled when every stop time of the trip has one,
// and otherwise from straight-line distances between consecutive stops
// (the compiler in internal/transit does the interpolation). This keeps a
// load to one pass over the files that matter, at the price of slightly
// less exact interpolated times on winding routes.
//
// stop_times.txt, the large file, is parsed row by row into flat typed
// arrays (stop index, times, distance) and regrouped by trip with a
// counting sort; no per-row map or string is kept, only the interned ids of
// stops and trips. Stop times of a trip that are not in stop_sequence order
// in the file are sorted (with a warning).
//
// # Ids
//
// Every id (agency, stop, route, trip, service) is stored namespaced as
// "prefix:id" with the prefix given in [Options], so that several feeds can
// be combined without clashes. With an empty prefix ids are kept as they
// are.
//
// # Units
//
// Times are [Seconds] since midnight of the service day ("noon minus
// 12 h"), and may pass 24:00:00 for trips running after midnight; a stop
// time without a time is [Untimed]. Dates are [Date] values (days since
// 1970-01-01 in UTC, no local time zone involved). Coordinates are WGS84
// degrees, distances metres or the feed's own shape_dist_traveled unit.
//
// # Problems
//
// Row-level problems that real feeds often have (a duplicate row, a
// parent station that does not exist, stop times out of order) are
// warnings: counted in the [Report], with file, line and field, and the
// load goes on. Structural problems (a missing required file or column, a
// zip that is not a zip, a stop time pointing at an unknown trip or stop,
// an unparsable time or date) are errors: [Load] fails with an [*Error]
// naming the file, line and field of the first one, and [Validate] lists
// them all in its report.
package gtfs
