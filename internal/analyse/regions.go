package analyse

import (
	"fmt"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/vector"
	"github.com/saavu/saavu/geo"
)

// Region is an area results are summarised over, in EPSG:3067.
type Region struct {
	ID, Name string
	Geom     orb.MultiPolygon
	Members  []string // ids of the features dissolved into it
	// MemberNames and MemberGeoms are, with --group-by, the names and
	// shapes of the Members, in their order; nil otherwise.
	MemberNames []string
	MemberGeoms []orb.MultiPolygon
}

var (
	idCandidates   = []string{"id", "region_id", "code", "kunta", "natcode", "kuntanro", "nro", "postinumeroalue", "posti_alue"}
	nameCandidates = []string{"name", "nimi", "name_fi", "namefin", "kunta_name_fi", "region", "nimi_fi"}
)

// loadRegions reads the regions file, projects it to EPSG:3067 and
// dissolves groups.
func loadRegions(path, idProp, nameProp, groupBy, crsFlag string) ([]Region, []string, error) {
	opts, err := readOptions(crsFlag)
	if err != nil {
		return nil, nil, err
	}
	c, err := vector.Read(path, opts)
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	for _, w := range c.Warnings {
		warnings = append(warnings, w.String())
	}
	if len(c.Features) == 0 {
		return nil, nil, fmt.Errorf("regions: %s: no features: give Polygon or MultiPolygon features", path)
	}
	if err := checkSwapped("regions", path, c); err != nil {
		return nil, nil, err
	}
	if idProp == "" {
		idProp = detectProp(c.Features, idCandidates)
	}
	if nameProp == "" {
		nameProp = detectProp(c.Features, nameCandidates)
	}
	type part struct {
		id, name, group string
		member          string // the feature's own name, for member areas
		geom            orb.MultiPolygon
	}
	// With --group-by the region name property names the group (the
	// economic region); the members keep their own names (municipalities).
	memberProp := ""
	if groupBy != "" {
		memberProp = detectProp(c.Features, nameCandidates)
	}
	parts := make([]part, 0, len(c.Features))
	seen := map[string]int{}
	for _, f := range c.Features {
		mp, err := multiPolygon(f.Geometry)
		if err != nil {
			return nil, nil, fmt.Errorf("regions: %s: feature %d%s: %w", path, f.Index, featureName(f), err)
		}
		if c.CRS != geojson.EPSG3067 {
			mp = geo.ProjectTM35(mp).(orb.MultiPolygon)
		}
		if err := geo.Validate(mp); err != nil {
			return nil, nil, fmt.Errorf("regions: %s: feature %d%s: %w", path, f.Index, featureName(f), err)
		}
		p := part{geom: mp}
		p.id = propString(f, idProp)
		if p.id == "" {
			p.id = f.ID
		}
		if p.id == "" {
			p.id = fmt.Sprint(f.Index + 1)
		}
		p.name = propString(f, nameProp)
		if p.name == "" {
			p.name = p.id
		}
		if groupBy != "" {
			p.member = propString(f, memberProp)
			if memberProp == "" || p.member == "" {
				p.member = p.id
			}
			p.group = propString(f, groupBy)
			if p.group == "" {
				return nil, nil, fmt.Errorf("regions: %s: feature %d%s has no property %q to group by (properties: %s)",
					path, f.Index, featureName(f), groupBy, strings.Join(propNames(f), ", "))
			}
		} else {
			if prev, dup := seen[p.id]; dup {
				return nil, nil, fmt.Errorf("regions: %s: features %d and %d share the id %q: give --region-id PROPERTY with unique values, or --group-by to merge them", path, prev, f.Index, p.id)
			}
			seen[p.id] = f.Index
		}
		parts = append(parts, p)
	}
	if groupBy == "" {
		out := make([]Region, len(parts))
		for i, p := range parts {
			out[i] = Region{ID: p.id, Name: p.name, Geom: geo.Orient(p.geom), Members: []string{p.id}}
		}
		return out, warnings, nil
	}
	// Group: the region id is the group value; its name is the name
	// property when all members agree on it, else the group value.
	byGroup := map[string][]part{}
	var order []string
	for _, p := range parts {
		if _, ok := byGroup[p.group]; !ok {
			order = append(order, p.group)
		}
		byGroup[p.group] = append(byGroup[p.group], p)
	}
	sort.Strings(order)
	out := make([]Region, 0, len(order))
	for _, gkey := range order {
		ps := byGroup[gkey]
		r := Region{ID: gkey, Name: gkey}
		if nameProp != "" && nameProp != idProp {
			same := true
			for _, p := range ps[1:] {
				same = same && p.name == ps[0].name
			}
			if same {
				r.Name = ps[0].name
			}
		}
		geoms := make([]orb.MultiPolygon, len(ps))
		for i, p := range ps {
			geoms[i] = p.geom
		}
		byID := append([]part(nil), ps...)
		sort.SliceStable(byID, func(i, j int) bool { return byID[i].id < byID[j].id })
		for _, p := range byID {
			r.Members = append(r.Members, p.id)
			r.MemberNames = append(r.MemberNames, p.member)
			r.MemberGeoms = append(r.MemberGeoms, p.geom)
		}
		r.Geom = geo.Orient(geo.DissolvePolygons(geoms))
		out = append(out, r)
	}
	return out, warnings, nil
}

// checkSwapped rejects a WGS84 collection whose every coordinate lies where
// Finland would be with x and y exchanged: a file written lat/lon instead of
// the lon/lat GeoJSON requires. Read on, it would put everything in the
// Arabian Sea and fail later with a message that no longer names the file.
func checkSwapped(what, path string, c *geojson.Collection) error {
	if c.CRS != geojson.WGS84 || !geojson.SuspectSwapped(c) {
		return nil
	}
	f := c.Features[0]
	return fmt.Errorf("%s: %s: feature %d%s: lon and lat look swapped: every coordinate has x in 59..71 and y in 19..32, "+
		"where Finland is lon 19..32, lat 59..71; write longitude first, as GeoJSON requires", what, path, f.Index, featureName(f))
}

func readOptions(crsFlag string) (geojson.ReadOptions, error) {
	var o geojson.ReadOptions
	if crsFlag == "" {
		return o, nil
	}
	crs, err := geojson.ParseCRS(crsFlag)
	if err != nil {
		return o, fmt.Errorf("--crs: %w", err)
	}
	o.CRS = crs
	return o, nil
}

func multiPolygon(g orb.Geometry) (orb.MultiPolygon, error) {
	switch v := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{v}, nil
	case orb.MultiPolygon:
		return v, nil
	case nil:
		return nil, fmt.Errorf("has no geometry")
	}
	return nil, fmt.Errorf("is a %s, want a Polygon or MultiPolygon", g.GeoJSONType())
}

func detectProp(fs []geojson.Feature, candidates []string) string {
	for _, c := range candidates {
		for k := range fs[0].Props {
			if strings.EqualFold(k, c) {
				return k
			}
		}
	}
	return ""
}

func propString(f geojson.Feature, key string) string {
	if key == "" {
		return ""
	}
	v, ok := f.Props[key]
	if !ok || v == nil {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprint(int64(x))
		}
		return fmt.Sprint(x)
	}
	return fmt.Sprint(v)
}

func propNames(f geojson.Feature) []string {
	var ks []string
	for k := range f.Props {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func featureName(f geojson.Feature) string {
	if f.ID != "" {
		return fmt.Sprintf(" (id %q)", f.ID)
	}
	return ""
}
