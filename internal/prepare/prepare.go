package prepare

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/links"
	"github.com/saavu/saavu/data/netfile"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/transit"
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

// Summary tells what a preparation kept and how long it took.
type Summary struct {
	Ways, Nodes, NodesInside, WaysOutside int // OSM ways and nodes kept; nodes inside the area; ways dropped
	Vertices, Edges                       map[graph.Mode]int
	// Turns are the car graph's turn restriction counts
	// (graph.Stats.TurnCounts), or "turn_restrictions_ignored".
	Turns              map[string]int
	POIs               int
	Transit            TransitCounts
	FileBytes          int64         // size of the file written (Run)
	Read, Build, Write time.Duration // reading inputs, building graphs, writing the file
	Total              time.Duration
}

// Run prepares the network of Options and writes it to o.Out.
func Run(ctx context.Context, o *Options) (*Summary, error) {
	start := time.Now()
	if o.Out == "" {
		return nil, inputError(errors.New("no output file given"))
	}
	n, sum, err := Build(ctx, o)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t := time.Now()
	if err := netfile.Write(o.Out, n); err != nil {
		return nil, err
	}
	sum.Write = time.Since(t)
	if fi, err := os.Stat(o.Out); err == nil {
		sum.FileBytes = fi.Size()
	}
	sum.Total = time.Since(start)
	o.log().Info("network written", "file", o.Out, "bytes", sum.FileBytes, "seconds", fmt.Sprintf("%.3f", sum.Write.Seconds()))
	return sum, nil
}

func (o *Options) log() *slog.Logger {
	if o.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.Log
}

// check validates the options and returns the modes to build: the ones
// asked for, with walk added when there are feeds (public transport
// walks to and from stops on the walk graph).
func (o *Options) check() ([]graph.Mode, error) {
	switch {
	case o.OSM == "":
		return nil, errors.New("no OpenStreetMap extract given")
	case o.Regions == "":
		return nil, errors.New("no regions given: the network is clipped to the regions plus the buffer")
	case !(o.BufferKm >= 0) || o.BufferKm > 1000:
		return nil, fmt.Errorf("buffer %g km: want 0 to 1000", o.BufferKm)
	case len(o.Modes) == 0:
		return nil, errors.New("no mode given: use walk, bike and/or car")
	}
	var modes []graph.Mode
	for _, m := range o.Modes {
		switch m {
		case graph.Walk, graph.Bike, graph.Car:
		case graph.Transit, graph.NoCar:
			if len(o.Feeds) == 0 && len(o.Links) == 0 {
				return nil, fmt.Errorf("mode %s needs a GTFS feed or a sketch links file", m)
			}
			m = graph.Walk
		default:
			return nil, fmt.Errorf("mode %s has no street graph", m)
		}
		if !slices.Contains(modes, m) {
			modes = append(modes, m)
		}
	}
	if (len(o.Feeds) > 0 || len(o.Links) > 0) && !slices.Contains(modes, graph.Walk) {
		modes = append(modes, graph.Walk)
	}
	slices.Sort(modes)
	seen := map[string]string{}
	for _, s := range append(slices.Clone(o.Feeds), o.Links...) {
		if prev, dup := seen[s.Name]; dup {
			return nil, fmt.Errorf("%s and %s share the id prefix %q: give each its own name", prev, s.Path, s.Name)
		}
		seen[s.Name] = s.Path
	}
	return modes, nil
}

