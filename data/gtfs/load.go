package gtfs

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
)

// Options control how a feed is read.
type Options struct {
	// Prefix namespaces every id as "Prefix:id"; empty keeps ids as they are.
	Prefix string
	// Dates lists dates whose active services the report names.
	Dates []Date
	// MaxExamples is how many problems of one kind the report keeps;
	// 0 means DefaultMaxExamples.
	MaxExamples int
}

// Load opens and reads the feed at path (a .zip or a directory). It fails
// on I/O errors and on the first error-level problem of the feed, as an
// [*Error]; warnings are in the returned feed's Report.
func Load(ctx context.Context, path string, opts Options) (*Feed, error) {
	src, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return Read(ctx, src.FS, src.Name, opts)
}

// Read reads a feed from fsys, naming it name in messages. See [Load].
func Read(ctx context.Context, fsys fs.FS, name string, opts Options) (*Feed, error) {
	f, err := read(ctx, fsys, name, opts)
	if err != nil {
		return nil, err
	}
	if err := f.Report.Err(); err != nil {
		return nil, err
	}
	return f, nil
}

// Validate reads the feed at path and returns its report, errors
// included. The error is nil when the feed has no error-level problem;
// otherwise it is the first one (an [*Error]), or the I/O error that
// stopped the reading. The report is never nil.
func Validate(ctx context.Context, path string, opts Options) (*Report, error) {
	src, err := Open(path)
	if err != nil {
		rep := newReport(filepath.Base(path), opts.Prefix, opts.MaxExamples)
		var fe *Error
		if errors.As(err, &fe) {
			rep.add(fe.Problem)
		}
		return rep, err
	}
	defer src.Close()
	f, err := read(ctx, src.FS, src.Name, opts)
	if err != nil {
		return f.Report, err
	}
	return f.Report, f.Report.Err()
}

// reader holds the state of one feed being read.
type reader struct {
	ctx  context.Context
	fsys fs.FS
	opts Options
	feed *Feed
	rep  *Report

	// Raw (not prefixed) ids to indices.
	agencyIdx  map[string]int32
	stopIdx    map[string]int32
	routeIdx   map[string]int32
	serviceIdx map[string]int32
	tripIdx    map[string]int32

	// Trips rejected for an error in trips.txt: their stop times and
	// frequencies are skipped without a second error.
	rejected map[string]bool
}

// read reads every file. Its error is an I/O or context error; problems
// of the feed are in the report. The returned feed is never nil.
func read(ctx context.Context, fsys fs.FS, name string, opts Options) (*Feed, error) {
	f := &Feed{Name: name, Prefix: opts.Prefix}
	f.Report = newReport(name, opts.Prefix, opts.MaxExamples)
	r := &reader{
		ctx: ctx, fsys: fsys, opts: opts, feed: f, rep: f.Report,
		agencyIdx: map[string]int32{}, stopIdx: map[string]int32{}, routeIdx: map[string]int32{},
		serviceIdx: map[string]int32{}, tripIdx: map[string]int32{}, rejected: map[string]bool{},
	}
	steps := []func() error{
		r.readAgencies, r.readStops, r.readRoutes, r.readCalendar, r.readCalendarDates,
		r.readTrips, r.readStopTimes, r.readFrequencies, r.readTransfers, r.noteShapes,
	}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return f, err
		}
		if err := step(); err != nil {
			return f, err
		}
	}
	r.summarise()
	return f, nil
}

// id namespaces a raw id.
func (r *reader) id(raw string) string {
	if r.opts.Prefix == "" {
		return raw
	}
	return r.opts.Prefix + ":" + raw
}

// problem records a problem of the current row of t (t may be nil).
func (r *reader) problem(sev Severity, t *table, file string, line int, field string, cat error, format string, args ...any) {
	if t != nil {
		file = t.file
		if line == 0 {
			line = t.line()
		}
	}
	r.rep.add(Problem{Severity: sev, File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...), Err: cat})
}

// warnf records a warning about field of the current row of t.
func (r *reader) warnf(t *table, field string, cat error, format string, args ...any) {
	r.problem(SeverityWarning, t, "", 0, field, cat, format, args...)
}

// errorf records an error about field of the current row of t.
func (r *reader) errorf(t *table, field string, cat error, format string, args ...any) {
	r.problem(SeverityError, t, "", 0, field, cat, format, args...)
}

