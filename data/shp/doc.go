// Package shp reads ESRI Shapefiles: the geometry file (.shp), its dBASE
// attribute table (.dbf), the coordinate system (.prj) and the code page of
// the table's text (.cpg), from a folder or from a .zip that holds them.
//
// # Geometries
//
// Shapes become orb geometries with x and y only: Point, MultiPoint,
// PolyLine (a LineString, or a MultiLineString for several parts) and
// Polygon. The Z and M variants of each are read as 2D. A polygon's rings
// are sorted by orientation as the format defines them: clockwise rings
// are outer boundaries, counter-clockwise rings are holes, each given to
// the smallest outer ring that contains it; one outer ring gives an
// orb.Polygon, several an orb.MultiPolygon. Null shapes are skipped and
// counted in [Layer.NullShapes]. MultiPatch shapes are an error.
//
// # Coordinates
//
// Coordinates are returned as stored. The .prj names the system: ETRS89 /
// ETRS-TM35FIN (EPSG:3067, easting and northing in metres) and WGS 84 or
// ETRS89 geographic (EPSG:4326, longitude and latitude in degrees) are
// recognised by their WKT names and parameters; any other system is an
// error wrapping [ErrCRS]. Without a .prj, [Layer.CRS] is 0 and the caller
// decides.
//
// # Attributes
//
// dBASE fields of type C (text, trimmed), N and F (numbers, float64), L
// (logical, bool) and D (date, "YYYY-MM-DD") become feature properties;
// blank values are nil. Text is decoded with the code page the .cpg names
// (UTF-8, ISO-8859-1, ISO-8859-15 or Windows-1252). Without a .cpg the
// table's language driver byte decides (0x57 and 0x03 mean Windows-1252);
// when that says nothing either, text is read as ISO-8859-1, the code page
// most Finnish files without a .cpg use, and [Layer.Warnings] says so.
//
// Errors name the file, the record and the field. Nothing panics on
// malformed input: the parsers are fuzzed.
package shp
