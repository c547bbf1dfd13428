package graph

import (
	"testing"

	"github.com/saavu/saavu/data/osm"
)

func tags(kv ...string) osm.Tags {
	var t osm.Tags
	for i := 0; i+1 < len(kv); i += 2 {
		t = append(t, osm.Tag{Key: kv[i], Value: kv[i+1]})
	}
	return t
}

func TestClassify(t *testing.T) {
	// No extract: OSM's worldwide defaults.
	p := DefaultParams()
	// want: "" dropped (see drop), "both", "fwd", "bwd", "ferry"; "push"
	// both ways at walking speed (a cyclist pushing the bicycle)
	type want struct {
		dir  string
		drop DropReason
		kmh  float64 // car only; 0 to skip
	}
	cases := []struct {
		name            string
		tags            osm.Tags
		walk, bike, car want
	}{
		{"motorway", tags("highway", "motorway"), want{drop: DropClass}, want{drop: DropClass}, want{dir: "fwd", kmh: 120}},
		{"motorway oneway=no", tags("highway", "motorway", "oneway", "no"), want{drop: DropClass}, want{drop: DropClass}, want{dir: "both", kmh: 120}},
		{"motorway_link", tags("highway", "motorway_link"), want{drop: DropClass}, want{drop: DropClass}, want{dir: "both", kmh: 80}},
		{"trunk", tags("highway", "trunk", "maxspeed", "100"), want{dir: "both"}, want{dir: "both"}, want{dir: "both", kmh: 100}},
		{"trunk_link", tags("highway", "trunk_link"), want{dir: "both"}, want{dir: "both"}, want{dir: "both", kmh: 70}},
		{"trunk motorroad", tags("highway", "trunk", "motorroad", "yes"), want{drop: DropMotorroad}, want{drop: DropMotorroad}, want{dir: "both", kmh: 100}},
		{"motorroad foot=yes", tags("highway", "primary", "motorroad", "yes", "foot", "yes"), want{dir: "both"}, want{drop: DropMotorroad}, want{dir: "both", kmh: 80}},
		{"motorway foot=designated", tags("highway", "motorway", "foot", "designated"), want{dir: "both"}, want{drop: DropClass}, want{dir: "fwd", kmh: 120}},
		{"motorway bicycle=permissive", tags("highway", "motorway", "bicycle", "permissive"), want{drop: DropClass}, want{dir: "fwd"}, want{dir: "fwd", kmh: 120}},
		{"steps bicycle=yes", tags("highway", "steps", "bicycle", "yes"), want{dir: "both"}, want{dir: "both"}, want{drop: DropClass}},
		{"construction foot=yes", tags("highway", "construction", "foot", "yes"), want{drop: DropClass}, want{drop: DropClass}, want{drop: DropClass}},
		{"residential", tags("highway", "residential"), want{dir: "both"}, want{dir: "both"}, want{dir: "both", kmh: 40}},
		{"private, foot=yes", tags("highway", "service", "access", "private", "foot", "yes"), want{dir: "both"}, want{drop: DropAccess}, want{drop: DropAccess}},
		{"access=no, motor_vehicle=destination", tags("highway", "residential", "access", "no", "motor_vehicle", "destination"), want{drop: DropAccess}, want{drop: DropAccess}, want{dir: "both", kmh: 40}},
		{"motor_vehicle=no, motorcar=yes", tags("highway", "residential", "motor_vehicle", "no", "motorcar", "yes"), want{dir: "both"}, want{dir: "both"}, want{dir: "both", kmh: 40}},
		{"motor_vehicle=yes, motorcar=no", tags("highway", "residential", "motor_vehicle", "yes", "motorcar", "no"), want{dir: "both"}, want{dir: "both"}, want{drop: DropAccess}},
		{"vehicle=no", tags("highway", "residential", "vehicle", "no"), want{dir: "both"}, want{drop: DropAccess}, want{drop: DropAccess}},
		{"agricultural defers to access", tags("highway", "unclassified", "access", "no", "motor_vehicle", "agricultural"), want{drop: DropAccess}, want{drop: DropAccess}, want{drop: DropAccess}},
		{"bicycle=no", tags("highway", "residential", "bicycle", "no"), want{dir: "both"}, want{drop: DropAccess}, want{dir: "both", kmh: 40}},
		{"footway", tags("highway", "footway"), want{dir: "both"}, want{dir: "push"}, want{drop: DropClass}},
		{"footway bicycle=yes", tags("highway", "footway", "bicycle", "yes"), want{dir: "both"}, want{dir: "both"}, want{drop: DropClass}},
		{"footway bicycle=no", tags("highway", "footway", "bicycle", "no"), want{dir: "both"}, want{drop: DropAccess}, want{drop: DropClass}},
		{"residential bicycle=dismount", tags("highway", "residential", "bicycle", "dismount"), want{dir: "both"}, want{dir: "push"}, want{dir: "both", kmh: 40}},
		{"cycleway", tags("highway", "cycleway"), want{drop: DropClass}, want{dir: "both"}, want{drop: DropClass}},
		{"cycleway foot=designated", tags("highway", "cycleway", "foot", "designated"), want{dir: "both"}, want{dir: "both"}, want{drop: DropClass}},
		{"bridleway", tags("highway", "bridleway"), want{drop: DropClass}, want{drop: DropClass}, want{drop: DropClass}},
		{"busway", tags("highway", "busway"), want{drop: DropClass}, want{drop: DropClass}, want{drop: DropClass}},
		{"footway foot=no", tags("highway", "footway", "foot", "no"), want{drop: DropAccess}, want{drop: DropAccess}, want{drop: DropClass}},
		{"path foot=no bicycle=yes", tags("highway", "path", "foot", "no", "bicycle", "yes"), want{drop: DropAccess}, want{dir: "both"}, want{drop: DropClass}},
		{"cycleway foot=no", tags("highway", "cycleway", "foot", "no"), want{drop: DropClass}, want{dir: "both"}, want{drop: DropClass}},
		{"cycleway bicycle=private", tags("highway", "cycleway", "bicycle", "private"), want{drop: DropClass}, want{drop: DropAccess}, want{drop: DropClass}},
		{"road bicycle=use_sidepath", tags("highway", "secondary", "bicycle", "use_sidepath"), want{dir: "both"}, want{dir: "both"}, want{dir: "both", kmh: 80}},
		{"road foot=use_sidepath", tags("highway", "secondary", "foot", "use_sidepath"), want{dir: "both"}, want{dir: "both"}, want{dir: "both", kmh: 80}},
		{"steps", tags("highway", "steps"), want{dir: "both"}, want{drop: DropClass}, want{drop: DropClass}},
		{"platform", tags("highway", "platform"), want{dir: "both"}, want{dir: "push"}, want{drop: DropClass}},
		{"pedestrian area", tags("highway", "pedestrian", "area", "yes"), want{dir: "both"}, want{dir: "push"}, want{drop: DropClass}},
		{"service area", tags("highway", "service", "area", "yes"), want{dir: "both"}, want{dir: "both"}, want{drop: DropArea}},
		{"construction", tags("highway", "construction"), want{drop: DropClass}, want{drop: DropClass}, want{drop: DropClass}},
		{"track", tags("highway", "track"), want{dir: "both"}, want{dir: "both"}, want{drop: DropClass}},
		{"oneway=yes", tags("highway", "residential", "oneway", "yes"), want{dir: "both"}, want{dir: "fwd"}, want{dir: "fwd", kmh: 40}},
		{"oneway=1", tags("highway", "residential", "oneway", "1"), want{dir: "both"}, want{dir: "fwd"}, want{dir: "fwd", kmh: 40}},
		{"oneway=-1", tags("highway", "residential", "oneway", "-1"), want{dir: "both"}, want{dir: "bwd"}, want{dir: "bwd", kmh: 40}},
		{"oneway:bicycle=no", tags("highway", "residential", "oneway", "yes", "oneway:bicycle", "no"), want{dir: "both"}, want{dir: "both"}, want{dir: "fwd", kmh: 40}},
		{"cycleway=opposite_lane", tags("highway", "residential", "oneway", "yes", "cycleway", "opposite_lane"), want{dir: "both"}, want{dir: "both"}, want{dir: "fwd", kmh: 40}},
		{"cycleway:left=opposite_track", tags("highway", "residential", "oneway", "yes", "cycleway:left", "opposite_track"), want{dir: "both"}, want{dir: "both"}, want{dir: "fwd", kmh: 40}},
		{"oneway:bicycle=-1", tags("highway", "residential", "oneway:bicycle", "-1"), want{dir: "both"}, want{dir: "bwd"}, want{dir: "both", kmh: 40}},
		{"roundabout", tags("highway", "primary", "junction", "roundabout"), want{dir: "both"}, want{dir: "fwd"}, want{dir: "fwd", kmh: 80}},
		{"roundabout oneway=no", tags("highway", "primary", "junction", "roundabout", "oneway", "no"), want{dir: "both"}, want{dir: "both"}, want{dir: "both", kmh: 80}},
		{"reversible", tags("highway", "tertiary", "oneway", "reversible"), want{dir: "both"}, want{dir: "both"}, want{drop: DropReversible}},
		{"maxspeed FI:rural", tags("highway", "tertiary", "maxspeed", "FI:rural"), want{dir: "both"}, want{dir: "both"}, want{dir: "both", kmh: 80}},
		{"maxspeed unreadable", tags("highway", "tertiary", "maxspeed", "fast"), want{dir: "both"}, want{dir: "both"}, want{dir: "both", kmh: 60}},
		{"ferry", tags("route", "ferry"), want{dir: "ferry"}, want{dir: "ferry"}, want{dir: "ferry"}},
		{"ferry motor_vehicle=no", tags("route", "ferry", "motor_vehicle", "no"), want{dir: "ferry"}, want{dir: "ferry"}, want{drop: DropAccess}},
		{"ferry motorcar=no", tags("route", "ferry", "motorcar", "no"), want{dir: "ferry"}, want{dir: "ferry"}, want{drop: DropAccess}},
		{"ferry foot=no", tags("route", "ferry", "foot", "no"), want{drop: DropAccess}, want{dir: "ferry"}, want{dir: "ferry"}},
		{"ferry bicycle=no", tags("route", "ferry", "bicycle", "no"), want{dir: "ferry"}, want{drop: DropAccess}, want{dir: "ferry"}},
		{"no highway", tags("name", "x"), want{drop: DropNotStreet}, want{drop: DropNotStreet}, want{drop: DropNotStreet}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, mw := range []struct {
				m Mode
				w want
			}{{Walk, c.walk}, {Bike, c.bike}, {Car, c.car}} {
				r := classify(c.tags, mw.m, &p)
				if r.drop != mw.w.drop {
					t.Errorf("%s: dropped %q, want %q", mw.m, r.drop, mw.w.drop)
					continue
				}
				if r.drop != "" {
					continue
				}
				dir := "both"
				switch {
				case r.dismount:
					dir = "push"
					if !r.fwd || !r.bwd || r.speed != p.WalkSpeed {
						t.Errorf("%s: pushed %v/%v at %v m/s, want both ways at walking speed", mw.m, r.fwd, r.bwd, r.speed)
					}
				case r.ferry:
					dir = "ferry"
				case r.fwd && !r.bwd:
					dir = "fwd"
				case r.bwd && !r.fwd:
					dir = "bwd"
				}
				if dir != mw.w.dir {
					t.Errorf("%s: direction %s, want %s", mw.m, dir, mw.w.dir)
				}
				if mw.m == Car && mw.w.kmh > 0 && !near(r.speed*3.6, mw.w.kmh, 1e-9) {
					t.Errorf("car speed %v km/h, want %v", r.speed*3.6, mw.w.kmh)
				}
				// A street to leave to its sidewalk (cycle track) takes
				// SidepathFactor times as long.
				walkSpeed, bikeSpeed := p.WalkSpeed, p.BikeSpeed
				if c.tags.Get("foot") == "use_sidepath" {
					walkSpeed /= p.SidepathFactor
				}
				if c.tags.Get("bicycle") == "use_sidepath" {
					bikeSpeed /= p.SidepathFactor
				}
				if mw.m == Walk && !r.ferry && r.speed != walkSpeed || mw.m == Bike && !r.ferry && !r.dismount && r.speed != bikeSpeed {
					t.Errorf("%s speed %v", mw.m, r.speed)
				}
			}
		})
	}
	if r := classify(tags("highway", "tertiary", "maxspeed", "fast"), Car, &p); !r.maxspeedFallback {
		t.Error("unreadable maxspeed not flagged")
	}
	if r := classify(tags("highway", "tertiary", "maxspeed", "none"), Car, &p); r.maxspeedFallback {
		t.Error("maxspeed=none flagged as unreadable")
	}
}

