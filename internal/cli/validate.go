package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/links"
	"github.com/saavu/saavu/internal/transit"
)

func validateCommand() command {
	c := command{
		name:    "validate",
		summary: "check GTFS feeds and sketch lines: counts, service dates, problems with file, line and field",
		usage:   "--gtfs FEED [--gtfs FEED...] [--links FILE.csv...] [--date YYYYMMDD]",
		example: `saavu validate --gtfs tampere-gtfs.zip --date 20220110`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, lf := flagSet(c, env)
		var feeds, sketchFiles []string
		var date string
		fs.StringArrayVar(&feeds, "gtfs", nil, "GTFS feed (.zip or folder), repeatable; NAME=PATH sets the id prefix")
		fs.StringArrayVar(&sketchFiles, "links", nil, "sketch lines CSV, repeatable")
		fs.StringVar(&date, "date", "", "also list the services running on this date (YYYYMMDD) and count its trips")
		lf.register(fs)
		if err := parse(fs, args); err != nil {
			return err
		}
		if _, err := lf.logger(env.Stderr); err != nil {
			return err
		}
		if len(feeds) == 0 && len(sketchFiles) == 0 {
			return usagef("validate: give at least one --gtfs FEED or --links FILE")
		}
		var dates []gtfs.Date
		if date != "" {
			d, err := gtfs.ParseDate(date)
			if err != nil {
				return usagef("validate: --date %q: want YYYYMMDD, e.g. 20240115", date)
			}
			dates = []gtfs.Date{d}
		}
		w := env.Stdout
		bad := 0
		var firstErr error
		var loaded []*gtfs.Feed
		for i, arg := range feeds {
			name, path := namedPath(arg)
			if i > 0 {
				fmt.Fprintln(w)
			}
			rep, err := gtfs.Validate(ctx, path, gtfs.Options{Prefix: name, Dates: dates})
			if rep != nil {
				if werr := rep.WriteText(w); werr != nil {
					return werr
				}
			}
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				var ge *gtfs.Error
				if rep == nil || rep.Errors == 0 || !errors.As(err, &ge) {
					fmt.Fprintf(w, "feed %s: %v\n", path, err)
				}
				bad++
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			if date != "" {
				if f, err := gtfs.Load(ctx, path, gtfs.Options{Prefix: name}); err == nil {
					loaded = append(loaded, f)
				}
			}
		}
		var sketches []transit.Sketch
		for _, arg := range sketchFiles {
			name, path := namedPath(arg)
			lfile, err := links.Load(path)
			if err != nil {
				fmt.Fprintf(w, "\nlinks %s: %v\n", path, err)
				bad++
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			fmt.Fprintf(w, "\nlinks %s: %d lines\n", path, len(lfile.Lines))
			sketches = append(sketches, transit.Sketch{Prefix: name, File: lfile})
		}
		if bad > 0 {
			return inputErr(fmt.Errorf("validate: %d of %d inputs have errors; the first: %w", bad, len(feeds)+len(sketchFiles), firstErr), "")
		}
		if date != "" {
			tt, err := transit.Compile(loaded, sketches)
			if err != nil {
				return inputErr(err, "")
			}
			day, err := tt.Day(date, transit.DayOptions{})
			if err != nil {
				return inputErr(err, "")
			}
			fmt.Fprintf(w, "\non %s: %d trips in %d patterns at %d stops, %d transfers\n", date, day.NumTrips(), day.NumPatterns(), servedStops(day), len(day.TransferTo))
			d, _ := gtfs.ParseDate(date)
			for _, f := range loaded {
				if r := f.Report; r.HasDates && (d < r.FirstDate || d > r.LastDate) {
					fmt.Fprintf(w, "  %s: %s is outside the feed's service dates %s to %s: none of its trips runs\n", f.Report.Feed, date, r.FirstDate, r.LastDate)
				}
			}
			if day.NumTrips() == 0 {
				fmt.Fprintf(w, "  no trip runs on %s: an analysis on that date would find public transport reaching no one\n", date)
			}
		}
		return nil
	}
	return c
}

// servedStops counts the stops some pattern of the day serves.
func servedStops(d *transit.Day) int {
	n := 0
	for s := range d.NumStops {
		if d.StopPatStart[s+1] > d.StopPatStart[s] {
			n++
		}
	}
	return n
}
