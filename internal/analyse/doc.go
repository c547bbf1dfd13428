// Package analyse runs a whole accessibility analysis: it loads regions,
// population, services and an OpenStreetMap extract, builds the street
// graph of each mode, computes the time from every populated grid cell to
// the nearest service of each category by one multi-source search per
// category and mode, summarises gaps per region, and writes the outputs.
//
// Inside, positions are EPSG:3067 metres (grid cells, region polygons) or
// WGS84 lon/lat (graph vertices and snapping); outputs are WGS84 GeoJSON
// (RFC 7946) rounded to 6 decimals, CSV and JSON. Times in outputs are
// minutes, distances kilometres.
package analyse
