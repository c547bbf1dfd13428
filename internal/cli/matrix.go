package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"runtime"
	"time"

	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/data/parquet"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/ch"
	"github.com/saavu/saavu/internal/graph"
)

func matrixCommand() command {
	c := command{
		name:    "matrix",
		summary: "travel times between every origin and every destination by one mode, as CSV or Parquet",
		usage:   "--osm FILE --origins O.csv --destinations D.csv --mode walk|bike|car|transit [--out FILE] [--format csv|parquet]  (see 'saavu matrix --mode transit --help' for the transit flags)",
		example: `saavu matrix --osm tampere.osm.pbf --mode car --origins homes.csv --destinations offices.csv --out car.csv`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		if wantsTransit(args) {
			return runTransitMatrix(ctx, env, args)
		}
		fs, lf := flagSet(c, env)
		sf := registerStreetFlags(fs, nil)
		var origins, dests, out, mode, format string
		var workers int
		var maxTime float64
		fs.StringVar(&mode, "mode", "walk", "travel mode: walk, bike, car or transit")
		fs.StringVar(&origins, "origins", "", "origins CSV: id,lon,lat")
		fs.StringVar(&dests, "destinations", "", "destinations CSV: id,lon,lat (default: the origins)")
		fs.StringVar(&out, "out", "", "output file (default: standard output, CSV only)")
		fs.StringVar(&format, "format", "csv", "output format: csv, or parquet for large matrices (needs --out)")
		sh := registerShardFlags(fs)
		fs.Float64Var(&maxTime, "max-time", 0, "leave pairs farther than this many minutes empty (0 = no limit)")
		fs.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "parallel workers")
		var strict bool
		fs.BoolVar(&strict, "strict", false, strictHelp)
		var method string
		fs.StringVar(&method, "street-method", "auto", "how walk, bike and car matrices are searched: auto, dijkstra (one search per origin) or ch (contraction hierarchy); the output is the same")
		_ = fs.MarkHidden("street-method")
		lf.register(fs)
		if err := parse(fs, args); err != nil {
			return err
		}
		log, err := lf.logger(env.Stderr)
		if err != nil {
			return err
		}
		sf.modes = []string{mode}
		params, modes, err := sf.params()
		if err != nil {
			return err
		}
		switch {
		case sf.osm == "":
			return usagef("matrix: --osm FILE is required")
		case origins == "":
			return usagef("matrix: --origins FILE is required")
		case maxTime < 0:
			return usagef("matrix: --max-time %g must be >= 0", maxTime)
		}
		if err := checkFormat(format, out); err != nil {
			return err
		}
		if method != "auto" && method != "dijkstra" && method != "ch" {
			return usagef("matrix: --street-method %q: use auto, dijkstra or ch", method)
		}
		start := time.Now()
		op, dp, err := sh.matrixPoints(fs, env, origins, dests, format)
		if err != nil {
			return err
		}
		ext, err := osm.Read(ctx, sf.osm, osm.Options{})
		if err != nil {
			return inputErr(err, "")
		}
		g, _, err := graph.Build(ext, modes[0], params)
		if err != nil {
			return inputErr(err, "")
		}
		log.Info("graph built", "mode", modes[0].String(), "vertices", g.NumVertices(), "seconds", fmt.Sprintf("%.3f", time.Since(start).Seconds()))
		link := graph.NewLinker(g, sf.minIsland)
		var warnings []string
		originSnaps := snapPoints(link, op, sf.maxSnap, log, "origin", &warnings)
		ds := snapPoints(link, dp, sf.maxSnap, log, "destination", &warnings)
		if err := strictError(strict, warnings); err != nil {
			return err
		}
		limit := uint32(0)
		if maxTime > 0 {
			limit = uint32(maxTime * 60000)
		}
		t0 := time.Now()
		var m access.Matrix
		if useCH(method, len(originSnaps)) {
			h, err := ch.Build(g, ch.Options{})
			if err != nil {
				return err
			}
			log.Info("contraction hierarchy built", "shortcuts", h.Shortcuts, "seconds", fmt.Sprintf("%.3f", time.Since(t0).Seconds()))
			var st access.CHStats
			m, st = access.StreetMatrixCH(g, h, originSnaps, ds, limit, workers)
			log.Debug("matrix by contraction hierarchy", "pairs searched again", st.Pairs, "origins searched again", st.Rows)
		} else {
			m = access.StreetMatrix(g, originSnaps, ds, limit, workers)
		}
		if err := ctx.Err(); err != nil {
			return err // interrupted while computing: write nothing
		}
		log.Info("matrix computed", "pairs", m.Rows*m.Cols, "seconds", fmt.Sprintf("%.3f", time.Since(t0).Seconds()))
		write := func(w io.Writer) error { return writeMatrixCSV(w, m, op, dp) }
		if format == "parquet" {
			write = func(w io.Writer) error { return writeMatrixParquet(w, m, op, dp) }
		}
		if out == "" {
			return write(env.Stdout)
		}
		return outdir.WriteFileAtomic(out, write)
	}
	return c
}

