// Package csvio reads and writes the CSV files saavu exchanges with
// planners: services, origin/destination points and population points, and
// tables of results.
//
// Reading survives files saved by spreadsheets and GIS tools: a UTF-8 byte
// order mark, CRLF line ends, quoted fields, a delimiter (',', ';' or tab)
// detected from the header line, header names matched case-insensitively
// after trimming, with aliases (lon, lng, longitude, x; nimi for name;
// vaesto or asukkaat for population...), and numbers with a decimal comma in
// ';'-separated files ("61,69"). See [NewReader] for the generic reader and
// [ReadServices], [ReadPoints] and [ReadPopulation] for the typed ones.
//
// Coordinates are returned as found, never transformed. Services and points
// are lon/lat degrees (WGS84). Population points may also be ETRS-TM35FIN
// (EPSG:3067) easting/northing metres; [Population.CRS] says which, and
// callers convert with package geo.
//
// Every error is a [*RowError] naming the file, the line (1 = header) and
// the field, and saying what is wrong:
//
//	csvio: services.csv line 7: field lon: "61.2" is a latitude, not a longitude? lon 61.2, lat 27.3 look swapped (Finland is lon 19..32, lat 59..71): check the column order
//
// It wraps a sentinel ([ErrSyntax], [ErrNumber], [ErrRange], [ErrSwapped],
// [ErrMissingColumn], [ErrDuplicateID]...) for errors.Is.
//
// [Writer] writes rows with floats in a deterministic format: the shortest
// text that reads back the same value (strconv 'f', -1), or a fixed number
// of decimals per column or per value ([Fixed]).
package csvio
