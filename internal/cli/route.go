package cli

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

func routeCommand() command {
	c := command{
		name:    "route",
		summary: "the fastest way from one point to another by public transport, walking, cycling or car",
		usage:   "--osm FILE --from LON,LAT --to LON,LAT [--mode transit|nocar|walk|bike|car] [--gtfs FEED --date YYYYMMDD --depart HH:MM]",
		example: `saavu route --osm tampere.osm.pbf --gtfs tampere-gtfs.zip --date 20220110 --depart 07:30 \
  --from 23.7610,61.4978 --to 23.8540,61.4460`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, lf := flagSet(c, env)
		sf := registerStreetFlags(fs, nil)
		tf := registerTransitFlags(fs)
		var mode, from, to string
		fs.StringVar(&mode, "mode", "transit", "travel mode: transit, nocar (the faster of walking all the way and transit), walk, bike or car")
		fs.StringVar(&from, "from", "", "start point LON,LAT in WGS84 degrees, e.g. 23.7610,61.4978")
		fs.StringVar(&to, "to", "", "end point LON,LAT in WGS84 degrees")
		lf.register(fs)
		if err := parse(fs, args); err != nil {
			return err
		}
		log, err := lf.logger(env.Stderr)
		if err != nil {
			return err
		}
		fromLL, err := parseLonLat("--from", from)
		if err != nil {
			return err
		}
		toLL, err := parseLonLat("--to", to)
		if err != nil {
			return err
		}
		if sf.osm == "" {
			return usagef("route: --osm FILE is required")
		}
		mode = strings.ToLower(strings.TrimSpace(mode))
		if mode != "transit" && mode != "nocar" {
			sf.modes = []string{mode}
			params, modes, err := sf.params()
			if err != nil {
				return err
			}
			return streetRoute(ctx, env, sf, params, modes[0], fromLL, toLL)
		}
		opts, dep, err := tf.options(0)
		if err != nil {
			return err
		}
		net, err := buildNetwork(ctx, sf, tf, opts, log)
		if err != nil {
			return err
		}
		a, ok := net.Snap(fromLL[0], fromLL[1], sf.maxSnap)
		if !ok {
			return usagef("route: --from %s is farther than %.0f m from a walkable street", from, sf.maxSnap)
		}
		b, ok := net.Snap(toLL[0], toLL[1], sf.maxSnap)
		if !ok {
			return usagef("route: --to %s is farther than %.0f m from a walkable street", to, sf.maxSnap)
		}
		it, ok := net.Itinerary(a, b, dep)
		if mode == "nocar" {
			// Walking all the way, bounded only by the trip limit.
			t, l, walked := pointToPoint(net.Walk(), a, b)
			rides := ok && it.Rides > 0 // a journey without rides is a walk, within --max-walk
			if walked && float64(t) < tf.maxTime*60000 && (!rides || float64(t) <= float64(it.Seconds())*1000) {
				fmt.Fprintf(env.Stdout, "nocar: walking all the way is the faster: %.1f min, %.0f m", float64(t)/60000, l)
				if rides {
					fmt.Fprintf(env.Stdout, " (public transport leaving at %s: %.1f min)", clock(dep), float64(it.Seconds())/60)
				}
				fmt.Fprintln(env.Stdout)
				return nil
			}
			if ok {
				fmt.Fprint(env.Stdout, "nocar: public transport is the faster")
				if walked {
					fmt.Fprintf(env.Stdout, " (walking all the way: %.1f min)", float64(t)/60000)
				}
				fmt.Fprint(env.Stdout, "\n\n")
			}
		}
		if !ok {
			return &NoRouteError{fmt.Errorf("route: no journey from %s to %s leaving at %s on %s within %g minutes, %d rides and %g-minute walks",
				from, to, clock(dep), tf.date, tf.maxTime, tf.maxRides, tf.maxWalk)}
		}
		return printItinerary(env, it, tf.date)
	}
	return c
}

