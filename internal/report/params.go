package report

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// paramRow is one line of the parameters or counts table.
type paramRow struct {
	Name, Value, Meaning string
}

// paramMeanings explain the parameters and counts of run.json; keys are
// dotted paths ("transit.max_walk_min").
var paramMeanings = map[string]string{
	"bike_speed_mps":               "Cycling speed, metres per second",
	"walk_speed_mps":               "Walking speed, metres per second",
	"car_speed_kmh":                "Driving speed by road class, km/h, where no speed limit is tagged",
	"maxspeed_kmh":                 "Speeds for implicit speed limits (fi:urban...), km/h",
	"categories":                   "Service categories analysed; not set: every category of the services file",
	"cell_size_m":                  "Side of a population grid cell, metres",
	"closed_ferries":               "Ferry ways closed in this run (OSM way ids)",
	"crs":                          "Coordinate system of the inputs; not set: read from the files",
	"out_crs":                      "Coordinate system of the output files",
	"ferry_speed_mps":              "Ferry speed, metres per second",
	"ferry_wait_min":               "Mean wait for a ferry, minutes",
	"gap_min":                      "Travel time beyond which a populated area is a gap area, minutes",
	"group_by":                     "Region property whose equal values were merged into one region",
	"groups":                       "Population groups counted beside the whole population",
	"max_snap_m":                   "Farthest a cell or service is joined to the road network, metres",
	"max_time_min":                 "Trips longer than this count as unreachable, minutes; 0: no limit",
	"min_island":                   "Road network parts with fewer nodes are left out",
	"origin_weight":                "Property weighting point origins; not set: population",
	"population_field":             "Population column; not set: detected",
	"population_kind":              "Population given as grid cells or points",
	"region_id":                    "Region id property; not set: detected",
	"region_name":                  "Region name property; not set: detected",
	"services_osm":                 "Services read from OpenStreetMap tags; not set: from the services file",
	"street_access":                "Which streets each mode may use (country table)",
	"thresholds_min":               "Travel time thresholds of the tables and map classes, minutes",
	"transit.date":                 "Service day of the timetables (YYYYMMDD)",
	"transit.depart":               "First departure time of the window",
	"transit.window_min":           "Length of the departure window, minutes",
	"transit.percentiles":          "Percentiles of the travel time over the window",
	"transit.summary_percentile":   "Percentile used in the tables and map",
	"transit.max_walk_min":         "Longest walk to, from or between stops, minutes",
	"transit.max_time_min":         "Trip limit: longer trips count as unreachable, minutes",
	"transit.max_rides":            "Most vehicles boarded on one trip",
	"transit.max_transfer_walk_m":  "Longest transfer walk between stops, metres",
	"transit.board_slack_s":        "Time allowed to board, seconds",
	"round_trips.earliest":         "Round trips: earliest departure",
	"round_trips.latest":           "Round trips: latest return",
	"round_trips.dwell_min":        "Round trips: time spent at the service, minutes",
	"measures.nth_nearest":         "Also the time to the n-th nearest service",
	"measures.cumulative_min":      "Services counted within these minutes (cumulative)",
	"measures.cumulative_capacity": "Cumulative measure counts capacity instead of services",
	"measures.fca_decay":           "2SFCA distance decay",
	"measures.fca_catchment_min":   "2SFCA catchment, minutes",
	"measures.fca_zones":           "2SFCA catchment zones",
	"measures.gravity_impedance":   "Gravity impedance function",
	"measures.gravity_beta":        "Gravity impedance parameter β",
	"measures.gravity_max_min":     "Gravity: services beyond this many minutes are left out",
	"measures.all_within_min":      "Every category within this many minutes",
	"measures.all_categories":      "Categories of the all-within measure",
	"scenario.file":                "Scenario file applied to the inputs",
	"scenario.name":                "Scenario name",
	"street_access.table":          "Street access table",
	"street_access.name":           "Street access table name",
	"cells":                        "Populated cells (origins)",
	"population":                   "Persons in the populated cells",
	"regions":                      "Regions",
	"services":                     "Services",
}

// paramRows flattens raw JSON values into readable rows: nested objects
// become dotted names, lists are joined, null and "" read "not set".
func paramRows(m map[string]json.RawMessage) []paramRow {
	var rows []paramRow
	var walk func(prefix string, raw json.RawMessage)
	walk = func(prefix string, raw json.RawMessage) {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			rows = append(rows, paramRow{Name: prefix, Value: string(raw), Meaning: paramMeanings[prefix]})
			return
		}
		if obj, ok := v.(map[string]any); ok && len(obj) > 0 && !flatObject(prefix, obj) {
			keys := make([]string, 0, len(obj))
			for k := range obj {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				b, _ := json.Marshal(obj[k])
				walk(prefix+"."+k, b)
			}
			return
		}
		rows = append(rows, paramRow{Name: prefix, Value: paramValue(v), Meaning: paramMeanings[prefix]})
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		walk(k, m[k])
	}
	return rows
}

// flatObject reports whether an object is shown on one line as
// "key value, key value" (speed tables) rather than as rows of its own.
func flatObject(name string, obj map[string]any) bool {
	if _, ok := paramMeanings[name]; !ok {
		return false
	}
	for k := range obj {
		if _, ok := paramMeanings[name+"."+k]; ok {
			return false
		}
	}
	return true
}

// paramValue writes a decoded JSON value for reading.
func paramValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "not set"
	case string:
		if x == "" {
			return "not set"
		}
		return x
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case json.Number:
		if f, err := strconv.ParseFloat(string(x), 64); err == nil {
			if f == float64(int64(f)) && (f >= 10000 || f <= -10000) {
				return formatCount(f)
			}
			return formatNumber(f)
		}
		return string(x)
	case []any:
		if len(x) == 0 {
			return "none"
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = paramValue(e)
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		if len(x) == 0 {
			return "none"
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			val := paramValue(x[k])
			if _, nested := x[k].(map[string]any); nested {
				val = "(" + val + ")"
			}
			parts[i] = humanizeKey(k) + " " + val
		}
		return strings.Join(parts, "; ")
	}
	return ""
}

func humanizeKey(k string) string { return strings.ReplaceAll(k, "_", " ") }
