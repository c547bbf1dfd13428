package cli

import (
	"io"
	"time"

	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/internal/ptaccess"
	"github.com/saavu/saavu/internal/transit"
	"github.com/spf13/pflag"
)

// R5's fixed rules that --profile r5 applies.
const (
	// r5WalkSpeed is r5r's default walk_speed, 3.6 km/h.
	r5WalkSpeed = 1.0
	// r5MaxRides is r5r's default max_rides.
	r5MaxRides = 3
	// r5LinkRadiusM is how far R5 looks for a street to link a point to
	// (StreetLayer.LINK_RADIUS_METERS).
	r5LinkRadiusM = 1600
	// r5WalkLimitM bounds R5's egress tables, the walks from the last
	// stop (TransitLayer.WALK_DISTANCE_LIMIT_METERS).
	r5WalkLimitM = 2000
)

// applyProfile sets the defaults of a profile on the flags the user did
// not give.
func applyProfile(fs *pflag.FlagSet, profile string, sf *streetFlags, tf *transitFlags) error {
	switch profile {
	case "":
		return nil
	case "r5":
	default:
		return usagef("--profile %q: the only profile is r5", profile)
	}
	if fs.Changed("country") {
		return usagef("--profile r5 applies R5's own way permissions: leave out --country")
	}
	sf.r5 = true
	if !fs.Changed("walk-speed") {
		sf.walkSpeed = r5WalkSpeed
	}
	if !fs.Changed("max-rides") {
		tf.maxRides = r5MaxRides
	}
	if !fs.Changed("max-snap") {
		sf.maxSnap = r5LinkRadiusM
	}
	if fs.Changed("max-walk") {
		return usagef("--profile r5: R5 bounds the walks by the trip limit (--max-time) and the walks from the last stop by distance (%d m), not by --max-walk", r5WalkLimitM)
	}
	return nil
}

// r5NetworkOptions sets R5's walking rules on network options: the walk
// search from an origin is bounded by time alone, at the trip limit (r5r
// turns an infinite max_walk_time into max_trip_duration, and R5 limits
// its access search by time); it gives the access walks and the walks
// all the way. Egress walks reach 2,000 m, R5's stop-to-destination
// tables; the transfers from a stop keep the closest stop of each
// pattern (TransferFinder).
func r5NetworkOptions(o *ptaccess.Options) {
	o.MaxWalk = o.MaxTime
	o.MaxAccessEgressM = 0
	o.MaxEgressM = r5WalkLimitM
	o.PruneTransfers = true
}

// writeR5CSV writes r5r's travel_time_matrix columns: from_id, to_id and
// travel_time_p<N> in whole minutes, truncated as R5 reports them, empty
// when unreachable.
func writeR5CSV(w io.Writer, m *ptaccess.Matrix, op, dp []csvio.Point) error {
	return writePercentilesCSV(w, m, op, dp, []string{"from_id", "to_id"}, "travel_time_p%d",
		func(s transit.Seconds) any { return int(s) / 60 })
}

func secondsDuration(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
