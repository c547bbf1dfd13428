package cli

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/prepare"
)

func prepareCommand() command {
	c := command{
		name:    "prepare",
		summary: "clip a national OSM extract and GTFS feeds to the regions plus a buffer and save the built network in one file for analyse --network",
		usage:   "--osm FILE --regions FILE [--gtfs FEED...] [--links FILE...] [--buffer KM] [--modes walk,bike,car] --out FILE",
		example: `saavu prepare --osm finland-latest.osm.pbf --gtfs fintraffic=gtfs.zip \
  --regions south-savo.geojson --buffer 20 --modes walk,bike,car --out south-savo.saavu`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, lf := flagSet(c, env)
		sf := registerStreetFlags(fs, []string{"walk", "bike", "car"})
		if f := fs.Lookup("max-snap"); f != nil {
			f.Hidden = true // analyse snaps; prepare does not
		}
		if f := fs.Lookup("modes"); f != nil {
			f.Usage = "street graphs to build: walk, bike, car (walk is added with --gtfs/--links: transit walks on it)"
		}
		var feeds, sketches []string
		o := &prepare.Options{}
		fs.StringArrayVar(&feeds, "gtfs", nil, "GTFS feed (.zip or folder), repeatable; ids are prefixed with the file's base name, or give NAME=PATH")
		fs.StringArrayVar(&sketches, "links", nil, "sketch lines CSV, repeatable (prefix: base name, or NAME=PATH)")
		fs.StringVar(&o.Regions, "regions", "", "region polygons (GeoJSON, GeoPackage or Shapefile; WGS84 or EPSG:3067): the network covers their boxes plus --buffer")
		fs.StringVar(&o.CRS, "crs", "", "CRS of --regions when it does not declare one: EPSG:3067 or EPSG:4326")
		fs.Float64Var(&o.BufferKm, "buffer", prepare.DefaultBufferKm, "margin around each region's bounding box, km")
		fs.StringVar(&o.Out, "out", "", "network file to write, e.g. network.saavu")
		fs.IntVar(&o.Workers, "workers", runtime.GOMAXPROCS(0), "parallel workers")
		lf.register(fs)
		if err := parse(fs, args); err != nil {
			return err
		}
		log, err := lf.logger(env.Stderr)
		if err != nil {
			return err
		}
		if o.Graph, o.Modes, err = sf.params(); err != nil {
			return err
		}
		o.OSM, o.ElevationFile = sf.osm, sf.elevation
		switch {
		case o.OSM == "":
			return usagef("prepare: --osm FILE is required")
		case o.Regions == "":
			return usagef("prepare: --regions FILE is required (the network is clipped to them plus --buffer)")
		case o.Out == "":
			return usagef("prepare: --out FILE is required")
		case !(o.BufferKm >= 0) || o.BufferKm > 1000:
			return usagef("prepare: --buffer %g: must be between 0 and 1000 km", o.BufferKm)
		case o.Workers < 1:
			return usagef("prepare: --workers %d: must be at least 1", o.Workers)
		}
		if i := slices.IndexFunc(o.Modes, timetabledMode); i >= 0 && len(feeds) == 0 && len(sketches) == 0 {
			return usagef("prepare: --modes %s needs --gtfs FEED or --links FILE", o.Modes[i])
		}
		for _, a := range feeds {
			name, path := namedPath(a)
			o.Feeds = append(o.Feeds, prepare.Source{Name: name, Path: path})
		}
		for _, a := range sketches {
			name, path := namedPath(a)
			o.Links = append(o.Links, prepare.Source{Name: name, Path: path})
		}
		o.Log, o.Version = log, version()
		sum, err := prepare.Run(ctx, o)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if errors.Is(err, prepare.ErrInput) {
				return inputErr(err, "")
			}
			return err
		}
		printPrepareSummary(lf.summaries(env), o, sum)
		return nil
	}
	return c
}

func printPrepareSummary(env *Env, o *prepare.Options, s *prepare.Summary) {
	w := env.Stdout
	fmt.Fprintf(w, "Area: the regions of %s plus %g km\n", o.Regions, o.BufferKm)
	fmt.Fprintf(w, "Streets: %d ways kept (%d outside the area left out), %d nodes, %d points of interest\n",
		s.Ways, s.WaysOutside, s.Nodes, s.POIs)
	for _, m := range []graph.Mode{graph.Walk, graph.Bike, graph.Car} {
		if v, ok := s.Vertices[m]; ok {
			fmt.Fprintf(w, "  %-5s %d vertices, %d edges\n", m, v, s.Edges[m])
		}
	}
	if t := s.Transit; t.Stops > 0 || t.Trips > 0 {
		fmt.Fprintf(w, "Public transport: %d of %d stops, %d of %d trips (%d cut at the edge), %d routes\n",
			t.StopsKept, t.Stops, t.TripsKept, t.Trips, t.TripsCut, t.RoutesKept)
	}
	fmt.Fprintf(w, "Wrote %s (%s) in %.1f s (reading %.1f s, graphs %.1f s, writing %.1f s)\n",
		o.Out, byteSize(s.FileBytes), s.Total.Seconds(), s.Read.Seconds(), s.Build.Seconds(), s.Write.Seconds())
}

// byteSize formats a size in bytes with a binary unit.
func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, u := float64(n), "B"
	for _, next := range []string{"KiB", "MiB", "GiB", "TiB"} {
		if v < unit {
			break
		}
		v, u = v/unit, next
	}
	return fmt.Sprintf("%.1f %s", v, u)
}
