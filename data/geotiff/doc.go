// Package geotiff reads one band of a GeoTIFF elevation raster (a digital
// elevation model) in pure Go, for slope factors on street segments.
//
// Supported: classic TIFF (little- or big-endian; not BigTIFF), strips or
// tiles, uncompressed, LZW or Deflate, horizontal (2) or floating-point (3)
// predictors, 8- and 16-bit signed or unsigned integers and 32- or 64-bit
// floats, the first band of several, a north-up georeference (pixel scale
// and tie point, or a transformation matrix without rotation), pixels as
// areas or as points, in EPSG:4326 (WGS84 lon/lat degrees) or EPSG:3067
// (ETRS-TM35FIN metres), and GDAL's nodata value. Anything else is refused
// with a message naming the file and what to convert with gdal_translate
// or gdalwarp.
//
// Values are kept as float32 in metres (or whatever unit the raster has);
// Raster.At reads the pixel holding a WGS84 point, without interpolation,
// as R5 samples elevation.
package geotiff