// open opens a file and checks its required columns. It returns nil when
// the file is absent or cannot be used (the problem is recorded when the
// file is required, or when a present file lacks a column). Only I/O
// errors are returned.
func (r *reader) open(file string, required bool, columns ...string) (*table, error) {
	stat := FileStat{Name: file}
	t, err := openTable(r.fsys, file)
	switch {
	case isNotExist(err):
		r.rep.Files = append(r.rep.Files, stat)
		if required {
			r.problem(SeverityError, nil, file, 0, "", ErrMissingFile, "required file is missing")
		}
		return nil, nil
	case err != nil:
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			stat.Present = true
			r.rep.Files = append(r.rep.Files, stat)
			r.problem(SeverityError, nil, file, pe.StartLine, "", ErrCSV, "header: %v", pe.Err)
			return nil, nil
		}
		return nil, fmt.Errorf("gtfs: %s: %s: %w", r.feed.Name, file, err)
	}
	stat.Present, stat.Read = true, true
	r.rep.Files = append(r.rep.Files, stat)
	if t == nil {
		if required {
			r.problem(SeverityError, nil, file, 0, "", ErrMissingFile, "file is empty")
		}
		return nil, nil
	}
	ok := true
	for _, c := range columns {
		if t.col(c) < 0 {
			r.problem(SeverityError, nil, file, 1, c, ErrMissingColumn, "required column is missing")
			ok = false
		}
	}
	if !ok {
		t.Close()
		return nil, nil
	}
	return t, nil
}

// rows calls fn for each row of t, recording malformed rows, checking the
// context every few thousand rows, and closing t at the end.
func (r *reader) rows(t *table, fn func() error) error {
	defer t.Close()
	ids := t.idColumns()
	for n := 0; ; n++ {
		if n&0x3fff == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
		ok, err := t.next()
		if !ok {
			r.rep.Files[len(r.rep.Files)-1].Rows = t.rows
			if err != nil {
				return fmt.Errorf("gtfs: %s: %w", r.feed.Name, err)
			}
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			errors.As(err, &pe)
			r.problem(SeverityError, nil, t.file, pe.StartLine, "", ErrCSV, "%v", pe.Err)
			continue
		}
		if name, broken := t.lineBreakIn(ids); broken {
			// Quotes are read lazily, so an unclosed one swallows the
			// following lines into this field instead of failing.
			r.errorf(t, name, ErrCSV, "id runs over a line break: a quote opened on this line is never closed")
			continue
		}
		if err := fn(); err != nil {
			return err
		}
	}
}

// noteShapes records whether shapes.txt is present; it is never read.
func (r *reader) noteShapes() error {
	_, err := fs.Stat(r.fsys, "shapes.txt")
	r.rep.Files = append(r.rep.Files, FileStat{Name: "shapes.txt", Present: err == nil})
	return nil
}

// summarise fills the report's date range and active services.
func (r *reader) summarise() {
	rep := r.rep
	for _, s := range r.feed.Services {
		var lo, hi Date
		has := false
		if s.HasCalendar {
			lo, hi, has = s.Start, s.End, true
		}
		for _, list := range [][]Date{s.Added, s.Removed} {
			for _, d := range list {
				if !has {
					lo, hi, has = d, d, true
				}
				lo, hi = min(lo, d), max(hi, d)
			}
		}
		if !has {
			continue
		}
		if !rep.HasDates {
			rep.FirstDate, rep.LastDate, rep.HasDates = lo, hi, true
		}
		rep.FirstDate, rep.LastDate = min(rep.FirstDate, lo), max(rep.LastDate, hi)
	}
	for _, d := range r.opts.Dates {
		a := ActiveServices{Date: d}
		active := make([]bool, len(r.feed.Services))
		for i := range r.feed.Services {
			if r.feed.Services[i].Active(d) {
				active[i] = true
				a.Services = append(a.Services, r.feed.Services[i].ID)
			}
		}
		for _, t := range r.feed.Trips {
			if t.Service >= 0 && active[t.Service] {
				a.Trips++
			}
		}
		rep.Active = append(rep.Active, a)
	}
}

// sortUnique sorts dates and removes duplicates.
func sortUnique(ds []Date) []Date {
	slices.Sort(ds)
	return slices.Compact(ds)
}
