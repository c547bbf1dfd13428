package analyse

import (
	"fmt"

	"github.com/saavu/saavu/data/gpkg"
)

// The schemas of the layers of results.gpkg (and the property order of the
// GeoJSON files they are made from). A column's type follows from what it
// means, never from the values of a run, so that a layer has the same
// columns and types in every run with the same options, whether a column
// is all null, all whole numbers or all ones:
//
//   - ids and names are Text (region ids such as "091" keep their zeros);
//   - people (population, group weights, unreachable population) are Real:
//     areal weighting and points weighted by a column give fractions;
//   - minutes, kilometres, km², shares and the other measures are Real;
//   - counts (cells, rides) are Integer;
//   - yes/no answers (round trips, all services within) are Boolean;
//   - reasons (_why), clock times (_return) and services' names are Text.
//
// Every feature of a layer has every column as a property, null where it
// has no value, in the order given here.

// Layer is one layer of results.gpkg: its GeoJSON file and schema.
type Layer struct {
	Name         string // table name, e.g. "cells"
	File         string // the GeoJSON output it is made from
	GeometryType string // gpkg geometry type name
	Columns      []gpkg.Column
}

// Layers are the layers of results.gpkg for res and o, in file order.
func Layers(res *Result, o *Options) []Layer {
	cellGeom := gpkg.Polygon
	if res.Cells.Points != nil {
		cellGeom = gpkg.Point
	}
	return []Layer{
		{"cells", CellsFile, cellGeom, CellsSchema(res, o)},
		{"regions", RegionsFile, gpkg.MultiPolygon, RegionsSchema(res, o)},
		{"gaps", GapsFile, gpkg.MultiPolygon, GapsSchema()},
		{"services", ServicesFile, gpkg.Point, ServicesSchema()},
	}
}

func colText(name string) gpkg.Column { return gpkg.Column{Name: name, Type: gpkg.Text} }
func colReal(name string) gpkg.Column { return gpkg.Column{Name: name, Type: gpkg.Real} }
func colInt(name string) gpkg.Column  { return gpkg.Column{Name: name, Type: gpkg.Integer} }
func colBool(name string) gpkg.Column { return gpkg.Column{Name: name, Type: gpkg.Boolean} }

// CellsSchema is the columns of the cells layer (see writeCells).
func CellsSchema(res *Result, o *Options) []gpkg.Column {
	cols := []gpkg.Column{colText("id"), colText("region_id"), colText("region")}
	for _, name := range res.Cells.Groups {
		cols = append(cols, colReal(name))
	}
	for ci, cat := range res.Categories {
		for mi, m := range res.Modes {
			ms := m.String()
			cols = append(cols, colReal(key(cat, ms, "min")), colReal(key(cat, ms, "km")),
				colText(key(cat, ms, "service")), colText(key(cat, ms, "why")))
			meas := res.measure(mi, ci)
			for r := range meas.NthMs {
				cols = append(cols, colReal(key(cat, ms, fmt.Sprintf("min_%d", r+2))))
			}
			for k := range meas.Cumulative {
				cols = append(cols, colReal(key(cat, ms, "within_"+thresholdKey(o.Measures.CumulativeMin[k]))))
			}
			if meas.FCA != nil {
				cols = append(cols, colReal(key(cat, ms, "fca_per_1000")))
			}
			if meas.Gravity != nil {
				cols = append(cols, colReal(key(cat, ms, "gravity")))
			}
			if res.hasJourneys(mi) {
				cols = append(cols, colInt(key(cat, ms, "rides")), colReal(key(cat, ms, "walk_min")),
					colReal(key(cat, ms, "wait_min")), colReal(key(cat, ms, "ride_min")))
			}
			if pct := res.pct(mi, ci); len(pct) > 1 {
				for _, p := range o.Transit.Percentiles {
					cols = append(cols, colReal(key(cat, ms, fmt.Sprintf("p%d_min", p))))
				}
			}
		}
	}
	if res.RoundTrips != nil {
		for _, cat := range res.Categories {
			cols = append(cols, colBool(cat+"_round_trip"), colText(cat+"_return"), colReal(cat+"_away_min"))
		}
	}
	if res.AllWithin != nil {
		for _, m := range res.Modes {
			cols = append(cols, colBool("all_"+m.String()+"_within_"+thresholdKey(o.Measures.AllWithinMin)))
		}
	}
	return cols
}

// RegionsSchema is the columns of the regions layer (see writeRegions).
// region_id is the key of summary.csv and measures.csv.
func RegionsSchema(res *Result, o *Options) []gpkg.Column {
	cols := []gpkg.Column{colText("region_id"), colText("name"), colReal("population"), colInt("cells")}
	for _, cat := range res.Categories {
		for _, m := range res.Modes {
			ms := m.String()
			cols = append(cols, colReal(key(cat, ms, "mean_min")), colReal(key(cat, ms, "median_min")),
				colReal(key(cat, ms, "p90_min")), colReal(key(cat, ms, "unreachable")))
			for _, t := range o.ThresholdsMin {
				cols = append(cols, colReal(key(cat, ms, "share_"+thresholdKey(t))))
			}
		}
	}
	return cols
}

// GapsSchema is the columns of the gaps layer (see writeGaps).
func GapsSchema() []gpkg.Column {
	return []gpkg.Column{colText("region_id"), colText("region"), colText("category"), colText("mode"),
		colReal("gap_min"), colReal("population"), colReal("unreachable"), colInt("cells"), colReal("area_km2")}
}

// ServicesSchema is the columns of the services layer (see writeServices).
func ServicesSchema() []gpkg.Column {
	return []gpkg.Column{colText("id"), colText("name"), colText("category"), colReal("capacity"), colText("opening_hours")}
}
