// Package results reads the output directory of `saavu analyse --out DIR`
// back into memory for reporting.
//
// A results directory holds:
//
//	cells.geojson     one square polygon per populated grid cell, with the
//	                  minutes, kilometres and name of the nearest service per
//	                  category and mode (null = unreachable)
//	regions.geojson   region polygons with per category/mode statistics
//	summary.csv       one row per region, population group, category, mode
//	                  and time threshold
//	gaps.geojson      areas whose population is beyond the gap threshold
//	services.geojson  service points
//	run.json          tool version, inputs with sha256, parameters,
//	                  categories, modes, counts, warnings and notes
//
// [Load] reads them all. GeoJSON features are kept as raw, compacted JSON
// ([Collection]) so that a report can embed them unchanged; only what a
// report needs is decoded: region names, gap and service attributes, the
// summary rows and the run description.
//
// Coordinates are WGS84 lon/lat degrees (RFC 7946) as written by analyse and
// are never transformed here. Times are minutes ([Minutes]), populations are
// persons (possibly fractional after areal weighting) and shares are
// fractions 0..1. Values the files leave empty or null are [Opt] values with
// Valid false.
//
// Errors are [*Error] values naming the directory, the file and, where it
// applies, the line, feature or field, and the command that writes the file:
//
//	results: out/summary.csv line 7, field "share": "x" is not a number (written by "saavu analyse --out out")
//
// They wrap [ErrMissing], [ErrSyntax] or [ErrInvalid] for errors.Is.
package results
