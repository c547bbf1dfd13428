package gtfs

import (
	"cmp"
	"math"
	"slices"
	"strconv"
)

// stopTimeRows is stop_times.txt in file order, before grouping by trip.
type stopTimeRows struct {
	trip, seq, stop, line []int32
	arr, dep              []Seconds
	dist                  []float32
	pickup, dropOff       []uint8
}

// grow makes room for n rows in every column.
func (rows *stopTimeRows) grow(n int) {
	if n <= len(rows.trip) {
		return
	}
	more := n - len(rows.trip)
	rows.trip = slices.Grow(rows.trip, more)
	rows.seq = slices.Grow(rows.seq, more)
	rows.stop = slices.Grow(rows.stop, more)
	rows.line = slices.Grow(rows.line, more)
	rows.arr = slices.Grow(rows.arr, more)
	rows.dep = slices.Grow(rows.dep, more)
	rows.dist = slices.Grow(rows.dist, more)
	rows.pickup = slices.Grow(rows.pickup, more)
	rows.dropOff = slices.Grow(rows.dropOff, more)
}

// readStopTimes reads stop_times.txt into flat arrays grouped by trip.
func (r *reader) readStopTimes() error {
	st := &r.feed.StopTimes
	st.Start = make([]int32, len(r.feed.Trips)+1)
	if !r.fileUsable("stops.txt") || !r.fileUsable("trips.txt") {
		// Without stops or trips, every row would be an unknown reference.
		r.rep.Files = append(r.rep.Files, FileStat{Name: "stop_times.txt", Present: r.exists("stop_times.txt")})
		return nil
	}
	t, err := r.open("stop_times.txt", true, "trip_id", "stop_id", "stop_sequence")
	if err != nil || t == nil {
		return err
	}
	cTrip, cStop, cSeq := t.col("trip_id"), t.col("stop_id"), t.col("stop_sequence")
	cArr, cDep, cDist := t.col("arrival_time"), t.col("departure_time"), t.col("shape_dist_traveled")
	cPick, cDrop := t.col("pickup_type"), t.col("drop_off_type")
	if cArr < 0 && cDep < 0 {
		r.problem(SeverityError, nil, "stop_times.txt", 1, "arrival_time", ErrMissingColumn, "required column is missing (and so is departure_time)")
		t.Close()
		return nil
	}
	var rows stopTimeRows
	lastRaw, lastTrip := "", int32(-1)
	err = r.rows(t, func() error {
		raw := t.get(cTrip)
		if lastTrip < 0 || raw != lastRaw {
			ti, ok := r.tripIdx[raw]
			if !ok {
				if !r.rejected[raw] {
					r.errorf(t, "trip_id", ErrUnknownRef, "unknown trip %q", raw)
				}
				return nil
			}
			lastRaw, lastTrip = raw, ti
		}
		si, ok := r.stopIdx[t.get(cStop)]
		if !ok {
			r.errorf(t, "stop_id", ErrUnknownRef, "unknown stop %q", t.get(cStop))
			return nil
		}
		seq, err := strconv.ParseInt(t.get(cSeq), 10, 32)
		if err != nil || seq < 0 {
			r.errorf(t, "stop_sequence", ErrBadValue, "%q is not a non-negative integer", t.get(cSeq))
			return nil
		}
		arr, err := ParseTime(t.get(cArr))
		if err != nil {
			r.errorf(t, "arrival_time", ErrBadTime, "%v", err)
			return nil
		}
		dep, err := ParseTime(t.get(cDep))
		if err != nil {
			r.errorf(t, "departure_time", ErrBadTime, "%v", err)
			return nil
		}
		switch {
		case arr == Untimed:
			arr = dep
		case dep == Untimed:
			dep = arr
		case dep < arr:
			r.warnf(t, "departure_time", ErrOrder, "departure %s is before arrival %s; taken as the arrival", dep, arr)
			dep = arr
		}
		dist := float32(math.NaN())
		if v := t.get(cDist); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				r.warnf(t, "shape_dist_traveled", ErrBadValue, "%q is not a number; ignored", v)
			} else {
				dist = float32(f)
			}
		}
		if len(rows.trip) == 1<<16 {
			// Size the columns for the whole file at once: no garbage from
			// growing them, and a lower peak on national feeds.
			rows.grow(t.rowsHint())
		}
		rows.trip = append(rows.trip, lastTrip)
		rows.seq = append(rows.seq, int32(seq))
		rows.stop = append(rows.stop, si)
		rows.line = append(rows.line, int32(t.line()))
		rows.arr = append(rows.arr, arr)
		rows.dep = append(rows.dep, dep)
		rows.dist = append(rows.dist, dist)
		rows.pickup = append(rows.pickup, r.boardingType(t, cPick, "pickup_type"))
		rows.dropOff = append(rows.dropOff, r.boardingType(t, cDrop, "drop_off_type"))
		return nil
	})
	if err != nil {
		return err
	}
	lines := r.groupStopTimes(&rows)
	r.checkStopTimes(lines)
	return nil
}

