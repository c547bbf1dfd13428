// Package links reads sketch public-transport lines: simple lines a
// planner types into a spreadsheet when there is no GTFS feed for them
// (a planned bus line, a village service, a ferry).
//
// # The CSV format
//
// One row per line, with a header naming the columns. Columns may come in
// any order, names are case-insensitive and unknown columns are ignored.
// The delimiter is a comma or, as spreadsheets in many locales save CSV, a
// semicolon (detected from the header). A UTF-8 byte order mark is
// skipped; lines starting with # are comments.
//
//	column       required  meaning
//	line         yes       name of the line, unique in the file: "K1 Kirkonkylä - Asema"
//	mode         no        bus (default), tram, metro, rail, ferry, cable, gondola,
//	                       funicular, trolleybus, monorail, or a GTFS route_type number
//	stops        yes       the stops in order, separated by |, each "Name@lon lat" in
//	                       WGS84 degrees, longitude first: "Tori@27.2721 61.6881|Asema@27.2850 61.6850"
//	                       ("Tori@27,2721 61,6881" and "Tori@27.2721,61.6881" are read too)
//	minutes      yes       travel minutes between consecutive stops: one number for
//	                       every leg ("4"), or one per leg separated by | ("3|5|2.5");
//	                       decimals with a point or a comma
//	headway_min  *         minutes between departures, with first and last
//	first        *         first departure from the first stop, "H:MM" ("6:00", "06:00:00", "6.00")
//	last         *         last departure from the first stop (included when on the headway)
//	departures   *         instead of a headway: the departure times from the first stop,
//	                       separated by spaces or |: "6:15 7:15 16:30"
//	days         no        weekdays it runs: "Mo-Fr", "Mo,We,Fr", "Sa-Su", "daily";
//	                       English or Finnish two-letter names (ma ti ke to pe la su);
//	                       empty means every day
//	direction    no        "both" (default): the line also runs back from the last stop,
//	                       leaving it at the same departure times; "one-way": only in
//	                       the order listed
//
// (*) A row gives either headway_min with first and last, or departures.
// Times may pass 24:00 for departures after midnight ("24:30"). Vehicles
// do not wait at stops; the travel minutes include any dwell.
//
// Example:
//
//	line,mode,stops,minutes,headway_min,first,last,departures,days,direction
//	K1,bus,Tori@27.2721 61.6881|Asema@27.2850 61.6850|Harju@27.2600 61.6900,4|6,30,6:00,18:00,,Mo-Fr,both
//	Lautta,ferry,Ranta@27.30 61.70|Saari@27.35 61.71,12,,,,7:00 12:00 16:30,daily,both
//
// A stop at lon 59..71, lat 19..32 is taken for a Finnish stop typed
// latitude first and rejected.
//
// A sketch line has no dates: it runs on every date whose weekday it
// lists. Errors name file, line and field:
//
//	links: lines.csv line 3: field minutes: expected one value or 2 (one per leg), got 3
package links
