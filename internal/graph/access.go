package graph

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/saavu/saavu/data/osm"
)

// Access tables: which highway classes walkers and cyclists may use when a
// way carries no foot or bicycle tag. The worldwide table and the country
// tables follow the OSM wiki page "OSM tags for routing/Access
// restrictions"; the R5 table is what R5 applies everywhere
// (USTraversalPermissionLabeler). Classes a table does not list are open
// to walkers and cyclists.
const (
	AccessAuto  = "auto"  // detect the country from the extract's location
	AccessWorld = "world" // OSM's worldwide defaults
	AccessR5    = "r5"    // R5's rules
)

// classAccess is one class's default for walking and cycling.
type classAccess struct{ foot, bike bool }

// accessTable is the default access of the classes that differ from
// "open to walking and cycling".
type accessTable struct {
	name    string // what run.json and messages call it
	classes map[string]classAccess
	// dismount: cyclists may push their bicycle, at walking speed, on
	// ways closed to cycling but open to walking (footways, pedestrian
	// streets, platforms), as OSM's bicycle=dismount says.
	dismount bool
}

// worldwide is OSM's worldwide default table for the classes it lists
// where walking or cycling is closed, plus busways (buses only) and
// steps, platforms and corridors (walkers only).
func worldwide() map[string]classAccess {
	return map[string]classAccess{
		"motorway": {}, "motorway_link": {}, "busway": {},
		"pedestrian": {foot: true},
		"footway":    {foot: true},
		"steps":      {foot: true},
		"platform":   {foot: true},
		"corridor":   {foot: true},
		"bridleway":  {},
		"cycleway":   {bike: true},
	}
}

// with returns the worldwide table changed by the given classes.
func with(changes map[string]classAccess) map[string]classAccess {
	t := worldwide()
	for k, v := range changes {
		t[k] = v
	}
	return t
}

// accessTables are the tables saavu knows, by code.
var accessTables = map[string]accessTable{
	AccessWorld: {name: "OSM worldwide", classes: worldwide(), dismount: true},
	// Finland: walkers may use cycleways (where no footway runs beside,
	// the law sends them there) and cyclists pedestrian streets.
	"FI": {name: "Finland", dismount: true, classes: with(map[string]classAccess{
		"cycleway": {foot: true, bike: true}, "pedestrian": {foot: true, bike: true}})},
	// Brazil: bridleways are open to walkers and cyclists.
	"BR": {name: "Brazil", dismount: true, classes: with(map[string]classAccess{
		"bridleway": {foot: true, bike: true}})},
	// USA: walkers on cycleways and bridleways, cyclists on pedestrian
	// streets and bridleways.
	"US": {name: "United States", dismount: true, classes: with(map[string]classAccess{
		"cycleway": {foot: true, bike: true}, "bridleway": {foot: true, bike: true},
		"pedestrian": {foot: true, bike: true}})},
	// Germany: the worldwide table (motor roads, Kraftfahrstraßen, are
	// tagged motorroad=yes).
	"DE": {name: "Germany", dismount: true, classes: worldwide()},
	// R5: the US table without pushing bicycles; busways are unknown to
	// R5, which leaves them out of every mode.
	AccessR5: {name: "R5", classes: with(map[string]classAccess{
		"cycleway": {foot: true, bike: true}, "bridleway": {foot: true, bike: true},
		"pedestrian": {foot: true, bike: true}})},
}

