package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/saavu/saavu/data/geotiff"
	"github.com/saavu/saavu/data/netfile"
	sfile "github.com/saavu/saavu/data/scenario"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/analyse"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/progress"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/scenario"
	"github.com/saavu/saavu/internal/transit"
	"github.com/spf13/pflag"
)

func analyseCommand() command {
	c := command{
		name:    "analyse",
		summary: "travel times from every populated cell to the nearest service of each category, and gaps per region",
		usage:   "--osm FILE --out DIR [--regions FILE] [--population FILE] (--services FILE | --services-osm KEY=VALUE) [flags]",
		example: `saavu analyse --osm roads.osm.pbf --regions municipalities.geojson --group-by seutukunta \
  --region-name seutukunta_name_fi --population grid_1km.geojson --services services.csv \
  --modes walk,car --thresholds 10,20,30,45,60 --out results/`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, lf := flagSet(c, env)
		o := &analyse.Options{}
		sf := registerStreetFlags(fs, []string{"walk", "bike", "car"})
		registerAnalyseFlags(fs, o)
		// Transit flags; --max-time is the analyse one, shared.
		tfs := pflag.NewFlagSet("transit", pflag.ContinueOnError)
		tf := registerTransitFlags(tfs)
		var window int
		var percentiles []int
		tfs.IntVar(&window, "window", defaultWindowMin, "transit: departure window in minutes, one departure a minute from --depart")
		tfs.IntSliceVar(&percentiles, "percentiles", []int{50}, "transit, nocar: travel-time percentiles over the window, 1..100 (summaries and measures use --measure-percentile)")
		var mainPct int
		tfs.IntVar(&mainPct, "measure-percentile", 0, "transit, nocar: the one of --percentiles that summaries, gap areas and measures use (default: 50 when given, else the first)")
		mf := registerMeasureFlags(fs, o)
		var roundTrips bool
		var earliest, latest string
		var dwell float64
		var journeys, strict bool
		fs.BoolVar(&strict, "strict", false, strictHelp)
		tfs.BoolVar(&journeys, "journeys", false, "transit, nocar: per cell and category the shape of the median journey to the nearest service: rides and minutes walked, waited and in vehicles")
		tfs.BoolVar(&roundTrips, "round-trips", false, "transit: check same-day round trips to each category within the services' opening hours")
		tfs.StringVar(&earliest, "earliest", "06:00", "round trips: leave home no earlier than HH:MM")
		tfs.StringVar(&latest, "latest", "20:00", "round trips: be home by HH:MM")
		tfs.Float64Var(&dwell, "dwell", 60, "round trips: minutes to spend at the service while it is open")
		var scenarioFile string
		fs.StringVar(&scenarioFile, "scenario", "", "scenario JSON applied before the run: services added, removed or moved, sketch lines added, routes scaled, ferries closed")
		var osmRules, groups []string
		fs.StringSliceVar(&osmRules, "services-osm", nil, "services from OSM points of interest: KEY=VALUE[:CATEGORY],... e.g. amenity=pharmacy,amenity=doctors")
		fs.StringSliceVar(&groups, "groups", nil, "population groups reported beside the total: NAME=FIELD,... e.g. young=age_15_24,old=age_65_plus")
		fs.AddFlagSet(tfs)
		lf.register(fs)
		if err := parse(fs, args); err != nil {
			return err
		}
		if err := checkOutCRS(&o.OutCRS); err != nil {
			return err
		}
		o.Progress = newProgress(env, lf)
		log, err := lf.logger(o.Progress.Wrap(env.Stderr))
		if err != nil {
			return err
		}
		if o.Graph, o.Modes, err = sf.params(); err != nil {
			return err
		}
		o.OSM, o.MaxSnapM, o.MinIsland = sf.osm, sf.maxSnap, sf.minIsland
		if scenarioFile != "" {
			sc, err := sfile.Load(scenarioFile)
			if err != nil {
				return inputErr(err, "")
			}
			o.Scenario, o.ScenarioFile, o.ScenarioName = sc, scenarioFile, sc.Name
			for _, f := range scenario.Sketches(sc) {
				tf.extraSketches = append(tf.extraSketches, transit.Sketch{Prefix: "scenario", File: f})
			}
			tf.scaleRoutes = scenario.ScaleRoutes(sc)
		}
		var prepared *transit.Timetable
		o.ElevationFile = sf.elevation
		if o.NetworkFile != "" {
			if o.OSM != "" {
				return usagef("analyse: give --osm or --network, not both")
			}
			if err := sf.checkNetwork(fs, "analyse"); err != nil {
				return err
			}
			// The snapping index is built when points are first
			// snapped (graph.NewLinker), as for graphs built from OSM.
			nf, err := netfile.ReadWith(o.NetworkFile, netfile.ReadOptions{NoSnapIndex: true})
			if err != nil {
				return inputErr(err, "")
			}
			o.Prepared, prepared = nf, nf.Timetable
			log.Info("network file read", "file", o.NetworkFile, "modes", modeNames(nf.Modes()), "saavu", nf.Header.SaavuVersion)
		}
		if wantsTimetable(o.Modes) {
			if o.MaxTimeMin > 0 {
				tf.maxTime = o.MaxTimeMin
			}
			if o.Transit, err = transitOptions(ctx, tf, window, percentiles, o.Workers, log, prepared); err != nil {
				return err
			}
			o.Transit.Network.MinIsland = networkMinIsland(sf.minIsland)
			o.Transit.Journeys = journeys
			if mainPct != 0 {
				if !slices.Contains(percentiles, mainPct) {
					return usagef("--measure-percentile %d: not one of --percentiles %v", mainPct, percentiles)
				}
				o.Transit.Main = mainPct
			}
			if roundTrips {
				e, err1 := parseClock("--earliest", earliest)
				l, err2 := parseClock("--latest", latest)
				if err := errors.Join(err1, err2); err != nil {
					return err
				}
				if !(dwell > 0) || dwell > 24*60 || e >= l {
					return usagef("round trips: need --earliest before --latest and a --dwell between 0 and 1440 minutes")
				}
				o.Transit.RoundTrips = &ptaccess.RoundTripParams{Earliest: e, Latest: l, Dwell: transit.Seconds(dwell * 60)}
			}
		} else if roundTrips {
			return usagef("analyse: --round-trips needs transit or nocar in --modes")
		} else if len(tf.gtfs) > 0 || len(tf.links) > 0 {
			return usagef("analyse: --gtfs/--links given but --modes has no transit: add transit or nocar to --modes")
		}
		if err := mf.apply(&o.Measures); err != nil {
			return err
		}
		if err := checkBasemap(o.BasemapURL); err != nil {
			return err
		}
		if o.ServicesOSM, err = analyse.ParseOSMRules(osmRules); err != nil {
			return inputErr(err, "")
		}
		if o.Groups, err = parseGroups(groups); err != nil {
			return err
		}
		o.Log, o.Version, o.Args = log, version(), args
		if err := shardFromEnv(fs, env, o); err != nil {
			return err
		}
		res, err := analyse.Compute(ctx, o)
		if err != nil {
			return classify(err)
		}
		if err := ctx.Err(); err != nil {
			return err // interrupted after the last stage: write nothing
		}
		logWarnings(log, res.Warnings)
		if err := strictError(strict, res.Warnings); err != nil {
			return err
		}
		if res.Shard != nil {
			if err := analyse.WritePart(res, o); err != nil {
				return classify(err)
			}
			fmt.Fprintf(lf.summaries(env).Stdout, "Shard %d of %d: cells %d..%d of %d written to %s\n", res.Shard.Index, res.Shard.Count,
				res.Shard.Lo, res.Shard.Hi-1, len(res.Cells.Cell), filepath.Join(o.Out, analyse.PartName(res.Shard.Index, res.Shard.Count)))
			return nil
		}
		if err := analyse.Write(res, o); err != nil {
			return classify(err)
		}
		printAnalyseSummary(lf.summaries(env), res, o)
		return nil
	}
	return c
}

