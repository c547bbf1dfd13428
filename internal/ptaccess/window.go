package ptaccess

import (
	"fmt"

	"github.com/saavu/saavu/internal/transit"
)

// Window is a range of departure times from the origins: Minutes minutes
// from Depart on the service date Date, one departure every Step. Travel
// times are computed for each departure Depart, Depart+Step, ... before
// Depart+Minutes and summarised by percentiles, as R5 does with its
// departure time window.
type Window struct {
	// Date is the service date (YYYYMMDD); empty means the network's day.
	// Any other date than the day's is an error: build a Network per day.
	Date string
	// Depart is the first departure, in seconds since midnight.
	Depart transit.Seconds
	// Minutes is the length of the window (default 1: one departure).
	Minutes int
	// Step is the time between departures (default 60 s).
	Step transit.Seconds
}

// maxClock is the latest departure accepted: two service days.
const maxClock = 48 * 3600

// bounds checks the window against the day and returns the range of
// departures [from, to) and the step.
func (w Window) bounds(day *transit.Day) (from, to, step transit.Seconds, count int, err error) {
	if w.Date != "" && w.Date != day.Date {
		return 0, 0, 0, 0, fmt.Errorf("%w: window date %s, the network is built for %s", ErrInput, w.Date, day.Date)
	}
	if w.Minutes == 0 {
		w.Minutes = 1
	}
	if w.Step == 0 {
		w.Step = 60
	}
	switch {
	case w.Depart < 0 || w.Depart >= maxClock:
		return 0, 0, 0, 0, fmt.Errorf("%w: departure %d s outside 0..48 h", ErrInput, w.Depart)
	case w.Minutes < 0 || w.Minutes > 24*60:
		return 0, 0, 0, 0, fmt.Errorf("%w: window of %d minutes outside 1..1440", ErrInput, w.Minutes)
	case w.Step < 0 || w.Step > transit.Seconds(w.Minutes*60):
		return 0, 0, 0, 0, fmt.Errorf("%w: step %d s outside 1..%d s", ErrInput, w.Step, w.Minutes*60)
	}
	from = w.Depart
	to = w.Depart + transit.Seconds(w.Minutes*60)
	if to >= maxClock {
		return 0, 0, 0, 0, fmt.Errorf("%w: window ends after 48 h", ErrInput)
	}
	return from, to, w.Step, int((to - from) / w.Step), nil
}

// checkPercentiles validates percentiles (1..100).
func checkPercentiles(ps []int) error {
	if len(ps) == 0 {
		return fmt.Errorf("%w: no percentiles", ErrInput)
	}
	for _, p := range ps {
		if p < 1 || p > 100 {
			return fmt.Errorf("%w: percentile %d outside 1..100", ErrInput, p)
		}
	}
	return nil
}
