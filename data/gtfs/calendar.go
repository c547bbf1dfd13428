package gtfs

import "time"

// weekdayColumns are calendar.txt's day columns with their weekdays.
var weekdayColumns = [7]struct {
	name string
	day  time.Weekday
}{
	{"monday", time.Monday}, {"tuesday", time.Tuesday}, {"wednesday", time.Wednesday},
	{"thursday", time.Thursday}, {"friday", time.Friday}, {"saturday", time.Saturday}, {"sunday", time.Sunday},
}

// service returns the index of the service with raw id, adding it.
func (r *reader) service(raw string) int32 {
	if i, ok := r.serviceIdx[raw]; ok {
		return i
	}
	i := int32(len(r.feed.Services))
	r.serviceIdx[raw] = i
	r.feed.Services = append(r.feed.Services, Service{ID: r.id(raw)})
	return i
}

// readCalendar reads calendar.txt. Its absence is an error only when
// calendar_dates.txt is missing too (checked by readCalendarDates).
func (r *reader) readCalendar() error {
	cols := []string{"service_id", "start_date", "end_date"}
	for _, w := range weekdayColumns {
		cols = append(cols, w.name)
	}
	t, err := r.open("calendar.txt", false, cols...)
	if err != nil || t == nil {
		return err
	}
	cID, cStart, cEnd := t.col("service_id"), t.col("start_date"), t.col("end_date")
	var cDay [7]int
	for i, w := range weekdayColumns {
		cDay[i] = t.col(w.name)
	}
	return r.rows(t, func() error {
		raw := t.get(cID)
		if i, ok := r.serviceIdx[raw]; ok && r.feed.Services[i].HasCalendar {
			r.warnf(t, "service_id", ErrDuplicate, "duplicate service %q ignored", raw)
			return nil
		}
		start, err := ParseDate(t.get(cStart))
		if err != nil {
			r.errorf(t, "start_date", ErrBadDate, "%v", err)
			return nil
		}
		end, err := ParseDate(t.get(cEnd))
		if err != nil {
			r.errorf(t, "end_date", ErrBadDate, "%v", err)
			return nil
		}
		if end < start {
			r.warnf(t, "end_date", ErrBadValue, "end_date %s is before start_date %s: the calendar never runs", end, start)
		}
		var days uint8
		for i, w := range weekdayColumns {
			switch v := t.get(cDay[i]); v {
			case "1":
				days |= 1 << w.day
			case "0":
			default:
				r.warnf(t, w.name, ErrBadValue, "%q is not 0 or 1; taken as 0", v)
			}
		}
		s := &r.feed.Services[r.service(raw)]
		s.HasCalendar, s.Weekdays, s.Start, s.End = true, days, start, end
		return nil
	})
}

// readCalendarDates reads calendar_dates.txt.
func (r *reader) readCalendarDates() error {
	t, err := r.open("calendar_dates.txt", false, "service_id", "date", "exception_type")
	if err != nil {
		return err
	}
	if t == nil {
		n := len(r.rep.Files)
		if !r.rep.Files[n-1].Present && !r.rep.Files[n-2].Present {
			r.problem(SeverityError, nil, "calendar.txt", 0, "", ErrMissingFile,
				"required file is missing (and so is calendar_dates.txt: a feed needs one of them)")
		}
		return nil
	}
	cID, cDate, cType := t.col("service_id"), t.col("date"), t.col("exception_type")
	err = r.rows(t, func() error {
		d, err := ParseDate(t.get(cDate))
		if err != nil {
			r.errorf(t, "date", ErrBadDate, "%v", err)
			return nil
		}
		switch v := t.get(cType); v {
		case "1":
			s := &r.feed.Services[r.service(t.get(cID))]
			s.Added = append(s.Added, d)
		case "2":
			s := &r.feed.Services[r.service(t.get(cID))]
			s.Removed = append(s.Removed, d)
		default:
			r.warnf(t, "exception_type", ErrBadValue, "%q is not 1 (added) or 2 (removed); row ignored", v)
		}
		return nil
	})
	for i := range r.feed.Services {
		s := &r.feed.Services[i]
		s.Added, s.Removed = sortUnique(s.Added), sortUnique(s.Removed)
	}
	return err
}
