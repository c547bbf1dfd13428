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
)

func isochronesCommand() command {
	c := command{
		name:    "isochrones",
		summary: "the areas reachable within given times from points or services, as GeoJSON polygons",
		usage:   "(--osm FILE | --network FILE) (--from LON,LAT ... | --points FILE | --services FILE --category CAT) [--mode walk|bike|car] [--cutoffs MIN,...] [--out FILE.geojson]",
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
		fs.StringVar(&mode, "mode", "walk", "travel mode: walk, bike or car")
		fs.StringArrayVar(&from, "from", nil, "start point LON,LAT in WGS84 degrees; repeat for several, e.g. --from 23.7610,61.4978")
		fs.StringVar(&points, "points", "", "start points: CSV id,lon,lat or GeoJSON points")
		fs.StringVar(&services, "services", "", "start from the services of --category in this file: CSV name,category,lon,lat or GeoJSON points")
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
		if timetabledMode(m) {
			return usagef("isochrones: --mode %s is not supported yet: use walk, bike or car", m)
		}
		cs, err := isochrone.SortCutoffs(cutoffs)
		if err != nil || cs[len(cs)-1] > 24*60 {
			return usagef("--cutoffs %v: give minutes above 0 and at most 1440, e.g. 15,30,45,60", cutoffs)
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
		g, src, err := isochroneGraph(ctx, sf, network, m, params)
		if err != nil {
			return err
		}
		log.Info("graph ready", "mode", m.String(), "vertices", g.NumVertices(), "seconds", fmt.Sprintf("%.3f", time.Since(t0).Seconds()))
		sn := isochrone.NewSnapper(g, isochrone.DefaultMinPiece)
		var st []isochrone.Start
		var far []string
		for _, s := range starts {
			x, ok := sn.Snap(s.Lon, s.Lat, sf.maxSnap)
			if !ok {
				far = append(far, s.Source)
				continue
			}
			st = append(st, x)
		}
		if len(st) == 0 {
			return inputErr(fmt.Errorf("isochrones: no start point is within %g m (--max-snap) of a street usable by %s in %s", sf.maxSnap, m, src),
				"check that the points are lon,lat inside the extract")
		}
		if len(far) > 0 {
			log.Warn(fmt.Sprintf("%d start points are farther than %g m from a %s street and are left out", len(far), sf.maxSnap, m), "first", far[0])
		}
		t1 := time.Now()
		r, err := isochrone.Times(ctx, g, st, isochrone.Options{LimitMin: cs[len(cs)-1], ResolutionM: res, OffNetworkM: offNet, Workers: workers})
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
		write := func(w io.Writer) error { return writeIsochrones(w, bands, m) }
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
		fmt.Fprintf(env.Stdout, "Reachable from %d %s by %s:\n", len(st), noun, m)
		for _, b := range bands {
			fmt.Fprintf(env.Stdout, "  %6g min  %10.3f km²\n", b.CutoffMin, b.AreaKm2)
		}
		fmt.Fprintf(env.Stdout, "Isochrones in %s\n", out)
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
func writeIsochrones(w io.Writer, bands []isochrone.Band, m graph.Mode) error {
	gw := geojson.NewWriter(w)
	gw.SetPropertyPrecision(4)
	for _, b := range bands {
		var g orb.Geometry = orb.MultiPolygon{}
		if len(b.Geom) > 0 {
			g = geo.UnprojectTM35(b.Geom)
		}
		id := strconv.FormatFloat(b.CutoffMin, 'f', -1, 64)
		if err := gw.Write(geojson.OutFeature{ID: id, Geometry: g, Props: []geojson.Prop{
			{Key: "cutoff_min", Value: b.CutoffMin},
			{Key: "mode", Value: m.String()},
			{Key: "area_km2", Value: b.AreaKm2},
		}}); err != nil {
			return err
		}
	}
	return gw.Close()
}
