// Package transit compiles GTFS feeds and sketch links into a timetable
// and flattens one service date of it into a Day for RAPTOR.
//
// Times are seconds since midnight of the service date (GTFS "noon minus
// 12 h"); coordinates are WGS84 lon/lat degrees; distances metres. Dates
// are handled in UTC only, so no local time zone shifts a service date.
//
// # Timetable
//
// [Compile] merges any number of feeds (each loaded by package gtfs with
// its own id prefix, so ids never clash) and sketch links files into one
// [Timetable]: stops, routes, trips, services, patterns (the distinct stop
// sequences of each route) and flat stop-time arrays. Trips with fewer
// than two stop times or an unknown service are left out.
//
// Untimed intermediate stop times are interpolated between the timed
// stops around them, in proportion to the distance along the trip:
// stop_times.shape_dist_traveled when every stop time of the trip has one
// (and they never decrease), otherwise straight-line (haversine) distances
// between consecutive stops. shapes.txt is not read. Interpolated times
// are rounded to the nearest second. The first and last stop time of a
// trip must be timed.
//
// # Day
//
// [Timetable.Day] flattens one date (YYYYMMDD) into a [Day]:
//
//   - the trips whose service runs on the date (calendar weekdays within
//     its date range, plus calendar_dates additions, minus removals);
//   - the trips of the previous date still running after midnight,
//     shifted by -86 400 s and cut to the part from 00:00 on: a run starts
//     at its first stop departing at or after midnight (an arrival there
//     before midnight is clamped to 0) and is kept when at least two stops
//     remain. Runs cut at different stops form different patterns. Trips
//     still running two dates later (past 48:00:00) are not carried over;
//   - frequency-based trips expanded into concrete trips departing at
//     start_time, start_time + headway_secs, ... while before end_time,
//     the template's stop times taken relative to its first departure.
//     exact_times=0 is expanded the same way as exact_times=1: a schedule
//     aligned on start_time is deterministic, and over a departure window
//     the mean wait is the same whatever the phase; Frequency.ExactTimes
//     is kept for a later randomised phase.
//
// Runs are grouped by pattern and sorted by departure at the first stop;
// a pattern in which one run would overtake another (leave later but
// arrive earlier somewhere) is split: each run joins the first group
// whose last run it does not overtake.
//
// # Stations and transfers
//
// Routing happens at the level of stops and platforms (location type 0).
// Stations (type 1) are stops of the timetable that trips usually do not
// serve; their platforms are joined to one another by transfers. A
// transfer in transfers.txt that names a station applies to each of its
// platforms.
//
// A Day starts with the declared transfers: type 2 takes the larger of
// min_transfer_time and the straight-line walking time (at
// [DayOptions].WalkSpeed), types 0 and 1 and platform-to-platform
// transfers of one station take the straight-line walking time, type 3
// (forbidden) removes the pair. [Day.SetTransfers] merges a walking
// transfer list computed over the street graph: a walking time replaces
// the straight-line estimate, a declared minimum wins when larger, and a
// forbidden pair stays out. A transfer from a stop to itself is implicit
// and free, so a min_transfer_time declared for one stop is not modelled;
// neither are route- or trip-specific transfers, nor pickup_type and
// drop_off_type.
//
// # Sketch lines
//
// Lines of a links file become routes whose service runs on their
// weekdays on every date; each departure becomes a trip (two when the
// line runs both ways), with ids "prefix:line:out:HH:MM:SS" and
// "prefix:line:back:HH:MM:SS". Sketch stops with the same name and
// coordinates are shared between lines of the file.
package transit
