// Package osm reads the parts of an OpenStreetMap extract that saavu needs:
// the ways of the street network (highway=*) and ferries (route=ferry), the
// coordinates of the nodes those ways pass through, and points of interest
// that may be public services.
//
// Both the binary PBF format (.osm.pbf) and OSM XML (.osm, optionally gzip
// or bzip2 compressed) are read. The format is told from the first bytes of
// the file, never from its name alone.
//
// Reading streams the file twice with bounded working memory:
//
//  1. ways only: nodes and relations are skipped while decoding. Ways with a
//     highway tag or route=ferry are kept with the tags routing needs
//     (KeepKey); closed ways tagged as a point of interest are kept for
//     their centroid. Together they give the set of needed node ids.
//  2. nodes only: coordinates of needed nodes are kept, as are nodes tagged
//     as a point of interest (see POIKind).
//
// For PBF files the second pass only decompresses blocks that the first one
// saw holding nodes. Blocks are decompressed and decoded by a small pool of
// goroutines; results are merged in file order, so the output is the same
// whatever the number of workers.
//
// # Clipping
//
// With Options.Clip only what lies in or reaches into an area is kept: a
// way with at least one node inside (with all its nodes, those outside
// too, so that it is not cut at the edge), and points of interest mapped
// as nodes inside. Telling whether a way has a node inside needs the
// coordinates of its nodes before the way is read, and the two passes
// above read ways first. So a clip pass comes before them:
//
//  0. nodes only: the ids of the nodes inside the area are kept, in a
//     sorted set with a bucket index (8 bytes per node inside, whatever
//     the size of the file). It also notes which PBF blocks hold nodes
//     and which hold ways.
//  1. ways, as above, keeping only those with a node in the set; for PBF
//     only the blocks noted holding ways are read again.
//  2. nodes, as above.
//
// A PBF file with nodes before ways (the usual order) could be read in
// one pass less by filtering ways against the set as it grows, but only
// when the order holds; three passes are correct for any order and cost
// about what an unclipped read costs (node blocks are decompressed twice
// either way), while memory stays bounded by what is kept plus the set.
//
// A way that refers to a node the file does not hold (common at the edge of
// a clipped extract) loses that reference; the loss is counted and listed in
// Extract.Warnings. A way left with fewer than two nodes is dropped. A way
// that leaves a clipped extract and comes back keeps its nodes on both
// sides, so its two parts are joined straight across the gap; extracts cut
// with complete ways (osmium extract --strategy complete_ways) avoid this.
//
// Coordinates are WGS84 longitude and latitude in degrees. PBF coordinates
// are computed as nanodegrees divided by 1e9, so a node has bit-identical
// coordinates in the PBF and XML encodings of the same data.
//
// Relations are not read: points of interest mapped only as multipolygon
// relations are not found.
package osm
