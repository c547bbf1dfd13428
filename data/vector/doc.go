// Package vector reads the vector files planners have, whatever their
// format, into one model: a [geojson.Collection] of features with their
// coordinate system settled (EPSG:4326 lon/lat degrees or EPSG:3067
// metres).
//
// [Detect] tells the format from the file's content, never from its name:
// GeoJSON (text opening with '{' or '['), GeoPackage (the SQLite header
// "SQLite format 3\x00"; the GeoPackage tables are checked when read),
// Shapefile (the file code 9994, or a .zip holding a .shp), and CSV (any
// other text, read by the callers' CSV readers). Formats it recognises but
// does not read (GML and other XML from WFS services, KML, KMZ, MapInfo TAB
// and MIF, FlatGeobuf, Parquet, a bare dBASE table) give an
// [UnsupportedError] naming the format and the ogr2ogr command that
// converts the file.
//
// A file argument may name a layer after a colon: "kunnat.gpkg:kunta" for
// a GeoPackage with several feature layers, "data.zip:name" for a zip with
// several shapefiles. A file with one layer needs none.
//
// [Read] returns the features in file order: GeoJSON as package geojson
// reads it, GeoPackage rows in fid order (feature id = fid), shapefile
// records in record order (null shapes left out, with a warning).
package vector
