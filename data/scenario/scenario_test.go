package scenario

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/saavu/saavu/data/links"
)

func TestLoadFull(t *testing.T) {
	sc, err := Load(filepath.Join("..", "..", "testdata", "scenario", "full.json"))
	if err != nil {
		t.Fatal(err)
	}
	if sc.File != "full.json" || sc.Name != "Ristiina: Kela desk moves, weekly errand line" || sc.Description == "" {
		t.Errorf("file %q name %q description %q", sc.File, sc.Name, sc.Description)
	}
	wantAdd := []NewService{
		{Path: "add_services[0]", ID: "kela-ristiina", Name: "Kela Ristiina", Category: "kela", Lon: 27.2575, Lat: 61.5064, Capacity: 2, OpeningHours: "Tu,Th 09:00-15:00"},
		{Path: "add_services[1]", ID: "Health bus stop", Name: "Health bus stop", Category: "health", Lon: 27.10, Lat: 61.60, Capacity: 1},
	}
	if !slices.Equal(sc.AddServices, wantAdd) {
		t.Errorf("add_services %+v", sc.AddServices)
	}
	wantRemove := []ServiceRef{{Path: "remove_services[0]", Name: "Kela Mikkeli"}, {Path: "remove_services[1]", ID: "7"}}
	if !slices.Equal(sc.RemoveServices, wantRemove) {
		t.Errorf("remove_services %+v", sc.RemoveServices)
	}
	if len(sc.MoveServices) != 1 || sc.MoveServices[0] != (Move{ServiceRef{Path: "move_services[0]", Name: "Mikkeli health station"}, 27.26, 61.69}) {
		t.Errorf("move_services %+v", sc.MoveServices)
	}
	wantScale := []RouteScale{{Path: "scale_routes[0]", Route: "3", Feed: "waltti", Factor: 2}, {Path: "scale_routes[1]", Route: "K1", Factor: 0.5}}
	if !slices.Equal(sc.ScaleRoutes, wantScale) || sc.ScaleRoutes[0].Key() != "waltti:3" || sc.ScaleRoutes[1].Key() != "K1" {
		t.Errorf("scale_routes %+v", sc.ScaleRoutes)
	}
	wantFerries := []FerryRef{{Path: "close_ferries[0]", WayID: 123456}, {Path: "close_ferries[1]", Name: "Puumalan lautta"}}
	if !slices.Equal(sc.CloseFerries, wantFerries) {
		t.Errorf("close_ferries %+v", sc.CloseFerries)
	}
	// The sketch lines, as package links reads them.
	if sc.Links == nil || len(sc.Links.Lines) != 2 {
		t.Fatalf("links %+v", sc.Links)
	}
	k9, err := links.Read(strings.NewReader("line,mode,stops,minutes,headway_min,first,last,days\n"+
		"K9,bus,Tori@27.2721 61.6881|Asema@27.2850 61.6850,6,30,6:00,18:00,Mo-Fr\n"), "k9.csv")
	if err != nil {
		t.Fatal(err)
	}
	got := sc.Links.Lines[0]
	want := k9.Lines[0]
	if got.Name != want.Name || got.RouteType != want.RouteType || !slices.Equal(got.Stops, want.Stops) ||
		!slices.Equal(got.Legs, want.Legs) || !slices.Equal(got.Departures, want.Departures) || got.Days != want.Days || got.Both != want.Both || got.Row != 0 {
		t.Errorf("K9 %+v, want %+v", got, want)
	}
	a := sc.Links.Lines[1]
	wantStops := []links.Stop{{Name: "Ristiina", Lon: 27.2575, Lat: 61.5064}, {Name: "Pellos", Lon: 27.30, Lat: 61.55}, {Name: "Tori", Lon: 27.2721, Lat: 61.6881}}
	if a.Name != "Asiointi" || !slices.Equal(a.Stops, wantStops) || !slices.Equal(a.Legs, []time.Duration{12 * time.Minute, 20*time.Minute + 30*time.Second}) ||
		!slices.Equal(a.Departures, []time.Duration{9 * time.Hour, 13*time.Hour + 30*time.Minute}) || a.Days != 1<<time.Tuesday || !a.Both || a.Row != 1 {
		t.Errorf("Asiointi %+v", a)
	}
}

