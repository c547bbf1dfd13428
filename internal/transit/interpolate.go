package transit

import (
	"fmt"
	"math"

	"github.com/saavu/saavu/data/gtfs"
)

// untimed marks a stop time without a time (as in package gtfs).
const untimed = Seconds(gtfs.Untimed)

// interpolate fills the untimed stop times of one trip in place. Between
// two timed stops i < k, stop j gets
//
//	dep[i] + (arr[k]-dep[i]) * (dist[j]-dist[i]) / (dist[k]-dist[i])
//
// rounded to the nearest second, as both its arrival and departure; when
// the two timed stops are at the same distance the time is split evenly
// by stop count. dist is the distance along the trip at each stop (it may
// be empty when no stop is untimed). The first and last stop must be
// timed and times must never decrease.
func interpolate(arr, dep []Seconds, dist []float64) error {
	n := len(arr)
	if n == 0 {
		return nil
	}
	if arr[0] == untimed || dep[0] == untimed {
		return fmt.Errorf("first stop time has no time")
	}
	if arr[n-1] == untimed || dep[n-1] == untimed {
		return fmt.Errorf("last stop time has no time")
	}
	prev := 0
	for k := 0; k < n; k++ {
		if arr[k] == untimed {
			continue
		}
		if dep[k] < arr[k] || (k > 0 && arr[k] < dep[prev]) {
			return fmt.Errorf("stop time %d goes back in time", k+1)
		}
		if k > prev+1 {
			t0, span := float64(dep[prev]), float64(arr[k]-dep[prev])
			d0, dd := dist[prev], dist[k]-dist[prev]
			for j := prev + 1; j < k; j++ {
				frac := float64(j-prev) / float64(k-prev)
				if dd > 0 {
					frac = (dist[j] - d0) / dd
				}
				frac = math.Min(1, math.Max(0, frac))
				t := Seconds(math.Round(t0 + span*frac))
				arr[j], dep[j] = t, t
			}
		}
		prev = k
	}
	return nil
}