func registerAnalyseFlags(fs *pflag.FlagSet, o *analyse.Options) {
	fs.StringVar(&o.NetworkFile, "network", "", "network file made by 'saavu prepare' (street graphs, timetable, points of interest) instead of --osm and --gtfs")
	fs.StringVar(&o.Regions, "regions", "", "region polygons: GeoJSON, GeoPackage (FILE.gpkg[:LAYER]) or Shapefile (.shp or .zip), WGS84 or EPSG:3067; without it the whole grid is one region")
	fs.StringVar(&o.RegionID, "region-id", "", "property holding the region id (default: detected: id, code, kunta, ...)")
	fs.StringVar(&o.RegionName, "region-name", "", "property holding the region name (default: detected: name, nimi, ...)")
	fs.StringVar(&o.GroupBy, "group-by", "", "dissolve region features sharing this property into one region, e.g. seutukunta")
	fs.StringVar(&o.CRS, "crs", "", "CRS of geometry inputs that do not declare one: EPSG:3067 or EPSG:4326 (default: declared, else told from the coordinates)")
	fs.StringVar(&o.Population, "population", "", "population: grid cells, points or areas as GeoJSON, GeoPackage or Shapefile (Statistics Finland's grid as published), or CSV lon,lat,population (default: every cell weighs 1)")
	fs.StringVar(&o.Origins, "origins", "", "origins as a point set instead of --population: CSV id,lon,lat plus weight columns, or GeoJSON, GeoPackage or Shapefile points with weight properties (e.g. firms and their employees); each point is its own origin")
	fs.StringVar(&o.OriginWeight, "origin-weight", "", "weight column of --origins (default: every point weighs 1)")
	fs.StringVar(&o.PopulationField, "population-field", "", "property or column with the population (default: detected: population, vaesto, ...)")
	fs.StringVar(&o.PopulationKind, "population-kind", "auto", "how to read population features: auto, cells, areas (spread by area), points")
	fs.Int32Var(&o.CellSize, "cell-size", 1000, "grid cell size in metres: 250 or 1000 (EPSG:3067 grid)")
	fs.Float64SliceVar(&o.GridBounds, "grid-bbox", nil, "grid box without population: MINLON,MINLAT,MAXLON,MAXLAT (default: regions, else the OSM extract)")
	fs.StringVar(&o.Services, "services", "", "service points: CSV name,category,lon,lat[,capacity], or GeoJSON, GeoPackage or Shapefile points with name and category properties")
	fs.StringSliceVar(&o.Categories, "categories", nil, "service categories to analyse (default: all; after --category-map)")
	registerCategoryMap(fs, o)
	fs.Float64SliceVar(&o.ThresholdsMin, "thresholds", analyse.DefaultThresholds, "time thresholds in minutes")
	fs.Float64Var(&o.GapMin, "gap", 30, "cells farther than this many minutes from a service form gap areas")
	fs.Float64Var(&o.MaxTimeMin, "max-time", 0, "stop searching beyond this many minutes; farther cells count as unreachable (0 = no limit)")
	fs.StringVar(&o.Out, "out", "", "output directory (created if needed; files are replaced only when the whole run succeeds)")
	registerOutCRS(fs, &o.OutCRS)
	fs.IntVar(&o.Workers, "workers", runtime.GOMAXPROCS(0), "parallel workers")
	fs.IntVar(&o.ShardIndex, "shard-index", 0, "compute only this shard of the cells (0-based); default from JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm)")
	fs.IntVar(&o.ShardCount, "shard-count", 0, "split the cells into this many shards, each writing a part for 'saavu merge' (0 = no sharding)")
	fs.StringVar(&o.Title, "title", "", "title of report.html (default: \"Access to services\")")
	fs.StringVar(&o.BasemapURL, "basemap", "", "tile URL template for the report's background map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (default: none, the report works offline)")
	fs.StringVar(&o.BasemapAttribution, "basemap-attribution", "", "attribution shown for --basemap tiles")
}

