package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"

	"github.com/saavu/saavu/internal/analyse"
	"github.com/saavu/saavu/internal/demo"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
)

func demoCommand() command {
	c := command{
		name:    "demo",
		summary: "generate the built-in South Savo scenario and analyse it (no downloads needed)",
		usage:   "[--out DIR]",
		example: `saavu demo --out demo-out`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, lf := flagSet(c, env)
		var out, date, outCRS string
		var workers int
		fs.StringVar(&out, "out", "demo-out", "output directory; the generated inputs go to DIR/inputs")
		registerOutCRS(fs, &outCRS)
		fs.StringVar(&date, "date", demo.DefaultDate, "demo service day, YYYYMMDD")
		fs.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "parallel workers")
		lf.register(fs)
		if err := parse(fs, args); err != nil {
			return err
		}
		if err := checkOutCRS(&outCRS); err != nil {
			return err
		}
		log, err := lf.logger(env.Stderr)
		if err != nil {
			return err
		}
		m, err := demo.Generate(filepath.Join(out, "inputs"), demo.Options{Date: date})
		if err != nil {
			return inputErr(err, "")
		}
		log.Info("demo inputs written", "dir", m.Dir, "cells", m.Cells, "road_nodes", m.RoadNodes, "stops", m.Stops)
		// Public transport of the demo day: departures 07:00-09:00, the
		// median over the window.
		tf := &transitFlags{gtfs: []string{"demo=" + m.GTFS}, date: m.Date, depart: "07:00",
			maxWalk: defaultMaxWalkMin, maxRides: ptaccess.DefaultMaxRides, maxTime: defaultMaxTimeMin,
			maxTransfer: ptaccess.DefaultMaxTransferM, boardSlack: 60}
		topts, err := transitOptions(ctx, tf, 120, []int{50}, workers, log, nil)
		if err != nil {
			return err
		}
		topts.RoundTrips = &ptaccess.RoundTripParams{Earliest: 6 * 3600, Latest: 20 * 3600, Dwell: 3600}
		o := &analyse.Options{
			Regions:       m.Regions,
			GroupBy:       "seutukunta",
			RegionName:    "seutukunta_name_fi",
			Population:    m.Population,
			Groups:        []analyse.Group{{Name: "age_65_plus", Field: "age_65_plus"}},
			CellSize:      1000,
			Services:      m.Services,
			OSM:           m.Roads,
			Modes:         []graph.Mode{graph.Walk, graph.Bike, graph.Car, graph.Transit, graph.NoCar},
			Transit:       topts,
			Graph:         graph.DefaultParams(),
			MaxSnapM:      1000,
			MinIsland:     graph.DefaultMinIsland,
			ThresholdsMin: analyse.DefaultThresholds,
			GapMin:        30,
			Out:           out,
			OutCRS:        outCRS,
			Workers:       workers,
			Version:       version(),
			Log:           log,
			Notes:         m.Notes,
		}
		res, err := analyse.Compute(ctx, o)
		if err != nil {
			return classify(err)
		}
		logWarnings(log, res.Warnings)
		if err := analyse.Write(res, o); err != nil {
			return classify(err)
		}
		fmt.Fprintln(lf.summaries(env).Stdout, "South Savo demo: economic regions (seutukunnat) Mikkeli, Savonlinna and Pieksämäki.")
		for _, n := range m.Notes {
			fmt.Fprintf(lf.summaries(env).Stdout, "  note: %s\n", n)
		}
		fmt.Fprintln(lf.summaries(env).Stdout)
		printAnalyseSummary(lf.summaries(env), res, o)
		return nil
	}
	return c
}
