package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/saavu/saavu/data/links"
	"github.com/saavu/saavu/data/openinghours"
)

// maxFileSize bounds what Read accepts: a scenario is written by hand.
const maxFileSize = 16 << 20

// Scenario is a parsed scenario file. Every list keeps the file's order.
type Scenario struct {
	File        string // base name of the file, used in messages
	Name        string
	Description string

	AddServices    []NewService
	RemoveServices []ServiceRef
	MoveServices   []Move
	// Links holds the add_links rows as a sketch links file (nil when
	// there are none); its Name is "<file> add_links" and each line's Row
	// is its index in add_links.
	Links        *links.File
	ScaleRoutes  []RouteScale
	CloseFerries []FerryRef
}

// NewService is a service to add.
type NewService struct {
	Path         string // JSON path, for messages: "add_services[0]"
	ID           string // the name when the file gives none
	Name         string
	Category     string
	Lon, Lat     float64
	Capacity     float64 // 1 when the file gives none
	OpeningHours string  // as written; checked by package openinghours
}

// ServiceRef names an existing service by ID or, when ID is empty, by
// Name.
type ServiceRef struct {
	Path     string // JSON path, for messages
	ID, Name string
}

// String names the reference in messages: `id "k7"` or `name "Kela"`.
func (r ServiceRef) String() string {
	if r.ID != "" {
		return fmt.Sprintf("id %q", r.ID)
	}
	return fmt.Sprintf("name %q", r.Name)
}

// Move moves an existing service to a new place.
type Move struct {
	ServiceRef
	Lon, Lat float64
}

// RouteScale scales the departures of a route.
type RouteScale struct {
	Path   string // JSON path, for messages
	Route  string // route id (without the feed prefix) or short name
	Feed   string // id prefix of the feed; empty for any feed
	Factor float64
}

// Key is the route as transit.DayOptions.ScaleRoutes names it:
// "feed:route" with a feed, the route alone otherwise.
func (r RouteScale) Key() string {
	if r.Feed != "" {
		return r.Feed + ":" + r.Route
	}
	return r.Route
}

// FerryRef names a ferry by OSM way id or, when WayID is 0, by name.
type FerryRef struct {
	Path  string // JSON path, for messages
	WayID int64
	Name  string
}

// Load reads the scenario file at path.
func Load(path string) (*Scenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	defer f.Close()
	return Read(f, filepath.Base(path))
}

// topMembers are the members a scenario may have.
var topMembers = []string{"name", "description", "add_services", "remove_services", "move_services", "add_links", "scale_routes", "close_ferries"}

// Read reads a scenario from r, naming it name in messages. It stops at
// the first error.
func Read(r io.Reader, name string) (*Scenario, error) {
	d := &decoder{file: name}
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("scenario: %s: %w", name, err)
	}
	if len(data) > maxFileSize {
		return nil, d.errf("", "file larger than %d MiB", maxFileSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, d.errf("", "the file is empty: write a JSON object such as {\"name\": \"...\", \"add_services\": [...]}")
	}
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, d.syntaxErr(data, err)
	}
	top, err := d.object(raw, "", topMembers...)
	if err != nil {
		return nil, err
	}
	sc := &Scenario{File: name}
	if sc.Name, err = top.str("name", false); err != nil {
		return nil, err
	}
	if sc.Description, err = top.str("description", false); err != nil {
		return nil, err
	}
	steps := []func(*object) error{sc.readAdd, sc.readRemove, sc.readMove, sc.readLinks, sc.readScale, sc.readFerries}
	for _, step := range steps {
		if err := step(top); err != nil {
			return nil, err
		}
	}
	return sc, nil
}

// each calls fn on the objects of an array member, with their paths.
func each(top *object, key string, allowed []string, fn func(o *object) error) error {
	elems, err := top.array(key)
	if err != nil {
		return err
	}
	for i, raw := range elems {
		o, err := top.d.object(raw, element(key, i), allowed...)
		if err != nil {
			return err
		}
		if err := fn(o); err != nil {
			return err
		}
	}
	return nil
}

// coords reads lon and lat, rejecting a pair that looks swapped for
// Finland.
func coords(o *object) (lon, lat float64, err error) {
	if lon, _, err = o.num("lon", true, -180, 180); err != nil {
		return
	}
	if lat, _, err = o.num("lat", true, -90, 90); err != nil {
		return
	}
	if lon >= 59 && lon <= 71 && lat >= 19 && lat <= 32 {
		err = o.d.errf(o.path, "lon %g, lat %g look swapped (Finland is lon 19..32, lat 59..71)", lon, lat)
	}
	return
}