// shardFromEnv takes the shard index from the scheduler when
// --shard-count is given without --shard-index.
func shardFromEnv(fs *pflag.FlagSet, env *Env, o *analyse.Options) error {
	if o.ShardCount <= 0 || fs.Changed("shard-index") {
		return nil
	}
	i, err := schedulerShardIndex(env, o.ShardCount)
	o.ShardIndex = i
	return err
}

// schedulerShardIndex reads the shard index that a Kubernetes Indexed Job
// (JOB_COMPLETION_INDEX) or a Slurm array (SLURM_ARRAY_TASK_ID) gives
// this process, for a run split into count shards.
func schedulerShardIndex(env *Env, count int) (int, error) {
	for _, name := range []string{"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"} {
		v := env.Getenv(name)
		if v == "" {
			continue
		}
		i, err := strconv.Atoi(v)
		if err != nil {
			return 0, usagef("%s=%q is not a shard index", name, v)
		}
		return i, nil
	}
	return 0, usagef("--shard-count %d without --shard-index, JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID: which shard is this?", count)
}

// newProgress draws progress lines when stderr is a terminal and the
// command is not quiet.
func newProgress(env *Env, lf *logFlags) *progress.P {
	f, ok := env.Stderr.(*os.File)
	return progress.New(env.Stderr, ok && !lf.quiet && progress.IsTerminal(f))
}

