package graph

import (
	"context"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/osm"
)

// The classes where the tables differ, for walking and cycling: "yes" at
// the mode's speed, "push" (a cyclist pushing, at walking speed), "no".
func TestAccessTables(t *testing.T) {
	type row struct{ walk, bike string }
	cases := []struct {
		class string
		by    map[string]row // access code -> row
	}{
		{"cycleway", map[string]row{
			"world": {"no", "yes"}, "FI": {"yes", "yes"}, "BR": {"no", "yes"},
			"US": {"yes", "yes"}, "DE": {"no", "yes"}, "r5": {"yes", "yes"}}},
		{"pedestrian", map[string]row{
			"world": {"yes", "push"}, "FI": {"yes", "yes"}, "BR": {"yes", "push"},
			"US": {"yes", "yes"}, "DE": {"yes", "push"}, "r5": {"yes", "yes"}}},
		{"footway", map[string]row{
			"world": {"yes", "push"}, "FI": {"yes", "push"}, "BR": {"yes", "push"},
			"US": {"yes", "push"}, "DE": {"yes", "push"}, "r5": {"yes", "no"}}},
		{"bridleway", map[string]row{
			"world": {"no", "no"}, "FI": {"no", "no"}, "BR": {"yes", "yes"},
			"US": {"yes", "yes"}, "DE": {"no", "no"}, "r5": {"yes", "yes"}}},
		{"trunk", map[string]row{
			"world": {"yes", "yes"}, "FI": {"yes", "yes"}, "BR": {"yes", "yes"},
			"US": {"yes", "yes"}, "DE": {"yes", "yes"}, "r5": {"yes", "yes"}}},
		{"motorway", map[string]row{
			"world": {"no", "no"}, "FI": {"no", "no"}, "BR": {"no", "no"},
			"US": {"no", "no"}, "DE": {"no", "no"}, "r5": {"no", "no"}}},
		{"steps", map[string]row{
			"world": {"yes", "no"}, "FI": {"yes", "no"}, "US": {"yes", "no"}, "r5": {"yes", "no"}}},
		{"path", map[string]row{
			"world": {"yes", "yes"}, "FI": {"yes", "yes"}, "BR": {"yes", "yes"}, "r5": {"yes", "yes"}}},
	}
	for _, c := range cases {
		for code, want := range c.by {
			p := DefaultParams()
			p.table = table(code)
			got := func(m Mode) string {
				r := classify(tags("highway", c.class), m, &p)
				switch {
				case r.drop != "":
					return "no"
				case r.dismount:
					return "push"
				}
				return "yes"
			}
			if w, b := got(Walk), got(Bike); w != want.walk || b != want.bike {
				t.Errorf("%s, %s: walk %s bike %s, want walk %s bike %s", code, c.class, w, b, want.walk, want.bike)
			}
		}
	}
	// An explicit foot or bicycle tag opens a class whatever the table.
	p := DefaultParams()
	p.table = table(AccessWorld)
	if r := classify(tags("highway", "bridleway", "foot", "yes", "bicycle", "permissive"), Walk, &p); r.drop != "" {
		t.Errorf("bridleway foot=yes: walk dropped (%s)", r.drop)
	}
	if r := classify(tags("highway", "bridleway", "foot", "yes", "bicycle", "permissive"), Bike, &p); r.drop != "" || r.dismount {
		t.Errorf("bridleway bicycle=permissive: bike %+v", r)
	}
	// Pushing is walking: a footway closed to walkers is closed to
	// pushed bicycles too.
	if r := classify(tags("highway", "footway", "access", "private"), Bike, &p); r.drop != DropAccess {
		t.Errorf("private footway: bike %+v, want dropped for access", r)
	}
}

