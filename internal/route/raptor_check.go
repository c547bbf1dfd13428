package route

import (
	"fmt"

	"github.com/saavu/saavu/internal/transit"
)

// raptorMaxClock bounds every time and walk the router accepts (about 12
// days), so that sums of a few of them stay below raptorInf.
const raptorMaxClock transit.Seconds = 1 << 20

// checkDay verifies what RAPTOR relies on: every index within its array,
// CSR offsets non-decreasing, trips of a pattern never overtaking (at every
// position both departures and arrivals are non-decreasing from one trip to
// the next), no negative times, and the stop-to-pattern index agreeing with
// the patterns.
func checkDay(d *transit.Day) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w %s: "+format, append([]any{ErrInvalidDay, d.Date}, args...)...)
	}
	ns := d.NumStops
	if ns < 0 {
		return bad("NumStops %d is negative", ns)
	}
	if len(d.PatStopStart) == 0 {
		return bad("PatStopStart is empty (want patterns+1 entries)")
	}
	np := len(d.PatStopStart) - 1
	if err := checkCSR(d.PatStopStart, len(d.PatStops)); err != nil {
		return bad("PatStopStart: %v", err)
	}
	if len(d.PatTripStart) != np+1 {
		return bad("PatTripStart has %d entries, want %d", len(d.PatTripStart), np+1)
	}
	if err := checkCSR(d.PatTripStart, len(d.TripTimes)); err != nil {
		return bad("PatTripStart: %v", err)
	}
	if d.TripRef != nil && len(d.TripRef) != len(d.TripTimes) {
		return bad("TripRef has %d entries, want %d", len(d.TripRef), len(d.TripTimes))
	}
	if len(d.Arr) != len(d.Dep) {
		return bad("Arr has %d entries, Dep %d", len(d.Arr), len(d.Dep))
	}
	for i, s := range d.PatStops {
		if s < 0 || int(s) >= ns {
			return bad("PatStops[%d] = %d outside 0..%d", i, s, ns-1)
		}
	}
	for p := range np {
		l := int(d.PatStopStart[p+1] - d.PatStopStart[p])
		prev := -1
		for t := d.PatTripStart[p]; t < d.PatTripStart[p+1]; t++ {
			off := int(d.TripTimes[t])
			if off < 0 || off+l > len(d.Arr) {
				return bad("trip %d of pattern %d: times %d..%d outside Arr/Dep (%d)", t, p, off, off+l-1, len(d.Arr))
			}
			for i := range l {
				a, dp := d.Arr[off+i], d.Dep[off+i]
				if a < 0 || dp < 0 || a >= raptorMaxClock || dp >= raptorMaxClock {
					return bad("trip %d of pattern %d, position %d: time %d/%d outside 0..%d", t, p, i, a, dp, raptorMaxClock-1)
				}
				if prev >= 0 && (dp < d.Dep[prev+i] || a < d.Arr[prev+i]) {
					return bad("trip %d of pattern %d overtakes trip %d at position %d", t, p, t-1, i)
				}
			}
			prev = off
		}
	}
	if len(d.StopPatStart) != ns+1 {
		return bad("StopPatStart has %d entries, want %d", len(d.StopPatStart), ns+1)
	}
	if err := checkCSR(d.StopPatStart, len(d.StopPat)); err != nil {
		return bad("StopPatStart: %v", err)
	}
	if len(d.StopPatPos) != len(d.StopPat) {
		return bad("StopPatPos has %d entries, StopPat %d", len(d.StopPatPos), len(d.StopPat))
	}
	if len(d.StopPat) != len(d.PatStops) {
		return bad("StopPat has %d entries, PatStops %d: each pattern position must be listed once", len(d.StopPat), len(d.PatStops))
	}
	listed := make([]bool, len(d.PatStops))
	for s := range ns {
		for i := d.StopPatStart[s]; i < d.StopPatStart[s+1]; i++ {
			p, pos := d.StopPat[i], d.StopPatPos[i]
			if p < 0 || int(p) >= np {
				return bad("StopPat[%d] = %d outside 0..%d", i, p, np-1)
			}
			if pos < 0 || pos >= d.PatStopStart[p+1]-d.PatStopStart[p] || d.PatStops[d.PatStopStart[p]+pos] != int32(s) {
				return bad("StopPatPos[%d] = %d: stop %d is not at that position of pattern %d", i, pos, s, p)
			}
			if listed[d.PatStopStart[p]+pos] {
				return bad("StopPat[%d]: position %d of pattern %d listed twice", i, pos, p)
			}
			listed[d.PatStopStart[p]+pos] = true
		}
	}
	if len(d.TransferStart) != ns+1 {
		return bad("TransferStart has %d entries, want %d", len(d.TransferStart), ns+1)
	}
	if err := checkCSR(d.TransferStart, len(d.TransferTo)); err != nil {
		return bad("TransferStart: %v", err)
	}
	if len(d.TransferTime) != len(d.TransferTo) {
		return bad("TransferTime has %d entries, TransferTo %d", len(d.TransferTime), len(d.TransferTo))
	}
	for i, s := range d.TransferTo {
		if s < 0 || int(s) >= ns {
			return bad("TransferTo[%d] = %d outside 0..%d", i, s, ns-1)
		}
		if d.TransferTime[i] < 0 || d.TransferTime[i] >= raptorMaxClock {
			return bad("TransferTime[%d] = %d out of range", i, d.TransferTime[i])
		}
	}
	return nil
}

// checkCSR verifies offsets that start at 0, never decrease and end at n.
func checkCSR(start []int32, n int) error {
	if len(start) == 0 || start[0] != 0 {
		return fmt.Errorf("does not start at 0")
	}
	for i := 1; i < len(start); i++ {
		if start[i] < start[i-1] {
			return fmt.Errorf("entry %d (%d) below entry %d (%d)", i, start[i], i-1, start[i-1])
		}
	}
	if int(start[len(start)-1]) != n {
		return fmt.Errorf("ends at %d, want %d", start[len(start)-1], n)
	}
	return nil
}
