// Package transit compiles GTFS feeds and sketch links into a timetable
// and flattens one service date of it into a Day for RAPTOR.
//
// Times are seconds since midnight of the service date (GTFS "noon minus
// 12 h"); coordinates are WGS84 lon/lat degrees.
package transit