func TestCountryAt(t *testing.T) {
	cases := []struct {
		place    string
		lon, lat float64
		want     string
	}{
		{"Tampere", 23.76, 61.50, "FI"},
		{"Mikkeli", 27.27, 61.69, "FI"},
		{"Savonlinna", 28.88, 61.87, "FI"},
		{"Pieksämäki", 27.13, 62.30, "FI"},
		{"Helsinki", 24.94, 60.17, "FI"},
		{"Mariehamn", 19.94, 60.10, "FI"},
		{"Oulu", 25.47, 65.01, "FI"},
		{"Rovaniemi", 25.72, 66.50, "FI"},
		{"Utsjoki", 27.03, 69.91, "FI"},
		{"Kilpisjärvi", 20.80, 69.05, "FI"},
		{"Joensuu", 29.76, 62.60, "FI"},
		{"Stockholm", 18.07, 59.33, "world"},
		{"Umeå", 20.26, 63.83, "world"},
		{"Luleå", 22.15, 65.58, "world"},
		{"Tallinn", 24.75, 59.44, "world"},
		{"St Petersburg", 30.31, 59.94, "world"},
		{"Petrozavodsk", 34.35, 61.79, "world"},
		{"Tromsø", 18.96, 69.65, "world"},
		{"Berlin", 13.40, 52.52, "DE"},
		{"Munich", 11.58, 48.14, "DE"},
		{"Hamburg", 10.00, 53.55, "DE"},
		{"Cologne", 6.96, 50.94, "DE"},
		{"Dresden", 13.74, 51.05, "DE"},
		{"Copenhagen", 12.57, 55.68, "world"},
		{"Prague", 14.42, 50.08, "world"},
		{"Paris", 2.35, 48.86, "world"},
		{"Monaco", 7.42, 43.73, "world"},
		{"São Paulo", -46.63, -23.55, "BR"},
		{"Porto Alegre", -51.23, -30.03, "BR"},
		{"Manaus", -60.02, -3.12, "BR"},
		{"Recife", -34.88, -8.05, "BR"},
		{"Brasília", -47.88, -15.79, "BR"},
		{"Buenos Aires", -58.38, -34.60, "world"},
		{"Montevideo", -56.16, -34.90, "world"},
		{"Asunción", -57.58, -25.26, "world"},
		{"Lima", -77.04, -12.05, "world"},
		{"Terre Haute", -87.41, 39.47, "US"},
		{"New York", -74.00, 40.71, "US"},
		{"Seattle", -122.33, 47.61, "US"},
		{"Los Angeles", -118.24, 34.05, "US"},
		{"Miami", -80.19, 25.76, "US"},
		{"Chicago", -87.63, 41.88, "US"},
		{"Anchorage", -149.90, 61.22, "US"},
		{"Honolulu", -157.86, 21.31, "US"},
		{"Toronto", -79.38, 43.65, "world"},
		{"Vancouver", -123.12, 49.28, "world"},
		{"Mexico City", -99.13, 19.43, "world"},
	}
	for _, c := range cases {
		if got := CountryAt(c.lon, c.lat); got != c.want {
			t.Errorf("%s (%g, %g): %s, want %s", c.place, c.lon, c.lat, got, c.want)
		}
	}
}