func TestReadEmptyLists(t *testing.T) {
	sc, err := Read(strings.NewReader(`{"name": "nothing", "add_links": [], "remove_services": null}`), "s.json")
	if err != nil {
		t.Fatal(err)
	}
	if sc.Links != nil || sc.AddServices != nil || sc.RemoveServices != nil {
		t.Errorf("%+v", sc)
	}
}

func TestReadErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", ``, "scenario: s.json: the file is empty"},
		{"not an object", `[1]`, "scenario: s.json: must be an object, not an array"},
		{"syntax", "{\n  \"name\": \"x\",\n  \"add_services\": [,]\n}", "scenario: s.json: line 3, column 20: invalid character ','"},
		{"unknown member", `{"add_service": []}`, "scenario: s.json: add_service: unknown member of the file (known: name, description, add_services"},
		{"duplicate member", `{"name": "a", "name": "b"}`, "scenario: s.json: name: given twice"},
		{"name not a string", `{"name": 3}`, "scenario: s.json: name: must be a string, not a number"},
		{"list not an array", `{"add_services": {}}`, "scenario: s.json: add_services: must be an array, not an object"},
		{"element not an object", `{"remove_services": ["Kela"]}`, "scenario: s.json: remove_services[0]: must be an object, not a string"},
		{"lon out of range", `{"add_services": [{"name":"a","category":"c","lon":1,"lat":1},{"name":"b","category":"c","lon":1,"lat":1},{"name":"c","category":"c","lon":200,"lat":61}]}`,
			"scenario: s.json: add_services[2].lon: must be a number between -180 and 180"},
		{"lon a string", `{"add_services": [{"name":"a","category":"c","lon":"27.1","lat":61}]}`, "add_services[0].lon: must be a number between -180 and 180"},
		{"lat missing", `{"add_services": [{"name":"a","category":"c","lon":27}]}`, "add_services[0].lat: must be a number between -90 and 90"},
		{"swapped", `{"add_services": [{"name":"a","category":"c","lon":61.5,"lat":27.2}]}`, "add_services[0]: lon 61.5, lat 27.2 look swapped"},
		{"typo in a service", `{"add_services": [{"name":"a","categry":"c","lon":27,"lat":61}]}`, "add_services[0].categry: unknown member of add_services[0] (known: id, name, category"},
		{"no category", `{"add_services": [{"name":"a","lon":27,"lat":61}]}`, "add_services[0].category: required, must be a string"},
		{"empty name", `{"add_services": [{"name":" ","category":"c","lon":27,"lat":61}]}`, "add_services[0].name: must not be empty"},
		{"negative capacity", `{"add_services": [{"name":"a","category":"c","lon":27,"lat":61,"capacity":-1}]}`, "add_services[0].capacity: must be a number between 0 and 1e+09"},
		{"bad opening hours", `{"add_services": [{"name":"a","category":"c","lon":27,"lat":61,"opening_hours":"Mo-Fx 08:00-16:00"}]}`,
			`add_services[0].opening_hours: opening_hours "Mo-Fx 08:00-16:00": at character 4`},
		{"same id twice", `{"add_services": [{"name":"a","category":"c","lon":27,"lat":61},{"name":"a","category":"d","lon":27,"lat":61}]}`,
			`add_services[1]: service id "a" is already added by add_services[0]`},
		{"remove by nothing", `{"remove_services": [{}]}`, `remove_services[0]: name the service by "name" or "id"`},
		{"remove by both", `{"remove_services": [{"id": "1", "name": "x"}]}`, `remove_services[0]: give "name" or "id", not both`},
		{"remove id a boolean", `{"remove_services": [{"id": true}]}`, `remove_services[0].id: must be a string or a number, not a boolean`},
		{"move without lat", `{"move_services": [{"name": "x", "lon": 27}]}`, "move_services[0].lat: must be a number"},
		{"factor too large", `{"scale_routes": [{"route": "3", "factor": 20}]}`, "scale_routes[0].factor: must be a number between 0 and 10"},
		{"no route", `{"scale_routes": [{"factor": 2}]}`, "scale_routes[0].route: required"},
		{"route twice", `{"scale_routes": [{"route": "3", "factor": 2}, {"route": 3, "factor": 1}]}`, `scale_routes[1]: route "3" is already scaled by scale_routes[0]`},
		{"ferry way id not whole", `{"close_ferries": [{"way_id": 1.5}]}`, "close_ferries[0].way_id: must be a positive whole number"},
		{"ferry by both", `{"close_ferries": [{"way_id": 1, "name": "x"}]}`, `close_ferries[0]: give "way_id" or "name", not both`},
		{"ferry by nothing", `{"close_ferries": [{}]}`, `close_ferries[0]: name the ferry by "way_id" or "name"`},
		// Sketch lines are checked by package links, at the row's path.
		{"link minutes", `{"add_links": [{"line":"A","stops":"P@27 61|Q@27.1 61","minutes":"3|4","departures":"6:00"}]}`,
			"scenario: s.json: add_links[0].minutes: expected one value or 1 (one per leg), got 2"},
		{"link second row", `{"add_links": [{"line":"A","stops":"P@27 61|Q@27.1 61","minutes":3,"departures":"6:00"},{"line":"B","stops":"P@27 61|Q@27.1 61","minutes":3,"departures":["6:00","25:99"]}]}`,
			`add_links[1].departures: "25:99" is not a time`},
		{"link no service", `{"add_links": [{"line":"A","stops":"P@27 61|Q@27.1 61","minutes":3}]}`, "add_links[0].departures: no service"},
		{"link unknown column", `{"add_links": [{"line":"A","stop":"P@27 61|Q@27.1 61"}]}`, "add_links[0].stop: unknown member of add_links[0] (known: line, mode, stops"},
		{"link duplicate line", `{"add_links": [{"line":"A","stops":"P@27 61|Q@27.1 61","minutes":3,"departures":"6:00"},{"line":"A"}]}`,
			`add_links[1].line: line "A" is already added by add_links[0]`},
		{"link stop object", `{"add_links": [{"line":"A","stops":[{"name":"P","lon":27,"lat":61},{"name":"Q","lon":27}],"minutes":3,"departures":"6:00"}]}`,
			"add_links[0].stops[1].lat: must be a number"},
		{"link stop with a bar", `{"add_links": [{"line":"A","stops":[{"name":"P|R","lon":27,"lat":61}]}]}`, "add_links[0].stops[0].name: a stop name may not contain |"},
		{"link line break", "{\"add_links\": [{\"line\":\"A\\nB\"}]}", "add_links[0].line: may not contain a line break"},
		{"link value an object", `{"add_links": [{"line":{"a":1}}]}`, "add_links[0].line: must be a string, a number or an array, not an object"},
		{"link first row comment", `{"add_links": [{"line":"#A","stops":"P@27 61|Q@27.1 61","minutes":3}]}`, "add_links[0].departures: no service"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(c.in), "s.json")
			if err == nil {
				t.Fatal("accepted")
			}
			var se *Error
			if !errors.As(err, &se) || !errors.Is(err, ErrInvalid) || se.File != "s.json" {
				t.Fatalf("error %T %v is not an *Error naming the file", err, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error\n  %v\nwant it to contain\n  %s", err, c.want)
			}
		})
	}
}
