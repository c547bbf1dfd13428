package gtfs

import "strconv"

// readFrequencies reads frequencies.txt (optional).
func (r *reader) readFrequencies() error {
	t, err := r.open("frequencies.txt", false, "trip_id", "start_time", "end_time", "headway_secs")
	if err != nil || t == nil {
		return err
	}
	cTrip, cStart, cEnd, cHead, cExact := t.col("trip_id"), t.col("start_time"), t.col("end_time"), t.col("headway_secs"), t.col("exact_times")
	return r.rows(t, func() error {
		ti, ok := r.tripIdx[t.get(cTrip)]
		if !ok && r.rejected[t.get(cTrip)] {
			return nil
		}
		if !ok {
			r.errorf(t, "trip_id", ErrUnknownRef, "unknown trip %q", t.get(cTrip))
			return nil
		}
		start, err := ParseTime(t.get(cStart))
		if err == nil && start == Untimed {
			err = &timeError{"", "expected H:MM:SS"}
		}
		if err != nil {
			r.errorf(t, "start_time", ErrBadTime, "%v", err)
			return nil
		}
		end, err := ParseTime(t.get(cEnd))
		if err == nil && end == Untimed {
			err = &timeError{"", "expected H:MM:SS"}
		}
		if err != nil {
			r.errorf(t, "end_time", ErrBadTime, "%v", err)
			return nil
		}
		h, err := strconv.ParseInt(t.get(cHead), 10, 32)
		if err != nil || h <= 0 {
			r.errorf(t, "headway_secs", ErrBadValue, "%q is not a positive number of seconds", t.get(cHead))
			return nil
		}
		if end <= start {
			r.warnf(t, "end_time", ErrOrder, "end_time %s is not after start_time %s; row ignored", end, start)
			return nil
		}
		exact := false
		switch v := t.get(cExact); v {
		case "1":
			exact = true
		case "", "0":
		default:
			r.warnf(t, "exact_times", ErrBadValue, "%q is not 0 or 1; taken as 0", v)
		}
		r.feed.Frequencies = append(r.feed.Frequencies, Frequency{Trip: ti, Start: start, End: end, Headway: Seconds(h), ExactTimes: exact})
		return nil
	})
}

// readTransfers reads the stop-to-stop rows of transfers.txt (optional).
func (r *reader) readTransfers() error {
	t, err := r.open("transfers.txt", false, "from_stop_id", "to_stop_id")
	if err != nil || t == nil {
		return err
	}
	cFrom, cTo, cType, cMin := t.col("from_stop_id"), t.col("to_stop_id"), t.col("transfer_type"), t.col("min_transfer_time")
	restrict := []int{t.col("from_route_id"), t.col("to_route_id"), t.col("from_trip_id"), t.col("to_trip_id")}
	return r.rows(t, func() error {
		for _, c := range restrict {
			if t.get(c) != "" {
				r.warnf(t, "", ErrBadValue, "transfer restricted to routes or trips; ignored")
				return nil
			}
		}
		from, ok := r.stopIdx[t.get(cFrom)]
		if !ok {
			r.warnf(t, "from_stop_id", ErrUnknownRef, "unknown stop %q; row ignored", t.get(cFrom))
			return nil
		}
		to, ok := r.stopIdx[t.get(cTo)]
		if !ok {
			r.warnf(t, "to_stop_id", ErrUnknownRef, "unknown stop %q; row ignored", t.get(cTo))
			return nil
		}
		tr := Transfer{From: from, To: to, MinTime: Untimed}
		switch v := t.get(cType); v {
		case "", "0", "1", "2", "3":
			if v != "" {
				tr.Type = v[0] - '0'
			}
		default:
			r.warnf(t, "transfer_type", ErrBadValue, "%q is not a stop-to-stop transfer type 0-3; row ignored", v)
			return nil
		}
		if v := t.get(cMin); v != "" {
			n, err := strconv.ParseInt(v, 10, 32)
			if err != nil || n < 0 {
				r.warnf(t, "min_transfer_time", ErrBadValue, "%q is not a number of seconds; ignored", v)
			} else {
				tr.MinTime = Seconds(n)
			}
		}
		if tr.Type == TransferMinTime && tr.MinTime == Untimed {
			r.warnf(t, "min_transfer_time", ErrBadValue, "transfer_type 2 without min_transfer_time; taken as 0")
			tr.MinTime = 0
		}
		r.feed.Transfers = append(r.feed.Transfers, tr)
		return nil
	})
}
