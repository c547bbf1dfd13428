package analyse

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/scenario"
	"github.com/saavu/saavu/internal/travel"
)

// ErrInput marks errors caused by the inputs (files, their contents,
// option values), as opposed to failures while running or writing.
var ErrInput = errors.New("bad input")

type inputErr struct{ err error }

func (e inputErr) Error() string   { return e.err.Error() }
func (e inputErr) Unwrap() []error { return []error{e.err, ErrInput} }

func inputError(err error) error {
	if err == nil {
		return nil
	}
	return inputErr{err}
}

// Result is everything an analysis computed, before it is written.
type Result struct {
	Regions    []Region
	Cells      *Cells
	Services   []Service
	Categories []string
	Modes      []graph.Mode
	Graphs     map[graph.Mode]*graph.Graph
	// transitWhy holds, for the NoCar modes, why public transport alone
	// reaches no service from each cell (category 0); read by
	// coverWarnings, not written.
	transitWhy [][]uint8
	// StreetAccess is the access table the street graphs were built with
	// ("FI", "world"; empty from an older network file).
	StreetAccess string
	// Sources are the travel-time sources of Modes, for callers that
	// route further from the cells (plan); nil in a merged run.
	Sources []travel.Source
	// Nearest[m][c] per mode index and category index.
	Nearest [][]access.Nearest
	// Stats[m][c][g] per region.
	Stats [][][][]access.RegionStats
	Gaps  [][][]access.GapArea
	// Why[m][c][i]: why cell i reaches no service of category c by mode
	// m (a travel.Why; 0 where it does).
	Why [][][]uint8
	// Journeys[m][c][i]: the shape of cell i's journey at the main
	// percentile to the nearest service of category c, for the modes that
	// ride when asked for (nil otherwise).
	Journeys [][][]ptaccess.Shape
	// Pct[m][c][k][i]: time (ms) of cell i to the nearest service of
	// category c at percentile Transit.Percentiles[k], for the timetabled
	// modes (transit, nocar); nil for the others.
	Pct [][][][]uint32
	// RoundTrips per cell and category, when asked for.
	RoundTrips *ptaccess.RoundTripResult
	// Measures[m][c] beyond the nearest service, for every mode.
	Measures [][]CellMeasures
	// AllWithin[m][i]: cell i reaches every category of
	// Measures.AllCategories within Measures.AllWithinMin by mode m.
	AllWithin [][]bool

	// Shard is set when the run computed one shard of the cells only.
	Shard *ShardInfo
	// inputs are the input files' digests, when known before writing (a
	// merged run takes them from its parts).
	inputs []inputInfo

	Counts   Counts
	Warnings []string
	Notes    []string // what a scenario changed
	Timings  []Timing
}

// Counts are the sizes reported in run.json.
type Counts struct {
	Regions           int                       `json:"regions"`
	Cells             int                       `json:"cells"`
	Population        float64                   `json:"population"`
	OutsideCells      int                       `json:"cells_outside_regions"`
	OutsidePopulation float64                   `json:"population_outside_regions"`
	Services          int                       `json:"services"`
	ServicesUnsnapped map[string]int            `json:"services_beyond_snap"`
	CellsUnsnapped    map[string]int            `json:"cells_beyond_snap"`
	Graph             map[string]map[string]int `json:"graph"`
	OSMWays           int                       `json:"osm_ways"`
	OSMNodes          int                       `json:"osm_nodes"`
	Transit           map[string]int            `json:"transit,omitempty"`
}

// Timing is the wall time of one stage.
type Timing struct {
	Stage   string  `json:"stage"`
	Seconds float64 `json:"seconds"`
}

type stopwatch struct {
	log   *slog.Logger
	last  time.Time
	out   *[]Timing
	start time.Time
}

func (s *stopwatch) lap(stage string, attrs ...any) {
	now := time.Now()
	d := now.Sub(s.last)
	s.last = now
	*s.out = append(*s.out, Timing{Stage: stage, Seconds: d.Seconds()})
	s.log.Info(stage, append([]any{"seconds", fmt.Sprintf("%.3f", d.Seconds())}, attrs...)...)
}