func (sc *Scenario) readAdd(top *object) error {
	ids := map[string]string{}
	return each(top, "add_services", []string{"id", "name", "category", "lon", "lat", "capacity", "opening_hours"}, func(o *object) error {
		s := NewService{Path: o.path, Capacity: 1}
		var err error
		if s.Name, err = o.str("name", true); err != nil {
			return err
		}
		if s.Category, err = o.str("category", true); err != nil {
			return err
		}
		if s.ID, err = o.text("id", false); err != nil {
			return err
		}
		if s.ID == "" {
			s.ID = s.Name
		}
		if prev, dup := ids[s.ID]; dup {
			return o.d.errf(o.path, "service id %q is already added by %s", s.ID, prev)
		}
		ids[s.ID] = o.path
		if s.Lon, s.Lat, err = coords(o); err != nil {
			return err
		}
		if v, ok, err := o.num("capacity", false, 0, 1e9); err != nil {
			return err
		} else if ok {
			s.Capacity = v
		}
		if s.OpeningHours, err = o.str("opening_hours", false); err != nil {
			return err
		}
		if _, err := openinghours.Parse(s.OpeningHours); err != nil {
			return o.d.errf(o.member("opening_hours"), "%v", err)
		}
		sc.AddServices = append(sc.AddServices, s)
		return nil
	})
}

// ref reads "id" or "name", exactly one of them.
func ref(o *object) (ServiceRef, error) {
	r := ServiceRef{Path: o.path}
	var err error
	if r.ID, err = o.text("id", false); err != nil {
		return r, err
	}
	if r.Name, err = o.str("name", false); err != nil {
		return r, err
	}
	switch {
	case r.ID == "" && r.Name == "":
		return r, o.d.errf(o.path, `name the service by "name" or "id"`)
	case r.ID != "" && r.Name != "":
		return r, o.d.errf(o.path, `give "name" or "id", not both`)
	}
	return r, nil
}

func (sc *Scenario) readRemove(top *object) error {
	return each(top, "remove_services", []string{"id", "name"}, func(o *object) error {
		r, err := ref(o)
		if err != nil {
			return err
		}
		sc.RemoveServices = append(sc.RemoveServices, r)
		return nil
	})
}

func (sc *Scenario) readMove(top *object) error {
	return each(top, "move_services", []string{"id", "name", "lon", "lat"}, func(o *object) error {
		r, err := ref(o)
		if err != nil {
			return err
		}
		m := Move{ServiceRef: r}
		if m.Lon, m.Lat, err = coords(o); err != nil {
			return err
		}
		sc.MoveServices = append(sc.MoveServices, m)
		return nil
	})
}

func (sc *Scenario) readScale(top *object) error {
	seen := map[string]string{}
	return each(top, "scale_routes", []string{"route", "feed", "factor"}, func(o *object) error {
		r := RouteScale{Path: o.path}
		var err error
		if r.Route, err = o.text("route", true); err != nil {
			return err
		}
		if r.Feed, err = o.str("feed", false); err != nil {
			return err
		}
		if r.Factor, _, err = o.num("factor", true, 0, 10); err != nil {
			return err
		}
		if prev, dup := seen[r.Key()]; dup {
			return o.d.errf(o.path, "route %q is already scaled by %s", r.Key(), prev)
		}
		seen[r.Key()] = o.path
		sc.ScaleRoutes = append(sc.ScaleRoutes, r)
		return nil
	})
}

func (sc *Scenario) readFerries(top *object) error {
	return each(top, "close_ferries", []string{"way_id", "name"}, func(o *object) error {
		f := FerryRef{Path: o.path}
		var err error
		if f.Name, err = o.str("name", false); err != nil {
			return err
		}
		if o.has("way_id") {
			var id int64
			if err := json.Unmarshal(o.vals["way_id"], &id); err != nil || id <= 0 {
				return o.d.errf(o.member("way_id"), "must be a positive whole number (the OSM way id)")
			}
			f.WayID = id
		}
		switch {
		case f.WayID == 0 && f.Name == "":
			return o.d.errf(o.path, `name the ferry by "way_id" or "name"`)
		case f.WayID != 0 && f.Name != "":
			return o.d.errf(o.path, `give "way_id" or "name", not both`)
		}
		sc.CloseFerries = append(sc.CloseFerries, f)
		return nil
	})
}
