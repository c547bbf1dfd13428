package graph

import (
	"strings"

	"github.com/saavu/saavu/data/osm"
)

// DropReason says why a way is not part of a mode's graph.
type DropReason string

// Reasons counted in Stats.WaysDropped.
const (
	DropClass      DropReason = "highway class"       // the highway value is not for this mode
	DropAccess     DropReason = "access"              // an access tag forbids this mode
	DropArea       DropReason = "area"                // area=yes, not used by cars
	DropReversible DropReason = "reversible"          // oneway=reversible or alternating (car)
	DropNoSegment  DropReason = "no segment"          // no two distinct consecutive nodes
	DropFerryClose DropReason = "ferry closed"        // listed in Params.ClosedFerries
	DropFerryLoop  DropReason = "ferry loop"          // a ferry that ends where it starts
	DropNotStreet  DropReason = "no highway or ferry" // neither highway=* nor route=ferry
	DropMotorroad  DropReason = "motorroad"           // motorroad=yes closes it to walkers and cyclists
)

// notStreets are the highway values that are no usable street for anyone
// on foot or by bicycle, whatever their tags.
var notStreets = map[string]bool{
	"construction": true, "proposed": true, "raceway": true, "bus_guideway": true,
	"abandoned": true,
}

// pushable are the classes on which a cyclist may push the bicycle
// where the access table closes them to cycling but walking is allowed.
var pushable = map[string]bool{"footway": true, "pedestrian": true, "platform": true, "corridor": true}

// opens reports whether an access value for a mode opens a way whatever
// its class: yes, designated or permissive.
func opens(v string) bool { return v == "yes" || v == "designated" || v == "permissive" }

// Access tag hierarchies, most specific first.
var (
	walkAccessKeys = []string{"foot", "access"}
	bikeAccessKeys = []string{"bicycle", "vehicle", "access"}
	carAccessKeys  = []string{"motorcar", "motor_vehicle", "vehicle", "access"}
)

func accessKeys(m Mode) []string {
	switch m {
	case Walk:
		return walkAccessKeys
	case Bike:
		return bikeAccessKeys
	}
	return carAccessKeys
}

// denies and grants: access values that decide; other values (for
// example "agricultural") defer to the next, less specific key.
func denies(v string) bool {
	return v == "no" || v == "private"
}

func grants(v string) bool {
	switch v {
	case "yes", "designated", "permissive", "destination", "official":
		return true
	}
	return false
}

// allowed resolves access along a hierarchy of keys: the most specific key
// with a deciding value decides; without one the way is open.
func allowed(tags osm.Tags, keys []string) bool {
	for _, k := range keys {
		v := tags.Get(k)
		switch {
		case denies(v):
			return false
		case grants(v):
			return true
		}
	}
	return true
}

// Directions of a way for one mode.
const (
	dirNone = iota // no oneway information
	dirBoth        // explicitly both ways
	dirForward
	dirBackward
	dirReversible
)

func onewayValue(v string) int {
	switch v {
	case "yes", "true", "1":
		return dirForward
	case "-1", "reverse":
		return dirBackward
	case "no", "false", "0":
		return dirBoth
	case "reversible", "alternating":
		return dirReversible
	}
	return dirNone
}

func isRoundabout(tags osm.Tags) bool {
	j := tags.Get("junction")
	return j == "roundabout" || j == "circular"
}

// wayRule is what classify decides for one way and mode.
type wayRule struct {
	ferry    bool
	fwd, bwd bool
	speed    float64 // metres per second (streets)
	class    string  // highway value, or "ferry"
	drop     DropReason
	// maxspeedFallback: a maxspeed tag was present but unreadable
	maxspeedFallback bool
	// winter: the speed is a winter limit of maxspeed:conditional
	winter bool
	// dismount: a cyclist pushes the bicycle here, at walking speed
	dismount bool
}

// winterMaxspeed reads the winter limit of a maxspeed:conditional value:
// the first "SPEED @ winter" (or "@ (winter)") of its ";"-separated
// rules.
func winterMaxspeed(v string, symbolic map[string]float64) (float64, bool) {
	for _, rule := range strings.Split(v, ";") {
		speed, cond, ok := strings.Cut(rule, "@")
		if !ok {
			continue
		}
		cond = strings.Trim(strings.ToLower(strings.TrimSpace(cond)), "()")
		if strings.TrimSpace(cond) != "winter" {
			continue
		}
		if s, ok := ParseMaxspeed(strings.TrimSpace(speed), symbolic); ok {
			return s, true
		}
	}
	return 0, false
}

