package scenario

import (
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	sfile "github.com/saavu/saavu/data/scenario"
	"github.com/saavu/saavu/internal/graph"
)

// read parses a scenario from text.
func read(t *testing.T, text string) *sfile.Scenario {
	t.Helper()
	sc, err := sfile.Read(strings.NewReader(text), "s.json")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// base is the service list the tests change.
func base() []Service {
	return []Service{
		{ID: "1", Name: "Kela Mikkeli", Category: "kela", Lon: 27.27, Lat: 61.69, Capacity: 3, Source: "services.csv line 2"},
		{ID: "2", Name: "Mikkeli health station", Category: "health", Lon: 27.25, Lat: 61.68, Capacity: 1, Source: "services.csv line 3"},
		{ID: "7", Name: "Health Ristiina", Category: "health", Lon: 27.25, Lat: 61.50, Capacity: 1, Source: "services.csv line 4"},
		{ID: "8", Name: "Library", Category: "library", Lon: 27.00, Lat: 61.60, Capacity: 1, Source: "services.csv line 5"},
		{ID: "9", Name: "Library", Category: "library", Lon: 27.10, Lat: 61.60, Capacity: 1, Source: "services.csv line 6"},
	}
}

func ids(svcs []Service) []string {
	var out []string
	for _, s := range svcs {
		out = append(out, s.ID)
	}
	return out
}

func TestApplyServicesFull(t *testing.T) {
	sc, err := sfile.Load(filepath.Join("..", "..", "testdata", "scenario", "full.json"))
	if err != nil {
		t.Fatal(err)
	}
	in := base()
	orig := base()
	out, changes, err := ApplyServices(in, sc)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in, orig) {
		t.Error("the input was modified")
	}
	// Removed: "Kela Mikkeli" (1) and id 7; moved: 2; added two.
	if got := ids(out); !slices.Equal(got, []string{"2", "8", "9", "kela-ristiina", "Health bus stop"}) {
		t.Errorf("ids %v", got)
	}
	if out[0].Lon != 27.26 || out[0].Lat != 61.69 || out[0].Name != "Mikkeli health station" {
		t.Errorf("moved service %+v", out[0])
	}
	added := out[3]
	want := Service{ID: "kela-ristiina", Name: "Kela Ristiina", Category: "kela", Lon: 27.2575, Lat: 61.5064, Capacity: 2,
		OpeningHours: "Tu,Th 09:00-15:00", Source: "full.json add_services[0]"}
	if added != want {
		t.Errorf("added %+v, want %+v", added, want)
	}
	if out[4].Capacity != 1 {
		t.Errorf("default capacity %v", out[4].Capacity)
	}
	// One line per change; the move is 0.01 degree of latitude north and
	// 0.01 of longitude east at 61.68: about 1112 m and 528 m, 1231 m.
	wantChanges := []string{
		`removed "Kela Mikkeli" (kela, services.csv line 2)`,
		`removed "Health Ristiina" (health, services.csv line 4)`,
		`moved "Mikkeli health station" (health, services.csv line 3) by 1231 m to 27.26000, 61.69000`,
		`added "Kela Ristiina" (kela) at 27.25750, 61.50640`,
		`added "Health bus stop" (health) at 27.10000, 61.60000`,
	}
	if !slices.Equal(changes, wantChanges) {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(changes, "\n"), strings.Join(wantChanges, "\n"))
	}
}