// Winter limits: maxspeed:conditional "@ winter" applies in the winter
// season only.
func TestWinterMaxspeed(t *testing.T) {
	cases := []struct {
		name   string
		tags   osm.Tags
		summer float64
		winter float64
	}{
		{"motorway 120 -> 100", tags("highway", "motorway", "maxspeed", "120", "maxspeed:conditional", "100 @ winter"), 120, 100},
		{"trunk 100 -> 80, brackets", tags("highway", "trunk", "maxspeed", "100", "maxspeed:conditional", "80 @ (winter)"), 100, 80},
		{"several rules", tags("highway", "primary", "maxspeed", "100", "maxspeed:conditional", "60 @ (Mo-Fr 07:00-09:00); 80 @ winter"), 100, 80},
		{"no winter rule", tags("highway", "primary", "maxspeed", "80", "maxspeed:conditional", "60 @ wet"), 80, 80},
		{"winter without maxspeed", tags("highway", "secondary", "maxspeed:conditional", "70 @ winter"), 80, 70},
	}
	for _, c := range cases {
		p := DefaultParams()
		if r := classify(c.tags, Car, &p); !near(r.speed*3.6, c.summer, 1e-9) || r.winter {
			t.Errorf("%s summer: %v km/h (winter %v), want %v", c.name, r.speed*3.6, r.winter, c.summer)
		}
		p.Season = "winter"
		if r := classify(c.tags, Car, &p); !near(r.speed*3.6, c.winter, 1e-9) || r.winter != (c.winter != c.summer) {
			t.Errorf("%s winter: %v km/h (winter %v), want %v", c.name, r.speed*3.6, r.winter, c.winter)
		}
	}
	p := DefaultParams()
	p.Season = "autumn"
	if _, _, err := Build(&osm.Extract{}, Car, p); err == nil {
		t.Error("season autumn accepted")
	}
}
