package osm

import "strings"

// Tag is one OSM key=value pair.
type Tag struct{ Key, Value string }

// Tags is a short list of tags in file order.
type Tags []Tag

// Find returns the value of key and whether the key is present.
func (t Tags) Find(key string) (string, bool) {
	for _, kv := range t {
		if kv.Key == key {
			return kv.Value, true
		}
	}
	return "", false
}

// Get returns the value of key, or "" when absent.
func (t Tags) Get(key string) string {
	v, _ := t.Find(key)
	return v
}

// keptKeys are the way tags routing uses; see KeepKey.
var keptKeys = map[string]bool{
	"highway": true, "access": true, "foot": true, "bicycle": true,
	"motor_vehicle": true, "motorcar": true, "vehicle": true,
	"oneway": true, "oneway:bicycle": true, "junction": true,
	"maxspeed": true, "route": true, "duration": true, "name": true,
	"ref": true, "area": true, "service": true, "motorroad": true,
	"maxspeed:conditional": true,
}

// KeepKey reports whether a way tag with this key is kept: highway, access,
// foot, bicycle, motor_vehicle, motorcar, vehicle, oneway, oneway:bicycle,
// junction, maxspeed, maxspeed:conditional, route, duration, name, ref,
// area, service, motorroad and
// cycleway with any suffix (cycleway, cycleway:left, ...).
func KeepKey(key string) bool {
	if keptKeys[key] {
		return true
	}
	return key == "cycleway" || strings.HasPrefix(key, "cycleway:")
}

// poiAmenities are the amenity values that make a point of interest.
var poiAmenities = map[string]bool{
	"pharmacy": true, "doctors": true, "hospital": true, "clinic": true,
	"dentist": true, "school": true, "library": true, "townhall": true,
	"social_facility": true,
}

// POI key ranks: when an element matches under several keys, the lowest
// rank names its kind.
const (
	rankAmenity = iota
	rankHealthcare
	rankShop
	rankOffice
	rankNone
)

// poiRank returns the rank of a matching key=value, or rankNone.
func poiRank(key, value string) int {
	switch key {
	case "amenity":
		if poiAmenities[value] {
			return rankAmenity
		}
	case "healthcare":
		if value != "" && value != "no" {
			return rankHealthcare
		}
	case "shop":
		if value == "supermarket" {
			return rankShop
		}
	case "office":
		if value == "employment_agency" || value == "government" {
			return rankOffice
		}
	}
	return rankNone
}

// isPOIKey reports whether key may make a point of interest; a cheap
// pre-filter before poiRank.
func isPOIKey(key string) bool {
	switch key {
	case "amenity", "healthcare", "shop", "office":
		return true
	}
	return false
}

// POIKind returns the kind ("amenity=pharmacy") of an element with these
// tags, or "" when it is not a point of interest. Points of interest are:
// amenity in pharmacy, doctors, hospital, clinic, dentist, school, library,
// townhall, social_facility; healthcare=* (any value but "no");
// shop=supermarket; office=employment_agency or office=government. When
// several match, amenity wins over healthcare over shop over office.
func POIKind(tags Tags) string {
	best, kind := rankNone, ""
	for _, t := range tags {
		if r := poiRank(t.Key, t.Value); r < best {
			best, kind = r, t.Key+"="+t.Value
		}
	}
	return kind
}

// interner shares one copy of each distinct string.
type interner map[string]string

func (in interner) bytes(b []byte) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

func (in interner) str(s string) string {
	if t, ok := in[s]; ok {
		return t
	}
	in[s] = s
	return s
}
