package cli

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"time"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/netfile"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/isochrone"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/transit"
	"github.com/saavu/saavu/internal/travel"
)

func isochronesCommand() command {
	c := command{
		name:    "isochrones",
		summary: "the areas reachable within given times from points or services, as GeoJSON polygons",
		usage:   "(--osm FILE | --network FILE) (--from LON,LAT ... | --points FILE | --services FILE --category CAT) [--mode walk|bike|car|transit|nocar] [--cutoffs MIN,...] [--out FILE.geojson]",
		example: `saavu isochrones --osm tampere.osm.pbf --mode walk --from 23.7610,61.4978 \
  --cutoffs 5,10,15 --resolution 50 --out keskustori.geojson`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, lf := flagSet(c, env)
		sf := registerStreetFlags(fs, nil)
		var mode, points, services, category, out, network string
		var from []string
		var cutoffs []float64
		var res, offNet float64
		var workers int
		fs.StringVar(&mode, "mode", "walk", "travel mode: walk, bike, car, transit or nocar (transit and nocar need --gtfs or --links and --date)")
		tf := registerTransitFlags(fs)
		var window, percentile int
		fs.IntVar(&window, "window", defaultWindowMin, "transit, nocar: departure window in minutes, one departure a minute from --depart")
		fs.IntVar(&percentile, "percentile", 50, "transit, nocar: the percentile of the travel time over the window that the polygons show, 1..100")
		fs.StringArrayVar(&from, "from", nil, "start point LON,LAT in WGS84 degrees; repeat for several, e.g. --from 23.7610,61.4978")
		fs.StringVar(&points, "points", "", "start points: CSV id,lon,lat or GeoJSON, GeoPackage or Shapefile points")
		fs.StringVar(&services, "services", "", "start from the services of --category in this file: CSV name,category,lon,lat or GeoJSON, GeoPackage or Shapefile points")
		fs.StringVar(&category, "category", "", "with --services: the category to start from")
		fs.Float64SliceVar(&cutoffs, "cutoffs", []float64{15, 30, 45, 60}, "travel times in minutes, one polygon each")
		fs.Float64Var(&res, "resolution", isochrone.DefaultResolutionM, "raster cell size in metres; polygon edges follow it")
		fs.Float64Var(&offNet, "off-network", isochrone.DefaultOffNetworkM, "longest straight walk in metres from a street to a place; farther places (lakes, fields) are unreachable")
		fs.StringVar(&network, "network", "", "network file made by 'saavu prepare' instead of --osm")
		fs.StringVar(&out, "out", "", "output GeoJSON file (default: standard output)")
		fs.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "parallel workers")
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
		m := modes[0]
		cs, err := isochrone.SortCutoffs(cutoffs)
		if err != nil || cs[len(cs)-1] > 24*60 {
			return usagef("--cutoffs %v: give minutes above 0 and at most 1440, e.g. 15,30,45,60", cutoffs)
		}
		if timetabledMode(m) {
			switch {
			case network != "":
				return usagef("isochrones: --mode %s needs --osm and the feeds, not --network", m)
			case cs[len(cs)-1] >= tf.maxTime:
				return usagef("isochrones: --cutoffs %v: the largest must be under --max-time (%g min)", cutoffs, tf.maxTime)
			case percentile < 1 || percentile > 100:
				return usagef("--percentile %d: must be between 1 and 100", percentile)
			case window < 1 || window > 24*60:
				return usagef("--window %d: must be between 1 and 1440 minutes", window)
			}
		} else if len(tf.gtfs) > 0 || len(tf.links) > 0 {
			return usagef("isochrones: --gtfs/--links given but --mode %s does not use them: use --mode transit or nocar", m)
		}
		if network != "" {
			if err := sf.checkNetwork(fs, "isochrones"); err != nil {
				return err
			}
		}
		switch {
		case sf.osm == "" && network == "":
			return usagef("isochrones: --osm FILE (or --network FILE) is required")
		case sf.osm != "" && network != "":
			return usagef("isochrones: give --osm or --network, not both")
		case !(res >= 1) || res > 100000:
			return usagef("--resolution %g: must be between 1 and 100000 metres", res)
		case !(offNet > 0) || offNet > 100000:
			return usagef("--off-network %g: must be more than 0 and at most 100000 metres", offNet)
		case category != "" && services == "":
			return usagef("isochrones: --category goes with --services FILE")
		case services != "" && category == "":
			return usagef("isochrones: --services needs --category CAT: the category to start from")
		}
		given := 0
		for _, v := range []bool{len(from) > 0, points != "", services != ""} {
			if v {
				given++
			}
		}
		if given != 1 {
			return usagef("isochrones: give the start points with one of --from LON,LAT, --points FILE or --services FILE --category CAT")
		}
		var starts []site
		switch {
		case len(from) > 0:
			for i, f := range from {
				ll, err := parseLonLat("--from", f)
				if err != nil {
					return err
				}
				starts = append(starts, site{ID: fmt.Sprintf("from%d", i+1), Lon: ll[0], Lat: ll[1], Source: "--from " + f})
			}
		case points != "":
			if starts, err = readSites(points, ""); err != nil {
				return inputErr(err, "")
			}
		default:
			if starts, err = readSites(services, category); err != nil {
				return inputErr(err, "")
			}
		}
		t0 := time.Now()
		var g *graph.Graph
		var srcFile string
		var tsrc travel.Source // the mode's times; nil: search g from the starts
		var snapper func(lon, lat float64) (graph.Snap, bool)
		var dep transit.Seconds
		if timetabledMode(m) {
			var opts ptaccess.Options
			if opts, dep, err = tf.options(workers); err != nil {
				return err
			}
			net, err := buildNetwork(ctx, sf, tf, opts, log)
			if err != nil {
				return err
			}
			g, srcFile = net.Walk(), sf.osm
			tr := &travel.Transit{Net: net, Window: ptaccess.Window{Date: tf.date, Depart: dep, Minutes: window}, Pcts: []int{percentile}}
			tsrc = tr
			if m == graph.NoCar {
				tsrc = &travel.NoCar{Walk: &travel.Street{G: g, Workers: workers}, Transit: tr}
			}
			snapper = func(lon, lat float64) (graph.Snap, bool) { return net.Snap(lon, lat, sf.maxSnap) }
		} else {
			if g, srcFile, err = isochroneGraph(ctx, sf, network, m, params); err != nil {
				return err
			}
			sn := isochrone.NewSnapper(g, sf.minIsland)
			snapper = func(lon, lat float64) (graph.Snap, bool) {
				x, ok := sn.Snap(lon, lat, sf.maxSnap)
				return x.Snap, ok
			}
		}
		log.Info("graph ready", "mode", m.String(), "vertices", g.NumVertices(), "seconds", fmt.Sprintf("%.3f", time.Since(t0).Seconds()))
		var st []isochrone.Start
		var far []string
		for _, s := range starts {
			x, ok := snapper(s.Lon, s.Lat)
			if !ok {
				far = append(far, s.Source)
				continue
			}
			st = append(st, isochrone.Start{Lon: s.Lon, Lat: s.Lat, Snap: x})
		}
		if len(st) == 0 {
			return inputErr(fmt.Errorf("isochrones: no start point is within %g m (--max-snap) of a street usable by %s in %s", sf.maxSnap, m, srcFile),
				"check that the points are lon,lat inside the extract")
		}
		if len(far) > 0 {
			log.Warn(fmt.Sprintf("%d start points are farther than %g m from a %s street and are left out", len(far), sf.maxSnap, m), "first", far[0])
		}
		t1 := time.Now()
		var vertexMs []uint32
		if tsrc != nil {
			snaps := make([]graph.Snap, len(st))
			for i, x := range st {
				snaps[i] = x.Snap
			}
			if vertexMs, err = tsrc.VertexTimes(ctx, snaps, uint32(cs[len(cs)-1]*60000), 0); err != nil {
				return classifyTravel(err)
			}
		}
		r, err := isochrone.TimesFrom(ctx, g, st, vertexMs, isochrone.Options{LimitMin: cs[len(cs)-1], ResolutionM: res, OffNetworkM: offNet, Workers: workers})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return inputErr(err, "")
		}
		bands, err := isochrone.Bands(r, cs)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err // interrupted: write nothing
		}
		log.Info("isochrones computed", "starts", len(st), "raster", fmt.Sprintf("%dx%d", r.W, r.H), "seconds", fmt.Sprintf("%.3f", time.Since(t1).Seconds()))
		var extra []geojson.Prop
		if timetabledMode(m) {
			extra = []geojson.Prop{{Key: "percentile", Value: percentile}, {Key: "date", Value: tf.date},
				{Key: "depart", Value: tf.depart}, {Key: "window_min", Value: window}}
		}
		write := func(w io.Writer) error { return writeIsochrones(w, bands, m, extra...) }
		if out == "" {
			return write(env.Stdout)
		}
		if err := outdir.WriteFileAtomic(out, write); err != nil {
			return err
		}
		noun := "start points"
		if len(st) == 1 {
			noun = "start point"
		}
		how := m.String()
		if timetabledMode(m) {
			how = fmt.Sprintf("%s (percentile %d of the departures %s-%s on %s)", m, percentile, clock(dep), clock(dep+transit.Seconds(window*60)), tf.date)
		}
		fmt.Fprintf(lf.summaries(env).Stdout, "Reachable from %d %s by %s:\n", len(st), noun, how)
		for _, b := range bands {
			fmt.Fprintf(lf.summaries(env).Stdout, "  %6g min  %10.3f km²\n", b.CutoffMin, b.AreaKm2)
		}
		fmt.Fprintf(lf.summaries(env).Stdout, "Isochrones in %s\n", out)
		return nil
	}
	return c
}

