package synth

import (
	"fmt"

	"github.com/saavu/saavu/data/gtfs"
)

// TransitParams shape the generated national timetable. Start from
// DefaultTransitParams.
type TransitParams struct {
	Seed uint64

	// Start and End bound the calendar of every service (YYYYMMDD).
	Start, End string
	// Holidays are dates run as Sundays: calendar_dates.txt removes them
	// from the weekday and Saturday services that would run and adds them
	// to the Sunday service.
	Holidays []string
	// MarketDays are extra dates (calendar_dates.txt additions) of the
	// Wednesday-only rural service.
	MarketDays []string

	// LineBlocks is the distance between parallel town lines, in blocks;
	// StopBlocks the distance between stops along them.
	LineBlocks, StopBlocks int
	// Cities, LargeTowns and Towns are the numbers of towns, by size rank,
	// served as cities (every street line, 10-minute trunk lines, night
	// buses past midnight), large towns and towns; the rest are small
	// towns with an hourly weekday service.
	Cities, LargeTowns, Towns int
	// FrequencyCities is the number of the largest cities whose weekday
	// trunk lines are given as frequencies.txt templates.
	FrequencyCities int
	// CoachTowns is the number of largest towns joined by coach lines,
	// each to its CoachLinks nearest peers.
	CoachTowns, CoachLinks int
	// TrainLines run from the largest city to the next largest ones.
	TrainLines int
	// RuralShare is the share of towns below the large ones with a thin
	// rural line running on some weekdays only.
	RuralShare float64
}

// DefaultTransitParams is a national timetable for the default country:
// about half a year of services with Finnish public holidays.
func DefaultTransitParams() TransitParams {
	return TransitParams{
		Seed:  1,
		Start: "20260105", End: "20260628",
		Holidays:        []string{"20260403", "20260406", "20260501", "20260514"},
		MarketDays:      []string{"20260613"},
		LineBlocks:      6,
		StopBlocks:      3,
		Cities:          10,
		LargeTowns:      80,
		Towns:           400,
		FrequencyCities: 3,
		CoachTowns:      40,
		CoachLinks:      3,
		TrainLines:      6,
		RuralShare:      0.6,
	}
}

func (p TransitParams) validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{errParams}, a...)...)
	}
	start, err := gtfs.ParseDate(p.Start)
	if err != nil {
		return bad("Start: %v", err)
	}
	end, err := gtfs.ParseDate(p.End)
	if err != nil {
		return bad("End: %v", err)
	}
	if end < start {
		return bad("End %s before Start %s", p.End, p.Start)
	}
	for _, d := range append(append([]string{}, p.Holidays...), p.MarketDays...) {
		if _, err := gtfs.ParseDate(d); err != nil {
			return bad("holiday or market day: %v", err)
		}
	}
	switch {
	case p.LineBlocks < 1 || p.StopBlocks < 1:
		return bad("LineBlocks %d and StopBlocks %d must be at least 1", p.LineBlocks, p.StopBlocks)
	case p.Cities < 0 || p.LargeTowns < p.Cities || p.Towns < p.LargeTowns:
		return bad("want 0 <= Cities %d <= LargeTowns %d <= Towns %d", p.Cities, p.LargeTowns, p.Towns)
	case p.FrequencyCities < 0 || p.CoachTowns < 0 || p.CoachLinks < 0 || p.TrainLines < 0:
		return bad("negative count")
	case !(p.RuralShare >= 0 && p.RuralShare <= 1):
		return bad("RuralShare %g not in 0..1", p.RuralShare)
	}
	return nil
}
