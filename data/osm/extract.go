package osm

import (
	"math"
	"slices"
)

// Format is the encoding of an OSM file.
type Format uint8

// Formats told apart by DetectFormat.
const (
	FormatUnknown Format = iota
	FormatPBF            // .osm.pbf
	FormatXML            // .osm
	FormatGzip           // gzip-compressed; OSM XML is expected inside
	FormatBzip2          // bzip2-compressed; OSM XML is expected inside
)

func (f Format) String() string {
	switch f {
	case FormatPBF:
		return "pbf"
	case FormatXML:
		return "xml"
	case FormatGzip:
		return "gzip"
	case FormatBzip2:
		return "bzip2"
	}
	return "unknown"
}

// Options tune reading. The zero value is ready to use.
type Options struct {
	// Workers is the number of goroutines decompressing and decoding PBF
	// blocks; 0 means GOMAXPROCS. It does not change the result.
	Workers int
	// SkipPOIs leaves Extract.POIs empty and skips the tag checks for them.
	SkipPOIs bool
	// MaxWarnings caps Extract.Warnings; 0 means 100. Counts stay exact.
	MaxWarnings int
	// Clip, when not nil, keeps only what lies in or reaches into an
	// area: the ways (streets, ferries, points of interest drawn as
	// closed ways) with at least one node inside it, each with all its
	// nodes, and the points of interest mapped as nodes inside it.
	// Extract.Bounds is then the box around what was kept. It costs one
	// more pass over the file: see the package documentation.
	Clip *Clip
}

// Extract is what Read keeps of an OSM file.
type Extract struct {
	Name   string // file name as given
	Format Format // encoding of the content (FormatPBF or FormatXML)

	// Ways with a highway tag or route=ferry, sorted by id, each with at
	// least two node references, all of which have coordinates in NodeIDs.
	Ways []Way

	// NodeIDs holds the ids of the nodes the ways (and the closed ways of
	// points of interest) refer to, sorted ascending; Lon and Lat are
	// parallel to it.
	NodeIDs  []int64
	Lon, Lat []float64

	// POIs are the points of interest found, sorted by (ID, IsWay).
	POIs []POI

	// Restrictions are the turn restrictions for cars whose from, to and
	// via members are all in the extract (ways in Ways, a via node in
	// NodeIDs), sorted by relation id in file order.
	Restrictions []Restriction

	// Bounds of the data: from the file header when it has one, otherwise
	// the box around NodeIDs and POIs.
	Bounds Bounds

	Counts   Counts
	Warnings []Warning // at most Options.MaxWarnings
}

// Way is an OSM way with the tags routing needs.
type Way struct {
	ID    int64
	Nodes []int64 // node ids in way order
	Tags  Tags    // only keys for which KeepKey is true
}

// POI is a point of interest: a node, or the centroid of the nodes of a
// closed way.
type POI struct {
	ID       int64
	Kind     string // "amenity=pharmacy", "healthcare=centre", "shop=supermarket"...
	Name     string
	Lon, Lat float64
	IsWay    bool // the centroid of a closed way rather than a node
}

// Bounds is a lon/lat box in degrees.
type Bounds struct {
	MinLon, MinLat, MaxLon, MaxLat float64
	FromHeader                     bool // taken from the file header, not computed
}

// Empty reports whether the box holds no point.
func (b Bounds) Empty() bool { return !(b.MinLon <= b.MaxLon && b.MinLat <= b.MaxLat) }

// Counts describe what the file held and what was kept.
type Counts struct {
	Nodes, Ways, Relations int64 // elements read in the file (relations: only restrictions are decoded)
	WaysKept               int   // len(Extract.Ways)
	NodesKept              int   // len(Extract.NodeIDs)
	POIs                   int   // len(Extract.POIs)
	MissingRefs            int64 // way node references to nodes absent from the file, dropped
	WaysWithMissingRefs    int   // ways that lost at least one reference
	WaysTooShort           int   // ways dropped for having fewer than two nodes left
	DuplicateWays          int   // ways whose id appeared earlier in the file, dropped
	Warnings               int   // all warnings, including those beyond MaxWarnings
	NodesInside            int   // with Options.Clip: nodes of the file inside the area
	WaysOutside            int   // with Options.Clip: ways that would be kept but lie wholly outside, dropped
	// Turn restrictions: kept (len(Extract.Restrictions)), relations
	// that do not bind cars (other vehicles, except=motorcar, no value
	// for cars), relations that cannot be read (missing or surplus
	// members, unknown value), and restrictions with a member the extract
	// lacks (a way that is no street or lies outside the clip, a node
	// without coordinates).
	Restrictions, RestrictionsNotForCar, RestrictionsMalformed, RestrictionsOutside int
}

// Warning is a problem with one element that did not stop reading: a
// way (WayID) or a relation (RelationID, WayID 0).
type Warning struct {
	WayID      int64
	RelationID int64
	Message    string
}

// Index returns the position of node id in NodeIDs.
func (e *Extract) Index(id int64) (int, bool) {
	return slices.BinarySearch(e.NodeIDs, id)
}

// Coord returns the coordinates of node id.
func (e *Extract) Coord(id int64) (lon, lat float64, ok bool) {
	i, ok := e.Index(id)
	if !ok {
		return math.NaN(), math.NaN(), false
	}
	return e.Lon[i], e.Lat[i], true
}
