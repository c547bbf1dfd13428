// Package geojson reads and writes GeoJSON: region polygons, service points
// and result cells.
//
// # Reading
//
// [Read] and [Decode] accept a FeatureCollection, a single Feature or a bare
// geometry and return a [Collection] of features with orb geometries
// (orb.Point, orb.MultiPoint, orb.LineString, orb.MultiLineString,
// orb.Polygon, orb.MultiPolygon and orb.Collection for a
// GeometryCollection). Features are decoded one at a time from the
// features array, so only the decoded result is held in memory.
//
// Coordinates are returned exactly as found in the file: this package never
// transforms them. The coordinate reference system is reported in
// [Collection.CRS]: [WGS84] (lon/lat degrees, RFC 7946) or [EPSG3067]
// (ETRS-TM35FIN easting/northing metres). It is taken, in this order, from
// [ReadOptions.CRS] (a --crs flag), from the legacy "crs" member, or detected
// from the coordinates: lon/lat unless every coordinate is clearly projected
// metres inside the EPSG:3067 extent of Finland, in which case EPSG:3067 is
// chosen and a warning says so. Callers convert with package geo.
//
// Property values keep the types encoding/json gives them: numbers are
// float64 (integers up to 2^53 are exact), strings, booleans, nil, []any and
// map[string]any. Feature ids that are JSON numbers are kept as their
// literal text ("id": 91 gives ID "91").
//
// Errors are [*Error] values that name the file and, for feature problems,
// the feature's 0-based position in the file and its id:
//
//	geojson: regions.geojson: feature 3 (id "091"): polygon ring 0 has 3 positions, needs at least 4
//
// They wrap one of the sentinel errors ([ErrSyntax], [ErrInvalid],
// [ErrUnknownCRS], [ErrCoordinates], [ErrDuplicateID], [ErrEmpty]) for
// errors.Is.
//
// # Writing
//
// [Writer] streams an RFC 7946 FeatureCollection, one feature per line, with
// coordinates rounded to a fixed number of decimals (6 by default, about
// 0.1 m) and properties in the order given, so the same features always give
// the same bytes.
package geojson
