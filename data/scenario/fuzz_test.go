package scenario

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead reads fuzzed scenario files, seeded from testdata/scenario: no
// panic; a failure is an *Error naming the file; an accepted scenario has
// the values the format promises.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "scenario", "*.json"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"add_links": [{"line":"A","stops":[{"name":"P","lon":27,"lat":61},{"name":"Q","lon":27.1,"lat":61}],"minutes":[3],"departures":["6:00"]}]}`))
	f.Add([]byte(`{"remove_services": [{"id": 7}], "close_ferries": [{"way_id": 9}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Read(bytes.NewReader(data), "f.json")
		if err != nil {
			var se *Error
			if !errors.As(err, &se) || se.File != "f.json" || !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %T %v is not an *Error naming the file", err, err)
			}
			return
		}
		ok := func(lon, lat float64) bool {
			return !math.IsNaN(lon) && !math.IsNaN(lat) && math.Abs(lon) <= 180 && math.Abs(lat) <= 90
		}
		for _, s := range sc.AddServices {
			if s.Name == "" || s.Category == "" || s.ID == "" || !ok(s.Lon, s.Lat) || !(s.Capacity >= 0) || s.Path == "" {
				t.Fatalf("bad service %+v", s)
			}
		}
		for _, r := range sc.RemoveServices {
			if (r.ID == "") == (r.Name == "") {
				t.Fatalf("bad reference %+v", r)
			}
		}
		for _, m := range sc.MoveServices {
			if (m.ID == "") == (m.Name == "") || !ok(m.Lon, m.Lat) {
				t.Fatalf("bad move %+v", m)
			}
		}
		for _, r := range sc.ScaleRoutes {
			if r.Route == "" || !(r.Factor >= 0 && r.Factor <= 10) {
				t.Fatalf("bad scaling %+v", r)
			}
		}
		for _, fr := range sc.CloseFerries {
			if (fr.WayID == 0) == (fr.Name == "") || fr.WayID < 0 {
				t.Fatalf("bad ferry %+v", fr)
			}
		}
		if sc.Links != nil {
			for i, l := range sc.Links.Lines {
				if l.Row != i || len(l.Stops) < 2 || len(l.Legs) != len(l.Stops)-1 || len(l.Departures) == 0 {
					t.Fatalf("bad line %+v", l)
				}
			}
		}
	})
}