// Build reads the inputs, clips them to the regions plus the buffer and
// builds the network.
func Build(ctx context.Context, o *Options) (*netfile.Network, *Summary, error) {
	start := time.Now()
	log := o.log()
	modes, err := o.check()
	if err != nil {
		return nil, nil, inputError(err)
	}
	params := o.Graph
	if params.WalkSpeed == 0 && params.CarSpeedKmh == nil {
		params = graph.DefaultParams()
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	regions, err := ReadRegions(o.Regions, o.CRS)
	if err != nil {
		return nil, nil, inputError(err)
	}
	area, err := regions.Area(o.BufferKm)
	if err != nil {
		return nil, nil, inputError(fmt.Errorf("regions: %s: %w", o.Regions, err))
	}

	// Digests of the inputs, alongside the reading.
	type job struct{ role, name, path string }
	jobs := []job{{"osm", "", o.OSM}, {"regions", "", o.Regions}}
	for _, f := range o.Feeds {
		jobs = append(jobs, job{"gtfs", f.Name, f.Path})
	}
	for _, l := range o.Links {
		jobs = append(jobs, job{"links", l.Name, l.Path})
	}
	if o.ElevationFile != "" {
		jobs = append(jobs, job{"elevation", "", o.ElevationFile})
	}
	inputs := make([]netfile.Input, len(jobs))
	hashErrs := make([]error, len(jobs))
	var hashing sync.WaitGroup
	hashCtx, cancelHash := context.WithCancel(ctx)
	defer hashing.Wait() // on an early return: after the cancel below
	defer cancelHash()
	hashing.Go(func() {
		for i, j := range jobs {
			inputs[i], hashErrs[i] = hashInput(hashCtx, j.role, j.name, j.path)
		}
	})

	ll := area.LonLat
	clip := &osm.Clip{Box: osm.Bounds{MinLon: ll[0], MinLat: ll[1], MaxLon: ll[2], MaxLat: ll[3]}, Inside: area.Contains}
	ext, err := osm.Read(ctx, o.OSM, osm.Options{Workers: workers, Clip: clip})
	if err != nil {
		return nil, nil, inputError(err)
	}
	sum := &Summary{Ways: len(ext.Ways), Nodes: len(ext.NodeIDs), NodesInside: ext.Counts.NodesInside,
		WaysOutside: ext.Counts.WaysOutside, POIs: len(ext.POIs),
		Vertices: map[graph.Mode]int{}, Edges: map[graph.Mode]int{}}
	log.Info("read osm", "ways", sum.Ways, "nodes", sum.Nodes, "outside", sum.WaysOutside, "pois", sum.POIs,
		"seconds", fmt.Sprintf("%.3f", time.Since(start).Seconds()))
	if len(ext.Ways) == 0 {
		return nil, nil, inputError(fmt.Errorf("osm: %s: no street reaches into the regions of %s plus %g km: do the extract and the regions cover the same area?",
			o.OSM, o.Regions, o.BufferKm))
	}

	tt, tc, err := o.timetable(ctx, area.Contains, log)
	if err != nil {
		return nil, nil, err
	}
	sum.Transit = tc
	sum.Read = time.Since(start)

	t := time.Now()
	n := &netfile.Network{Graphs: map[graph.Mode]*graph.Graph{}, Timetable: tt, POIs: ext.POIs}
	built := make([]*graph.Graph, len(modes))
	stats := make([]graph.Stats, len(modes))
	errs := make([]error, len(modes))
	// The access table is chosen once, from the area kept, and recorded.
	params.Access = graph.ResolveAccess(params.Access, ext)
	log.Info("street access rules", "table", graph.AccessName(params.Access))
	var wg sync.WaitGroup
	for i, m := range modes {
		wg.Go(func() { built[i], stats[i], errs[i] = graph.Build(ext, m, params) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, inputError(err)
	}
	for i, m := range modes {
		g := built[i]
		if g.NumVertices() == 0 {
			return nil, nil, inputError(fmt.Errorf("osm: %s: no street usable by %s in the area", o.OSM, m))
		}
		n.Graphs[m] = g
		sum.Vertices[m], sum.Edges[m] = g.NumVertices(), g.NumEdges()
		if m == graph.Car {
			sum.Turns = stats[i].TurnCounts()
			if params.IgnoreTurnRestrictions {
				sum.Turns = map[string]int{"turn_restrictions_ignored": len(ext.Restrictions)}
			}
		}
	}
	sum.Build = time.Since(t)
	log.Info("built graphs", "seconds", fmt.Sprintf("%.3f", sum.Build.Seconds()))

	hashing.Wait()
	if err := errors.Join(hashErrs...); err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		return nil, nil, fmt.Errorf("digest of the inputs: %w", err)
	}
	eb := ext.Bounds
	n.Header = netfile.Header{
		SaavuVersion:  o.Version,
		Inputs:        inputs,
		Params:        netfile.ParamsOf(params, modes, o.BufferKm),
		Area:          area,
		Regions:       regions.Bounds,
		RegionsLonLat: regions.LonLat,
		Bounds:        netfile.Box{eb.MinLon, eb.MinLat, eb.MaxLon, eb.MaxLat},
		Counts:        sum.counts(),
	}
	sum.Total = time.Since(start)
	return n, sum, nil
}

// timetable loads the feeds and sketch lines, compiles and clips them;
// nil without any.
func (o *Options) timetable(ctx context.Context, inside func(lon, lat float64) bool, log *slog.Logger) (*transit.Timetable, TransitCounts, error) {
	if len(o.Feeds) == 0 && len(o.Links) == 0 {
		return nil, TransitCounts{}, nil
	}
	var feeds []*gtfs.Feed
	for _, s := range o.Feeds {
		f, err := gtfs.Load(ctx, s.Path, gtfs.Options{Prefix: s.Name})
		if err != nil {
			if ctx.Err() != nil {
				return nil, TransitCounts{}, ctx.Err()
			}
			return nil, TransitCounts{}, inputError(err)
		}
		if f.Report.Warnings > 0 {
			log.Warn("feed has warnings", "feed", s.Name, "warnings", f.Report.Warnings, "hint", "saavu validate --gtfs "+s.Path)
		}
		feeds = append(feeds, f)
	}
	var sketches []transit.Sketch
	for _, s := range o.Links {
		lf, err := links.Load(s.Path)
		if err != nil {
			return nil, TransitCounts{}, inputError(err)
		}
		sketches = append(sketches, transit.Sketch{Prefix: s.Name, File: lf})
	}
	full, err := transit.Compile(feeds, sketches)
	if err != nil {
		return nil, TransitCounts{}, inputError(err)
	}
	tt, c := ClipTimetable(full, inside)
	log.Info("clipped timetable", "stops", c.StopsKept, "stops_in_feeds", c.Stops, "trips", c.TripsKept, "trips_in_feeds", c.Trips, "trips_cut", c.TripsCut)
	if c.Trips > 0 && c.TripsKept == 0 {
		log.Warn("no trip of the feeds stops twice inside the area: do the feeds cover the regions?")
	}
	return tt, c, nil
}

// counts are the header's counts.
func (s *Summary) counts() map[string]int {
	c := map[string]int{"osm_ways": s.Ways, "osm_nodes": s.Nodes, "osm_nodes_inside": s.NodesInside,
		"osm_ways_outside": s.WaysOutside, "pois": s.POIs}
	for m, v := range s.Vertices {
		c[m.String()+"_vertices"] = v
		c[m.String()+"_edges"] = s.Edges[m]
	}
	for k, v := range s.Turns {
		c["car_"+k] = v
	}
	if t := s.Transit; t.Trips > 0 || t.Stops > 0 {
		c["stops"], c["stops_in_feeds"] = t.StopsKept, t.Stops
		c["trips"], c["trips_in_feeds"], c["trips_cut"] = t.TripsKept, t.Trips, t.TripsCut
		c["routes"], c["patterns"], c["stop_times"] = t.RoutesKept, t.Patterns, t.StopTimesKept
	}
	return c
}