// chMinOrigins is the number of origins from which --street-method auto
// builds a contraction hierarchy. Building one costs as much processor
// time as about 50 to 140 searches of the whole car graph and 130 to 380
// of the walk graph, and the searches use every worker while the
// contraction runs on one (BENCHMARKS.md, "Street matrices by contraction
// hierarchy"), so below a few hundred origins the searches are cheaper.
const chMinOrigins = 400

// useCH says whether the matrix is computed by contraction hierarchy.
func useCH(method string, origins int) bool {
	switch method {
	case "ch":
		return true
	case "dijkstra":
		return false
	}
	return origins >= chMinOrigins
}

// snapPoints snaps the points; those farther than maxSnap from a street
// are a warning, logged and added to warnings.
func snapPoints(g *graph.Linker, pts []csvio.Point, maxSnap float64, log *slog.Logger, what string, warnings *[]string) []graph.Snap {
	out := make([]graph.Snap, len(pts))
	far := 0
	for i, p := range pts {
		s, ok := g.Snap(p.Lon, p.Lat, maxSnap)
		if !ok {
			s = graph.Snap{Seg: -1}
			far++
		}
		out[i] = s
	}
	if far > 0 {
		warnFar(log, warnings, fmt.Sprintf("%d %ss are farther than %.0f m from a street: their pairs are left empty", far, what, maxSnap))
	}
	return out
}

// warnFar logs a warning and keeps it for --strict.
func warnFar(log *slog.Logger, warnings *[]string, msg string) {
	log.Warn(msg)
	*warnings = append(*warnings, msg)
}

// checkFormat checks --format; Parquet is binary and goes to a file only.
func checkFormat(format, out string) error {
	switch format {
	case "csv":
		return nil
	case "parquet":
		if out == "" {
			return usagef("matrix: --format parquet writes a binary file: give --out FILE")
		}
		return nil
	}
	return usagef("matrix: --format %q: use csv or parquet", format)
}

// writeMatrixParquet writes the values writeMatrixCSV writes, empty
// pairs as nulls.
func writeMatrixParquet(w io.Writer, m access.Matrix, op, dp []csvio.Point) error {
	pw, err := parquet.NewWriter(w, parquet.StreetColumns(), parquet.Options{})
	if err != nil {
		return err
	}
	vals := make([]float64, 2)
	for i := range op {
		for j := range dp {
			k := i*m.Cols + j
			vals[0], vals[1] = math.NaN(), math.NaN()
			if m.TimeMs[k] != access.Unreachable {
				vals[0] = float64(m.TimeMs[k]) / 1000
				vals[1] = math.Round(m.LenM[k]*10) / 10
			}
			if err := pw.Write(op[i].ID, dp[j].ID, vals); err != nil {
				return err
			}
		}
	}
	return pw.Close()
}

func writeMatrixCSV(w io.Writer, m access.Matrix, op, dp []csvio.Point) error {
	cw := csvio.NewWriter(w, []string{"origin_id", "destination_id", "time_s", "distance_m"})
	for i := range op {
		for j := range dp {
			k := i*m.Cols + j
			var t, d any
			if m.TimeMs[k] != access.Unreachable {
				t = float64(m.TimeMs[k]) / 1000
				d = math.Round(m.LenM[k]*10) / 10
			}
			if err := cw.WriteRow(op[i].ID, dp[j].ID, t, d); err != nil {
				return err
			}
		}
	}
	return cw.Flush()
}
