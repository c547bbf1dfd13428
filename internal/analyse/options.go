package analyse

import (
	"log/slog"

	"github.com/saavu/saavu/data/netfile"
	sfile "github.com/saavu/saavu/data/scenario"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/progress"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/transit"
)

// Options are the inputs and parameters of one analysis.
type Options struct {
	// Regions (optional): GeoJSON polygons.
	Regions    string
	RegionID   string // property holding the region id ("" = detect)
	RegionName string // property holding the region name ("" = detect)
	GroupBy    string // dissolve features sharing this property's value
	CRS        string // CRS of regions/population GeoJSON when not declared

	// Population (optional): GeoJSON grid cells, points or areas, or CSV.
	Population      string
	PopulationField string    // "" = detect
	PopulationKind  string    // auto, cells, areas, points
	Groups          []Group   // extra population columns reported separately
	CellSize        int32     // metres, 250 or 1000
	GridBounds      []float64 // lon/lat min/max for a grid without population

	// Origins (instead of Population): a point set, CSV id,lon,lat plus
	// weight columns, e.g. firms with their employees.
	Origins      string
	OriginWeight string // weight column ("" = each point weighs 1)

	// Services: CSV or GeoJSON points, and/or OSM points of interest.
	Services    string
	ServicesOSM []OSMRule
	Categories  []string // keep only these ("" = all)
	// CategoryMap renames service categories as they are loaded, from
	// the file and from OSM, e.g. hospital and health_station to health.
	CategoryMap map[string]string

	// Streets: an OSM extract, or a network file made by saavu prepare
	// (Prepared, read by the caller from NetworkFile), which also holds the
	// points of interest and the timetable.
	Prepared      *netfile.Network
	NetworkFile   string
	NetworkParams *netfile.Params // the prepared file's parameters, for run.json
	OSM           string
	Modes         []graph.Mode
	Graph         graph.Params
	ElevationFile string // the raster of Graph.Elevation, for run.json
	MaxSnapM      float64
	// MinIsland: points are not attached to connected pieces of streets
	// of fewer vertices (except the largest piece); 0 or 1 attaches to any.
	MinIsland int

	// Public transport, when Modes holds graph.Transit.
	Transit *TransitOptions

	// Measures beyond the nearest service.
	Measures Measures

	// Measures.
	ThresholdsMin []float64
	GapMin        float64
	MaxTimeMin    float64 // search limit; 0 = none

	Out string
	// OutCRS is the CRS of the GeoPackage layers: "EPSG:4326" (WGS84, also
	// "") or "EPSG:3067" (ETRS-TM35FIN). The GeoJSON outputs are WGS84
	// whatever it is, as RFC 7946 requires.
	OutCRS  string
	Workers int
	// ShardCount > 0 computes only shard ShardIndex (0-based) of
	// ShardCount and writes a part for saavu merge instead of the outputs.
	ShardIndex, ShardCount int
	// Progress draws a status line per long stage (nil: none).
	Progress *progress.P
	Version  string
	Log      *slog.Logger
	// Args are the command line words, recorded in run.json.
	Args []string
	// Report title and optional basemap tiles (URL template).
	Title, BasemapURL, BasemapAttribution string
	// Scenario, when set, changes the services and closes ferries before
	// the run (its transit changes are applied where the timetable is
	// built: sketch lines and route scaling).
	Scenario     *sfile.Scenario
	ScenarioFile string // its path, for run.json
	ScenarioName string
	// Notes are shown in run.json and the report, e.g. what is schematic.
	Notes []string
}

// TransitOptions add public transport (graph.Transit in Modes): walk to a
// stop, ride, walk to the service, over a window of departures.
type TransitOptions struct {
	Timetable   *transit.Timetable
	Day         *transit.Day
	Network     ptaccess.Options
	Window      ptaccess.Window
	Percentiles []int // reported per cell; the summaries use MainPercentile
	// Main is the percentile the summaries, gap areas and measures use;
	// 0 selects the median when Percentiles holds 50, else the first.
	Main int
	// Inputs are the feed and sketch files, for run.json.
	Inputs []string
	// RoundTrips, when set, checks same-day round trips by public
	// transport to each category, within the services' opening hours.
	RoundTrips *ptaccess.RoundTripParams
	// Warnings found while loading the timetable, reported with the
	// run's own.
	Warnings []string
	// Journeys adds, per cell and category, the shape of the journey at
	// the main percentile: rides, minutes walked, waited and in vehicles.
	Journeys bool
}

// MainPercentile is the index in Percentiles of the percentile the region
// summaries, gap areas and measures of transit and nocar use: Main, or
// the median when asked for, else the first one given.
func (t *TransitOptions) MainPercentile() int {
	want := t.Main
	if want == 0 {
		want = 50
	}
	for k, p := range t.Percentiles {
		if p == want {
			return k
		}
	}
	return 0
}

// Group is a population sub-group column reported beside the total.
type Group struct {
	Name, Field string
}

// OSMRule makes OpenStreetMap points of interest with Key=Value services
// of Category.
type OSMRule struct {
	Key, Value, Category string
}

// DefaultThresholds are the default time thresholds in minutes.
var DefaultThresholds = []float64{10, 20, 30, 45, 60}