// measureFlags are the flags of the measures beyond the nearest service.
type measureFlags struct {
	fca, zones, gravity string
	catchment           float64
}

func registerMeasureFlags(fs *pflag.FlagSet, o *analyse.Options) *measureFlags {
	mf := &measureFlags{}
	m := &o.Measures
	fs.IntVar(&m.NthNearest, "nth", 1, "also report the time to the 2nd (and 3rd) nearest service: 1, 2 or 3")
	fs.Float64SliceVar(&m.CumulativeMin, "cumulative", nil, "cumulative opportunities: services within each cut-off, minutes, e.g. 15,30")
	fs.BoolVar(&m.CumulativeCapacity, "cumulative-capacity", false, "sum service capacity instead of counting services in --cumulative")
	fs.StringVar(&mf.fca, "fca", "", "two-step floating catchment area with this decay: step (2SFCA), linear, gaussian, zones (enhanced 2SFCA)")
	fs.Float64Var(&mf.catchment, "catchment", 30, "catchment of --fca in minutes")
	fs.StringVar(&mf.zones, "zones", "10:1,20:0.68,30:0.22", "zones of --fca zones: UPTO_MIN:WEIGHT,...")
	fs.StringVar(&mf.gravity, "gravity", "", "gravity measure: exp:BETA (exp(-BETA t), t in minutes) or power:BETA (t^-BETA)")
	fs.Float64Var(&m.GravityMaxMin, "gravity-max", 60, "services farther than this many minutes are left out of --gravity")
	fs.Float64Var(&m.AllWithinMin, "all-within", 0, "report who reaches every category of --all-categories within this many minutes (0 = off)")
	fs.StringSliceVar(&m.AllCategories, "all-categories", nil, "categories for --all-within (default: all)")
	return mf
}

func (mf *measureFlags) apply(m *analyse.Measures) error {
	if mf.fca != "" {
		kind, err := access.ParseDecayKind(mf.fca)
		if err != nil {
			return usagef("--fca: %v", err)
		}
		d := access.Decay{Kind: kind, CatchmentMin: mf.catchment}
		if kind == access.DecayZones {
			for _, z := range strings.Split(mf.zones, ",") {
				up, wt, ok := strings.Cut(strings.TrimSpace(z), ":")
				u, err1 := strconv.ParseFloat(up, 64)
				w, err2 := strconv.ParseFloat(wt, 64)
				if !ok || err1 != nil || err2 != nil {
					return usagef("--zones %q: want UPTO_MIN:WEIGHT,..., e.g. 10:1,20:0.68,30:0.22", mf.zones)
				}
				d.Zones = append(d.Zones, access.Zone{UpToMin: u, Weight: w})
			}
		}
		m.FCA = &d
	}
	if mf.gravity != "" {
		k, b, ok := strings.Cut(mf.gravity, ":")
		beta, err := strconv.ParseFloat(b, 64)
		var imp access.Impedance
		switch {
		case !ok || err != nil:
			return usagef("--gravity %q: want exp:BETA or power:BETA, e.g. exp:0.1", mf.gravity)
		case k == "exp":
			imp = access.Impedance{Kind: access.ImpedanceExponential, Beta: beta}
		case k == "power":
			imp = access.Impedance{Kind: access.ImpedancePower, Beta: beta}
		default:
			return usagef("--gravity %q: the function is exp or power", mf.gravity)
		}
		m.Gravity = &imp
	}
	return nil
}

// streetFlags are the street-graph flags shared by several commands.
type streetFlags struct {
	osm        string
	modes      []string
	maxSnap    float64
	walkSpeed  float64
	bikeSpeed  float64
	ferryWait  float64
	ferrySpeed float64
	elevation  string
	minIsland  int
	season     string
	country    string
	noTurns    bool
	elev       *geotiff.Raster // read once by params
	r5         bool            // --profile r5
}