func TestApplyServicesRules(t *testing.T) {
	cases := []struct {
		name string
		sc   string
		ids  []string
		err  error
		msg  string
	}{
		{"nothing", `{}`, []string{"1", "2", "7", "8", "9"}, nil, ""},
		{"name up to case", `{"remove_services": [{"name": "kela mikkeli"}]}`, []string{"2", "7", "8", "9"}, nil, ""},
		{"remove and add the same name", `{"remove_services": [{"name": "Kela Mikkeli"}],
			"add_services": [{"name": "Kela Mikkeli", "id": "new", "category": "kela", "lon": 27.3, "lat": 61.7}]}`,
			[]string{"2", "7", "8", "9", "new"}, nil, ""},
		{"removed id reused", `{"remove_services": [{"id": "1"}],
			"add_services": [{"name": "Kela", "id": "1", "category": "kela", "lon": 27.3, "lat": 61.7}]}`,
			[]string{"2", "7", "8", "9", "1"}, nil, ""},
		{"unknown name", `{"remove_services": [{"name": "Kela Juva"}]}`, nil, ErrNotFound,
			`s.json: remove_services[0]: no service has name "Kela Juva" (the run has 5 services)`},
		{"unknown id", `{"move_services": [{"id": 70, "lon": 27, "lat": 61}]}`, nil, ErrNotFound,
			`s.json: move_services[0]: no service has id "70"`},
		{"shared name", `{"remove_services": [{"name": "Library"}]}`, nil, ErrAmbiguous,
			`remove_services[0]: 2 services have name "Library": name one by "id": id "8" (services.csv line 5), id "9" (services.csv line 6)`},
		{"shared name by id", `{"remove_services": [{"id": 9}]}`, []string{"1", "2", "7", "8"}, nil, ""},
		{"removed twice", `{"remove_services": [{"id": "1"}, {"name": "Kela Mikkeli"}]}`, nil, ErrConflict,
			`remove_services[1]: "Kela Mikkeli" (kela, services.csv line 2) was removed by remove_services[0]`},
		{"moved after removal", `{"remove_services": [{"id": "1"}], "move_services": [{"id": "1", "lon": 27, "lat": 61}]}`, nil, ErrConflict,
			`move_services[0]: "Kela Mikkeli" (kela, services.csv line 2) was removed by remove_services[0]`},
		{"added id in use", `{"add_services": [{"name": "Other", "id": "8", "category": "kela", "lon": 27.3, "lat": 61.7}]}`, nil, ErrConflict,
			`add_services[0]: a service with id "8" already exists`},
		{"added id defaults to the name", `{"add_services": [{"name": "2", "category": "kela", "lon": 27.3, "lat": 61.7}]}`, nil, ErrConflict,
			`add_services[0]: a service with id "2" already exists`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, _, err := ApplyServices(base(), read(t, c.sc))
			if c.err != nil {
				if !errors.Is(err, c.err) || !strings.Contains(err.Error(), c.msg) {
					t.Fatalf("error %v, want %v containing %q", err, c.err, c.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(out); !slices.Equal(got, c.ids) {
				t.Errorf("ids %v, want %v", got, c.ids)
			}
		})
	}
}

func TestClosedFerries(t *testing.T) {
	ferries := []graph.Ferry{
		{WayID: 11, Name: "Puumalan lautta"},
		{WayID: 12, Name: "Puumalan lautta"}, // the same route in two ways
		{WayID: 13, Name: "Sulkavan lautta"},
		{WayID: 13, Name: "Sulkavan lautta"}, // a way may give several ferry edges
		{WayID: 14},
	}
	cases := []struct {
		name string
		sc   string
		want []int64
		msg  string
	}{
		{"none", `{}`, nil, ""},
		{"by way id", `{"close_ferries": [{"way_id": 13}]}`, []int64{13}, ""},
		{"by name, every way", `{"close_ferries": [{"name": "puumalan LAUTTA"}]}`, []int64{11, 12}, ""},
		{"both kinds", `{"close_ferries": [{"name": "Sulkavan lautta"}, {"way_id": 14}]}`, []int64{13, 14}, ""},
		{"unknown id", `{"close_ferries": [{"way_id": 99}]}`, nil,
			"s.json: close_ferries[0]: no ferry of the road network has way id 99 (ferries: Puumalan lautta (way 11), Puumalan lautta (way 12), Sulkavan lautta (way 13), unnamed (way 14))"},
		{"unknown name", `{"close_ferries": [{"way_id": 11}, {"name": "Lautta"}]}`, nil, `close_ferries[1]: no ferry of the road network has name "Lautta"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ClosedFerries(read(t, c.sc), ferries)
			if c.msg != "" {
				if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), c.msg) {
					t.Fatalf("error %v, want one containing %q", err, c.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			keys := slices.Sorted(maps.Keys(got))
			if !slices.Equal(keys, c.want) {
				t.Errorf("closed %v, want %v", keys, c.want)
			}
		})
	}
	if _, err := ClosedFerries(read(t, `{"close_ferries": [{"way_id": 1}]}`), nil); err == nil || !strings.Contains(err.Error(), "ferries: none") {
		t.Errorf("no ferries: %v", err)
	}
}

func TestNetworkChanges(t *testing.T) {
	sc, err := sfile.Load(filepath.Join("..", "..", "testdata", "scenario", "full.json"))
	if err != nil {
		t.Fatal(err)
	}
	sk := Sketches(sc)
	if len(sk) != 1 || len(sk[0].Lines) != 2 || sk[0].Lines[1].Name != "Asiointi" {
		t.Fatalf("sketches %+v", sk)
	}
	if got := ScaleRoutes(sc); !maps.Equal(got, map[string]float64{"waltti:3": 2, "K1": 0.5}) {
		t.Errorf("scale routes %v", got)
	}
	// K9: every 30 minutes 06:00-18:00 both ways = 25 x 2 trips; the
	// errand line two departures both ways.
	want := []string{
		`added sketch line "K9" (2 stops, 50 trips a day on Mo-Fr)`,
		`added sketch line "Asiointi" (3 stops, 4 trips a day on Tu)`,
		`route "waltti:3" runs 2x as often`,
		`route "K1" runs 0.5x as often`,
		`closed ferry way 123456`,
		`closed ferry "Puumalan lautta"`,
	}
	if got := Notes(sc); !slices.Equal(got, want) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	empty := read(t, `{}`)
	if Sketches(empty) != nil || ScaleRoutes(empty) != nil || Notes(empty) != nil || Sketches(nil) != nil {
		t.Error("an empty scenario changes something")
	}
}
