package analyse

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/data/vector"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/names"
)

// Service is a service point, WGS84.
type Service struct {
	ID, Name, Category string
	Lon, Lat           float64
	Capacity           float64
	OpeningHours       string
	Source             string // file and line or OSM id, for messages
}

// loadServices reads the services file: CSV, or GeoJSON, GeoPackage or
// Shapefile points. Points of a GeoPackage or Shapefile in EPSG:3067 are
// converted to lon/lat; GeoJSON services must be WGS84.
func loadServices(path string) ([]Service, []string, error) {
	src, err := vector.Open(path)
	if err != nil {
		return nil, nil, err
	}
	if src.Format != vector.CSV {
		c, err := src.Read(geojson.ReadOptions{})
		if err != nil {
			return nil, nil, err
		}
		var warnings []string
		for _, w := range c.Warnings {
			warnings = append(warnings, w.String())
		}
		if c.CRS == geojson.EPSG3067 {
			if src.Format == vector.GeoJSON {
				return nil, nil, fmt.Errorf("services: %s: give service points in WGS84 (lon/lat)", path)
			}
			for i, f := range c.Features {
				if f.Geometry != nil {
					c.Features[i].Geometry = geo.UnprojectTM35(f.Geometry)
				}
			}
			c.CRS = geojson.WGS84
		}
		if len(c.Features) == 0 {
			return nil, nil, fmt.Errorf("services: %s: no features: give a FeatureCollection of Point features with name and category properties", path)
		}
		if err := checkSwapped("services", path, c); err != nil {
			return nil, nil, err
		}
		pts, err := geojson.Points(c)
		if err != nil {
			return nil, nil, err
		}
		out := make([]Service, 0, len(pts))
		for _, p := range pts {
			f := geojson.Feature{Index: p.Index, ID: p.ID, Props: p.Props}
			s := Service{
				ID: p.ID, Name: propString(f, "name"), Category: propString(f, "category"),
				Lon: p.Point[0], Lat: p.Point[1], Capacity: 1, OpeningHours: propString(f, "opening_hours"),
				Source: fmt.Sprintf("%s feature %d", path, p.Index),
			}
			if s.Category == "" {
				return nil, nil, fmt.Errorf("services: %s: feature %d%s has no \"category\" property", path, p.Index, featureName(f))
			}
			if s.Name == "" {
				s.Name = s.ID
			}
			if _, ok := p.Props["capacity"]; ok {
				v, err := numberProp(f, "capacity")
				if err != nil {
					return nil, nil, fmt.Errorf("services: %s: feature %d%s: %w", path, p.Index, featureName(f), err)
				}
				s.Capacity = v
			}
			out = append(out, s)
		}
		return out, warnings, nil
	}
	rows, warns, err := csvio.ReadServices(path)
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	for _, w := range warns {
		warnings = append(warnings, w.String())
	}
	out := make([]Service, len(rows))
	for i, r := range rows {
		out[i] = Service{ID: r.ID, Name: r.Name, Category: r.Category, Lon: r.Lon, Lat: r.Lat,
			Capacity: r.Capacity, OpeningHours: r.OpeningHours, Source: fmt.Sprintf("%s line %d", path, r.Line)}
	}
	return out, warnings, nil
}

// servicesFromOSM turns points of interest matching the rules into
// services, in OSM id order.
func servicesFromOSM(pois []osm.POI, rules []OSMRule) []Service {
	out, _ := servicesFromOSMCounted(pois, rules)
	return out
}

// servicesFromOSMCounted is servicesFromOSM, with the number of points
// each rule matched.
func servicesFromOSMCounted(pois []osm.POI, rules []OSMRule) ([]Service, []int) {
	var out []Service
	matched := make([]int, len(rules))
	for _, p := range pois {
		for k, r := range rules {
			if p.Kind != r.Key+"="+r.Value {
				continue
			}
			matched[k]++
			name := p.Name
			if name == "" {
				name = fmt.Sprintf("%s %d", r.Value, p.ID)
			}
			out = append(out, Service{ID: fmt.Sprintf("osm:%d", p.ID), Name: name, Category: r.Category,
				Lon: p.Lon, Lat: p.Lat, Capacity: 1, Source: fmt.Sprintf("OSM %d", p.ID)})
			break
		}
	}
	return out, matched
}

// unmatchedOSMRules warns of the --services-osm rules that matched no
// point of interest, with the kind meant when one of the extract's kinds
// is close.
func unmatchedOSMRules(pois []osm.POI, rules []OSMRule, matched []int, file string) []string {
	kinds := map[string]bool{}
	for _, p := range pois {
		kinds[p.Kind] = true
	}
	var out []string
	for k, r := range rules {
		if matched[k] > 0 {
			continue
		}
		w := fmt.Sprintf("--services-osm %s=%s: no point of interest of %s has this tag", r.Key, r.Value, file)
		if best := names.Closest(r.Key+"="+r.Value, slices.Sorted(maps.Keys(kinds)), 2); best != "" {
			w += "; did you mean " + best + "?"
		}
		out = append(out, w)
	}
	return out
}

// ParseOSMRules reads KEY=VALUE[:CATEGORY] items, spaces around each part
// ignored; the category defaults to the value.
func ParseOSMRules(items []string) ([]OSMRule, error) {
	var out []OSMRule
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		kv, cat, _ := strings.Cut(it, ":")
		k, v, ok := strings.Cut(kv, "=")
		k, v, cat = strings.TrimSpace(k), strings.TrimSpace(v), strings.TrimSpace(cat)
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("--services-osm %q: want KEY=VALUE or KEY=VALUE:CATEGORY, e.g. amenity=pharmacy", it)
		}
		if cat == "" {
			cat = v
		}
		out = append(out, OSMRule{Key: k, Value: v, Category: cat})
	}
	return out, nil
}

// categories lists the service categories in sorted order, keeping only
// those asked for; an asked-for category without services is an error.
func categories(svcs []Service, want []string) ([]string, error) {
	have := map[string]bool{}
	for _, s := range svcs {
		have[s.Category] = true
	}
	var out []string
	if len(want) == 0 {
		for c := range have {
			out = append(out, c)
		}
	} else {
		for _, c := range want {
			if !have[c] {
				var hs []string
				for h := range have {
					hs = append(hs, h)
				}
				sort.Strings(hs)
				return nil, fmt.Errorf("--categories: no service has category %q (categories present: %s)", c, strings.Join(hs, ", "))
			}
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out, nil
}