func registerStreetFlags(fs *pflag.FlagSet, modes []string) *streetFlags {
	d := graph.DefaultParams()
	sf := &streetFlags{}
	fs.StringVar(&sf.osm, "osm", "", "OpenStreetMap extract: .osm.pbf or .osm XML")
	if modes != nil {
		fs.StringSliceVar(&sf.modes, "modes", modes, "travel modes: walk, bike, car, transit, nocar (the better of walking and transit; transit and nocar need --gtfs or --links and --date)")
	}
	fs.Float64Var(&sf.maxSnap, "max-snap", 1000, "points farther than this many metres from a street are unreachable")
	fs.Float64Var(&sf.walkSpeed, "walk-speed", d.WalkSpeed, "walking speed, m/s (also for connectors from points to streets)")
	fs.Float64Var(&sf.bikeSpeed, "bike-speed", d.BikeSpeed, "cycling speed, m/s")
	fs.Float64Var(&sf.ferryWait, "ferry-wait", d.FerryWait.Minutes(), "average wait for a road ferry, minutes")
	fs.Float64Var(&sf.ferrySpeed, "ferry-speed", d.FerrySpeed, "ferry speed where the ferry way has no duration tag, m/s")
	fs.IntVar(&sf.minIsland, "min-island", graph.DefaultMinIsland, "attach points only to connected pieces of streets with at least this many junctions and ends (shape points do not count; the largest piece always counts), as R5 does; 1 = any street")
	fs.StringVar(&sf.season, "season", "summer", "summer, or winter: cars drive at the winter limits of maxspeed:conditional (\"80 @ winter\")")
	fs.StringVar(&sf.country, "country", graph.AccessAuto, "whose default access rules decide which ways walkers and cyclists may use where a way has no foot or bicycle tag: auto (the country of the extract's location), "+strings.Join(graph.AccessCodes(), ", ")+" (OSM's worldwide defaults)")
	fs.BoolVar(&sf.noTurns, "no-turn-restrictions", false, "build the car graph without the turn restrictions of the extract (type=restriction relations)")
	fs.StringVar(&sf.elevation, "elevation", "", "elevation raster (GeoTIFF, EPSG:4326 or EPSG:3067): walking and cycling times follow the slopes (Tobler's hiking function, as R5)")
	return sf
}

// checkNetwork refuses the flags that shape how street graphs are built
// when the graphs come from a network file.
func (sf *streetFlags) checkNetwork(fs *pflag.FlagSet, cmd string) error {
	for _, name := range []string{"elevation", "country", "season"} {
		if fs.Changed(name) {
			return usagef("%s: --%s goes with --osm: a network file holds graphs already built (give --%s to saavu prepare)", cmd, name, name)
		}
	}
	return nil
}

// params checks the street flags and returns the graph parameters and modes.
func (sf *streetFlags) params() (graph.Params, []graph.Mode, error) {
	p := graph.DefaultParams()
	for _, v := range []struct {
		name string
		val  float64
	}{{"walk-speed", sf.walkSpeed}, {"bike-speed", sf.bikeSpeed}, {"ferry-speed", sf.ferrySpeed}, {"max-snap", sf.maxSnap}} {
		if !(v.val > 0) || v.val > 1e6 {
			return p, nil, usagef("--%s %g: must be a positive number", v.name, v.val)
		}
	}
	if sf.season != "summer" && sf.season != "winter" {
		return p, nil, usagef("--season %q: use summer or winter", sf.season)
	}
	p.Season = sf.season
	access, err := graph.NormaliseAccess(sf.country)
	if err != nil {
		return p, nil, usagef("--country: %v", err)
	}
	if sf.r5 {
		access = graph.AccessR5
	}
	p.Access = access
	p.IgnoreTurnRestrictions = sf.noTurns
	if sf.minIsland < 0 || sf.minIsland > 1e6 {
		return p, nil, usagef("--min-island %d: must be between 0 and 1000000 vertices", sf.minIsland)
	}
	if !(sf.ferryWait >= 0) || sf.ferryWait > 24*60 {
		return p, nil, usagef("--ferry-wait %g: must be between 0 and 1440 minutes", sf.ferryWait)
	}
	p.WalkSpeed, p.BikeSpeed, p.FerrySpeed = sf.walkSpeed, sf.bikeSpeed, sf.ferrySpeed
	p.FerryWait = time.Duration(sf.ferryWait * float64(time.Minute))
	if sf.elevation != "" {
		if sf.elev == nil {
			r, err := geotiff.ReadFile(sf.elevation)
			if err != nil {
				return p, nil, inputErr(fmt.Errorf("--elevation: %w", err), "")
			}
			sf.elev = r
		}
		p.Elevation = sf.elev
	}
	modes, err := parseModes(sf.modes)
	return p, modes, err
}

