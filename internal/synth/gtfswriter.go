package synth

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// gtfsFiles are the text files the generator writes, in this order.
var gtfsFiles = []struct{ name, header string }{
	{"agency.txt", "agency_id,agency_name,agency_url,agency_timezone"},
	{"stops.txt", "stop_id,stop_name,stop_lat,stop_lon"},
	{"routes.txt", "route_id,agency_id,route_short_name,route_long_name,route_type"},
	{"calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date"},
	{"calendar_dates.txt", "service_id,date,exception_type"},
	{"trips.txt", "route_id,service_id,trip_id,direction_id,trip_headsign"},
	{"stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence"},
	{"frequencies.txt", "trip_id,start_time,end_time,headway_secs,exact_times"},
}

// Indices into feedWriter.w, in the order of gtfsFiles.
const (
	fAgency = iota
	fStops
	fRoutes
	fCalendar
	fCalendarDates
	fTrips
	fStopTimes
	fFrequencies
)

// feedWriter streams the rows of a feed to one buffered file per table;
// nothing but the current row is held in memory.
type feedWriter struct {
	files  []*os.File
	w      []*bufio.Writer
	row    []byte // the row being built
	fields int    // fields in row so far
	bytes  int64
	err    error // the first write error; later writes are skipped
}

func newFeedWriter(dir string) (*feedWriter, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	fw := &feedWriter{}
	for _, f := range gtfsFiles {
		file, err := os.Create(filepath.Join(dir, f.name))
		if err != nil {
			fw.close()
			return nil, fmt.Errorf("synth: %w", err)
		}
		fw.files = append(fw.files, file)
		fw.w = append(fw.w, bufio.NewWriterSize(file, 1<<16))
		fw.str(f.header).end(len(fw.w) - 1)
	}
	return fw, nil
}

// Row building: fields are appended with a comma before all but the
// first; end writes the row to file k. Generated values never hold a
// comma, a quote or a line break, so no quoting is needed.
func (fw *feedWriter) str(s string) *feedWriter {
	fw.sep()
	fw.row = append(fw.row, s...)
	return fw
}

func (fw *feedWriter) num(n int) *feedWriter {
	fw.sep()
	fw.row = strconv.AppendInt(fw.row, int64(n), 10)
	return fw
}
func (fw *feedWriter) coord(v float64) *feedWriter {
	fw.sep()
	fw.row = strconv.AppendFloat(fw.row, v, 'f', 6, 64)
	return fw
}

// clock appends a GTFS time H:MM:SS; hours may pass 24.
func (fw *feedWriter) clock(sec int) *feedWriter {
	fw.sep()
	h, m, s := sec/3600, sec/60%60, sec%60
	if h < 10 {
		fw.row = append(fw.row, '0')
	}
	fw.row = strconv.AppendInt(fw.row, int64(h), 10)
	fw.row = append(fw.row, ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10))
	return fw
}

func (fw *feedWriter) sep() {
	if fw.fields > 0 {
		fw.row = append(fw.row, ',')
	}
	fw.fields++
}

// end writes the row built to file k and starts the next one. A write
// error is kept for finish.
func (fw *feedWriter) end(k int) {
	fw.row = append(fw.row, '\n')
	if fw.err == nil {
		n, err := fw.w[k].Write(fw.row)
		fw.bytes += int64(n)
		fw.err = err
	}
	fw.row, fw.fields = fw.row[:0], 0
}

// finish flushes and closes every file.
func (fw *feedWriter) finish() error {
	first := fw.err
	for _, w := range fw.w {
		if err := w.Flush(); err != nil && first == nil {
			first = err
		}
	}
	if err := fw.close(); err != nil && first == nil {
		first = err
	}
	if first != nil {
		return fmt.Errorf("synth: %w", first)
	}
	return nil
}

func (fw *feedWriter) close() error {
	var first error
	for _, f := range fw.files {
		if err := f.Close(); err != nil && first == nil {
			first = err
		}
	}
	fw.files = nil
	return first
}
