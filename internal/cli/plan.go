package cli

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/saavu/saavu/data/netfile"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/analyse"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/plan"
	"github.com/saavu/saavu/internal/travel"
	"github.com/spf13/pflag"
)

// planFlags are the flags of saavu plan beside the analysis inputs.
type planFlags struct {
	parts       string // folder of site-time parts to solve from
	add, remove int
	// addSet, removeSet: the flag was given (even as 0).
	addSet, removeSet bool
	objective         string
	mode              string
	thresholdM        float64
	capM              float64
	category          string
	candidates        string
	starts            int
	osmRules          []string
}

func planCommand() command {
	c := command{
		name:    "plan",
		summary: "choose where to open K new sites of a service (or which K to close) to serve the most people within a time, or the shortest times",
		usage:   "(--osm FILE | --network FILE) (--services FILE | --services-osm KEY=VALUE) --category CAT (--add K | --remove K) --out DIR [flags]",
		example: `saavu plan --osm tampere.osm.pbf --services-osm amenity=pharmacy --category pharmacy \
  --add 3 --mode walk --threshold 10 --cell-size 250 --out plan/`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, lf := flagSet(c, env)
		o := &analyse.Options{}
		pf := &planFlags{}
		sf := registerStreetFlags(fs, nil)
		fs.IntVar(&pf.add, "add", 0, "open K new sites, chosen among the candidates")
		fs.IntVar(&pf.remove, "remove", 0, "close K of the existing services of the category")
		fs.StringVar(&pf.objective, "objective", "coverage", "coverage: most people within --threshold; median: least total time, each person's time capped at --cap")
		fs.StringVar(&pf.mode, "mode", "walk", "travel mode: walk, bike, car, transit or nocar (transit and nocar need --gtfs or --links, --date and --depart)")
		tf := registerTransitFlags(fs)
		var strict bool
		fs.BoolVar(&strict, "strict", false, strictHelp)
		var window int
		var percentiles []int
		fs.IntVar(&window, "window", defaultWindowMin, "transit, nocar: departure window in minutes, one departure a minute from --depart")
		fs.IntSliceVar(&percentiles, "percentiles", []int{50}, "transit, nocar: travel-time percentiles over the window; the plan uses the median when given, else the first")
		fs.Float64Var(&pf.thresholdM, "threshold", 10, "time threshold in minutes: a person is covered within it")
		fs.Float64Var(&pf.capM, "cap", 0, "median: times above this many minutes, unreachable included, count as this (default: twice --threshold)")
		fs.StringVar(&pf.category, "category", "", "service category to plan, e.g. pharmacy")
		fs.StringVar(&pf.candidates, "candidates", "", "candidate sites for --add: CSV id,lon,lat[,name] or GeoJSON, GeoPackage or Shapefile points (default: the centre of every populated cell)")
		registerPlanInputFlags(fs, o)
		fs.StringSliceVar(&pf.osmRules, "services-osm", nil, "services from OSM points of interest: KEY=VALUE[:CATEGORY],... e.g. amenity=pharmacy")
		sh := registerShardFlags(fs)
		fs.StringVar(&pf.parts, "parts", "", "solve from the site-time parts that 'saavu plan --shard-count N' wrote into this folder instead of computing the times")
		fs.IntVar(&pf.starts, "starts", 0, "greedy starts of the search; more find the best choice more often (default 8)")
		lf.register(fs)
		if err := parse(fs, args); err != nil {
			return err
		}
		log, err := lf.logger(env.Stderr)
		if err != nil {
			return err
		}
		pf.addSet, pf.removeSet = fs.Changed("add"), fs.Changed("remove")
		obj, k, err := pf.check(o)
		if err != nil {
			return err
		}
		sf.modes = []string{pf.mode}
		if o.Graph, o.Modes, err = sf.params(); err != nil {
			return err
		}
		if timetabledMode(o.Modes[0]) {
			if o.Transit, err = transitOptions(ctx, tf, window, percentiles, o.Workers, log, nil); err != nil {
				return err
			}
			o.Transit.Network.MinIsland = networkMinIsland(sf.minIsland)
		} else if len(tf.gtfs) > 0 || len(tf.links) > 0 {
			return usagef("plan: --gtfs/--links given but --mode %s does not use them: use --mode transit or nocar", o.Modes[0])
		}
		o.OSM, o.MaxSnapM, o.MinIsland = sf.osm, sf.maxSnap, sf.minIsland
		if o.NetworkFile != "" {
			if o.OSM != "" {
				return usagef("plan: give --osm or --network, not both")
			}
			if err := sf.checkNetwork(fs, "plan"); err != nil {
				return err
			}
			if o.Prepared, err = netfile.Read(o.NetworkFile); err != nil {
				return inputErr(err, "")
			}
		}
		if o.ServicesOSM, err = analyse.ParseOSMRules(pf.osmRules); err != nil {
			return inputErr(err, "")
		}
		if o.Services == "" && len(o.ServicesOSM) == 0 {
			return usagef("plan: give the existing services with --services FILE or --services-osm KEY=VALUE")
		}
		o.Categories = []string{pf.category}
		o.ThresholdsMin = []float64{pf.thresholdM}
		o.GapMin = pf.thresholdM
		o.Log, o.Version, o.Args = log, version(), args
		var cands []site
		if pf.candidates != "" {
			if pf.remove > 0 {
				return usagef("plan: --candidates is for --add; --remove chooses among the existing services")
			}
			if cands, err = readSites(pf.candidates, ""); err != nil {
				return inputErr(err, "")
			}
			if k > len(cands) {
				return usagef("plan: --add %d: %s holds only %d candidate sites", k, pf.candidates, len(cands))
			}
		}
		res, err := analyse.Compute(ctx, o)
		if err != nil {
			return classify(err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		logWarnings(log, res.Warnings)
		if err := strictError(strict, res.Warnings); err != nil {
			return err
		}
		pr, err := newPlanRun(res, o, pf, obj, cands, log)
		if err != nil {
			return err
		}
		if k > pr.sites() {
			if pf.remove > 0 {
				return usagef("plan: --remove %d: there are only %d %s services", k, pr.sites(), pf.category)
			}
			return usagef("plan: --add %d: there are only %d candidate sites (populated cells)", k, pr.sites())
		}
		if sh.count > 0 {
			if err := sh.resolve(fs, env); err != nil {
				return err
			}
			path, err := pr.writeSitePart(ctx, sh.index, sh.count)
			if err != nil {
				return err
			}
			fmt.Fprintf(lf.summaries(env).Stdout, "Site times of shard %d of %d written to %s\n", sh.index, sh.count, path)
			return nil
		}
		out, err := pr.solve(ctx, k)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err // interrupted: write nothing
		}
		if err := writePlan(o.Out, out); err != nil {
			return err
		}
		printPlan(lf.summaries(env), out, o.Out)
		return nil
	}
	return c
}

// logWarnings logs the first warnings of the inputs and how many more
// there are.
func logWarnings(log *slog.Logger, ws []string) {
	const most = 10
	for i, w := range ws {
		if i == most {
			log.Warn(fmt.Sprintf("%d more warnings", len(ws)-most))
			break
		}
		log.Warn(w)
	}
}

// registerPlanInputFlags registers the analysis input flags plan uses.
func registerPlanInputFlags(fs *pflag.FlagSet, o *analyse.Options) {
	fs.StringVar(&o.NetworkFile, "network", "", "network file made by 'saavu prepare' (street graphs, points of interest) instead of --osm")
	fs.StringVar(&o.Regions, "regions", "", "region polygons: GeoJSON, GeoPackage (FILE.gpkg[:LAYER]) or Shapefile, WGS84 or EPSG:3067; without it the whole grid is one region")
	fs.StringVar(&o.RegionID, "region-id", "", "property holding the region id (default: detected)")
	fs.StringVar(&o.RegionName, "region-name", "", "property holding the region name (default: detected)")
	fs.StringVar(&o.GroupBy, "group-by", "", "dissolve region features sharing this property into one region")
	fs.StringVar(&o.CRS, "crs", "", "CRS of geometry inputs that do not declare one: EPSG:3067 or EPSG:4326")
	fs.StringVar(&o.Population, "population", "", "population: grid cells, points or areas as GeoJSON, GeoPackage or Shapefile, or CSV lon,lat,population (default: every cell weighs 1)")
	registerCategoryMap(fs, o)
	fs.StringVar(&o.PopulationField, "population-field", "", "property or column with the population (default: detected)")
	fs.StringVar(&o.PopulationKind, "population-kind", "auto", "how to read population features: auto, cells, areas, points")
	fs.Int32Var(&o.CellSize, "cell-size", 1000, "grid cell size in metres: 250 or 1000 (EPSG:3067 grid)")
	fs.Float64SliceVar(&o.GridBounds, "grid-bbox", nil, "grid box without population: MINLON,MINLAT,MAXLON,MAXLAT (default: regions, else the OSM extract)")
	fs.StringVar(&o.Services, "services", "", "existing service points: CSV name,category,lon,lat or GeoJSON points")
	fs.StringVar(&o.Out, "out", "", "output directory (created if needed; files are replaced only when the whole run succeeds)")
	fs.IntVar(&o.Workers, "workers", runtime.GOMAXPROCS(0), "parallel workers")
}

// check validates the plan flags and returns the objective and K.
func (pf *planFlags) check(o *analyse.Options) (plan.Objective, int, error) {
	obj, err := plan.ParseObjective(strings.ToLower(strings.TrimSpace(pf.objective)))
	if err != nil {
		return 0, 0, usagef("--objective %q: use coverage or median", pf.objective)
	}
	var k int
	switch {
	case pf.addSet && pf.removeSet:
		return 0, 0, usagef("plan: give --add K or --remove K, not both")
	case !pf.addSet && !pf.removeSet:
		return 0, 0, usagef("plan: give --add K (open K sites) or --remove K (close K services)")
	case pf.addSet:
		if k = pf.add; k < 1 {
			return 0, 0, usagef("--add %d: must be at least 1", k)
		}
	default:
		if k = pf.remove; k < 1 {
			return 0, 0, usagef("--remove %d: must be at least 1", k)
		}
	}
	switch {
	case !(pf.thresholdM > 0) || pf.thresholdM > 24*60:
		return 0, 0, usagef("--threshold %g: must be more than 0 and at most 1440 minutes", pf.thresholdM)
	case !(pf.capM >= 0) || pf.capM > 24*60:
		return 0, 0, usagef("--cap %g: must be between 0 and 1440 minutes", pf.capM)
	case obj == plan.Median && pf.capM > 0 && pf.capM < pf.thresholdM:
		return 0, 0, usagef("--cap %g is below --threshold %g: the cap must be at least the threshold", pf.capM, pf.thresholdM)
	case strings.TrimSpace(pf.category) == "":
		return 0, 0, usagef("plan: --category CAT is required: the service category to plan, e.g. pharmacy")
	case o.Out == "":
		return 0, 0, usagef("plan: --out DIR is required")
	case pf.starts < 0:
		return 0, 0, usagef("--starts %d: must be at least 1 (0 = default)", pf.starts)
	}
	if pf.capM == 0 {
		pf.capM = 2 * pf.thresholdM
	}
	pf.category = strings.TrimSpace(pf.category)
	return obj, k, nil
}

// planRun holds what the choice needs: the cells, the sites and the
// problem built from their travel times.
type planRun struct {
	res     *analyse.Result
	o       *analyse.Options
	pf      *planFlags
	src     travel.Source // the mode's travel times from the cells
	g       *graph.Graph  // the graph the cells and sites snap to
	link    *graph.Linker // snaps as analyse does, skipping islands
	log     *slog.Logger
	remove  bool
	cells   []graph.Snap
	weights []float64
	svc     []int  // indices in res.Services of the category's services
	site    []site // candidate sites (add) or the services (remove)
	snap    []graph.Snap
	p       plan.Problem
	// tab holds every cell's times to every site for a timetabled mode,
	// when computed here rather than read from parts.
	tab *travel.Table
}

func (pr *planRun) sites() int { return len(pr.site) }

func newPlanRun(res *analyse.Result, o *analyse.Options, pf *planFlags, obj plan.Objective, cands []site, log *slog.Logger) (*planRun, error) {
	mode := o.Modes[0]
	if len(res.Sources) != 1 {
		return nil, fmt.Errorf("plan: %d travel sources for one mode", len(res.Sources))
	}
	src := res.Sources[0]
	pr := &planRun{res: res, o: o, pf: pf, src: src, g: src.Graph(), log: log, remove: pf.remove > 0, weights: res.Cells.Weight[0]}
	if travel.Timetabled(src) {
		if max, ok := src.(interface{ MaxTimeMs() uint32 }); ok && pr.limitFor(obj) >= max.MaxTimeMs() {
			return nil, usagef("plan: --threshold (or --cap for median) must be under --max-time (%g min) for --mode %s", float64(max.MaxTimeMs())/60000, mode)
		}
	}
	pr.link = graph.NewLinker(pr.g, o.MinIsland)
	for i, s := range res.Services {
		if s.Category == pf.category {
			pr.svc = append(pr.svc, i)
		}
	}
	pts := make([][2]float64, len(res.Cells.Cell))
	for i, c := range res.Cells.Cell {
		ctr := c.Center()
		lon, lat := geo.FromTM35(ctr[0], ctr[1])
		pts[i] = [2]float64{lon, lat}
	}
	var ok []bool
	pr.cells, ok = pr.link.SnapAll(pts, o.MaxSnapM, o.Workers)
	for i := range ok {
		if !ok[i] {
			pr.cells[i].Seg = -1
		}
	}
	switch {
	case pr.remove:
		for _, i := range pr.svc {
			s := res.Services[i]
			id := s.ID
			if id == "" {
				id = s.Name // a services file without an id column
			}
			pr.site = append(pr.site, site{ID: id, Name: s.Name, Category: s.Category, Lon: s.Lon, Lat: s.Lat, Source: s.Source})
		}
	case cands != nil:
		pr.site = cands
	default:
		for i, c := range res.Cells.Cell {
			if pr.weights[i] > 0 {
				pr.site = append(pr.site, site{ID: c.ID(), Name: "cell " + c.ID(), Lon: pts[i][0], Lat: pts[i][1]})
			}
		}
	}
	far := 0
	pr.snap = make([]graph.Snap, len(pr.site))
	for j, s := range pr.site {
		sn, ok := pr.link.Snap(s.Lon, s.Lat, o.MaxSnapM)
		if !ok {
			sn.Seg = -1
			far++
		}
		pr.snap[j] = sn
	}
	switch {
	case far > 0 && pr.remove:
		log.Warn(fmt.Sprintf("%d %s services are farther than %.0f m from a %s street and serve no one: closing them costs nothing here", far, pf.category, o.MaxSnapM, mode))
	case far > 0:
		log.Warn(fmt.Sprintf("%d candidate sites are farther than %.0f m from a %s street and serve no one", far, o.MaxSnapM, mode))
	}
	pr.p = plan.Problem{Objective: obj, Weights: pr.weights, ThresholdMs: minutesMs(pf.thresholdM)}
	if obj == plan.Median {
		pr.p.CapMs = minutesMs(pf.capM)
	}
	if !pr.remove {
		pr.p.FixedMs = res.Nearest[0][0].TimeMs
	}
	return pr, nil
}

// streetBeforeAfter gives each cell's time to its nearest service before
// and after the change by a street mode, by a full search.
func (pr *planRun) streetBeforeAfter(chosen []int32) (before, after []uint32) {
	var open []graph.Snap
	for n, i := range pr.svc {
		s := pr.res.Services[i]
		sn, ok := pr.link.Snap(s.Lon, s.Lat, pr.o.MaxSnapM)
		if !ok {
			sn.Seg = -1
		}
		if !pr.remove || !slices.Contains(chosen, int32(n)) {
			open = append(open, sn)
		}
	}
	if !pr.remove {
		for _, j := range chosen {
			open = append(open, pr.snap[j])
		}
	}
	return pr.res.Nearest[0][0].TimeMs, access.NearestService(pr.g, pr.cells, open, 0).TimeMs
}

// timetabledBeforeAfter gives each cell's time to its nearest service
// before and after the change, by a timetabled mode at its main
// percentile. Adding: before is the analysis's nearest service (taken at
// each departure), after the lower of that and the chosen sites' times.
// Removing: both are the lowest time over the services that stay, each
// service's time taken over the window on its own, as the choice itself
// counts them.
func (pr *planRun) timetabledBeforeAfter(ctx context.Context, chosen []int32) (before, after []uint32, err error) {
	k := pr.src.Main()
	// The table of every site's times: computed for the choice, or (from
	// parts) now. Adding needs only the chosen sites' columns.
	tab, cols := pr.tab, chosen
	if tab == nil {
		snaps := pr.snap
		if !pr.remove {
			snaps, cols = make([]graph.Snap, len(chosen)), make([]int32, len(chosen))
			for n, j := range chosen {
				snaps[n], cols[n] = pr.snap[j], int32(n)
			}
		}
		if tab, err = pr.src.ToPoints(ctx, snaps); err != nil {
			return nil, nil, classifyTravel(err)
		}
	}
	// lowest is each cell's lowest time over the columns keep allows.
	lowest := func(from []uint32, keep func(j int) bool) []uint32 {
		out := slices.Clone(from)
		for i := range out {
			for j := range tab.Cols {
				if keep(j) {
					out[i] = min(out[i], tab.At(i, j, k))
				}
			}
		}
		return out
	}
	if pr.remove {
		none := make([]uint32, tab.Rows)
		for i := range none {
			none[i] = access.Unreachable
		}
		return lowest(none, func(int) bool { return true }),
			lowest(none, func(j int) bool { return !slices.Contains(chosen, int32(j)) }), nil
	}
	before = pr.res.Nearest[0][0].TimeMs
	return before, lowest(before, func(j int) bool { return slices.Contains(cols, int32(j)) }), nil
}

func minutesMs(m float64) uint32 { return uint32(math.Round(m * 60000)) }

// planResult is what plan writes and prints.
type planResult struct {
	pf         *planFlags
	mode       graph.Mode
	remove     bool
	objective  plan.Objective
	sol        plan.Solution
	chosen     []rankedSite
	alone      []aloneSite // every candidate by its effect alone
	regions    []analyse.Region
	before     []access.RegionStats // per region, then the total
	after      []access.RegionStats
	candidates int
	// cells and their times to the nearest service before and after,
	// for plan.html's map.
	cells                 *analyse.Cells
	cellBefore, cellAfter []uint32
}

// limitMs is how far the site-to-cell searches go: the cap on a cell's
// time for p-median, else the coverage threshold.
func (pr *planRun) limitMs() uint32 { return pr.limitFor(pr.p.Objective) }

func (pr *planRun) limitFor(obj plan.Objective) uint32 {
	if obj == plan.Median {
		return minutesMs(pr.pf.capM)
	}
	return minutesMs(pr.pf.thresholdM)
}

// siteReach lists, per cell, the sites of snaps within limit: one bounded
// search per site on a street graph; for a timetabled mode the cells'
// times to every site, at the main percentile, also returned whole.
func (pr *planRun) siteReach(ctx context.Context, snaps []graph.Snap, limit uint32) (access.Reach, *travel.Table, error) {
	if !travel.Timetabled(pr.src) {
		return access.WithinReach(pr.g, pr.cells, snaps, limit, pr.o.Workers), nil, ctx.Err()
	}
	tab, err := pr.src.ToPoints(ctx, snaps)
	if err != nil {
		return access.Reach{}, nil, classifyTravel(err)
	}
	return travel.TableReach(tab, limit, pr.src.Main()), tab, nil
}

func (pr *planRun) solve(ctx context.Context, k int) (*planResult, error) {
	t0 := time.Now()
	limit := pr.limitMs()
	var reach access.Reach
	if pr.pf.parts != "" {
		r, err := pr.readSiteParts(limit)
		if err != nil {
			return nil, err
		}
		reach = r
	} else {
		r, tab, err := pr.siteReach(ctx, pr.snap, limit)
		if err != nil {
			return nil, err
		}
		reach, pr.tab = r, tab
	}
	sp, err := plan.FromOriginLists(len(pr.site), reach.Start, reach.Service, reach.TimeMs)
	if err != nil {
		return nil, err
	}
	pr.p.Sites = sp
	pr.log.Info("site times", "sites", len(pr.site), "cells", len(pr.cells), "pairs", reach.Pairs(), "seconds", fmt.Sprintf("%.3f", time.Since(t0).Seconds()))
	t1 := time.Now()
	opts := plan.Options{Starts: pr.pf.starts, Workers: pr.o.Workers}
	var sol plan.Solution
	if pr.remove {
		sol, err = plan.Remove(pr.p, k, opts)
	} else {
		sol, err = plan.Add(pr.p, k, opts)
	}
	if err != nil {
		return nil, err
	}
	pr.log.Info("sites chosen", "k", k, "objective", pr.p.Objective.String(), "swaps", sol.Swaps, "seconds", fmt.Sprintf("%.3f", time.Since(t1).Seconds()))
	out := &planResult{pf: pr.pf, mode: pr.o.Modes[0], remove: pr.remove, objective: pr.p.Objective, sol: sol,
		regions: pr.res.Regions, candidates: len(pr.site)}
	out.chosen = pr.rank(sol.Chosen)
	out.alone = pr.alone(sol.Chosen)

	// Times to the nearest service before and after, by a full search.
	var before, after []uint32
	if travel.Timetabled(pr.src) {
		if before, after, err = pr.timetabledBeforeAfter(ctx, sol.Chosen); err != nil {
			return nil, err
		}
	} else {
		before, after = pr.streetBeforeAfter(sol.Chosen)
	}
	out.cells, out.cellBefore, out.cellAfter = pr.res.Cells, before, after
	th := []float64{pr.pf.thresholdM}
	region := pr.res.Cells.Region
	out.before = access.Summarise(before, pr.weights, region, len(pr.res.Regions), th)
	out.after = access.Summarise(after, pr.weights, region, len(pr.res.Regions), th)
	all := make([]int32, len(region))
	out.before = append(out.before, access.Summarise(before, pr.weights, all, 1, th)...)
	out.after = append(out.after, access.Summarise(after, pr.weights, all, 1, th)...)
	return out, nil
}