// Compute loads the inputs and computes all measures.
func Compute(ctx context.Context, o *Options) (*Result, error) {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if err := o.validate(); err != nil {
		return nil, inputError(err)
	}
	res := &Result{Modes: o.Modes, Graphs: map[graph.Mode]*graph.Graph{}}
	sw := &stopwatch{log: o.Log, last: time.Now(), start: time.Now(), out: &res.Timings}

	// Streets first: the extract's bounds may define the grid.
	var ext *osm.Extract
	var pois []osm.POI
	var extBounds orb.Bound
	if o.Prepared != nil {
		np := o.Prepared.Header.Params
		o.NetworkParams = &np
		pois = o.Prepared.POIs
		b := o.Prepared.Header.Bounds
		extBounds = orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}
		sw.lap("read network", "file", o.NetworkFile)
	} else {
		var err error
		ext, err = osm.Read(ctx, o.OSM, osm.Options{})
		if err != nil {
			return nil, inputError(err)
		}
		pois = ext.POIs
		eb := ext.Bounds
		extBounds = orb.Bound{Min: orb.Point{eb.MinLon, eb.MinLat}, Max: orb.Point{eb.MaxLon, eb.MaxLat}}
		res.Counts.OSMWays, res.Counts.OSMNodes = len(ext.Ways), len(ext.NodeIDs)
		for _, w := range ext.Warnings {
			if w.RelationID != 0 {
				res.Warnings = append(res.Warnings, fmt.Sprintf("osm: %s: relation %d: %s", o.OSM, w.RelationID, w.Message))
				continue
			}
			res.Warnings = append(res.Warnings, fmt.Sprintf("osm: %s: way %d: %s", o.OSM, w.WayID, w.Message))
		}
		sw.lap("read osm", "ways", len(ext.Ways), "nodes", len(ext.NodeIDs))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	if o.Regions != "" {
		rs, ws, err := loadRegions(o.Regions, o.RegionID, o.RegionName, o.GroupBy, o.CRS)
		if err != nil {
			return nil, inputError(err)
		}
		res.Regions = rs
		res.Warnings = append(res.Warnings, ws...)
	}
	var cells *Cells
	if o.Origins != "" {
		if o.Population != "" {
			return nil, inputError(errors.New("give --population or --origins, not both"))
		}
		c, err := loadOrigins(o)
		if err != nil {
			return nil, inputError(err)
		}
		cells = c
	} else if o.Population != "" {
		c, ws, err := loadPopulation(o)
		if err != nil {
			return nil, inputError(err)
		}
		if len(c.Cell) == 0 {
			return nil, inputError(fmt.Errorf("population: %s: no cell has a population above 0", o.Population))
		}
		cells = c
		res.Warnings = append(res.Warnings, ws...)
	} else {
		b := extBounds
		if len(o.GridBounds) == 4 {
			b = orb.Bound{Min: orb.Point{o.GridBounds[0], o.GridBounds[1]}, Max: orb.Point{o.GridBounds[2], o.GridBounds[3]}}
		} else if len(res.Regions) > 0 {
			b = regionsLonLatBound(res.Regions)
		}
		cells = uniformGrid(b, o.CellSize)
		if len(cells.Cell) == 0 {
			return nil, inputError(fmt.Errorf("grid: the area %v holds no %d m cell", b, o.CellSize))
		}
		res.Warnings = append(res.Warnings, "no population given (--population): every grid cell weighs 1, lakes and forests included, so the figures count cells, not people")
	}
	cells.Groups = append([]string{"population"}, groupNames(o.Groups)...)
	if len(res.Regions) == 0 {
		res.Regions = []Region{{ID: "all", Name: "All", Geom: cellsBound(cells.Cell), Members: []string{"all"}}}
	}
	assignRegions(cells, res.Regions)
	res.Cells = cells
	lo, hi := 0, len(cells.Cell)
	if o.ShardCount > 0 {
		lo, hi = ShardRange(len(cells.Cell), o.ShardIndex, o.ShardCount)
		res.Shard = &ShardInfo{Index: o.ShardIndex, Count: o.ShardCount, Lo: lo, Hi: hi}
	}
	if cells.OutsideCells > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d cells (population %.0f) lie outside every region and are left out", cells.OutsideCells, cells.OutsidePopulation))
	}
	if len(cells.Cell) == 0 {
		from := "the grid"
		if o.Population != "" {
			from = o.Population
		}
		return nil, inputError(fmt.Errorf("regions: %s: none of the %d populated cells of %s lies inside the regions: check that the population and regions cover the same area and CRS",
			o.Regions, cells.OutsideCells, from))
	}

	var svcs []Service
	if o.Services != "" {
		s, ws, err := loadServices(o.Services)
		if err != nil {
			return nil, inputError(err)
		}
		svcs = append(svcs, s...)
		res.Warnings = append(res.Warnings, ws...)
	}
	fromOSM, matched := servicesFromOSMCounted(pois, o.ServicesOSM)
	svcs = append(svcs, fromOSM...)
	res.Warnings = append(res.Warnings, unmatchedOSMRules(pois, o.ServicesOSM, matched, o.OSM+o.NetworkFile)...)
	res.Warnings = append(res.Warnings, applyCategoryMap(svcs, o.CategoryMap)...)
	if o.Scenario != nil {
		in := make([]scenario.Service, len(svcs))
		for i, s := range svcs {
			in[i] = scenario.Service(s)
		}
		changed, notes, err := scenario.ApplyServices(in, o.Scenario)
		if err != nil {
			return nil, inputError(err)
		}
		svcs = make([]Service, len(changed))
		for i, s := range changed {
			svcs[i] = Service(s)
		}
		res.Notes = append(res.Notes, scenario.Notes(o.Scenario)...)
		res.Notes = append(res.Notes, notes...)
	}
	if len(svcs) == 0 {
		return nil, inputError(errors.New("no services: give --services FILE or --services-osm KEY=VALUE"))
	}
	cats, err := categories(svcs, o.Categories)
	if err != nil {
		return nil, inputError(err)
	}
	res.Services, res.Categories = svcs, cats
	sw.lap("read inputs", "regions", len(res.Regions), "cells", len(cells.Cell), "services", len(svcs))

	// Street graphs, one per street mode, built side by side. Transit and
	// nocar walk on the walk graph.
	var streetModes []graph.Mode
	for _, m := range o.Modes {
		if w := streetModeOf(m); !slices.Contains(streetModes, w) {
			streetModes = append(streetModes, w)
		}
	}
	built := make([]*graph.Graph, len(streetModes))
	stats := make([]graph.Stats, len(streetModes))
	errs := make([]error, len(streetModes))
	var wg sync.WaitGroup
	for i, m := range streetModes {
		if o.Prepared != nil {
			built[i], errs[i] = o.Prepared.Graph(m)
			continue
		}
		wg.Go(func() { built[i], stats[i], errs[i] = graph.Build(ext, m, o.Graph) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, inputError(err)
	}
	if o.Scenario != nil && len(o.Scenario.CloseFerries) > 0 {
		if err := closeFerries(o, ext, streetModes, built); err != nil {
			return nil, inputError(err)
		}
	}
	res.Counts.Graph = map[string]map[string]int{}
	if o.Prepared != nil {
		res.StreetAccess = o.Prepared.Header.Params.Access
	} else if len(stats) > 0 {
		res.StreetAccess = stats[0].Access
		how := "from the extract's location; --country to choose"
		if a, _ := graph.NormaliseAccess(o.Graph.Access); a != graph.AccessAuto {
			how = "as asked"
		}
		o.Log.Info("street access rules for walking and cycling: "+graph.AccessName(res.StreetAccess), "how", how)
	}
	byMode := map[graph.Mode]*graph.Graph{}
	for i, m := range streetModes {
		g := built[i]
		if g.NumVertices() == 0 {
			return nil, inputError(fmt.Errorf("osm: %s: no street usable by %s: is it the right extract?", o.OSM+o.NetworkFile, m))
		}
		byMode[m] = g
		res.Counts.Graph[m.String()] = map[string]int{"vertices": g.NumVertices(), "edges": g.NumEdges(), "ferries": len(g.Ferries)}
		if m == graph.Bike && stats[i].DismountWays > 0 {
			res.Counts.Graph[m.String()]["pushed_ways"] = stats[i].DismountWays
		}
		if o.Graph.Season == "winter" && m == graph.Car {
			res.Counts.Graph[m.String()]["winter_speeds"] = stats[i].WinterSpeeds
		}
		if m == graph.Car {
			// Turn restrictions: counted by the build, or by saavu
			// prepare for a network file.
			turns := stats[i].TurnCounts()
			if o.Prepared != nil {
				turns = map[string]int{}
				for k, v := range o.Prepared.Header.Counts {
					if name, ok := strings.CutPrefix(k, "car_"); ok && strings.HasPrefix(name, "turn_restrictions") {
						turns[name] = v
					}
				}
			}
			switch {
			case o.Prepared == nil && o.Graph.IgnoreTurnRestrictions:
				res.Counts.Graph[m.String()]["turn_restrictions_ignored"] = len(ext.Restrictions)
			default:
				maps.Copy(res.Counts.Graph[m.String()], turns)
			}
		}
		if o.Graph.Elevation != nil && (m == graph.Walk || m == graph.Bike) {
			st := stats[i]
			res.Counts.Graph[m.String()]["slope_segments"] = st.SlopeSegments
			res.Counts.Graph[m.String()]["slope_missing"] = st.SlopeMissing
			if st.SlopeMissing > 0 {
				res.Warnings = append(res.Warnings, fmt.Sprintf("elevation: %s: %d of %d %s street segments lie on stretches partly off the raster or on nodata: they keep their flat time",
					o.ElevationFile, st.SlopeMissing, st.SlopeMissing+st.SlopeSegments, m))
			}
		}
	}
	graphs := make([]*graph.Graph, len(o.Modes)) // the graph each mode snaps to
	for i, m := range o.Modes {
		graphs[i] = byMode[streetModeOf(m)]
		if streetModeOf(m) == m {
			res.Graphs[m] = graphs[i]
		}
	}
	sw.lap("build graphs")

	// Snap cells and services onto each graph.
	cellPts := make([][2]float64, len(cells.Cell))
	for i := range cells.Cell {
		cellPts[i] = cells.lonLat(i)
	}
	svcPts := make([][2]float64, len(svcs))
	for i, s := range svcs {
		svcPts[i] = [2]float64{s.Lon, s.Lat}
	}
	cellSnaps := make([][]graph.Snap, len(o.Modes))
	svcSnaps := make([][]graph.Snap, len(o.Modes))
	linkers := make([]*graph.Linker, len(o.Modes))
	res.Counts.CellsUnsnapped = map[string]int{}
	res.Counts.ServicesUnsnapped = map[string]int{}
	snapBar := o.Progress.Stage("snap points", int64(len(o.Modes)*(len(cellPts)+len(svcPts))))
	for i, m := range o.Modes {
		if j := slices.Index(graphs[:i], graphs[i]); j >= 0 {
			cellSnaps[i], svcSnaps[i] = cellSnaps[j], svcSnaps[j] // transit and nocar share the walk snaps
			linkers[i] = linkers[j]
		} else {
			l := graph.NewLinker(graphs[i], o.MinIsland)
			linkers[i] = l
			cellSnaps[i] = snapRange(l, cellPts, lo, hi, o.MaxSnapM, o.Workers)
			svcSnaps[i] = snapAll(l, svcPts, o.MaxSnapM, o.Workers)
		}
		snapBar.Add(int64(len(cellPts) + len(svcPts)))
		res.Counts.CellsUnsnapped[m.String()] = countUnsnapped(cellSnaps[i][lo:hi])
		n := countUnsnapped(svcSnaps[i])
		res.Counts.ServicesUnsnapped[m.String()] = n
		if err := checkCoverage(o, m, hi-lo, res.Counts.CellsUnsnapped[m.String()], len(svcPts), n); err != nil {
			return nil, inputError(err)
		}
		if n > 0 && streetModeOf(m) == m {
			for k, s := range svcSnaps[i] {
				if s.Seg < 0 {
					res.Warnings = append(res.Warnings, fmt.Sprintf("service %q (%s) is farther than %.0f m from any %s street and is left out for %s", svcs[k].Name, svcs[k].Source, o.MaxSnapM, m, m))
				}
			}
		}
	}
	snapBar.Done()
	sw.lap("snap points")

	// Every mode is a source of travel times; the nearest service of each
	// category comes from one call per mode.
	srcs, err := newSources(ctx, o, res, graphs, cellSnaps, svcSnaps)
	if err != nil {
		return nil, err
	}
	res.Sources = srcs
	res.Nearest = make([][]access.Nearest, len(o.Modes))
	res.Pct = make([][][][]uint32, len(o.Modes))
	for m, src := range srcs {
		ns, err := src.Nearest(ctx)
		if err != nil {
			return nil, sourceErr(ctx, err)
		}
		res.Nearest[m] = make([]access.Nearest, len(cats))
		res.Why = append(res.Why, make([][]uint8, len(cats)))
		snapWhy := unsnappedWhy(linkers[m], cellSnaps[m], cellPts, lo, hi, o.MaxSnapM)
		for c, n := range ns {
			res.Nearest[m][c] = n.Nearest
			res.Why[m][c] = whyCodes(n.Why, snapWhy)
			if c == 0 && n.TransitWhy != nil {
				res.transitWhy = append(res.transitWhy, whyCodes(n.TransitWhy, snapWhy))
			}
			if n.Pct != nil {
				if res.Pct[m] == nil {
					res.Pct[m] = make([][][]uint32, len(cats))
				}
				res.Pct[m][c] = n.Pct
			}
		}
		if travel.Timetabled(src) {
			sw.lap("route "+src.Mode().String(), "departures", max(1, o.Transit.Window.Minutes), "cells", hi-lo)
		} else {
			sw.lap("route "+src.Mode().String(), "searches", len(cats))
		}
	}
	if err := roundTrips(ctx, o, res, srcs); err != nil {
		return nil, err
	}
	if o.Transit != nil && o.Transit.Journeys {
		res.Journeys = make([][][]ptaccess.Shape, len(srcs))
		for m, src := range srcs {
			if j, ok := src.(travel.Journeys); ok {
				if res.Journeys[m], err = j.MedianJourneys(ctx); err != nil {
					return nil, sourceErr(ctx, err)
				}
			}
		}
		sw.lap("journeys")
	}

	if o.Measures.any() || o.Measures.AllWithinMin > 0 {
		if err := computeMeasures(ctx, o, res, srcs); err != nil {
			return nil, err
		}
		sw.lap("measures")
	}

	res.Counts.Regions = len(res.Regions)
	res.Counts.Cells = len(cells.Cell)
	for _, w := range cells.Weight[0] {
		res.Counts.Population += w
	}
	res.Counts.OutsideCells, res.Counts.OutsidePopulation = cells.OutsideCells, cells.OutsidePopulation
	res.Counts.Services = len(svcs)
	if res.Shard != nil {
		return res, nil // summaries wait for saavu merge
	}
	summarise(res, o)
	sw.lap("summarise")
	return res, nil
}

// summarise computes the region statistics and gap areas from the times of
// every cell.
func summarise(res *Result, o *Options) {
	res.Warnings = append(res.Warnings, snapWarnings(res, o)...)
	res.Warnings = append(res.Warnings, longTimeWarnings(res, o)...)
	res.Warnings = append(res.Warnings, coverWarnings(res, o)...)
	cells, cats := res.Cells, res.Categories
	res.Stats = make([][][][]access.RegionStats, len(o.Modes))
	res.Gaps = make([][][]access.GapArea, len(o.Modes))
	for m := range o.Modes {
		res.Stats[m] = make([][][]access.RegionStats, len(cats))
		res.Gaps[m] = make([][]access.GapArea, len(cats))
		for c := range cats {
			times := res.Nearest[m][c].TimeMs
			res.Stats[m][c] = make([][]access.RegionStats, len(cells.Groups))
			for g := range cells.Groups {
				res.Stats[m][c][g] = access.Summarise(times, cells.Weight[g], cells.Region, len(res.Regions), o.ThresholdsMin)
			}
			if cells.Points == nil { // gap areas are made of grid cells
				res.Gaps[m][c] = access.GapAreas(cells.Cell, times, cells.Weight[0], cells.Region, o.GapMin)
			}
		}
	}
}

// unsnappedWhy tells, for the cells lo..hi-1 that l did not snap, whether
// an island's street lies within maxSnap (only small cut-off pieces are
// near) or no street does.
func unsnappedWhy(l *graph.Linker, snaps []graph.Snap, pts [][2]float64, lo, hi int, maxSnap float64) []travel.Why {
	out := make([]travel.Why, len(snaps))
	for i := lo; i < hi; i++ {
		if snaps[i].Seg >= 0 {
			continue
		}
		out[i] = travel.BeyondSnap
		if l.NearIsland(pts[i][0], pts[i][1], maxSnap) {
			out[i] = travel.Island
		}
	}
	return out
}

// whyCodes joins a source's reasons with the snapping ones.
func whyCodes(src, snap []travel.Why) []uint8 {
	out := make([]uint8, len(snap))
	for i := range out {
		w := snap[i]
		if w == travel.Reached && i < len(src) {
			w = src[i]
		}
		out[i] = uint8(w)
	}
	return out
}

// SnapWarnShare is the share of a region's population beyond --max-snap
// of a mode's streets, or only near their small cut-off pieces, from
// which a warning is given.
const SnapWarnShare = 0.01

// snapWarnings warns, per street graph and region, of the population that
// no street of the graph attaches (a reason beyond_snap or island): it
// counts as unreachable, which the regional figures alone do not say.
func snapWarnings(res *Result, o *Options) []string {
	var out []string
	for m, mode := range o.Modes {
		g := streetModeOf(mode)
		if slices.ContainsFunc(o.Modes[:m], func(x graph.Mode) bool { return streetModeOf(x) == g }) || m >= len(res.Why) || len(res.Why[m]) == 0 {
			continue // a graph seen already
		}
		// The modes this graph's snapping serves: walk, transit, nocar.
		var names []string
		for _, x := range o.Modes[m:] {
			if streetModeOf(x) == g {
				names = append(names, x.String())
			}
		}
		why := res.Why[m][0] // the snapping reasons are the same for every category
		total := make([]float64, len(res.Regions))
		far := make([]float64, len(res.Regions))
		for i, w := range res.Cells.Weight[0] {
			r := res.Cells.Region[i]
			total[r] += w
			if x := travel.Why(why[i]); x == travel.BeyondSnap || x == travel.Island {
				far[r] += w
			}
		}
		for r, reg := range res.Regions {
			if total[r] > 0 && far[r]/total[r] >= SnapWarnShare {
				out = append(out, fmt.Sprintf("%s: %.1f%% of the population of %s (%.0f of %.0f) is farther than --max-snap (%g m) from any %s street, or near only small cut-off pieces of street: it counts as unreachable",
					strings.Join(names, ", "), 100*far[r]/total[r], reg.Name, far[r], total[r], o.MaxSnapM, g))
			}
		}
	}
	return out
}

// UncoveredShare is the share of a region's population without a stop
// (or a departure) within reach from which the feeds are said not to
// cover the region.
const UncoveredShare = 0.99

// coverWarnings warns, per region, where public transport reaches almost
// no one because no stop with departures lies within the walk limit of
// its people: the feeds do not cover the region, or not in the window.
// Rural regions where many have no stop are not warned of; only where
// (nearly) everyone has none. It reads the transit mode's reasons, or
// with nocar alone the reasons of nocar's transit part (nocar itself
// reaches everyone who can walk).
func coverWarnings(res *Result, o *Options) []string {
	var why []uint8
	for m, mode := range res.Modes {
		if mode == graph.Transit && m < len(res.Why) && len(res.Why[m]) > 0 {
			why = res.Why[m][0] // no stop, no trip: the same for every category
			break
		}
	}
	if why == nil && len(res.transitWhy) > 0 {
		why = res.transitWhy[0]
	}
	if why == nil {
		return nil
	}
	total := make([]float64, len(res.Regions))
	none := make([]float64, len(res.Regions))
	for i, w := range res.Cells.Weight[0] {
		r := res.Cells.Region[i]
		if r < 0 {
			continue
		}
		total[r] += w
		if x := travel.Why(why[i]); x == travel.NoStop || x == travel.NoTrip {
			none[r] += w
		}
	}
	var out []string
	for r, reg := range res.Regions {
		if total[r] > 0 && none[r]/total[r] >= UncoveredShare {
			out = append(out, fmt.Sprintf("transit: %.1f%% of the population of %s has no stop with departures in the window within the walk limit: do the feeds cover %s, and do vehicles run on --date in the window?",
				100*none[r]/total[r], reg.Name, reg.Name))
		}
	}
	return out
}

// LongTripMin is the time to a nearest service beyond which a warning is
// given: six hours, longer than anyone travels to an office and a sign of
// a missing --max-time or of a network that does not join up.
const LongTripMin = 360

// longTimeWarnings warns, per mode and category, of the population whose
// nearest service is more than LongTripMin away. Where public transport is
// among the modes it says that transit and nocar already count trips of
// their limit or more as unreachable: without that a planner sees walking
// reach everyone and "without a car" leave people out.
func longTimeWarnings(res *Result, o *Options) []string {
	limited := ""
	if o.Transit != nil {
		var names []string
		for _, m := range res.Modes {
			if timetabled(m) {
				names = append(names, m.String())
			}
		}
		if len(names) > 0 {
			limited = fmt.Sprintf(" (%s count trips of %g min or more as unreachable)",
				strings.Join(names, " and "), o.Transit.Network.MaxTime.Minutes())
		}
	}
	var out []string
	for m, mode := range res.Modes {
		for c, cat := range res.Categories {
			var pop float64
			var longest uint32
			for i, t := range res.Nearest[m][c].TimeMs {
				if t != Unreachable && t > LongTripMin*60000 {
					pop += res.Cells.Weight[0][i]
					longest = max(longest, t)
				}
			}
			if longest > 0 {
				out = append(out, fmt.Sprintf("%s to %s: %.0f people are more than %d hours from the nearest service, up to %.1f hours: set --max-time to count such trips as unreachable%s",
					mode, cat, pop, LongTripMin/60, float64(longest)/3.6e6, limited))
			}
		}
	}
	return out
}

// closeFerries rebuilds the graphs without the ferries the scenario closes.
func closeFerries(o *Options, ext *osm.Extract, modes []graph.Mode, built []*graph.Graph) error {
	if ext == nil {
		return errors.New("scenario: closing ferries needs the OSM extract (--osm): a network file holds built graphs")
	}
	var ferries []graph.Ferry
	for _, g := range built {
		ferries = append(ferries, g.Ferries...)
	}
	closed, err := scenario.ClosedFerries(o.Scenario, ferries)
	if err != nil {
		return err
	}
	p := o.Graph
	p.ClosedFerries = map[int64]bool{}
	for id := range o.Graph.ClosedFerries {
		p.ClosedFerries[id] = true
	}
	for id := range closed {
		p.ClosedFerries[id] = true
	}
	o.Graph = p
	for i, m := range modes {
		g, _, err := graph.Build(ext, m, p)
		if err != nil {
			return err
		}
		built[i] = g
	}
	return nil
}

func (o *Options) validate() error {
	if o.OSM == "" && o.Prepared == nil {
		return errors.New("--osm FILE (an OpenStreetMap extract, .osm.pbf or .osm) or --network FILE (made by saavu prepare) is required")
	}
	if o.CellSize != 250 && o.CellSize != 1000 {
		return fmt.Errorf("--cell-size %d: use 250 or 1000 (metres)", o.CellSize)
	}
	if len(o.Modes) == 0 {
		return errors.New("--modes: give at least one of walk, bike, car")
	}
	if o.MaxSnapM <= 0 {
		return fmt.Errorf("--max-snap %g: must be > 0 metres", o.MaxSnapM)
	}
	if len(o.ThresholdsMin) == 0 {
		return errors.New("--thresholds: give at least one threshold in minutes")
	}
	for i, t := range o.ThresholdsMin {
		if !(t > 0) || (i > 0 && t <= o.ThresholdsMin[i-1]) {
			return fmt.Errorf("--thresholds: %v: thresholds must be positive and increasing", o.ThresholdsMin)
		}
	}
	if !(o.GapMin > 0) {
		return fmt.Errorf("--gap %g: must be > 0 minutes", o.GapMin)
	}
	if o.MaxTimeMin < 0 {
		return fmt.Errorf("--max-time %g: must be >= 0 minutes (0 = no limit)", o.MaxTimeMin)
	}
	if o.Out == "" {
		return errors.New("--out DIR is required")
	}
	if o.ShardCount < 0 || (o.ShardCount > 0 && (o.ShardIndex < 0 || o.ShardIndex >= o.ShardCount)) {
		return fmt.Errorf("--shard-index %d --shard-count %d: the index must be 0..count-1", o.ShardIndex, o.ShardCount)
	}
	if o.Measures.NthNearest == 0 {
		o.Measures.NthNearest = 1
	}
	if err := o.Measures.validate(); err != nil {
		return err
	}
	return nil
}

func groupNames(gs []Group) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Name
	}
	return out
}

