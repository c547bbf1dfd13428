// Package geo holds coordinates and geometry: WGS84 lon/lat <-> ETRS-TM35FIN
// (EPSG:3067) metres, great-circle distances, Statistics Finland grid cells,
// point-in-polygon lookup, areal weighting and dissolving of cells.
//
// Functions state their coordinate system in their names or docs: lon/lat
// in degrees (WGS84), or E/N in metres (EPSG:3067). Distances are metres.
package geo
