package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/links"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/data/parquet"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/transit"
	"github.com/saavu/saavu/internal/travel"
	"github.com/spf13/pflag"
)

// Defaults of the transit flags.
const (
	// defaultWindowMin is the departure window of a transit matrix: an
	// hour, so that the percentiles describe the service of a typical
	// hour rather than the luck of one departure minute (Conveyal
	// Analysis, built on R5, also works with windows of an hour or more).
	defaultWindowMin  = 60
	defaultMaxWalkMin = 20
	defaultMaxTimeMin = 120
)

// transitFlags are the public-transport flags of matrix and route.
type transitFlags struct {
	gtfs        []string
	links       []string
	date        string
	depart      string
	maxWalk     float64 // minutes
	maxRides    int
	maxTime     float64 // minutes
	maxTransfer float64 // metres
	boardSlack  float64 // seconds

	// Set by a scenario: sketch lines added to the feeds, and route
	// frequency factors for the day.
	extraSketches []transit.Sketch
	scaleRoutes   map[string]float64

	// warnings found while loading the timetable: feeds with warnings, a
	// date outside a feed's service dates, a date with no trip.
	warnings []string
}

func registerTransitFlags(fs *pflag.FlagSet) *transitFlags {
	tf := &transitFlags{}
	fs.StringArrayVar(&tf.gtfs, "gtfs", nil, "GTFS feed (.zip or folder), repeatable; ids are prefixed with the file's base name, or give NAME=PATH")
	fs.StringArrayVar(&tf.links, "links", nil, "sketch lines CSV, repeatable (prefix: base name, or NAME=PATH)")
	fs.StringVar(&tf.date, "date", "", "service date YYYYMMDD")
	fs.StringVar(&tf.depart, "depart", "08:00", "departure time HH:MM (start of the window)")
	fs.Float64Var(&tf.maxWalk, "max-walk", defaultMaxWalkMin, "longest walk to, from or instead of transit, minutes")
	fs.IntVar(&tf.maxRides, "max-rides", ptaccess.DefaultMaxRides, "most vehicles boarded in one journey")
	fs.Float64Var(&tf.maxTime, "max-time", defaultMaxTimeMin, "longest trip counted as reachable, minutes")
	fs.Float64Var(&tf.maxTransfer, "max-transfer-walk", ptaccess.DefaultMaxTransferM, "longest walking transfer between stops, metres")
	fs.Float64Var(&tf.boardSlack, "board-slack", 60, "wait needed at a stop before boarding, seconds")
	return tf
}

// options checks the transit flags and returns the network options and
// the departure time.
func (tf *transitFlags) options(workers int) (ptaccess.Options, transit.Seconds, error) {
	var o ptaccess.Options
	switch {
	case len(tf.gtfs) == 0 && len(tf.links) == 0:
		return o, 0, usagef("--gtfs FILE (or --links FILE) is required for public transport")
	case tf.date == "":
		return o, 0, usagef("--date YYYYMMDD is required for public transport")
	case !(tf.maxWalk > 0) || tf.maxWalk > 24*60:
		return o, 0, usagef("--max-walk %g: must be between 0 and 1440 minutes", tf.maxWalk)
	case !(tf.maxTime > 0) || tf.maxTime > 24*60:
		return o, 0, usagef("--max-time %g: must be between 0 and 1440 minutes", tf.maxTime)
	case tf.maxRides < 1 || tf.maxRides > 16:
		return o, 0, usagef("--max-rides %d: must be between 1 and 16", tf.maxRides)
	case !(tf.maxTransfer >= 0) || tf.maxTransfer > 10000:
		return o, 0, usagef("--max-transfer-walk %g: must be between 0 and 10000 metres", tf.maxTransfer)
	case !(tf.boardSlack >= 0) || tf.boardSlack > 3600:
		return o, 0, usagef("--board-slack %g: must be between 0 and 3600 seconds", tf.boardSlack)
	}
	if _, err := gtfs.ParseDate(tf.date); err != nil {
		return o, 0, usagef("--date %q: want YYYYMMDD, e.g. 20240115", tf.date)
	}
	dep, err := parseClock("--depart", tf.depart)
	if err != nil {
		return o, 0, err
	}
	o.MaxWalk = minutes(tf.maxWalk)
	o.MaxTime = minutes(tf.maxTime)
	o.MaxRides = tf.maxRides
	o.MaxTransferM = tf.maxTransfer
	if tf.maxTransfer == 0 {
		o.MaxTransferM = 1e-9 // no walking transfers
	}
	o.BoardSlack = time.Duration(tf.boardSlack * float64(time.Second))
	if tf.boardSlack == 0 {
		o.BoardSlack = -1
	}
	o.Workers = workers
	return o, dep, nil
}

