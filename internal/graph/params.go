package graph

import (
	"fmt"
	"math"
	"time"
)

// Params are the speeds and rules Build applies. Start from DefaultParams
// and change fields; the maps of DefaultParams are fresh copies.
type Params struct {
	// WalkSpeed in metres per second, for walking and for connectors from
	// a point to the street it snaps to (default 1.2).
	WalkSpeed float64
	// BikeSpeed in metres per second (default 4.2, about 15 km/h).
	BikeSpeed float64
	// FerrySpeed in metres per second, for ferries without a readable
	// duration tag (default 5).
	FerrySpeed float64
	// FerryWait is added to every ferry crossing (default 10 minutes).
	FerryWait time.Duration
	// SidepathFactor multiplies the walking (cycling) time of a street
	// tagged foot=use_sidepath (bicycle=use_sidepath): OSM's way of saying
	// that a separate sidewalk (cycle track) is mapped and is to be
	// preferred. The street stays usable, so that nobody is trapped where
	// the sidewalk is not joined to the network (default 2).
	SidepathFactor float64
	// Season "winter" applies the winter speed limits of
	// maxspeed:conditional ("80 @ winter"): Finland lowers 120 to 100
	// and 100 to 80 km/h for the winter. "" or "summer": the maxspeed
	// tag.
	Season string

	// Access names the table of default access for walking and cycling
	// (see access.go): "auto" or "" (the country of the extract's
	// location), "world" (OSM's worldwide defaults), a country code with a
	// table ("FI", "BR", "US", "DE") or "r5" (R5's rules).
	Access string
	// table is the resolved access table, set by Build.
	table *accessTable

	// CarSpeedKmh is the car speed of each highway class in km/h, used
	// when a way has no readable maxspeed tag. Every car class needs one.
	CarSpeedKmh map[string]float64
	// MaxspeedKmh gives the km/h of symbolic maxspeed values, keyed in
	// lower case ("fi:urban", "walk"). Zone values such as "FI:zone30" and
	// "FI:zone:30" need no entry: the number is read.
	MaxspeedKmh map[string]float64

	// IgnoreTurnRestrictions builds the car graph without the turn
	// restrictions of the extract (osm.Extract.Restrictions), as routers
	// that do not read them do (pgRouting's osm2pgrouting).
	IgnoreTurnRestrictions bool

	// ClosedFerries lists ferry way ids left out of every graph (for
	// scenarios).
	ClosedFerries map[int64]bool

	// Elevation, when set, gives walking and cycling a slope factor per
	// stretch of street between intersections (Tobler's hiking function,
	// as R5 applies it; see slopeFactors). Not serialised: a network file
	// stores the built graphs.
	Elevation Elevation `json:"-"`
}

// carClasses are the highway values cars may use, in the order DefaultParams
// documents them.
var carClasses = []string{
	"motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
	"secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified",
	"residential", "living_street", "service", "road",
}

// DefaultParams returns the defaults: walking 1.2 m/s, cycling 4.2 m/s,
// ferries 5 m/s plus a 10 minute wait, and Finnish practice for car speeds
// in km/h where maxspeed is missing: motorway 120, trunk 100, primary 80,
// secondary 80, tertiary 60, unclassified 50, residential 40, living_street
// 20, service 20, road 40; links motorway_link 80, trunk_link 70,
// primary_link 60, secondary_link 60, tertiary_link 50. Symbolic maxspeed
// values: FI:urban 50, FI:rural 80, FI:motorway 120, FI:living_street 20,
// walk 6.
func DefaultParams() Params {
	return Params{
		WalkSpeed:      1.2,
		BikeSpeed:      4.2,
		FerrySpeed:     5,
		FerryWait:      10 * time.Minute,
		SidepathFactor: 2,
		CarSpeedKmh: map[string]float64{
			"motorway": 120, "motorway_link": 80,
			"trunk": 100, "trunk_link": 70,
			"primary": 80, "primary_link": 60,
			"secondary": 80, "secondary_link": 60,
			"tertiary": 60, "tertiary_link": 50,
			"unclassified": 50, "residential": 40, "living_street": 20,
			"service": 20, "road": 40,
		},
		MaxspeedKmh: map[string]float64{
			"fi:urban": 50, "fi:rural": 80, "fi:motorway": 120,
			"fi:living_street": 20, "walk": 6,
		},
		ClosedFerries: map[int64]bool{},
	}
}

func positiveSpeed(name string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return fmt.Errorf("graph: Params.%s = %v, want a positive number", name, v)
	}
	return nil
}

// validate checks the parameters a mode needs.
func (p *Params) validate(mode Mode) error {
	if err := positiveSpeed("WalkSpeed", p.WalkSpeed); err != nil {
		return err
	}
	if err := positiveSpeed("FerrySpeed", p.FerrySpeed); err != nil {
		return err
	}
	if p.FerryWait < 0 {
		return fmt.Errorf("graph: Params.FerryWait = %v, want zero or more", p.FerryWait)
	}
	if p.Season != "" && p.Season != "summer" && p.Season != "winter" {
		return fmt.Errorf("graph: Params.Season = %q, want summer or winter", p.Season)
	}
	if p.Access != "" {
		a, err := NormaliseAccess(p.Access)
		if err != nil {
			return fmt.Errorf("graph: Params.Access: %w", err)
		}
		p.Access = a
	}
	if p.SidepathFactor == 0 {
		p.SidepathFactor = DefaultParams().SidepathFactor
	}
	if !(p.SidepathFactor >= 1) || math.IsInf(p.SidepathFactor, 0) {
		return fmt.Errorf("graph: Params.SidepathFactor = %v, want 1 or more", p.SidepathFactor)
	}
	switch mode {
	case Walk:
	case Bike:
		return positiveSpeed("BikeSpeed", p.BikeSpeed)
	case Car:
		for _, c := range carClasses {
			if err := positiveSpeed("CarSpeedKmh["+c+"]", p.CarSpeedKmh[c]); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("graph: no street graph for mode %s (%d)", mode, mode)
	}
	return nil
}