func assignRegions(c *Cells, regions []Region) {
	polys := make([]orb.MultiPolygon, len(regions))
	for i, r := range regions {
		polys[i] = r.Geom
	}
	idx := geo.NewPolygonIndex(polys)
	region := make([]int32, 0, len(c.Cell))
	keep := 0
	for i, cell := range c.Cell {
		r := idx.Locate(c.loc(i))
		if r < 0 {
			c.OutsideCells++
			c.OutsidePopulation += c.Weight[0][i]
			continue
		}
		c.Cell[keep] = cell
		if c.Points != nil {
			c.Points[keep], c.IDs[keep] = c.Points[i], c.IDs[i]
		}
		for g := range c.Weight {
			c.Weight[g][keep] = c.Weight[g][i]
		}
		region = append(region, int32(r))
		keep++
	}
	c.Cell = c.Cell[:keep]
	if c.Points != nil {
		c.Points, c.IDs = c.Points[:keep], c.IDs[:keep]
	}
	for g := range c.Weight {
		c.Weight[g] = c.Weight[g][:keep]
	}
	c.Region = region
}

func regionsLonLatBound(rs []Region) orb.Bound {
	var b orb.Bound
	for i, r := range rs {
		rb := geo.UnprojectTM35(r.Geom).Bound()
		if i == 0 {
			b = rb
		} else {
			b = b.Union(rb)
		}
	}
	return b
}

