package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/vector"
	"github.com/saavu/saavu/geo"
)

// site is a point read from a file for plan and isochrones: a candidate
// site, a start point or a service.
type site struct {
	ID, Name, Category string
	Lon, Lat           float64
	Source             string // file and line or feature, for messages
}

// readSites reads points from a CSV file (id,lon,lat with an optional
// name column; with category, the services format name,category,lon,lat)
// or GeoJSON points (WGS84, or EPSG:3067 when declared), keeping only
// the given category when it is not empty.
func readSites(path, category string) ([]site, error) {
	src, err := vector.Open(path)
	if err != nil {
		return nil, err
	}
	var out []site
	switch {
	case src.Format != vector.CSV:
		out, err = readSitesFeatures(src)
	case category != "":
		out, err = readSitesServices(path)
	default:
		out, err = readSitesCSV(path)
	}
	if err != nil {
		return nil, err
	}
	if category == "" {
		return out, nil
	}
	var kept []site
	have := map[string]bool{}
	for _, s := range out {
		have[s.Category] = true
		if s.Category == category {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		var cats []string
		for c := range have {
			cats = append(cats, c)
		}
		slices.Sort(cats)
		return nil, fmt.Errorf("%s: no point has category %q (categories present: %s)", path, category, strings.Join(cats, ", "))
	}
	return kept, nil
}

func readSitesCSV(path string) ([]site, error) {
	pts, err := csvio.ReadPoints(path)
	if err != nil {
		return nil, err
	}
	out := make([]site, len(pts))
	for i, p := range pts {
		out[i] = site{ID: p.ID, Lon: p.Lon, Lat: p.Lat, Source: fmt.Sprintf("%s line %d", path, p.Line)}
	}
	// ReadPoints keeps numeric columns only; take the names in a second
	// pass, row for row.
	r, err := csvio.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	col := r.Column("name", "nimi")
	if col < 0 {
		return out, nil
	}
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF || i >= len(out) {
			break
		}
		if err != nil {
			return nil, err
		}
		out[i].Name = rec[col]
	}
	return out, nil
}

func readSitesServices(path string) ([]site, error) {
	rows, _, err := csvio.ReadServices(path)
	if err != nil {
		return nil, err
	}
	out := make([]site, len(rows))
	for i, r := range rows {
		id := r.ID
		if id == "" {
			id = fmt.Sprintf("%d", r.Line)
		}
		out[i] = site{ID: id, Name: r.Name, Category: r.Category, Lon: r.Lon, Lat: r.Lat, Source: fmt.Sprintf("%s line %d", path, r.Line)}
	}
	return out, nil
}

// readSitesFeatures reads GeoJSON, GeoPackage or Shapefile points.
func readSitesFeatures(src vector.Source) ([]site, error) {
	path := src.Arg
	c, err := src.Read(geojson.ReadOptions{})
	if err != nil {
		return nil, err
	}
	if len(c.Features) == 0 {
		return nil, fmt.Errorf("%s: no features: give a FeatureCollection of Point features", path)
	}
	pts, err := geojson.Points(c)
	if err != nil {
		return nil, err
	}
	out := make([]site, len(pts))
	for i, p := range pts {
		f := geojson.Feature{Index: p.Index, ID: p.ID, Props: p.Props}
		s := site{ID: p.ID, Lon: p.Point[0], Lat: p.Point[1], Source: fmt.Sprintf("%s feature %d", path, p.Index)}
		if c.CRS == geojson.EPSG3067 {
			s.Lon, s.Lat = geo.FromTM35(p.Point[0], p.Point[1])
		}
		if v, ok := f.PropString("id"); ok && s.ID == "" {
			s.ID = v
		}
		s.Name, _ = f.PropString("name")
		s.Category, _ = f.PropString("category")
		if s.ID == "" {
			s.ID = fmt.Sprintf("%d", p.Index+1)
		}
		out[i] = s
	}
	return out, nil
}
