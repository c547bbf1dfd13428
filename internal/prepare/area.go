package prepare

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/netfile"
	"github.com/saavu/saavu/data/vector"
	"github.com/saavu/saavu/geo"
)

// Regions is what the area is made from: the EPSG:3067 bounding box of
// each region feature, and of all of them.
type Regions struct {
	Path     string
	Features int
	Boxes    []netfile.Box // one per feature with a geometry, EPSG:3067
	Bounds   netfile.Box   // around all features, EPSG:3067
	LonLat   netfile.Box   // around all features, lon/lat degrees
}

// ReadRegions reads the region features of a GeoJSON, GeoPackage or
// Shapefile (WGS84 or EPSG:3067; crs overrides an undeclared CRS: "EPSG:3067" or
// "EPSG:4326", empty for the file's own or WGS84). Any geometry counts;
// features without one are skipped.
func ReadRegions(path, crs string) (*Regions, error) {
	var opts geojson.ReadOptions
	if crs != "" {
		c, err := geojson.ParseCRS(crs)
		if err != nil {
			return nil, fmt.Errorf("--crs: %w", err)
		}
		opts.CRS = c
	}
	c, err := vector.Read(path, opts)
	if err != nil {
		return nil, err
	}
	if c.CRS == geojson.WGS84 && geojson.SuspectSwapped(c) {
		return nil, fmt.Errorf("regions: %s: lon and lat look swapped: every coordinate has x in 59..71 and y in 19..32, "+
			"where Finland is lon 19..32, lat 59..71; write longitude first, as GeoJSON requires", path)
	}
	r := &Regions{Path: path, Features: len(c.Features)}
	var all orb.Bound
	for _, f := range c.Features {
		if f.Geometry == nil {
			continue
		}
		g := f.Geometry
		if c.CRS != geojson.EPSG3067 {
			g = geo.ProjectTM35(g)
		}
		b := g.Bound()
		if len(r.Boxes) == 0 {
			all = b
		} else {
			all = all.Union(b)
		}
		r.Boxes = append(r.Boxes, netfile.Box{b.Min[0], b.Min[1], b.Max[0], b.Max[1]})
	}
	if len(r.Boxes) == 0 {
		return nil, fmt.Errorf("regions: %s: no feature with a geometry: give a FeatureCollection of the region polygons", path)
	}
	r.Bounds = netfile.Box{all.Min[0], all.Min[1], all.Max[0], all.Max[1]}
	ll := geo.UnprojectTM35(all).(orb.Bound)
	r.LonLat = netfile.Box{ll.Min[0], ll.Min[1], ll.Max[0], ll.Max[1]}
	return r, nil
}

// Area returns the area kept for the regions: the union of each
// feature's EPSG:3067 bounding box grown by bufferKm on every side.
func (r *Regions) Area(bufferKm float64) (netfile.Area, error) {
	if !(bufferKm >= 0) || bufferKm > 1000 {
		return netfile.Area{}, fmt.Errorf("buffer %g km: want 0 to 1000", bufferKm)
	}
	m := bufferKm * 1000
	boxes := make([]netfile.Box, len(r.Boxes))
	for i, b := range r.Boxes {
		boxes[i] = netfile.Box{b[0] - m, b[1] - m, b[2] + m, b[3] + m}
	}
	a := netfile.NewArea(mergeContained(boxes))
	if len(a.Boxes) == 0 {
		return a, errors.New("the area is empty")
	}
	return a, nil
}

// mergeContained drops boxes lying inside another box (neighbouring
// municipalities grown by 20 km often do), keeping the first of equal ones.
func mergeContained(bs []netfile.Box) []netfile.Box {
	inside := func(a, b netfile.Box) bool { return a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3] }
	var out []netfile.Box
	for i, a := range bs {
		drop := false
		for j, b := range bs {
			if i != j && inside(a, b) && (a != b || j < i) {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, a)
		}
	}
	return out
}