// cellsBound is the EPSG:3067 rectangle around the cells, as a region.
func cellsBound(cs []geo.Cell) orb.MultiPolygon {
	b := orb.Bound{Min: cs[0].Polygon()[0][0], Max: cs[0].Polygon()[0][0]}
	for _, c := range cs {
		b = b.Union(c.Polygon().Bound())
	}
	return orb.MultiPolygon{b.ToPolygon()}
}

// snapAll attaches points to l's graph; a point farther than maxSnap
// from every street outside the graph's islands gets Seg -1.
func snapAll(l *graph.Linker, pts [][2]float64, maxSnap float64, workers int) []graph.Snap {
	out, ok := l.SnapAll(pts, maxSnap, workers)
	for i := range out {
		if !ok[i] {
			out[i] = graph.Snap{Seg: -1}
		}
	}
	return out
}

// checkCoverage fails a run whose every cell, or every service, is beyond
// snapping distance of the streets of a mode: the extract does not cover
// the inputs (a wrong extract, or inputs somewhere else), and every result
// would be "unreachable".
func checkCoverage(o *Options, m graph.Mode, cells, cellsFar, svcs, svcsFar int) error {
	var what string
	switch {
	case cells > 0 && cellsFar == cells:
		what = fmt.Sprintf("no populated cell (of %d)", cells)
		switch {
		case o.Population != "":
			what += " of " + o.Population
		case o.Regions != "":
			what += " of the regions in " + o.Regions
		}
	case svcs > 0 && svcsFar == svcs:
		what = fmt.Sprintf("no service (of %d)", svcs)
		if o.Services != "" {
			what += " of " + o.Services
		}
	default:
		return nil
	}
	return fmt.Errorf("osm: %s: %s is within %g m (--max-snap) of a street usable by %s: the extract does not cover them; is it the right extract, and are the coordinates lon/lat?",
		o.OSM, what, o.MaxSnapM, m)
}

// snapRange snaps the points lo..hi-1; the others are left unsnapped
// (Seg -1), so that every search skips them.
func snapRange(l *graph.Linker, pts [][2]float64, lo, hi int, maxSnap float64, workers int) []graph.Snap {
	out := make([]graph.Snap, len(pts))
	for i := range out {
		out[i].Seg = -1
	}
	copy(out[lo:hi], snapAll(l, pts[lo:hi], maxSnap, workers))
	return out
}

func countUnsnapped(ss []graph.Snap) int {
	n := 0
	for _, s := range ss {
		if s.Seg < 0 {
			n++
		}
	}
	return n
}

// runParallel calls f(0..n-1) on up to workers goroutines. Each index is
// handled exactly once; results must go to index-owned slots, so the
// outcome does not depend on the worker count.
func runParallel(n, workers int, f func(i int)) {
	if workers <= 1 || n <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var next atomic.Int64
	take := func() int { return int(next.Add(1) - 1) }
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Go(func() {
			for i := take(); i < n; i = take() {
				f(i)
			}
		})
	}
	wg.Wait()
}
