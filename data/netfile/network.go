package netfile

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/transit"
)

// Network is the content of a network file: the street graph of each
// prepared mode, the compiled timetable (every service date, so any date
// can be flattened with Timetable.Day later) and the OpenStreetMap points
// of interest, with a header saying how they were made.
type Network struct {
	// Path is the file read (the name given to Decode); Write ignores it.
	Path   string
	Header Header
	// Graphs holds one street graph per prepared mode (walk, bike, car).
	Graphs map[graph.Mode]*graph.Graph
	// Timetable is nil when the network was prepared without feeds.
	Timetable *transit.Timetable
	// POIs are the points of interest inside the area, sorted by (ID,
	// IsWay) as data/osm gives them.
	POIs []osm.POI
}

// Header describes a network file. It is stored as JSON at the start of
// the file, so it can be read without the rest.
type Header struct {
	Format       int     `json:"format"`        // format version of the file
	SaavuVersion string  `json:"saavu_version"` // version of the saavu that wrote it
	Inputs       []Input `json:"inputs"`
	Params       Params  `json:"params"`
	// Area is what was kept: ways reaching into it, stops inside it.
	Area Area `json:"area"`
	// Regions is the bounding box of the regions the area was made from,
	// in EPSG:3067 metres and in lon/lat degrees, before the buffer.
	Regions       Box `json:"regions_epsg3067"`
	RegionsLonLat Box `json:"regions_lonlat"`
	// Bounds is the lon/lat box of the street nodes and points of
	// interest kept (what an analysis without a grid box falls back to).
	Bounds Box `json:"bounds_lonlat"`
	// Counts of what was kept: "osm_ways", "osm_nodes", "pois", "stops",
	// "trips", "routes", "walk_vertices", "car_edges"...
	Counts map[string]int `json:"counts"`
}

// Input is one input file of the preparation.
type Input struct {
	Role   string `json:"role"`           // "osm", "gtfs", "links", "regions" or "elevation"
	Name   string `json:"name,omitempty"` // id prefix of a feed or links file
	Path   string `json:"path"`           // as given
	Size   int64  `json:"size"`           // bytes
	SHA256 string `json:"sha256"`         // hex
}

// Params are the parameters of the preparation: the modes and the buffer
// of the area, and the graph parameters the graphs were built with.
type Params struct {
	Modes         []string           `json:"modes"`
	BufferKm      float64            `json:"buffer_km"`
	WalkSpeed     float64            `json:"walk_speed_m_s"`
	BikeSpeed     float64            `json:"bike_speed_m_s"`
	FerrySpeed    float64            `json:"ferry_speed_m_s"`
	FerryWaitS    float64            `json:"ferry_wait_s"`
	CarSpeedKmh   map[string]float64 `json:"car_speed_kmh"`
	MaxspeedKmh   map[string]float64 `json:"maxspeed_kmh"`
	ClosedFerries []int64            `json:"closed_ferries,omitempty"`
	// Access is the access table the walk and bike graphs were built
	// with ("FI", "world"...); empty in files of older versions, built
	// with the rules of those versions.
	Access string `json:"street_access,omitempty"`
	// Season of the car speeds ("winter"), empty for summer.
	Season string `json:"season,omitempty"`
	// NoTurnRestrictions: the car graph was built without the turn
	// restrictions of the extract (graph.Params.IgnoreTurnRestrictions).
	NoTurnRestrictions bool `json:"no_turn_restrictions,omitempty"`
}

// ParamsOf records graph parameters, modes and buffer.
func ParamsOf(p graph.Params, modes []graph.Mode, bufferKm float64) Params {
	out := Params{
		BufferKm: bufferKm, WalkSpeed: p.WalkSpeed, BikeSpeed: p.BikeSpeed, FerrySpeed: p.FerrySpeed,
		FerryWaitS:  p.FerryWait.Seconds(),
		CarSpeedKmh: maps.Clone(p.CarSpeedKmh), MaxspeedKmh: maps.Clone(p.MaxspeedKmh),
		ClosedFerries:      slices.Sorted(maps.Keys(p.ClosedFerries)),
		NoTurnRestrictions: p.IgnoreTurnRestrictions,
		Access:             p.Access,
	}
	if p.Season == "winter" {
		out.Season = p.Season
	}
	for _, m := range modes {
		out.Modes = append(out.Modes, m.String())
	}
	return out
}

// Graph returns the graph parameters recorded.
func (p Params) Graph() graph.Params {
	g := graph.Params{
		WalkSpeed: p.WalkSpeed, BikeSpeed: p.BikeSpeed, FerrySpeed: p.FerrySpeed,
		FerryWait:   time.Duration(p.FerryWaitS * float64(time.Second)),
		CarSpeedKmh: maps.Clone(p.CarSpeedKmh), MaxspeedKmh: maps.Clone(p.MaxspeedKmh),
		ClosedFerries:          map[int64]bool{},
		IgnoreTurnRestrictions: p.NoTurnRestrictions,
		Access:                 p.Access, Season: p.Season,
	}
	for _, id := range p.ClosedFerries {
		g.ClosedFerries[id] = true
	}
	return g
}

// Modes returns the modes with a graph, in mode order.
func (n *Network) Modes() []graph.Mode {
	return slices.Sorted(maps.Keys(n.Graphs))
}

// Graph returns the graph of mode m, or an error saying which modes the
// file holds.
func (n *Network) Graph(m graph.Mode) (*graph.Graph, error) {
	if g := n.Graphs[m]; g != nil {
		return g, nil
	}
	var have []string
	for _, h := range n.Modes() {
		have = append(have, h.String())
	}
	return nil, fmt.Errorf("network file %s has no %s graph (it holds %s): run saavu prepare with --modes including %s",
		n.Path, m, strings.Join(have, ","), m)
}
