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
//  1. ways and turn restrictions: nodes are skipped while decoding. Ways
//     with a highway tag or route=ferry are kept with the tags routing
//     needs (KeepKey); closed ways tagged as a point of interest are kept
//     for their centroid. Together they give the set of needed node ids.
//     Relations that are turn restrictions are kept (see below).
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
// # Turn restrictions
//
// Of the relations only turn restrictions are decoded, in pass 1 beside
// the ways (in a clipped PBF read, the clip pass notes the blocks holding
// relations as well as those holding ways). A relation is a restriction
// for cars when it is tagged type=restriction, type=restriction:motorcar
// or type=restriction:motor_vehicle; its value is read from
// restriction:motorcar, else restriction:motor_vehicle, else
// restriction. The values read are no_left_turn, no_right_turn,
// no_straight_on, no_u_turn, no_entry, no_exit (the turn from the from way
// to the to way is forbidden) and only_left_turn, only_right_turn,
// only_straight_on, only_u_turn (every other turn from the from way is
// forbidden). Its members are one from way, one via node or one or more
// via ways, and one to way; no_entry may have several from ways and
// no_exit several to ways, and becomes one Restriction per pair.
//
// Left out, and counted in Extract.Counts: relations that do not bind
// cars (another type=restriction:*, such as restriction:hgv; a value only
// for other vehicles, such as restriction:bicycle; an except tag naming
// motorcar, motor_vehicle or vehicle; only a restriction:conditional);
// malformed ones (no value, an unknown value, a missing from, via or to
// member, several from or to ways where the value allows one, a via
// node beside via ways, a member that cannot be read), each also a
// Warning; and those with a member the extract lacks (a from, to or via
// way that is not a street kept, which is also how a clipped read drops
// the restrictions at and beyond its edge, or a via node without
// coordinates), each also a Warning. None of these stops reading. Whether
// the via node lies at an end of the from and to ways is for the graph
// builder to check.
//
// Other relations are only counted: points of interest mapped only as
// multipolygon relations are not found.
package osm