// isochroneGraph returns the street graph of the mode, from the network
// file or built from the OSM extract, and the file it came from.
func isochroneGraph(ctx context.Context, sf *streetFlags, network string, m graph.Mode, params graph.Params) (*graph.Graph, string, error) {
	if network != "" {
		nf, err := netfile.Read(network)
		if err != nil {
			return nil, network, inputErr(err, "")
		}
		g, err := nf.Graph(m)
		if err != nil {
			return nil, network, inputErr(err, "prepare the network with this mode in --modes")
		}
		return g, network, nil
	}
	ext, err := osm.Read(ctx, sf.osm, osm.Options{SkipPOIs: true})
	if err != nil {
		return nil, sf.osm, inputErr(err, "")
	}
	g, _, err := graph.Build(ext, m, params)
	if err != nil {
		return nil, sf.osm, inputErr(err, "")
	}
	if g.NumVertices() == 0 {
		return nil, sf.osm, inputErr(fmt.Errorf("osm: %s: no street usable by %s", sf.osm, m), "is it the right extract?")
	}
	return g, sf.osm, nil
}

// writeIsochrones writes one feature per band, in increasing cut-off, in
// WGS84 rounded to 6 decimals.
func writeIsochrones(w io.Writer, bands []isochrone.Band, m graph.Mode, extra ...geojson.Prop) error {
	gw := geojson.NewWriter(w)
	gw.SetPropertyPrecision(4)
	for _, b := range bands {
		var g orb.Geometry = orb.MultiPolygon{}
		if len(b.Geom) > 0 {
			g = geo.UnprojectTM35(b.Geom)
		}
		id := strconv.FormatFloat(b.CutoffMin, 'f', -1, 64)
		props := append([]geojson.Prop{
			{Key: "cutoff_min", Value: b.CutoffMin},
			{Key: "mode", Value: m.String()},
			{Key: "area_km2", Value: b.AreaKm2},
		}, extra...)
		if err := gw.Write(geojson.OutFeature{ID: id, Geometry: g, Props: props}); err != nil {
			return err
		}
	}
	return gw.Close()
}
