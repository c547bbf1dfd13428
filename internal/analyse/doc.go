// Package analyse runs a whole accessibility analysis: it loads regions,
// population, services and an OpenStreetMap extract, builds the street
// graph of each mode, computes the time from every populated grid cell to
// the nearest service of each category by one multi-source search per
// category and mode, summarises gaps per region, and writes the outputs.
//
// Inside, positions are EPSG:3067 metres (grid cells, region polygons) or
// WGS84 lon/lat (graph vertices and snapping); outputs are WGS84 GeoJSON
// (RFC 7946) rounded to 6 decimals, CSV and JSON, and a GeoPackage of the
// GeoJSON layers in WGS84 or, with Options.OutCRS, EPSG:3067. Each layer's
// fields and their types are declared in schema.go from the options, not
// taken from the values. Times in outputs are minutes, distances
// kilometres, people real numbers.
package analyse
