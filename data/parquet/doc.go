// Package parquet writes travel-time matrices as Apache Parquet files, for
// matrices too large for CSV: a million origin-destination pairs take a
// few megabytes instead of tens, and pandas, polars, DuckDB, R arrow and
// GDAL read them with their column types.
//
// A matrix file has one row per origin-destination pair, in the order
// written, with the columns
//
//	origin_id       string, required (dictionary-encoded)
//	destination_id  string, required (dictionary-encoded)
//	<value columns> double, optional: null when the pair is unreachable
//
// The value columns are [StreetColumns] (time_s in seconds and distance_m
// in metres, for walk, bike and car) or [TransitColumns] (one p<N>_s per
// travel-time percentile over the departure window, in seconds), or any
// names the caller gives. A NaN value is written as null.
//
// Rows are written through a [Writer] (or [WriteMatrix] from an iterator)
// and go to the output one row group at a time ([Options.RowGroupRows]
// rows, a million by default): memory holds at most one row group, never
// the whole matrix. Pages are compressed with Zstandard at its fastest
// level, which on travel times compresses as well as the default level in
// two thirds of the time; values use the plain encoding that every Parquet
// reader understands (byte-stream-split made travel times larger, see
// BENCHMARKS.md). The same rows give the same bytes.
package parquet
