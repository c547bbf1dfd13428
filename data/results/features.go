package results

import (
	"encoding/json"
	"fmt"
)

var (
	areaTypes  = []string{"Polygon", "MultiPolygon"}
	pointTypes = []string{"Point"}
	// cellTypes: grid squares, or points when the origins are a point set.
	cellTypes = []string{"Polygon", "MultiPolygon", "Point"}
)

// Region is one feature of regions.geojson.
type Region struct {
	ID          string
	Name        string
	Population  float64
	Cells       int
	HasGeometry bool
}

// Gap is one feature of gaps.geojson: a connected area of one region whose
// population is beyond GapMin from the nearest service of Category by Mode.
type Gap struct {
	RegionID    string
	Region      string
	Category    string
	Mode        string
	GapMin      Minutes
	Population  float64 // persons in the area
	Unreachable float64 // of which with no service reachable at all
	Cells       int
	AreaKm2     float64
}

// Service is one feature of services.geojson.
type Service struct {
	ID           string
	Name         string
	Category     string
	Capacity     Opt[float64]
	OpeningHours string
}

func readRegions(dir string, data []byte) (Collection, []Region, error) {
	col, feats, err := splitCollection(dir, RegionsFile, data)
	if err != nil {
		return col, nil, err
	}
	out := make([]Region, 0, len(feats))
	seen := make(map[string]int, len(feats))
	for i, f := range feats {
		p, hasGeom, err := decodeFeature[struct {
			RegionID   json.RawMessage `json:"region_id"`
			ID         json.RawMessage `json:"id"` // outputs before region_id
			Name       json.RawMessage `json:"name"`
			Population float64         `json:"population"`
			Cells      int             `json:"cells"`
		}](f, areaTypes)
		if err != nil {
			return col, nil, asFeatureErr(dir, RegionsFile, data, i, f, err)
		}
		raw := p.RegionID
		if len(raw) == 0 {
			raw = p.ID
		}
		id, ok := idText(raw)
		if !ok || id == "" {
			return col, nil, asFeatureErr(dir, RegionsFile, data, i, f, missingProp("region_id"))
		}
		if j, dup := seen[id]; dup {
			return col, nil, featureErr(dir, RegionsFile, data, i, f.off, "region_id",
				fmt.Errorf("%w: region id %q already used by feature %d", ErrInvalid, id, j))
		}
		seen[id] = i
		name, _ := idText(p.Name)
		out = append(out, Region{ID: id, Name: name, Population: p.Population, Cells: p.Cells, HasGeometry: hasGeom})
	}
	return col, out, nil
}

func readGaps(dir string, data []byte) (Collection, []Gap, error) {
	col, feats, err := splitCollection(dir, GapsFile, data)
	if err != nil {
		return col, nil, err
	}
	out := make([]Gap, 0, len(feats))
	for i, f := range feats {
		p, _, err := decodeFeature[struct {
			RegionID    json.RawMessage `json:"region_id"`
			Region      string          `json:"region"`
			Category    string          `json:"category"`
			Mode        string          `json:"mode"`
			GapMin      float64         `json:"gap_min"`
			Population  float64         `json:"population"`
			Unreachable float64         `json:"unreachable"`
			Cells       int             `json:"cells"`
			AreaKm2     float64         `json:"area_km2"`
		}](f, areaTypes)
		if err != nil {
			return col, nil, asFeatureErr(dir, GapsFile, data, i, f, err)
		}
		rid, ok := idText(p.RegionID)
		if !ok {
			return col, nil, asFeatureErr(dir, GapsFile, data, i, f, missingProp("region_id"))
		}
		for _, req := range []struct{ name, v string }{{"category", p.Category}, {"mode", p.Mode}} {
			if req.v == "" {
				return col, nil, asFeatureErr(dir, GapsFile, data, i, f, missingProp(req.name))
			}
		}
		out = append(out, Gap{RegionID: rid, Region: p.Region, Category: p.Category, Mode: p.Mode,
			GapMin: Minutes(p.GapMin), Population: p.Population, Unreachable: p.Unreachable,
			Cells: p.Cells, AreaKm2: p.AreaKm2})
	}
	return col, out, nil
}

func readServices(dir string, data []byte) (Collection, []Service, error) {
	col, feats, err := splitCollection(dir, ServicesFile, data)
	if err != nil {
		return col, nil, err
	}
	out := make([]Service, 0, len(feats))
	for i, f := range feats {
		p, _, err := decodeFeature[struct {
			ID           json.RawMessage `json:"id"`
			Name         string          `json:"name"`
			Category     string          `json:"category"`
			Capacity     json.RawMessage `json:"capacity"`
			OpeningHours string          `json:"opening_hours"`
		}](f, pointTypes)
		if err != nil {
			return col, nil, asFeatureErr(dir, ServicesFile, data, i, f, err)
		}
		id, _ := idText(p.ID)
		if p.Category == "" {
			return col, nil, asFeatureErr(dir, ServicesFile, data, i, f, missingProp("category"))
		}
		capacity, ok := jsonOpt[float64](p.Capacity)
		if !ok {
			return col, nil, featureErr(dir, ServicesFile, data, i, f.off, "capacity",
				fmt.Errorf("%w: %s is not a number", ErrInvalid, clip(p.Capacity)))
		}
		out = append(out, Service{ID: id, Name: p.Name, Category: p.Category, Capacity: capacity,
			OpeningHours: p.OpeningHours})
	}
	return col, out, nil
}

// readCells checks cells.geojson: every feature a polygon with an id,
// a region id and a population, and the first one carrying the
// <category>_<mode>_min property of every category and mode of the run.
func readCells(dir string, data []byte, categories, modes []string) (Collection, error) {
	col, feats, err := splitCollection(dir, CellsFile, data)
	if err != nil {
		return col, err
	}
	for i, f := range feats {
		p, _, err := decodeFeature[struct {
			ID         json.RawMessage `json:"id"`
			RegionID   json.RawMessage `json:"region_id"`
			Population *float64        `json:"population"`
		}](f, cellTypes)
		if err != nil {
			return col, asFeatureErr(dir, CellsFile, data, i, f, err)
		}
		if _, ok := idText(p.ID); !ok {
			return col, asFeatureErr(dir, CellsFile, data, i, f, missingProp("id"))
		}
		if _, ok := idText(p.RegionID); !ok {
			return col, asFeatureErr(dir, CellsFile, data, i, f, missingProp("region_id"))
		}
		if p.Population == nil {
			return col, featureErr(dir, CellsFile, data, i, f.off, "population",
				fmt.Errorf("%w: property missing", ErrInvalid))
		}
		if i > 0 {
			continue
		}
		all, _, err := decodeFeature[map[string]json.RawMessage](f, cellTypes)
		if err != nil {
			return col, featureErr(dir, CellsFile, data, i, f.off, "", fmt.Errorf("%w: properties are not an object", ErrInvalid))
		}
		for _, c := range categories {
			for _, m := range modes {
				k := c + "_" + m + "_min"
				if _, ok := all[k]; !ok {
					return col, featureErr(dir, CellsFile, data, i, f.off, k,
						fmt.Errorf("%w: property missing for category %q and mode %q of run.json", ErrInvalid, c, m))
				}
			}
		}
	}
	return col, nil
}
