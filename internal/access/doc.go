// Package access computes accessibility measures from origins (population
// cells or other weighted points) to services: the time to the nearest
// service of a category by one multi-source search per category, and the
// gaps per region (population within thresholds, weighted mean, median and
// 90th percentile, unreachable population, gap areas).
//
// Times are whole milliseconds internally and minutes in summaries;
// lengths are metres. Points are attached to the street graph by
// graph.Snap; a snap with Seg < 0 marks a point that is not on the graph
// (beyond the snapping distance) and is unreachable.
package access