// parseLonLat reads "LON,LAT" in degrees.
func parseLonLat(flag, s string) ([2]float64, error) {
	bad := func(why string) ([2]float64, error) {
		return [2]float64{}, usagef("%s %q: %s; want LON,LAT in WGS84 degrees, e.g. 23.7610,61.4978", flag, s, why)
	}
	if s == "" {
		return bad("missing")
	}
	parts := strings.Split(s, ",")
	if len(parts) != 2 {
		return bad("not two numbers")
	}
	var v [2]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return bad(fmt.Sprintf("%q is not a number", strings.TrimSpace(p)))
		}
		v[i] = f
	}
	switch {
	case v[0] >= 59 && v[0] <= 71 && v[1] >= 19 && v[1] <= 32:
		return bad(fmt.Sprintf("lon %g, lat %g look swapped (Finland is lon 19..32, lat 59..71): write the longitude first", v[0], v[1]))
	case v[0] < -180 || v[0] > 180:
		return bad("longitude outside -180..180")
	case v[1] < -90 || v[1] > 90:
		return bad("latitude outside -90..90")
	case math.Abs(v[1]) > 90-1e-9 || (v[0] == 0 && v[1] == 0):
		return bad("not a plausible place")
	}
	return v, nil
}

// streetRoute prints the time and distance by one street mode.
func streetRoute(ctx context.Context, env *Env, sf *streetFlags, params graph.Params, mode graph.Mode, a, b [2]float64) error {
	ext, err := osm.Read(ctx, sf.osm, osm.Options{SkipPOIs: true})
	if err != nil {
		return inputErr(err, "")
	}
	g, _, err := graph.Build(ext, mode, params)
	if err != nil {
		return inputErr(err, "")
	}
	link := graph.NewLinker(g, sf.minIsland)
	sa, ok := link.Snap(a[0], a[1], sf.maxSnap)
	if !ok {
		return usagef("route: --from %g,%g is farther than %.0f m from a %s street", a[0], a[1], sf.maxSnap, mode)
	}
	sb, ok := link.Snap(b[0], b[1], sf.maxSnap)
	if !ok {
		return usagef("route: --to %g,%g is farther than %.0f m from a %s street", b[0], b[1], sf.maxSnap, mode)
	}
	t, l, ok := pointToPoint(g, sa, sb)
	if !ok {
		return &NoRouteError{fmt.Errorf("route: no %s route between the two points: they are on parts of the %s network that do not connect (one-way streets, access restrictions, or the edge of the extract)", mode, mode)}
	}
	fmt.Fprintf(env.Stdout, "%s: %.1f min, %.0f m\n", mode, float64(t)/60000, l)
	return nil
}

// pointToPoint is the time (ms) and length (m) of the fastest way from
// sa to sb on g, false when there is none.
func pointToPoint(g *graph.Graph, sa, sb graph.Snap) (uint32, float64, bool) {
	d := route.NewDijkstra(g)
	d.Run(false, route.OutSources(sa, 0, nil), 0)
	t, l, _ := d.ToPoint(sb)
	if ms, lenM, ok := g.SameSegmentTime(sa, sb); ok {
		if tt := uint64(sa.ConnMs) + uint64(ms) + uint64(sb.ConnMs); tt < uint64(t) {
			t, l = uint32(tt), sa.ConnM+float64(lenM)+sb.ConnM
		}
	}
	return t, l, t != route.Unreached
}

// printItinerary writes the legs as a table.
func printItinerary(env *Env, it ptaccess.Itinerary, date string) error {
	w := env.Stdout
	rides := "rides"
	if it.Rides == 1 {
		rides = "ride"
	}
	fmt.Fprintf(w, "%s, leaving %s, arriving %s: %.1f min, %d %s\n\n", fmtDate(date), clock(it.Depart), clock(it.Arrive), float64(it.Seconds())/60, it.Rides, rides)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "leg\tfrom\tto\tdepart\tarrive\tmin\tline")
	for _, l := range it.Legs {
		line := ""
		if l.Kind == route.LegRide {
			line = l.Route
			if l.Headsign != "" {
				line += " → " + l.Headsign
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.1f\t%s\n", l.Kind, l.From, l.To, clock(l.Start), clock(l.End), float64(l.Seconds())/60, line)
	}
	return tw.Flush()
}

func clock(s transit.Seconds) string { return gtfs.FormatTime(gtfs.Seconds(s)) }

func fmtDate(d string) string {
	t, err := time.Parse("20060102", d)
	if err != nil {
		return d
	}
	return t.Format("Mon 2 Jan 2006")
}
