// Package geo holds coordinates and geometry: WGS84 lon/lat <-> ETRS-TM35FIN
// (EPSG:3067) metres, great-circle distances, Statistics Finland grid cells,
// point-in-polygon lookup, areal weighting and dissolving of cells.
//
// Functions state their coordinate system in their names or docs: lon/lat
// in degrees (WGS84), or E/N in metres (EPSG:3067). Distances are metres.
//
// The model:
//
//   - Projection (ToTM35, FromTM35, ProjectTM35, UnprojectTM35): Transverse
//     Mercator on GRS80 by Krüger's series to order n^6, accurate to well
//     under a millimetre across Finland. WGS84 and EUREF-FIN lon/lat are
//     treated as the same.
//   - Planar geometry uses github.com/paulmach/orb types with orb.Point{E, N}
//     (x first). Polygons follow RFC 7946 orientation on output (exterior
//     counter-clockwise, holes clockwise); inputs may use either.
//   - Grid cells (Cell) are the Statistics Finland squares of 250 m and 1 km
//     aligned to multiples of their size in EPSG:3067, half-open
//     [E, E+Size) x [N, N+Size), identified by INSPIRE short codes such as
//     "1kmN6820E332" and "250mN667175E38600".
//   - Point-in-polygon (PolygonIndex) uses the same half-open rule, so a
//     point on a shared boundary belongs to exactly one polygon.
//   - Areal weighting (SpreadToGrid), dissolving (DissolveCells,
//     DissolvePolygons) and contours (Contour) are exact planar operations on
//     EPSG:3067 coordinates; their outputs are sorted so that the same input
//     always gives the same output.
//
// Nothing here reads files or panics on bad input: invalid input gives an
// error, NaN, nil or -1 as each function documents.
package geo
