package prepare

import (
	"log/slog"

	"github.com/saavu/saavu/internal/graph"
)

// DefaultBufferKm is the default margin around the regions, in km: wide
// enough that the fastest way between two places of a region rarely
// leaves it (a detour by a main road, a ferry, a bus line that runs
// through the next municipality).
const DefaultBufferKm = 20

// Options are the inputs and parameters of a preparation.
type Options struct {
	OSM     string   // OpenStreetMap extract (.osm.pbf or .osm)
	Feeds   []Source // GTFS feeds, each with its id prefix
	Links   []Source // sketch lines files, each with its id prefix
	Regions string   // GeoJSON of the regions the network is for
	CRS     string   // CRS of Regions when undeclared ("" = declared or WGS84)

	BufferKm float64      // margin around the regions' boxes, km
	Modes    []graph.Mode // street modes to build: walk, bike, car
	Graph    graph.Params // speeds and rules of the graphs; the zero value means graph.DefaultParams()
	// ElevationFile is the raster Graph.Elevation was read from, recorded
	// among the inputs of the network file ("" for none).
	ElevationFile string

	Out     string // network file to write (Run)
	Workers int    // 0 = GOMAXPROCS
	Version string // saavu version recorded in the header
	Log     *slog.Logger
}

// Source is an input file with the prefix of its ids.
type Source struct {
	Name string // id prefix
	Path string
}
