// Package netfile reads and writes prepared-network files: the street
// graphs, the compiled timetable and the points of interest of an area,
// built once by saavu prepare from national extracts and loaded by later
// analyses in a fraction of the time building takes.
//
// A file holds:
//
//   - a JSON header (Header): the format version, the saavu version that
//     wrote it, the inputs with their sizes and SHA-256 digests, the
//     parameters (modes, buffer, speeds), the area kept and the bounds of
//     the regions it was made for, and counts of what was kept;
//   - the street graph of each prepared mode (internal/graph: every slice
//     of graph.Graph, ferries and the turn copies of the car graph
//     included);
//   - the compiled timetable (internal/transit.Timetable, every service
//     date, so that any date can be flattened later with Timetable.Day);
//   - the OpenStreetMap points of interest inside the area (data/osm.POI).
//
// # Layout
//
// The file starts with the magic bytes "SAAVUNET", the format version
// (uint32), the header length and the header JSON, the payload length and
// a CRC-32C of all of that. The payload is a sequence of sections, each a
// typed array stored as raw little-endian values behind a 12-byte head
// (element kind and size, section number, count) and followed by a CRC-32C.
// Records (stops, trips, ferries...) are stored column by column; strings
// as their lengths and their concatenated bytes. On a little-endian
// machine a section is read straight into the memory of its slice, so
// loading costs little more than reading the bytes; CRC-32C runs at many
// gigabytes per second on current processors.
//
// The first 16 bytes and the "saavu_version" member of the header keep
// their place in every format version, so that a file of another version
// is refused with a message naming the saavu that wrote it.
//
// # Checks
//
// Read refuses, with an *Error naming the file: a file that does not start
// with the magic bytes (ErrNotNetwork; a directory too), a file of another
// format version (ErrFormat: prepare it again), a file shorter or longer
// than its header announces (ErrTruncated, ErrCorrupt), and a section whose
// checksum does not match or whose indices point outside the arrays they
// index (ErrCorrupt, naming the section: "car graph: Head"). Lengths are
// checked against the bytes left before anything is allocated, so a
// damaged file cannot ask for more memory than its own size.
//
// Writes go through data/outdir.WriteFileAtomic: a temporary file renamed
// into place, so a failed or interrupted write leaves no partial file. The
// same network gives the same bytes: the header has no time stamp and its
// maps are written with sorted keys.
//
// Coordinates are WGS84 lon/lat degrees, except Area and Header.Regions,
// which are EPSG:3067 metres (ETRS-TM35FIN) as their JSON names say.
package netfile