func minutes(m float64) time.Duration { return time.Duration(m * float64(time.Minute)) }

// parseClock reads HH:MM or HH:MM:SS as seconds since midnight.
func parseClock(flag, s string) (transit.Seconds, error) {
	d, err := links.ParseClock(s)
	if err != nil {
		return 0, usagef("%s %q: want HH:MM, e.g. 08:30", flag, s)
	}
	return transit.Seconds(d / time.Second), nil
}

// namedPath splits "NAME=PATH" or derives the name from the file's base
// name without extension.
func namedPath(arg string) (name, path string) {
	if n, p, ok := strings.Cut(arg, "="); ok && n != "" && !strings.ContainsAny(n, `/\`) {
		return n, p
	}
	base := filepath.Base(filepath.Clean(arg))
	for _, ext := range []string{".zip", ".csv", ".txt"} {
		base = strings.TrimSuffix(base, ext)
	}
	return base, arg
}

// loadTimetable reads the feeds and sketch lines and flattens the date.
func (tf *transitFlags) loadTimetable(ctx context.Context, log *slog.Logger) (*transit.Timetable, *transit.Day, error) {
	seen := map[string]string{}
	var feeds []*gtfs.Feed
	for _, arg := range tf.gtfs {
		name, path := namedPath(arg)
		if prev, dup := seen[name]; dup {
			return nil, nil, usagef("--gtfs %s and %s share the id prefix %q: name them with --gtfs NAME=PATH", prev, path, name)
		}
		seen[name] = path
		f, err := gtfs.Load(ctx, path, gtfs.Options{Prefix: name})
		if err != nil {
			return nil, nil, inputErr(err, "run 'saavu validate --gtfs "+path+"' for the full report")
		}
		if f.Report.Warnings > 0 {
			tf.warnings = append(tf.warnings, fmt.Sprintf("gtfs: %s: %d warnings (problems saavu repaired); see 'saavu validate --gtfs %s'", path, f.Report.Warnings, path))
		}
		if d, err := gtfs.ParseDate(tf.date); err == nil && f.Report.HasDates && (d < f.Report.FirstDate || d > f.Report.LastDate) {
			tf.warnings = append(tf.warnings, fmt.Sprintf("gtfs: %s: --date %s is outside the feed's service dates %s to %s: none of its trips runs",
				path, tf.date, f.Report.FirstDate, f.Report.LastDate))
		}
		feeds = append(feeds, f)
	}
	var sketches []transit.Sketch
	for _, arg := range tf.links {
		name, path := namedPath(arg)
		if prev, dup := seen[name]; dup {
			return nil, nil, usagef("--links %s and %s share the id prefix %q: name them with NAME=PATH", prev, path, name)
		}
		seen[name] = path
		lf, err := links.Load(path)
		if err != nil {
			return nil, nil, inputErr(err, "")
		}
		sketches = append(sketches, transit.Sketch{Prefix: name, File: lf})
	}
	tt, err := transit.Compile(feeds, append(sketches, tf.extraSketches...))
	if err != nil {
		return nil, nil, inputErr(err, "")
	}
	day, err := tt.Day(tf.date, transit.DayOptions{ScaleRoutes: tf.scaleRoutes})
	if err != nil {
		return nil, nil, inputErr(err, "")
	}
	if day.NumTrips() == 0 {
		tf.warnings = append(tf.warnings, fmt.Sprintf("transit: no trip runs on %s: public transport is walking only", tf.date))
	}
	return tt, day, nil
}

// buildNetwork reads the OSM extract and the feeds and builds the network.
func buildNetwork(ctx context.Context, sf *streetFlags, tf *transitFlags, opts ptaccess.Options, log *slog.Logger) (*ptaccess.Network, error) {
	start := time.Now()
	sf.modes = []string{"walk"}
	params, _, err := sf.params()
	if err != nil {
		return nil, err
	}
	if sf.osm == "" {
		return nil, usagef("--osm FILE is required")
	}
	tt, day, err := tf.loadTimetable(ctx, log)
	if err != nil {
		return nil, err
	}
	logWarnings(log, tf.warnings)
	ext, err := osm.Read(ctx, sf.osm, osm.Options{SkipPOIs: true})
	if err != nil {
		return nil, inputErr(err, "")
	}
	g, _, err := graph.Build(ext, graph.Walk, params)
	if err != nil {
		return nil, inputErr(err, "")
	}
	if sf.r5 && params.Elevation != nil {
		// R5 walks egress and transfers as distance / speed, without
		// slopes: the same streets built without elevation.
		flat := params
		flat.Elevation = nil
		if opts.StopWalk, _, err = graph.Build(ext, graph.Walk, flat); err != nil {
			return nil, inputErr(err, "")
		}
	}
	opts.MinIsland = networkMinIsland(sf.minIsland)
	net, err := ptaccess.NewNetwork(g, tt, day, opts)
	if err != nil {
		return nil, err
	}
	st := net.Stats()
	log.Info("network built", "date", day.Date, "trips", day.NumTrips(), "stops", st.ServedStops, "linked", st.LinkedStops,
		"transfers", st.DayTransfers, "seconds", fmt.Sprintf("%.3f", time.Since(start).Seconds()))
	if st.ServedStops > 0 && st.LinkedStops == 0 {
		log.Warn("no stop lies near a walkable street of the OSM extract: do the feed and the extract cover the same area?")
	}
	return net, nil
}

// networkMinIsland converts --min-island for ptaccess, where 0 means the
// default and a negative value links to any piece.
func networkMinIsland(n int) int {
	if n <= 1 {
		return -1
	}
	return n
}

// wantsTransit reports whether matrix arguments ask for --mode transit or
// nocar.
func wantsTransit(args []string) bool {
	for i, a := range args {
		if a == "--mode=transit" || a == "--mode=nocar" || (a == "--mode" && i+1 < len(args) && (args[i+1] == "transit" || args[i+1] == "nocar")) {
			return true
		}
		if a == "--" {
			break
		}
	}
	return false
}

// runTransitMatrix is "saavu matrix --mode transit" (and nocar):
// travel-time percentiles over a departure window between origins and
// destinations.
func runTransitMatrix(ctx context.Context, env *Env, args []string) error {
	c := command{
		name:    "matrix",
		summary: "public-transport travel times between every origin and every destination over a departure window, as CSV or Parquet",
		usage:   "--mode transit|nocar --osm FILE --gtfs FEED [--gtfs FEED...] --date YYYYMMDD --depart HH:MM --origins O.csv [--destinations D.csv] [--out FILE] [--format csv|parquet]",
		example: `saavu matrix --mode transit --osm tampere.osm.pbf --gtfs tampere-gtfs.zip --date 20220110 --depart 07:00 \
  --window 60 --percentiles 25,50,75 --origins homes.csv --destinations offices.csv --out transit.csv`,
	}
	fs, lf := flagSet(c, env)
	sf := registerStreetFlags(fs, nil)
	tf := registerTransitFlags(fs)
	var mode, origins, dests, out, format string
	var workers, window int
	var percentiles []int
	fs.StringVar(&mode, "mode", "transit", "travel mode: transit, or nocar (per pair and percentile the faster of walking all the way and transit); walk, bike and car have their own flags")
	fs.StringVar(&origins, "origins", "", "origins CSV: id,lon,lat")
	fs.StringVar(&dests, "destinations", "", "destinations CSV: id,lon,lat (default: the origins)")
	fs.StringVar(&out, "out", "", "output file (default: standard output, CSV only)")
	fs.StringVar(&format, "format", "csv", "output format: csv, or parquet for large matrices (needs --out)")
	sh := registerShardFlags(fs)
	fs.IntVar(&window, "window", defaultWindowMin, "departure window in minutes: one departure a minute from --depart")
	fs.IntSliceVar(&percentiles, "percentiles", []int{50}, "travel-time percentiles over the window, 1..100")
	fs.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "parallel workers")
	var strict bool
	fs.BoolVar(&strict, "strict", false, strictHelp)
	var profile string
	fs.StringVar(&profile, "profile", "", "r5: R5's and r5r's defaults and rules (see README, \"saavu and r5r\"); output in r5r's columns and whole minutes")
	lf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	log, err := lf.logger(env.Stderr)
	if err != nil {
		return err
	}
	if err := applyProfile(fs, profile, sf, tf); err != nil {
		return err
	}
	switch {
	case mode != "transit" && mode != "nocar":
		return usagef("matrix: --mode %q: this form is for transit and nocar", mode)
	case sf.osm == "":
		return usagef("matrix: --osm FILE is required (walks to and from stops use its streets)")
	case origins == "":
		return usagef("matrix: --origins FILE is required")
	case window < 1 || window > 24*60:
		return usagef("matrix: --window %d: must be between 1 and 1440 minutes", window)
	case len(percentiles) == 0:
		return usagef("matrix: --percentiles: give at least one, e.g. 50")
	case workers < 1:
		return usagef("matrix: --workers %d: must be at least 1", workers)
	}
	for _, p := range percentiles {
		if p < 1 || p > 100 {
			return usagef("matrix: --percentiles: %d is not between 1 and 100", p)
		}
	}
	if err := checkFormat(format, out); err != nil {
		return err
	}
	opts, dep, err := tf.options(workers)
	if err != nil {
		return err
	}
	if sf.r5 {
		r5NetworkOptions(&opts)
	}
	op, dp, err := sh.matrixPoints(fs, env, origins, dests, format)
	if err != nil {
		return err
	}
	net, err := buildNetwork(ctx, sf, tf, opts, log)
	if err != nil {
		return err
	}
	warnings := slices.Clone(tf.warnings)
	origSnaps := snapNetwork(net, op, sf.maxSnap, log, "origin", &warnings)
	ds := snapNetwork(net, dp, sf.maxSnap, log, "destination", &warnings)
	if err := strictError(strict, warnings); err != nil {
		return err
	}
	t0 := time.Now()
	var src travel.Source = &travel.Transit{Net: net, Origins: origSnaps, Window: ptaccess.Window{Date: tf.date, Depart: dep, Minutes: window}, Pcts: percentiles}
	if mode == "nocar" {
		tr := src.(*travel.Transit)
		walk := &travel.Street{G: net.Walk(), Origins: origSnaps, LimitMs: tr.MaxTimeMs(), Workers: workers}
		src = &travel.NoCar{Walk: walk, Transit: tr}
	}
	tab, err := src.ToPoints(ctx, ds)
	if err != nil {
		return classifyTravel(err)
	}
	m := secondsMatrix(tab, percentiles)
	log.Info("matrix computed", "pairs", m.Rows*m.Cols, "seconds", fmt.Sprintf("%.3f", time.Since(t0).Seconds()))
	write := func(w io.Writer) error { return writeTransitCSV(w, m, op, dp) }
	if sf.r5 {
		write = func(w io.Writer) error { return writeR5CSV(w, m, op, dp) }
	}
	if format == "parquet" {
		write = func(w io.Writer) error { return writeTransitParquet(w, m, op, dp) }
	}
	if out == "" {
		return write(env.Stdout)
	}
	return outdir.WriteFileAtomic(out, write)
}

// secondsMatrix converts a table of a timetabled mode to whole seconds
// (rounded to the nearest), Unreachable where empty.
func secondsMatrix(tab *travel.Table, percentiles []int) *ptaccess.Matrix {
	m := &ptaccess.Matrix{Rows: tab.Rows, Cols: tab.Cols, Percentiles: percentiles, Seconds: make([]transit.Seconds, len(tab.TimeMs))}
	for i, v := range tab.TimeMs {
		m.Seconds[i] = ptaccess.Unreachable
		if v != travel.Unreachable {
			m.Seconds[i] = transit.Seconds((uint64(v) + 500) / 1000)
		}
	}
	return m
}

// classifyTravel turns a travel source's input errors into input errors.
func classifyTravel(err error) error {
	if errors.Is(err, travel.ErrInput) || errors.Is(err, ptaccess.ErrInput) {
		return inputErr(err, "")
	}
	return err
}

// snapNetwork snaps points through the network (islands left out).
func snapNetwork(net *ptaccess.Network, pts []csvio.Point, maxSnap float64, log *slog.Logger, what string, warnings *[]string) []graph.Snap {
	coords := make([][2]float64, len(pts))
	for i, p := range pts {
		coords[i] = [2]float64{p.Lon, p.Lat}
	}
	snaps, ok := net.SnapAll(coords, maxSnap)
	if far := len(pts) - ok; far > 0 {
		warnFar(log, warnings, fmt.Sprintf("%d %ss are farther than %.0f m from a walkable street: their pairs are left empty", far, what, maxSnap))
	}
	return snaps
}

// writeTransitParquet writes the columns of writeTransitCSV, unreachable
// percentiles as nulls.
func writeTransitParquet(w io.Writer, m *ptaccess.Matrix, op, dp []csvio.Point) error {
	pw, err := parquet.NewWriter(w, parquet.TransitColumns(m.Percentiles), parquet.Options{})
	if err != nil {
		return err
	}
	vals := make([]float64, len(m.Percentiles))
	for i := range op {
		for j := range dp {
			for k := range m.Percentiles {
				vals[k] = math.NaN()
				if v := m.At(i, j, k); v >= 0 {
					vals[k] = float64(v)
				}
			}
			if err := pw.Write(op[i].ID, dp[j].ID, vals); err != nil {
				return err
			}
		}
	}
	return pw.Close()
}

// writeTransitCSV writes origin_id,destination_id,pP_s... with one column
// per percentile in seconds, empty when unreachable.
func writeTransitCSV(w io.Writer, m *ptaccess.Matrix, op, dp []csvio.Point) error {
	return writePercentilesCSV(w, m, op, dp, []string{"origin_id", "destination_id"}, "p%d_s",
		func(s transit.Seconds) any { return int(s) })
}

// writePercentilesCSV writes a timetabled matrix: the two id columns
// named ids, then one column per percentile named by format (with the
// percentile), value(seconds) in it, empty when unreachable.
func writePercentilesCSV(w io.Writer, m *ptaccess.Matrix, op, dp []csvio.Point, ids []string, format string, value func(transit.Seconds) any) error {
	header := slices.Clone(ids)
	for _, p := range m.Percentiles {
		header = append(header, fmt.Sprintf(format, p))
	}
	cw := csvio.NewWriter(w, header)
	row := make([]any, len(header))
	for i := range op {
		for j := range dp {
			row[0], row[1] = op[i].ID, dp[j].ID
			for k := range m.Percentiles {
				row[2+k] = nil
				if v := m.At(i, j, k); v >= 0 {
					row[2+k] = value(v)
				}
			}
			if err := cw.WriteRow(row...); err != nil {
				return err
			}
		}
	}
	return cw.Flush()
}
