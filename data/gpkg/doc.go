// Package gpkg writes OGC GeoPackage files (version 1.3): one SQLite
// database holding any number of feature layers that QGIS, ArcGIS and GDAL
// open directly, with their coordinate system and attribute types. It also
// reads the feature layers of GeoPackages made by others.
//
// A file is made with [Create], one [Writer.AddLayer] per layer (a table
// with an integer primary key fid, a geometry column and typed attribute
// columns: TEXT, REAL, INTEGER, BOOLEAN), [Layer.Insert] per feature, and
// [Writer.Close]. Geometries are orb values written as GeoPackage binary
// geometries: the "GP" header (version 0, flags, SRS id, the XY envelope
// [minx, maxx, miny, maxy], left out for points and empty geometries)
// followed by little-endian WKB. Each layer gets an R-tree spatial index
// (the gpkg_rtree_index extension) unless [Options.NoSpatialIndex] is set.
//
// [FromGeoJSON] builds a GeoPackage from our own GeoJSON outputs, one layer
// per file, with the columns and types each [LayerSource] declares (so that
// a column's type does not depend on the values of one run); properties it
// does not declare get a type inferred from all features. A source may ask
// for its geometries in another SRS than its file's: WGS84 coordinates are
// then projected to ETRS-TM35FIN with package geo, or back.
//
// # Coordinates
//
// Coordinates are written as given, in the layer's SRS: [WGS84] (EPSG:4326,
// x = longitude, y = latitude, degrees) or [ETRSTM35FIN] (EPSG:3067,
// easting/northing metres). Both definitions are in every file, beside the
// two undefined systems the standard requires.
//
// # Reading
//
// [Layers] lists the feature layers of gpkg_contents with their SRS;
// [Read] reads one whole (the only one, or the one named), rows in fid
// order, the file opened read-only. Geometries are decoded by
// [DecodeGeometry]: either byte order, any envelope, the empty flag, and
// Point, LineString, Polygon and their Multi forms in WKB, Z and M values
// dropped. Attributes become float64 (INTEGER, REAL), bool (BOOLEAN),
// string (TEXT, DATE, DATETIME) or nil. The layer's SRS is mapped to an
// EPSG code: 4326 (and ETRS89 geographic, 4258), 3067, 0 for the
// undefined systems; any other is an error wrapping [ErrSRS] that gives
// the ogr2ogr command to reproject. Errors are [*ReadError]s naming the
// file, the layer, the feature's fid and the column.
//
// # Atomic and deterministic
//
// The database is built in a temporary file beside the target (".NAME.tmp-
// <random>") and renamed over it by Close, so a reader never sees half a
// file and a failed run leaves the old one; [Writer.Discard] removes the
// temporary file, [Writer.CloseTo] copies the result into another writer
// instead. Everything is written in one transaction with no journal.
//
// The same layers and features give the same bytes: fids are assigned in
// insert order, nothing depends on the clock (gpkg_contents.last_change is
// [Options.LastChange], the Unix epoch by default) or on the temporary
// file's name, and SQLite lays out pages deterministically for the same
// statements. The bytes do depend on the SQLite library version, which is
// recorded in the file header; a test checks that two writes are identical.
package gpkg