// boardingType parses pickup_type or drop_off_type (empty is 0).
func (r *reader) boardingType(t *table, c int, field string) uint8 {
	v := t.get(c)
	if v == "" {
		return 0
	}
	if len(v) == 1 && v[0] >= '0' && v[0] <= '3' {
		return v[0] - '0'
	}
	r.warnf(t, field, ErrBadValue, "%q is not 0-3; taken as 0", v)
	return 0
}

// groupStopTimes regroups file-order rows by trip (counting sort) and by
// stop_sequence within each trip, filling the feed's StopTimes. It
// returns the file line of each grouped stop time.
func (r *reader) groupStopTimes(rows *stopTimeRows) []int32 {
	st := &r.feed.StopTimes
	n := len(rows.trip)
	for _, tr := range rows.trip {
		st.Start[tr+1]++
	}
	for i := 1; i < len(st.Start); i++ {
		st.Start[i] += st.Start[i-1]
	}
	perm := make([]int32, n)
	next := slices.Clone(st.Start[:len(st.Start)-1])
	for i, tr := range rows.trip {
		perm[next[tr]] = int32(i)
		next[tr]++
	}
	next = nil
	rows.trip = nil
	for ti := range r.feed.Trips {
		seg := perm[st.Start[ti]:st.Start[ti+1]]
		sorted, dup := true, -1
		for j := 1; j < len(seg); j++ {
			a, b := rows.seq[seg[j-1]], rows.seq[seg[j]]
			if b < a {
				sorted = false
			} else if b == a && dup < 0 {
				dup = j
			}
		}
		if !sorted {
			r.problem(SeverityWarning, nil, "stop_times.txt", int(rows.line[seg[0]]), "stop_sequence", ErrOrder,
				"stop times of trip %q are not in stop_sequence order; sorted", r.feed.Trips[ti].ID)
			slices.SortStableFunc(seg, func(x, y int32) int { return cmp.Compare(rows.seq[x], rows.seq[y]) })
			dup = -1
			for j := 1; j < len(seg); j++ {
				if rows.seq[seg[j]] == rows.seq[seg[j-1]] {
					dup = j
					break
				}
			}
		}
		if dup >= 0 {
			r.problem(SeverityWarning, nil, "stop_times.txt", int(rows.line[seg[dup]]), "stop_sequence", ErrDuplicate,
				"trip %q has stop_sequence %d twice", r.feed.Trips[ti].ID, rows.seq[seg[dup]])
		}
	}
	st.Stop = gather(rows.stop, perm)
	rows.stop = nil
	st.Arr = gather(rows.arr, perm)
	rows.arr = nil
	st.Dep = gather(rows.dep, perm)
	rows.dep = nil
	st.Dist = gather(rows.dist, perm)
	rows.dist = nil
	st.Pickup = gather(rows.pickup, perm)
	st.DropOff = gather(rows.dropOff, perm)
	return gather(rows.line, perm)
}

// gather returns src reordered: out[i] = src[perm[i]].
func gather[T any](src []T, perm []int32) []T {
	out := make([]T, len(perm))
	for i, p := range perm {
		out[i] = src[p]
	}
	return out
}

// checkStopTimes checks each trip: first and last stop time timed (an
// error), times never going back (fixed, with a warning), and warns about
// trips with fewer than two stop times.
func (r *reader) checkStopTimes(lines []int32) {
	st := &r.feed.StopTimes
	for ti := range r.feed.Trips {
		from, to := st.Trip(ti)
		id := r.feed.Trips[ti].ID
		if to == from {
			r.problem(SeverityWarning, nil, "trips.txt", 0, "trip_id", ErrUnknownRef, "trip %q has no stop times", id)
			continue
		}
		if to-from == 1 {
			r.problem(SeverityWarning, nil, "stop_times.txt", int(lines[from]), "trip_id", ErrBadValue, "trip %q has a single stop time", id)
		}
		if st.Arr[from] == Untimed {
			r.problem(SeverityError, nil, "stop_times.txt", int(lines[from]), "departure_time", ErrBadTime,
				"first stop time of trip %q has no time", id)
		}
		if st.Arr[to-1] == Untimed && to-from > 1 {
			r.problem(SeverityError, nil, "stop_times.txt", int(lines[to-1]), "arrival_time", ErrBadTime,
				"last stop time of trip %q has no time", id)
		}
		prev := Untimed
		for j := from; j < to; j++ {
			if st.Arr[j] == Untimed {
				continue
			}
			if st.Arr[j] < prev {
				r.problem(SeverityWarning, nil, "stop_times.txt", int(lines[j]), "arrival_time", ErrOrder,
					"arrival %s of trip %q is before the previous departure %s; taken as %s", st.Arr[j], id, prev, prev)
				st.Arr[j] = prev
				st.Dep[j] = max(st.Dep[j], prev)
			}
			prev = st.Dep[j]
		}
	}
}

// fileUsable tells whether a file was read with its required columns.
func (r *reader) fileUsable(name string) bool {
	for _, f := range r.rep.Files {
		if f.Name == name {
			if !f.Read {
				return false
			}
			for _, k := range r.rep.Kinds {
				if k.File == name && (k.Err == ErrMissingColumn || k.Err == ErrMissingFile) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// exists tells whether a file is in the feed.
func (r *reader) exists(name string) bool {
	f, err := r.fsys.Open(name)
	if err != nil {
		return false
	}
	f.Close()
	return true
}
