package scenario

import (
	"errors"
	"fmt"
	"strings"

	sfile "github.com/saavu/saavu/data/scenario"
	"github.com/saavu/saavu/geo"
)

// Errors of this package; test with errors.Is.
var (
	// ErrNotFound reports a service or ferry the scenario names that the
	// run does not have.
	ErrNotFound = errors.New("scenario: not found")
	// ErrAmbiguous reports a name shared by several services.
	ErrAmbiguous = errors.New("scenario: ambiguous name")
	// ErrConflict reports changes that contradict each other or the
	// inputs: a service removed twice, moved after removal, an added id
	// already in use.
	ErrConflict = errors.New("scenario: conflicting change")
)

// Service is a service point, WGS84. Its fields are those of
// analyse.Service, in the same order, so that one converts to the other
// with a plain type conversion: scenario.Service(s).
type Service struct {
	ID, Name, Category string
	Lon, Lat           float64
	Capacity           float64
	OpeningHours       string
	Source             string // file and line or OSM id, for messages
}

// label names a service in messages: "Kela Mikkeli" (kela, services.csv line 4).
func (s Service) label() string {
	src := s.Source
	if src == "" {
		src = "id " + s.ID
	}
	return fmt.Sprintf("%q (%s, %s)", s.Name, s.Category, src)
}

// errAt formats an error about the value at path of the scenario file.
func errAt(sc *sfile.Scenario, path string, kind error, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s: %s", kind, sc.File, path, fmt.Sprintf(format, args...))
}

// ApplyServices returns a copy of svcs with the scenario's removals,
// moves and additions applied (in that order), and one line per change
// for the run's notes. svcs is not modified. Added services come last,
// in the file's order, with Source "<file> add_services[i]".
func ApplyServices(svcs []Service, sc *sfile.Scenario) ([]Service, []string, error) {
	if sc == nil {
		return append([]Service(nil), svcs...), nil, nil
	}
	out := append([]Service(nil), svcs...)
	removed := make([]string, len(out)) // path of the removal, "" when kept
	var changes []string
	for _, r := range sc.RemoveServices {
		i, err := find(out, removed, r, sc)
		if err != nil {
			return nil, nil, err
		}
		removed[i] = r.Path
		changes = append(changes, "removed "+out[i].label())
	}
	for _, m := range sc.MoveServices {
		i, err := find(out, removed, m.ServiceRef, sc)
		if err != nil {
			return nil, nil, err
		}
		d := geo.Haversine(out[i].Lon, out[i].Lat, m.Lon, m.Lat)
		changes = append(changes, fmt.Sprintf("moved %s by %.0f m to %.5f, %.5f", out[i].label(), d, m.Lon, m.Lat))
		out[i].Lon, out[i].Lat = m.Lon, m.Lat
	}
	kept := out[:0]
	for i, s := range out {
		if removed[i] == "" {
			kept = append(kept, s)
		}
	}
	out = kept
	ids := make(map[string]bool, len(out))
	for _, s := range out {
		ids[s.ID] = true
	}
	for _, a := range sc.AddServices {
		if ids[a.ID] {
			return nil, nil, errAt(sc, a.Path, ErrConflict, "a service with id %q already exists: give the new one another \"id\"", a.ID)
		}
		ids[a.ID] = true
		s := Service{ID: a.ID, Name: a.Name, Category: a.Category, Lon: a.Lon, Lat: a.Lat, Capacity: a.Capacity,
			OpeningHours: a.OpeningHours, Source: sc.File + " " + a.Path}
		out = append(out, s)
		changes = append(changes, fmt.Sprintf("added %q (%s) at %.5f, %.5f", s.Name, s.Category, s.Lon, s.Lat))
	}
	return out, changes, nil
}

// find returns the index of the service r names among those not
// removed.
func find(svcs []Service, removed []string, r sfile.ServiceRef, sc *sfile.Scenario) (int, error) {
	var hits []int
	match := func(fold bool) {
		for i, s := range svcs {
			switch {
			case r.ID != "" && s.ID == r.ID,
				r.ID == "" && !fold && s.Name == r.Name,
				r.ID == "" && fold && strings.EqualFold(strings.TrimSpace(s.Name), r.Name):
				hits = append(hits, i)
			}
		}
	}
	match(false)
	if len(hits) == 0 && r.ID == "" {
		match(true)
	}
	switch {
	case len(hits) == 0:
		return 0, errAt(sc, r.Path, ErrNotFound, "no service has %s (the run has %d services)", r, len(svcs))
	case len(hits) > 1:
		var list []string
		for _, i := range hits[:min(len(hits), 5)] {
			list = append(list, fmt.Sprintf("id %q (%s)", svcs[i].ID, svcs[i].Source))
		}
		return 0, errAt(sc, r.Path, ErrAmbiguous, "%d services have %s: name one by \"id\": %s", len(hits), r, strings.Join(list, ", "))
	}
	i := hits[0]
	if removed[i] != "" {
		return 0, errAt(sc, r.Path, ErrConflict, "%s was removed by %s", svcs[i].label(), removed[i])
	}
	return i, nil
}
