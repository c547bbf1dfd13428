package gtfs

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func mustDate(tb testing.TB, s string) Date {
	tb.Helper()
	d, err := ParseDate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func loadFixture(tb testing.TB, name, prefix string) *Feed {
	tb.Helper()
	f, err := Load(context.Background(), fixture(tb, name), Options{Prefix: prefix})
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

func stopIndex(tb testing.TB, f *Feed, id string) int32 {
	tb.Helper()
	for i, s := range f.Stops {
		if s.ID == id {
			return int32(i)
		}
	}
	tb.Fatalf("no stop %q", id)
	return -1
}

func tripIndex(tb testing.TB, f *Feed, id string) int {
	tb.Helper()
	for i, tr := range f.Trips {
		if tr.ID == id {
			return i
		}
	}
	tb.Fatalf("no trip %q", id)
	return -1
}

func TestLoadTown(t *testing.T) {
	f := loadFixture(t, "town", "town")
	if got := []int{len(f.Agencies), len(f.Stops), len(f.Routes), len(f.Trips), f.StopTimes.Len(), len(f.Frequencies), len(f.Transfers)}; !slices.Equal(got, []int{1, 9, 4, 10, 29, 2, 4}) {
		t.Errorf("agencies, stops, routes, trips, stop times, frequencies, transfers = %v", got)
	}
	if f.Report.Errors != 0 || f.Report.Warnings != 0 {
		t.Errorf("report has %d errors, %d warnings: %v", f.Report.Errors, f.Report.Warnings, f.Report.Problems)
	}
	// Namespaced ids and resolved references.
	p1 := stopIndex(t, f, "town:P1")
	st := stopIndex(t, f, "town:ST")
	if f.Stops[p1].Parent != st || f.Stops[st].LocationType != LocationStation || f.Stops[st].Parent != -1 {
		t.Errorf("P1 parent %d, ST type %d parent %d; want parent %d", f.Stops[p1].Parent, f.Stops[st].LocationType, f.Stops[st].Parent, st)
	}
	if s := f.Stops[p1]; s.Name != "Tori A" || s.Lat != 61.6881 || s.Lon != 27.2721 {
		t.Errorf("P1 = %+v", s)
	}
	t6 := f.Trips[tripIndex(t, f, "town:T6")]
	if f.Routes[t6.Route].ID != "town:R3" || f.Services[t6.Service].ID != "town:WK" || f.Routes[t6.Route].Agency != 0 {
		t.Errorf("T6 route %+v service %+v", f.Routes[t6.Route], f.Services[t6.Service])
	}
	// Stop times of T1 in order, untimed ones kept untimed.
	from, to := f.StopTimes.Trip(tripIndex(t, f, "town:T1"))
	var arr []Seconds
	var stops []string
	for j := from; j < to; j++ {
		arr = append(arr, f.StopTimes.Arr[j])
		stops = append(stops, f.Stops[f.StopTimes.Stop[j]].ID)
		if !math.IsNaN(float64(f.StopTimes.Dist[j])) {
			t.Errorf("T1 has a distance at %d", j)
		}
	}
	if !slices.Equal(arr, []Seconds{8 * 3600, Untimed, Untimed, 8*3600 + 600}) {
		t.Errorf("T1 arrivals %v", arr)
	}
	if !slices.Equal(stops, []string{"town:M1", "town:M2", "town:M3", "town:M4"}) {
		t.Errorf("T1 stops %v", stops)
	}
	from, _ = f.StopTimes.Trip(tripIndex(t, f, "town:T2"))
	if f.StopTimes.Dist[from+2] != 700 {
		t.Errorf("T2 third distance %v, want 700", f.StopTimes.Dist[from+2])
	}
	// T5 dwells at P1: 07:40 arrival, 07:41 departure.
	from, _ = f.StopTimes.Trip(tripIndex(t, f, "town:T5"))
	if f.StopTimes.Arr[from+1] != 7*3600+2400 || f.StopTimes.Dep[from+1] != 7*3600+2460 {
		t.Errorf("T5 at P1 %v-%v", f.StopTimes.Arr[from+1], f.StopTimes.Dep[from+1])
	}
	// Frequencies and transfers.
	fr := f.Frequencies[0]
	if f.Trips[fr.Trip].ID != "town:TF1" || fr.Start != 6*3600 || fr.End != 7*3600 || fr.Headway != 1200 || !fr.ExactTimes || f.Frequencies[1].ExactTimes {
		t.Errorf("frequencies %+v", f.Frequencies)
	}
	want := []Transfer{
		{From: p1, To: stopIndex(t, f, "town:P2"), Type: TransferMinTime, MinTime: 300},
		{From: stopIndex(t, f, "town:H1"), To: p1, Type: TransferForbidden, MinTime: Untimed},
		{From: stopIndex(t, f, "town:M1"), To: stopIndex(t, f, "town:M2"), Type: TransferRecommended, MinTime: Untimed},
		{From: st, To: stopIndex(t, f, "town:M1"), Type: TransferMinTime, MinTime: 120},
	}
	if !slices.Equal(f.Transfers, want) {
		t.Errorf("transfers %+v, want %+v", f.Transfers, want)
	}
}

func TestServiceActive(t *testing.T) {
	f := loadFixture(t, "town", "")
	svc := map[string]*Service{}
	for i := range f.Services {
		svc[f.Services[i].ID] = &f.Services[i]
	}
	cases := []struct {
		service, date string
		want          bool
	}{
		{"WK", "20240102", true},  // Tuesday
		{"WK", "20240103", false}, // Wednesday, removed
		{"WK", "20240104", true},
		{"WK", "20240106", false}, // Saturday
		{"WK", "20231229", false}, // Friday before the range
		{"WK", "20240131", true},  // last day, Wednesday
		{"WK", "20240201", false}, // Thursday after the range
		{"SA", "20240106", true},
		{"SA", "20240103", true}, // added
		{"SA", "20240107", false},
		{"XD", "20240201", true}, // calendar_dates only
		{"XD", "20240202", false},
	}
	for _, c := range cases {
		if got := svc[c.service].Active(mustDate(t, c.date)); got != c.want {
			t.Errorf("%s on %s: %v, want %v", c.service, c.date, got, c.want)
		}
	}
}

func TestLoadDatesOnly(t *testing.T) {
	f := loadFixture(t, "datesonly", "d")
	if len(f.Services) != 1 || f.Services[0].HasCalendar || f.Services[0].ID != "d:MARKET" {
		t.Fatalf("services %+v", f.Services)
	}
	s := &f.Services[0]
	for date, want := range map[string]bool{"20240105": true, "20240112": false, "20240106": false, "20240119": false} {
		if s.Active(mustDate(t, date)) != want {
			t.Errorf("active on %s: want %v", date, want)
		}
	}
	rep, err := Validate(context.Background(), fixture(t, "datesonly"), Options{Dates: []Date{mustDate(t, "20240105")}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.FirstDate.String() != "20240105" || rep.LastDate.String() != "20240112" {
		t.Errorf("date range %s-%s", rep.FirstDate, rep.LastDate)
	}
	if a := rep.Active[0]; !slices.Equal(a.Services, []string{"MARKET"}) || a.Trips != 1 {
		t.Errorf("active %+v", a)
	}
}

func TestLoadMessy(t *testing.T) {
	f, err := Load(context.Background(), fixture(t, "messy"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Agencies[0].Name != "Messy, Inc." {
		t.Errorf("agency %+v", f.Agencies[0])
	}
	wantStops := []Stop{
		{ID: "K1", Name: `Kauppatori, "Tori"`, Lon: 27.272, Lat: 61.688, Parent: -1},
		{ID: "K2", Name: "Asema", Lon: 27.28, Lat: 61.69, Parent: -1},
		{ID: "K3", Name: "Harju", Lon: 27.29, Lat: 61.695, Parent: -1},
	}
	if !slices.Equal(f.Stops, wantStops) {
		t.Errorf("stops %+v", f.Stops)
	}
	if r := f.Routes[0]; r.ID != "X1" || r.ShortName != "X" || r.Type != 3 {
		t.Errorf("route %+v", r)
	}
	if h := f.Trips[0].Headsign; h != `Keskusta "pikavuoro` {
		t.Errorf("headsign %q", h)
	}
	if !slices.Equal(f.StopTimes.Stop, []int32{0, 1, 2}) {
		t.Errorf("stop order %v, want sorted by stop_sequence", f.StopTimes.Stop)
	}
	if !slices.Equal(f.StopTimes.Arr, []Seconds{25200, 25800, 26400}) || !slices.Equal(f.StopTimes.Dep, []Seconds{25200, 25860, 26400}) {
		t.Errorf("times %v %v", f.StopTimes.Arr, f.StopTimes.Dep)
	}
	if f.Report.Warnings != 1 || f.Report.Problems[0].Err != ErrOrder || f.Report.Problems[0].Line != 2 {
		t.Errorf("want one out-of-order warning at line 2, got %v", f.Report.Problems)
	}
}

func TestLoadZip(t *testing.T) {
	for _, name := range []string{"town", "messy", "datesonly"} {
		for _, top := range []string{"", name} {
			t.Run(name+"/"+top, func(t *testing.T) {
				z := zipDir(t, fixture(t, name), filepath.Join(t.TempDir(), name+".zip"), top)
				got, err := Load(context.Background(), z, Options{Prefix: "p"})
				if err != nil {
					t.Fatal(err)
				}
				want := loadFixture(t, name, "p")
				if got.Name != name+".zip" {
					t.Errorf("name %q", got.Name)
				}
				if !slices.Equal(got.Stops, want.Stops) || !slices.Equal(got.Trips, want.Trips) ||
					!slices.Equal(got.StopTimes.Stop, want.StopTimes.Stop) || !slices.Equal(got.StopTimes.Dep, want.StopTimes.Dep) {
					t.Error("zip and directory differ")
				}
			})
		}
	}
}

func TestBrokenFeeds(t *testing.T) {
	stopTimes := readFixtureFile(t, "town", "stop_times.txt")
	cases := []struct {
		name  string
		edits map[string]string
		want  string
		is    error
	}{
		{
			name:  "missing stops",
			edits: map[string]string{"stops.txt": ""},
			want:  "gtfs: town: stops.txt: required file is missing",
			is:    ErrMissingFile,
		},
		{
			name:  "unknown trip",
			edits: map[string]string{"stop_times.txt": stopTimes + "TX,10:00:00,10:00:00,P1,1,\n"},
			want:  `gtfs: town: stop_times.txt line 31: field trip_id: unknown trip "TX"`,
			is:    ErrUnknownRef,
		},
		{
			name:  "unknown stop",
			edits: map[string]string{"stop_times.txt": strings.Replace(stopTimes, "T4,07:09:00,07:09:00,P1", "T4,07:09:00,07:09:00,P9", 1)},
			want:  `gtfs: town: stop_times.txt line 14: field stop_id: unknown stop "P9"`,
			is:    ErrUnknownRef,
		},
		{
			name:  "bad time",
			edits: map[string]string{"stop_times.txt": strings.Replace(stopTimes, "T6,24:30:00", "T6,25:61:00", 1)},
			want:  `gtfs: town: stop_times.txt line 21: field arrival_time: "25:61:00" is not a time (minutes must be < 60)`,
			is:    ErrBadTime,
		},
		{
			name: "two bad times",
			edits: map[string]string{"stop_times.txt": strings.Replace(strings.Replace(stopTimes,
				"T6,24:30:00", "T6,25:61:00", 1), "T8,13:30:00,13:30:00", "T8,13:30:00,1330", 1)},
			want: `gtfs: town: stop_times.txt line 21: field arrival_time: "25:61:00" is not a time (minutes must be < 60) (and 1 more error)`,
			is:   ErrBadTime,
		},
		{
			name:  "untimed first stop",
			edits: map[string]string{"stop_times.txt": strings.Replace(stopTimes, "T3,07:00:00,07:00:00", "T3,,", 1)},
			want:  `gtfs: town: stop_times.txt line 10: field departure_time: first stop time of trip "T3" has no time`,
			is:    ErrBadTime,
		},
		{
			name:  "no calendar",
			edits: map[string]string{"calendar.txt": "", "calendar_dates.txt": ""},
			want:  "gtfs: town: calendar.txt: required file is missing (and so is calendar_dates.txt: a feed needs one of them)",
			is:    ErrMissingFile,
		},
		{
			name:  "missing column",
			edits: map[string]string{"stop_times.txt": strings.Replace(stopTimes, "stop_sequence", "seq", 1)},
			want:  "gtfs: town: stop_times.txt line 1: field stop_sequence: required column is missing",
			is:    ErrMissingColumn,
		},
		{
			name:  "bad date",
			edits: map[string]string{"calendar_dates.txt": "service_id,date,exception_type\nWK,20240231,2\n"},
			want:  `gtfs: town: calendar_dates.txt line 2: field date: "20240231" is not a date (no such day)`,
			is:    ErrBadDate,
		},
		{
			name:  "unknown route",
			edits: map[string]string{"trips.txt": strings.Replace(readFixtureFile(t, "town", "trips.txt"), "R2,WK,T3", "R9,WK,T3", 1)},
			want:  `gtfs: town: trips.txt line 4: field route_id: unknown route "R9"`,
			is:    ErrUnknownRef,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyFixture(t, "town", "town", c.edits)
			_, err := Load(context.Background(), dir, Options{})
			if err == nil || err.Error() != c.want {
				t.Fatalf("error %v\nwant  %s", err, c.want)
			}
			if !errors.Is(err, c.is) {
				t.Errorf("error does not wrap %v", c.is)
			}
			var fe *Error
			if !errors.As(err, &fe) || fe.Severity != SeverityError {
				t.Errorf("error is not a *gtfs.Error")
			}
			rep, verr := Validate(context.Background(), dir, Options{})
			if verr == nil || verr.Error() != err.Error() || rep.Errors == 0 {
				t.Errorf("Validate: %v, %d errors", verr, rep.Errors)
			}
		})
	}
}

func TestNotAZip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "feed.zip")
	if err := os.WriteFile(p, []byte("route_id,route_type\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(context.Background(), p, Options{})
	want := "gtfs: feed.zip: not a zip archive or a directory (zip: not a valid zip file)"
	if err == nil || err.Error() != want || !errors.Is(err, ErrNotFeed) {
		t.Fatalf("error %v, want %s", err, want)
	}
	rep, err := Validate(context.Background(), p, Options{})
	if err == nil || rep == nil || rep.Errors != 1 {
		t.Fatalf("Validate: %v, %+v", err, rep)
	}
	if _, err := Load(context.Background(), filepath.Join(t.TempDir(), "absent.zip"), Options{}); !errors.Is(err, ErrNotFeed) {
		t.Errorf("absent path: %v", err)
	}
}

func TestWarnings(t *testing.T) {
	stops := readFixtureFile(t, "town", "stops.txt")
	stopTimes := readFixtureFile(t, "town", "stop_times.txt")
	dir := copyFixture(t, "town", "town", map[string]string{
		"agency.txt": "",
		"stops.txt":  strings.Replace(stops, "P2,Tori B,61.6879,27.2719,0,ST", "P2,Tori B,61.6879,27.2719,0,NOPE", 1),
		// T5 arrives at H2 before leaving P1; T3 lists its stops backwards.
		"stop_times.txt": strings.Replace(strings.Replace(stopTimes, "T5,07:50:00", "T5,07:30:00", 1),
			"T3,07:00:00,07:00:00,H1,1,\nT3,07:10:00,07:10:00,P1,2,\nT3,07:20:00,07:20:00,H2,3,\n",
			"T3,07:20:00,07:20:00,H2,3,\nT3,07:10:00,07:10:00,P1,2,\nT3,07:00:00,07:00:00,H1,1,\n", 1),
		"transfers.txt": "from_stop_id,to_stop_id,transfer_type,min_transfer_time,from_route_id\nP1,ZZ,0,,\nP1,H1,2,60,R1\nP1,H1,7,,\n",
	})
	f, err := Load(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	type kind struct {
		file, field string
		err         error
		line        int
	}
	var got []kind
	for _, p := range f.Report.Problems {
		if p.Severity != SeverityWarning {
			t.Errorf("unexpected error %v", p)
		}
		got = append(got, kind{p.File, p.Field, p.Err, p.Line})
	}
	want := []kind{
		{"agency.txt", "", ErrMissingFile, 0},
		{"stops.txt", "parent_station", ErrUnknownRef, 4},
		{"stop_times.txt", "stop_sequence", ErrOrder, 10},
		{"stop_times.txt", "arrival_time", ErrOrder, 18},
		{"transfers.txt", "to_stop_id", ErrUnknownRef, 2},
		{"transfers.txt", "", ErrBadValue, 3},
		{"transfers.txt", "transfer_type", ErrBadValue, 4},
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings\n got %v\nwant %v", got, want)
	}
	// The backwards arrival is clamped to the previous departure (07:41).
	from, to := f.StopTimes.Trip(tripIndex(t, f, "T5"))
	if f.StopTimes.Arr[to-1] != 7*3600+2460 {
		t.Errorf("T5 last arrival %v", f.StopTimes.Arr[to-1])
	}
	// T3 is regrouped in sequence order.
	from, _ = f.StopTimes.Trip(tripIndex(t, f, "T3"))
	if f.Stops[f.StopTimes.Stop[from]].ID != "H1" || f.StopTimes.Dep[from] != 7*3600 {
		t.Errorf("T3 starts at %s %v", f.Stops[f.StopTimes.Stop[from]].ID, f.StopTimes.Dep[from])
	}
}

func TestReportText(t *testing.T) {
	rep, err := Validate(context.Background(), fixture(t, "town"), Options{Prefix: "town", Dates: []Date{mustDate(t, "20240103")}})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		`feed town (ids prefixed "town:")`,
		"  stop_times.txt              29 rows",
		"  shapes.txt           absent",
		"service dates 20240101 to 20240201",
		// Wednesday 3 January: WK removed, SA added: T7 only.
		"active on 20240103 (Wednesday): 1 services, 1 trips: town:SA",
		"0 errors, 0 warnings",
	} {
		if !strings.Contains(b.String(), line+"\n") {
			t.Errorf("report lacks %q:\n%s", line, b.String())
		}
	}
}

// A problem with the whole feed rather than one of its files says so.
func TestReportTextNotAZip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.zip")
	if err := os.WriteFile(path, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Validate(context.Background(), path, Options{})
	if !errors.Is(err, ErrNotFeed) {
		t.Fatalf("error %v, want ErrNotFeed", err)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if want := "  error   1 x the feed as a whole\n"; !strings.Contains(b.String(), want) {
		t.Errorf("report lacks %q:\n%s", want, b.String())
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, fixture(t, "town"), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}