// classify applies the rules of the package documentation to one way.
func classify(tags osm.Tags, m Mode, p *Params) wayRule {
	if tags.Get("route") == "ferry" {
		r := wayRule{ferry: true, class: "ferry", fwd: true, bwd: true}
		if !allowed(tags, accessKeys(m)) {
			r.drop = DropAccess
		}
		return r
	}
	hw, ok := tags.Find("highway")
	if !ok {
		return wayRule{drop: DropNotStreet}
	}
	r := wayRule{class: hw}
	area := tags.Get("area") == "yes"
	t := p.table
	if t == nil {
		t = table(ResolveAccess(p.Access, nil))
	}
	switch m {
	case Walk:
		foot := tags.Get("foot")
		switch {
		case notStreets[hw] || (!t.walkDefault(hw) && !opens(foot)):
			r.drop = DropClass
		case tags.Get("motorroad") == "yes" && !opens(foot):
			r.drop = DropMotorroad
		case !allowed(tags, walkAccessKeys):
			r.drop = DropAccess
		}
		r.fwd, r.bwd, r.speed = true, true, p.WalkSpeed
		if foot == "use_sidepath" {
			r.speed /= p.SidepathFactor
		}
	case Bike:
		bicycle := tags.Get("bicycle")
		switch {
		case notStreets[hw]:
			r.drop = DropClass
		case denies(bicycle):
			r.drop = DropAccess
		case bicycle == "dismount" && !t.dismount:
			// R5 reads dismount as no.
			r.drop = DropAccess
		case bicycle == "dismount" || (!t.bikeDefault(hw) && !opens(bicycle) && t.dismount && pushable[hw]):
			// Pushed at walking speed where walking is allowed.
			if w := classify(tags, Walk, p); w.drop != "" {
				r.drop = w.drop
			} else {
				r.fwd, r.bwd, r.speed, r.dismount = true, true, w.speed, true
			}
			return r
		case !t.bikeDefault(hw) && !opens(bicycle):
			r.drop = DropClass
		case tags.Get("motorroad") == "yes" && !opens(bicycle):
			r.drop = DropMotorroad
		case !allowed(tags, bikeAccessKeys):
			r.drop = DropAccess
		case hw != "cycleway" && denies(tags.Get("foot")) && !grants(bicycle):
			// Ways closed to walkers are closed to cyclists too, except
			// cycleways and ways that allow bicycles explicitly.
			r.drop = DropAccess
		}
		r.fwd, r.bwd = bikeDirections(tags)
		r.speed = p.BikeSpeed
		if bicycle == "use_sidepath" {
			r.speed /= p.SidepathFactor
		}
	case Car:
		if !isCarClass[hw] {
			r.drop = DropClass
			return r
		}
		if area {
			r.drop = DropArea
			return r
		}
		if !allowed(tags, carAccessKeys) {
			r.drop = DropAccess
			return r
		}
		d := onewayValue(tags.Get("oneway"))
		if d == dirNone && (isRoundabout(tags) || hw == "motorway") {
			d = dirForward
		}
		switch d {
		case dirReversible:
			r.drop = DropReversible
		case dirForward:
			r.fwd = true
		case dirBackward:
			r.bwd = true
		default:
			r.fwd, r.bwd = true, true
		}
		kmh := p.CarSpeedKmh[hw]
		if v, ok := tags.Find("maxspeed"); ok {
			if s, ok := ParseMaxspeed(v, p.MaxspeedKmh); ok {
				kmh = s
			} else if t := strings.ToLower(strings.TrimSpace(v)); t != "none" && t != "signals" && t != "variable" {
				r.maxspeedFallback = true
			}
		}
		if p.Season == "winter" {
			if s, ok := winterMaxspeed(tags.Get("maxspeed:conditional"), p.MaxspeedKmh); ok {
				kmh, r.winter = s, true
			}
		}
		r.speed = kmh / 3.6
	}
	return r
}

var isCarClass = func() map[string]bool {
	m := make(map[string]bool, len(carClasses))
	for _, c := range carClasses {
		m[c] = true
	}
	return m
}()

// bikeDirections: oneway:bicycle decides when present; cycleway=opposite*
// opens the way against its oneway; otherwise oneway, roundabouts and
// motorways (one-way unless tagged) apply. Reversible ways count as two-way for bicycles.
func bikeDirections(tags osm.Tags) (fwd, bwd bool) {
	d := onewayValue(tags.Get("oneway:bicycle"))
	if d == dirNone {
		for _, k := range []string{"cycleway", "cycleway:left", "cycleway:right", "cycleway:both"} {
			if strings.HasPrefix(tags.Get(k), "opposite") {
				d = dirBoth
				break
			}
		}
	}
	if d == dirNone {
		d = onewayValue(tags.Get("oneway"))
		if d == dirNone && (isRoundabout(tags) || tags.Get("highway") == "motorway") {
			d = dirForward
		}
	}
	switch d {
	case dirForward:
		return true, false
	case dirBackward:
		return false, true
	}
	return true, true
}