// AccessCodes lists the values --country takes besides auto.
func AccessCodes() []string {
	out := make([]string, 0, len(accessTables))
	for k := range accessTables {
		if k != AccessR5 {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// NormaliseAccess checks an access code given by a user: auto, world, r5
// or a country code saavu has a table for (any case).
func NormaliseAccess(code string) (string, error) {
	c := strings.TrimSpace(code)
	switch strings.ToLower(c) {
	case "", AccessAuto:
		return AccessAuto, nil
	case AccessWorld, AccessR5:
		return strings.ToLower(c), nil
	}
	u := strings.ToUpper(c)
	if _, ok := accessTables[u]; ok {
		return u, nil
	}
	return "", fmt.Errorf("no access table for %q: use auto (from the extract's location), %s", code,
		strings.Join(AccessCodes(), ", "))
}

// AccessName is the name of an access code's table ("Finland").
func AccessName(code string) string {
	if t, ok := accessTables[code]; ok {
		return t.name
	}
	return code
}

// ResolveAccess returns the access code a build of ext applies: code
// itself, or for auto the country whose outline holds the centre of the
// extract's bounds, else world.
func ResolveAccess(code string, ext *osm.Extract) string {
	if c, err := NormaliseAccess(code); err != nil {
		return code // Build refuses it
	} else if c != AccessAuto {
		return c
	}
	if ext == nil || ext.Bounds.Empty() {
		return AccessWorld
	}
	b := ext.Bounds
	return CountryAt((b.MinLon+b.MaxLon)/2, (b.MinLat+b.MaxLat)/2)
}

// table returns the access table of a resolved code (world when unknown).
func table(code string) *accessTable {
	if t, ok := accessTables[code]; ok {
		return &t
	}
	t := accessTables[AccessWorld]
	return &t
}

// walkDefault and bikeDefault: may the class be walked (cycled) without
// a foot (bicycle) tag?
func (t *accessTable) walkDefault(hw string) bool {
	if c, ok := t.classes[hw]; ok {
		return c.foot
	}
	return true
}

func (t *accessTable) bikeDefault(hw string) bool {
	if c, ok := t.classes[hw]; ok {
		return c.bike
	}
	return true
}

// countryOutlines are coarse outlines (lon, lat) of the countries with a
// table, good to some 20 km: enough to tell where an extract lies, not
// to decide a border town. Several rings make one country.
var countryOutlines = map[string][][][2]float64{
	"FI": {{
		{20.5, 69.1}, {21.1, 69.4}, {22.4, 68.8}, {23.9, 68.9}, {25.0, 69.7}, {26.4, 70.1},
		{28.2, 70.1}, {29.4, 69.5}, {28.9, 69.0}, {28.4, 68.5}, {30.0, 67.7}, {29.1, 66.9},
		{30.1, 65.7}, {29.7, 64.8}, {30.6, 64.1}, {30.0, 63.4}, {31.6, 62.9}, {29.7, 61.4},
		{27.8, 60.5}, {26.0, 59.9}, {22.9, 59.6}, {19.0, 59.7}, {19.0, 60.5}, {21.0, 61.5},
		{21.0, 63.1}, {22.6, 64.1}, {24.3, 65.5}, {24.1, 65.9}, {23.6, 66.4}, {23.9, 67.0},
		{23.4, 67.9}, {22.0, 68.5},
	}},
	"DE": {{
		{6.0, 51.9}, {7.0, 53.6}, {8.6, 55.1}, {9.4, 54.8}, {11.0, 54.6}, {14.3, 54.1},
		{14.1, 52.8}, {14.7, 51.9}, {14.9, 51.0}, {12.1, 50.3}, {13.8, 48.8}, {13.0, 47.5},
		{10.5, 47.3}, {7.6, 47.6}, {8.2, 49.0}, {6.4, 49.5}, {6.0, 50.8},
	}},
	"BR": {{
		{-51.6, 4.4}, {-50.0, 1.8}, {-44.0, -2.3}, {-34.8, -5.0}, {-34.8, -9.0}, {-39.0, -17.8},
		{-41.0, -22.2}, {-48.4, -26.0}, {-53.4, -33.8}, {-57.6, -30.2}, {-53.8, -27.1},
		{-54.6, -25.5}, {-54.2, -24.0}, {-55.6, -22.4}, {-57.9, -22.0}, {-58.1, -20.2},
		{-57.7, -17.5}, {-60.2, -16.2}, {-60.6, -13.7}, {-65.3, -10.8}, {-69.6, -11.0},
		{-73.2, -9.2}, {-74.0, -7.3}, {-70.0, -4.2}, {-69.5, -1.0}, {-70.0, 0.6}, {-69.2, 1.2},
		{-67.0, 2.0}, {-63.4, 3.9}, {-60.1, 5.2}, {-59.9, 2.4}, {-56.5, 1.9}, {-54.0, 2.2},
	}},
	"US": {
		{
			{-124.8, 48.4}, {-123.0, 49.0}, {-95.2, 49.0}, {-89.6, 48.0}, {-84.5, 46.5},
			{-82.4, 45.3}, {-83.0, 42.0}, {-79.0, 43.3}, {-75.0, 45.0}, {-71.5, 45.0},
			{-69.2, 47.4}, {-67.8, 47.1}, {-66.9, 44.8}, {-70.0, 41.5}, {-74.0, 40.4},
			{-75.5, 35.2}, {-81.0, 31.0}, {-80.0, 25.0}, {-81.5, 24.4}, {-83.0, 29.0},
			{-89.0, 29.0}, {-97.2, 26.0}, {-99.5, 27.5}, {-101.4, 29.8}, {-104.5, 29.6},
			{-106.5, 31.8}, {-111.0, 31.3}, {-114.8, 32.5}, {-117.1, 32.5}, {-120.6, 34.6},
			{-124.4, 40.4},
		},
		{{-170.0, 51.0}, {-130.0, 54.5}, {-141.0, 60.0}, {-141.0, 70.0}, {-156.0, 71.5}, {-169.0, 66.0}},
		{{-161.0, 18.5}, {-154.0, 18.5}, {-154.0, 22.5}, {-161.0, 22.5}},
	},
}

// CountryAt is the code of the country with a table whose outline holds
// (lon, lat), or world.
func CountryAt(lon, lat float64) string {
	for _, code := range slices.Sorted(mapsKeys(countryOutlines)) {
		for _, ring := range countryOutlines[code] {
			if inRing(ring, lon, lat) {
				return code
			}
		}
	}
	return AccessWorld
}

// inRing is the even-odd test of a point against a ring.
func inRing(ring [][2]float64, x, y float64) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		xi, yi, xj, yj := ring[i][0], ring[i][1], ring[j][0], ring[j][1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}