func parseModes(names []string) ([]graph.Mode, error) {
	var out []graph.Mode
	seen := map[graph.Mode]bool{}
	for _, n := range names {
		var m graph.Mode
		switch strings.ToLower(strings.TrimSpace(n)) {
		case "walk":
			m = graph.Walk
		case "bike":
			m = graph.Bike
		case "car":
			m = graph.Car
		case "transit":
			m = graph.Transit
		case "nocar":
			m = graph.NoCar
		default:
			return nil, usagef("--modes: unknown mode %q: use walk, bike, car, transit or nocar", n)
		}
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out, nil
}

// timetabledMode reports whether m needs public-transport timetables.
func timetabledMode(m graph.Mode) bool { return m == graph.Transit || m == graph.NoCar }

// wantsTimetable reports whether a mode needs public-transport timetables.
func wantsTimetable(modes []graph.Mode) bool {
	return slices.ContainsFunc(modes, timetabledMode)
}

func parseGroups(items []string) ([]analyse.Group, error) {
	var out []analyse.Group
	for _, it := range items {
		name, field, ok := strings.Cut(it, "=")
		if !ok || name == "" || field == "" {
			return nil, usagef("--groups %q: want NAME=FIELD, e.g. old=age_65_plus", it)
		}
		out = append(out, analyse.Group{Name: name, Field: field})
	}
	return out, nil
}

// transitOptions loads the timetable of the date and checks the transit
// flags of analyse.
func transitOptions(ctx context.Context, tf *transitFlags, window int, percentiles []int, workers int, log *slog.Logger, prepared *transit.Timetable) (*analyse.TransitOptions, error) {
	fromFile := prepared != nil && len(tf.gtfs) == 0 && len(tf.links) == 0
	if fromFile {
		tf.gtfs = []string{"(network file)"} // satisfies the check below; not read
	}
	popts, dep, err := tf.options(workers)
	if err != nil {
		return nil, err
	}
	if window < 1 || window > 24*60 {
		return nil, usagef("--window %d: must be between 1 and 1440 minutes", window)
	}
	if len(percentiles) == 0 {
		return nil, usagef("--percentiles: give at least one, e.g. 50")
	}
	for _, p := range percentiles {
		if p < 1 || p > 100 {
			return nil, usagef("--percentiles: %d is not between 1 and 100", p)
		}
	}
	var tt *transit.Timetable
	var day *transit.Day
	if fromFile {
		if len(tf.extraSketches) > 0 {
			return nil, usagef("a scenario's sketch lines need the raw feeds (--gtfs) rather than a network file")
		}
		tt = prepared
		if day, err = tt.Day(tf.date, transit.DayOptions{ScaleRoutes: tf.scaleRoutes}); err != nil {
			return nil, inputErr(err, "")
		}
		tf.gtfs = nil
	} else if tt, day, err = tf.loadTimetable(ctx, log); err != nil {
		return nil, err
	}
	t := &analyse.TransitOptions{Timetable: tt, Day: day, Network: popts,
		Window: ptaccess.Window{Date: tf.date, Depart: dep, Minutes: window}, Percentiles: percentiles,
		Warnings: tf.warnings}
	for _, a := range append(append([]string{}, tf.gtfs...), tf.links...) {
		_, path := namedPath(a)
		t.Inputs = append(t.Inputs, path)
	}
	return t, nil
}

// classify turns analysis errors about inputs into input errors.
func classify(err error) error {
	if errors.Is(err, analyse.ErrInput) {
		return inputErr(err, "")
	}
	return err
}

func printAnalyseSummary(env *Env, res *analyse.Result, o *analyse.Options) {
	w := env.Stdout
	fmt.Fprintf(w, "%d regions, %d cells (population %.0f), %d services in %d categories, modes %s\n",
		len(res.Regions), len(res.Cells.Cell), res.Counts.Population, len(res.Services), len(res.Categories), modeNames(res.Modes))
	k := -1
	for i, t := range o.ThresholdsMin {
		if t == o.GapMin || (k < 0 && t >= o.GapMin) {
			k = i
		}
	}
	if k < 0 {
		k = len(o.ThresholdsMin) - 1
	}
	fmt.Fprintf(w, "\nShare of population within %g min / median minutes:\n", o.ThresholdsMin[k])
	fmt.Fprintf(w, "%-24s", "region")
	for _, cat := range res.Categories {
		for _, m := range res.Modes {
			fmt.Fprintf(w, " %16s", cat+"/"+m.String())
		}
	}
	fmt.Fprintln(w)
	for r, reg := range res.Regions {
		fmt.Fprintf(w, "%-24s", truncate(reg.Name, 24))
		for ci := range res.Categories {
			for mi := range res.Modes {
				st := res.Stats[mi][ci][0][r]
				fmt.Fprintf(w, " %16s", fmt.Sprintf("%5.1f%% %6s", 100*st.Share(k), fmtMin(st.Median)))
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "Shares count everyone in the region; the median counts those who reach no service as beyond any time")
	fmt.Fprintln(w, "(\"unreach\" when more than half reach none).")
	if slices.ContainsFunc(res.Modes, timetabledMode) && o.Transit != nil {
		fmt.Fprintf(w, "By transit and nocar, trips over %g min count as reaching none.\n", o.Transit.Network.MaxTime.Minutes())
	}
	printMeasures(w, res, o)
	printCheckFirst(w, res.Warnings)
	fmt.Fprintf(w, "\nResults in %s: %s\n", filepath.Clean(o.Out), strings.Join(analyse.Outputs(res), ", "))
}

const strictHelp = "treat every warning about the inputs as an error: exit 2 and write nothing (for pipelines)"

// strictError is the error of --strict when there are warnings.
func strictError(strict bool, ws []string) error {
	if !strict || len(ws) == 0 {
		return nil
	}
	return inputErr(fmt.Errorf("--strict: %d warning%s about the inputs, nothing written; the first: %s", len(ws), plural(len(ws)), ws[0]),
		"see the WARN lines above, or leave out --strict")
}

// printMeasures prints the regional values of the measures beyond the
// nearest service (measures.csv, whole population): one line per
// category, mode and measure, one column per region.
func printMeasures(w io.Writer, res *analyse.Result, o *analyse.Options) {
	type line struct {
		name   string
		values []float64
	}
	var lines []line
	at := map[string]int{}
	_ = analyse.MeasureRows(res, o, func(r, g int, cat, mode, measure string, v float64) error {
		if g != 0 {
			return nil
		}
		name := cat + "/" + mode + " " + measure
		k, ok := at[name]
		if !ok {
			k = len(lines)
			at[name] = k
			lines = append(lines, line{name: name, values: make([]float64, len(res.Regions))})
		}
		lines[k].values[r] = v
		return nil
	})
	if len(lines) == 0 {
		return
	}
	width := 24
	for _, l := range lines {
		width = max(width, len(l.name))
	}
	fmt.Fprintf(w, "\nMeasures, population-weighted per region (shares in %%; measures.csv and report.html explain each):\n%-*s", width, "measure")
	for _, reg := range res.Regions {
		fmt.Fprintf(w, " %12s", truncate(reg.Name, 12))
	}
	fmt.Fprintln(w)
	for _, l := range lines {
		fmt.Fprintf(w, "%-*s", width, l.name)
		share := strings.Contains(l.name, " share_")
		for _, v := range l.values {
			switch {
			case math.IsNaN(v) || math.IsInf(v, 0):
				fmt.Fprintf(w, " %12s", "-")
			case share:
				fmt.Fprintf(w, " %11.1f%%", 100*v)
			default:
				fmt.Fprintf(w, " %12.2f", v)
			}
		}
		fmt.Fprintln(w)
	}
}

// printCheckFirst lists the warnings of a run under its table: the
// first ten, then how many more run.json holds.
func printCheckFirst(w io.Writer, ws []string) {
	if len(ws) == 0 {
		return
	}
	fmt.Fprintf(w, "\nCheck these first (%d warning%s; all in run.json and at the top of report.html):\n", len(ws), plural(len(ws)))
	for i, x := range ws {
		if i == 10 {
			fmt.Fprintf(w, "  ... and %d more\n", len(ws)-10)
			break
		}
		fmt.Fprintf(w, "  - %s\n", x)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func modeNames(ms []graph.Mode) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = m.String()
	}
	return strings.Join(s, ",")
}

func fmtMin(v float64) string {
	switch {
	case math.IsNaN(v):
		return "-"
	case math.IsInf(v, 1):
		return "unreach"
	}
	return fmt.Sprintf("%.1f", v)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
