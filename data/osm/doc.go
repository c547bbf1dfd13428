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
