package gtfs

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// DefaultMaxExamples is how many problems of one kind a [Report] keeps
// when [Options].MaxExamples is 0; further ones are only counted.
const DefaultMaxExamples = 10

// Report describes a feed: rows per file, the service date range, the
// services active on the dates asked for, and every problem found.
type Report struct {
	Feed   string
	Prefix string

	Files []FileStat // in reading order

	// Service date range over calendar.txt and calendar_dates.txt;
	// meaningful only when HasDates.
	FirstDate, LastDate Date
	HasDates            bool

	Active []ActiveServices // one per date of Options.Dates

	// Problems keeps up to MaxExamples problems of each kind (same
	// severity, file, field and category), in the order found.
	Problems []Problem
	Kinds    []KindCount // one per kind, in the order first found
	Errors   int         // all errors, kept or not
	Warnings int         // all warnings, kept or not

	maxExamples int
	kindIdx     map[kindKey]int
}

// FileStat counts the rows of one file.
type FileStat struct {
	Name    string
	Present bool
	Read    bool // false for files present but not read (shapes.txt)
	Rows    int  // data rows, header excluded
}

// ActiveServices lists the services that run on a date.
type ActiveServices struct {
	Date     Date
	Services []string // namespaced ids, in feed order
	Trips    int      // trips of those services
}

// KindCount counts the problems of one kind.
type KindCount struct {
	Severity Severity
	File     string
	Field    string
	Err      error
	Count    int
	Example  string // message of the first one
}

type kindKey struct {
	sev   Severity
	file  string
	field string
	err   error
}

func newReport(feed, prefix string, maxExamples int) *Report {
	if maxExamples <= 0 {
		maxExamples = DefaultMaxExamples
	}
	return &Report{Feed: feed, Prefix: prefix, maxExamples: maxExamples, kindIdx: make(map[kindKey]int)}
}

// add records a problem.
func (r *Report) add(p Problem) {
	if p.Severity == SeverityError {
		r.Errors++
	} else {
		r.Warnings++
	}
	k := kindKey{p.Severity, p.File, p.Field, p.Err}
	i, ok := r.kindIdx[k]
	if !ok {
		i = len(r.Kinds)
		r.kindIdx[k] = i
		r.Kinds = append(r.Kinds, KindCount{Severity: p.Severity, File: p.File, Field: p.Field, Err: p.Err, Example: p.Msg})
	}
	r.Kinds[i].Count++
	if r.Kinds[i].Count <= r.maxExamples {
		r.Problems = append(r.Problems, p)
	}
}

// Err returns the first error of the feed as an [*Error], or nil when the
// feed has only warnings.
func (r *Report) Err() error {
	if r.Errors == 0 {
		return nil
	}
	for _, p := range r.Problems {
		if p.Severity == SeverityError {
			return &Error{Feed: r.Feed, Problem: p, More: r.Errors - 1}
		}
	}
	return &Error{Feed: r.Feed, Problem: Problem{Severity: SeverityError, Msg: "feed has errors"}, More: r.Errors - 1}
}

// WriteText writes the report for people: files, dates, active services,
// then the problems grouped by kind with their first examples.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "feed %s", r.Feed)
	if r.Prefix != "" {
		fmt.Fprintf(bw, " (ids prefixed %q)", r.Prefix+":")
	}
	fmt.Fprintln(bw)
	for _, f := range r.Files {
		switch {
		case !f.Present:
			fmt.Fprintf(bw, "  %-20s absent\n", f.Name)
		case !f.Read:
			fmt.Fprintf(bw, "  %-20s present, not read\n", f.Name)
		default:
			fmt.Fprintf(bw, "  %-20s %9d rows\n", f.Name, f.Rows)
		}
	}
	if r.HasDates {
		fmt.Fprintf(bw, "service dates %s to %s\n", r.FirstDate, r.LastDate)
	} else {
		fmt.Fprintln(bw, "service dates: none")
	}
	for _, a := range r.Active {
		fmt.Fprintf(bw, "active on %s (%s): %d services, %d trips", a.Date, a.Date.Weekday(), len(a.Services), a.Trips)
		const show = 10
		if len(a.Services) > 0 {
			n := min(len(a.Services), show)
			fmt.Fprintf(bw, ": %s", strings.Join(a.Services[:n], ", "))
			if len(a.Services) > n {
				fmt.Fprintf(bw, ", ... (%d more)", len(a.Services)-n)
			}
		}
		fmt.Fprintln(bw)
	}
	fmt.Fprintf(bw, "%d errors, %d warnings\n", r.Errors, r.Warnings)
	for _, k := range r.Kinds {
		where := k.File
		if where == "" {
			where = "the feed as a whole" // not a zip, a required file missing...
		}
		fmt.Fprintf(bw, "  %-7s %d x %s", k.Severity, k.Count, where)
		if k.Field != "" {
			fmt.Fprintf(bw, " field %s", k.Field)
		}
		fmt.Fprintln(bw)
		for _, p := range r.Problems {
			if p.Severity == k.Severity && p.File == k.File && p.Field == k.Field && p.Err == k.Err {
				fmt.Fprintf(bw, "      %s\n", p.String())
			}
		}
	}
	return bw.Flush()
}
