// Package scenario reads scenario files: what a planner wants to change
// in a run of saavu analyse (services added, removed or moved, sketch
// lines added, routes run more or less often, ferries closed), as JSON.
//
// Coordinates are WGS84 lon/lat degrees; capacities are whatever unit the
// services file uses (1 by default); route scaling factors are plain
// numbers (0.5 halves the departures, 2 doubles them).
//
// # Format
//
//	{
//	  "name": "Close Ristiina office",
//	  "description": "free text",
//	  "add_services": [
//	    {"name": "Kela Ristiina", "category": "kela", "lon": 27.26, "lat": 61.51,
//	     "capacity": 2, "opening_hours": "Mo-Fr 09:00-15:00", "id": "k-new-1"}
//	  ],
//	  "remove_services": [{"name": "Kela Mikkeli"}, {"id": "k7"}],
//	  "move_services": [{"name": "Health Hirvensalmi", "lon": 26.78, "lat": 61.64}],
//	  "add_links": [
//	    {"line": "K9", "mode": "bus", "stops": "Tori@27.2721 61.6881|Asema@27.2850 61.6850",
//	     "minutes": 6, "headway_min": 30, "first": "6:00", "last": "18:00", "days": "Mo-Fr"}
//	  ],
//	  "scale_routes": [{"route": "3", "feed": "waltti", "factor": 2}],
//	  "close_ferries": [{"way_id": 123456}, {"name": "Puumalan lautta"}]
//	}
//
// Every member is optional; unknown members are errors, so that a typo
// in a planner's file is never silently ignored.
//
//   - add_services: name, category, lon and lat are required; capacity
//     (>= 0, default 1), opening_hours (OSM syntax, checked by package
//     openinghours) and id (default: the name) are optional.
//   - remove_services: each names one service by "name" or by "id"
//     (string or number), not both.
//   - move_services: "name" or "id", and the new lon and lat.
//   - add_links: one object per sketch line, with the columns of the
//     sketch links CSV format (package links) as members: line, mode,
//     stops, minutes, headway_min, first, last, departures, days,
//     direction. Values are written as in the CSV, or as JSON numbers and
//     arrays where that is natural: "minutes": 4 or [3, 5, 2.5],
//     "departures": ["6:15", "7:15"], "days": ["Mo", "We"], "stops":
//     [{"name": "Tori", "lon": 27.2721, "lat": 61.6881}, ...]. The rows
//     are checked by package links exactly as a CSV file would be.
//   - scale_routes: "route" is a route id or short name, "feed" the
//     optional id prefix of the feed it belongs to, "factor" 0..10.
//   - close_ferries: "way_id" (the OSM way id of the ferry route) or
//     "name" (its name tag).
//
// # Errors
//
// Errors are [*Error] values naming the file and the JSON path of the
// value at fault, and wrap [ErrInvalid]:
//
//	scenario: s.json: add_services[2].lon: must be a number between -180 and 180
package scenario