func TestNormaliseAccess(t *testing.T) {
	for in, want := range map[string]string{"": "auto", "AUTO": "auto", "fi": "FI", " us ": "US", "World": "world", "r5": "r5", "de": "DE", "br": "BR"} {
		if got, err := NormaliseAccess(in); err != nil || got != want {
			t.Errorf("NormaliseAccess(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := NormaliseAccess("SE")
	if err == nil || !strings.Contains(err.Error(), `"SE"`) || !strings.Contains(err.Error(), "BR, DE, FI, US, world") {
		t.Errorf("NormaliseAccess(SE): %v, want an error listing the tables", err)
	}
}

// Build applies the table of the extract's country: a cycleway in Finland
// is walkable, the same cycleway in Germany is not.
func TestBuildAccessFromLocation(t *testing.T) {
	mk := func(lon, lat float64) *osm.Extract {
		ext := &osm.Extract{Name: "t", NodeIDs: []int64{1, 2, 3}}
		for i := range 3 {
			ext.Lon = append(ext.Lon, lon+float64(i)*0.001)
			ext.Lat = append(ext.Lat, lat)
		}
		ext.Bounds = osm.Bounds{MinLon: lon, MaxLon: lon + 0.002, MinLat: lat, MaxLat: lat}
		ext.Ways = []osm.Way{
			{ID: 10, Nodes: []int64{1, 2}, Tags: tags("highway", "residential")},
			{ID: 11, Nodes: []int64{2, 3}, Tags: tags("highway", "cycleway")},
		}
		return ext
	}
	for _, c := range []struct {
		name     string
		ext      *osm.Extract
		access   string
		want     string
		cycleway bool
	}{
		{"Tampere", mk(23.76, 61.50), "", "FI", true},
		{"Berlin", mk(13.40, 52.52), "", "DE", false},
		{"Berlin, --country US", mk(13.40, 52.52), "us", "US", true},
		{"Monaco", mk(7.42, 43.73), "auto", "world", false},
		{"Monaco, r5", mk(7.42, 43.73), "r5", "r5", true},
	} {
		p := DefaultParams()
		p.Access = c.access
		_, st, err := Build(c.ext, Walk, p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Access != c.want || (st.WaysUsed["cycleway"] == 1) != c.cycleway {
			t.Errorf("%s: access %s, cycleways used %d; want %s, %v", c.name, st.Access, st.WaysUsed["cycleway"], c.want, c.cycleway)
		}
	}
	p := DefaultParams()
	p.Access = "SE"
	if _, _, err := Build(mk(18.07, 59.33), Walk, p); err == nil || !strings.Contains(err.Error(), "no access table") {
		t.Errorf("Access SE: %v, want an error", err)
	}
}

// On the real extracts: the country comes from the location, and the
// tables change what the graphs use. In Brazil and Monaco (worldwide
// table) only cycleways whose foot tag opens them are walked; in Finland
// and the USA every cycleway is, as R5 walks them everywhere.
func TestAccessRealExtracts(t *testing.T) {
	cases := []struct{ file, want string }{
		{"tampere/tampere.osm.pbf", "FI"},
		{"porto-alegre/poa_osm.pbf", "BR"},
		{"sao-paulo/spo_osm.pbf", "BR"},
		{"terre-haute/terre_haute.osm.pbf", "US"},
		{"monaco/monaco.osm.pbf", "world"},
	}
	for _, c := range cases {
		t.Run(c.want+" "+c.file, func(t *testing.T) {
			ext, err := osm.Read(context.Background(), sharedData(t, c.file), osm.Options{SkipPOIs: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := ResolveAccess(AccessAuto, ext); got != c.want {
				t.Fatalf("country %s, want %s", got, c.want)
			}
			build := func(m Mode, access string) Stats {
				p := DefaultParams()
				p.Access = access
				_, st, err := Build(ext, m, p)
				if err != nil {
					t.Fatal(err)
				}
				return st
			}
			auto, r5 := build(Walk, AccessAuto), build(Walk, AccessR5)
			footOpen := 0
			for _, w := range ext.Ways {
				if w.Tags.Get("highway") == "cycleway" && opens(w.Tags.Get("foot")) {
					footOpen++
				}
			}
			switch c.want {
			case "FI", "US":
				if auto.WaysUsed["cycleway"] != r5.WaysUsed["cycleway"] {
					t.Errorf("walk: %d cycleways, R5 table %d: want the same", auto.WaysUsed["cycleway"], r5.WaysUsed["cycleway"])
				}
			default:
				if auto.WaysUsed["cycleway"] > footOpen || (r5.WaysUsed["cycleway"] > footOpen) != (auto.WaysUsed["cycleway"] < r5.WaysUsed["cycleway"]) {
					t.Errorf("walk: %d cycleways (%d with foot open), R5 table %d", auto.WaysUsed["cycleway"], footOpen, r5.WaysUsed["cycleway"])
				}
			}
			bike, bikeR5 := build(Bike, AccessAuto), build(Bike, AccessR5)
			if bike.DismountWays == 0 || bikeR5.DismountWays != 0 {
				t.Errorf("bike: %d ways pushed, R5 table %d: want some, and none by R5", bike.DismountWays, bikeR5.DismountWays)
			}
			if bike.WaysUsed["footway"] <= bikeR5.WaysUsed["footway"] {
				t.Errorf("bike: %d footways, R5 table %d: pushing should add footways", bike.WaysUsed["footway"], bikeR5.WaysUsed["footway"])
			}
			t.Logf("walk cycleways %d (R5 table %d, %d tagged foot open); bike pushed ways %d, footways %d (R5 table %d)",
				auto.WaysUsed["cycleway"], r5.WaysUsed["cycleway"], footOpen, bike.DismountWays, bike.WaysUsed["footway"], bikeR5.WaysUsed["footway"])
		})
	}
}
