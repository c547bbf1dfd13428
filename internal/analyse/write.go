package analyse

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/gpkg"
	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/data/results"
	"github.com/saavu/saavu/data/vector"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/report"
	"github.com/saavu/saavu/internal/travel"
)

// Output file names.
const (
	CellsFile      = "cells.geojson"
	RegionsFile    = "regions.geojson"
	SummaryFile    = "summary.csv"
	GapsFile       = "gaps.geojson"
	ServicesFile   = "services.geojson"
	ReportFile     = "report.html"
	MeasuresFile   = "measures.csv"
	GeoPackageFile = "results.gpkg"
	RunFile        = "run.json"
	TimingsFile    = "timings.json"
)

// Write writes every output of res into o.Out atomically: all files appear
// together, or (on error) none does.
func Write(res *Result, o *Options) (err error) {
	dir, err := outdir.Open(o.Out)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			dir.Abort()
		}
	}()
	steps := []struct {
		name string
		fn   func(io.Writer) error
	}{
		{CellsFile, func(w io.Writer) error { return writeCells(w, res, o) }},
		{RegionsFile, func(w io.Writer) error { return writeRegions(w, res, o) }},
		{SummaryFile, func(w io.Writer) error { return writeSummary(w, res, o) }},
		{GapsFile, func(w io.Writer) error { return writeGaps(w, res, o) }},
		{ServicesFile, func(w io.Writer) error { return writeServices(w, res) }},
		{MeasuresFile, func(w io.Writer) error { return writeMeasures(w, res, o) }},
	}
	if ms := res.members(); len(ms) > 0 {
		steps = append(steps, struct {
			name string
			fn   func(io.Writer) error
		}{MembersFile, func(w io.Writer) error { return writeMembers(w, res, o, ms) }})
	}
	steps = append(steps, []struct {
		name string
		fn   func(io.Writer) error
	}{
		{RunFile, func(w io.Writer) error { return writeRun(w, res, o) }},
		{TimingsFile, func(w io.Writer) error { return writeTimings(w, res, o) }},
	}...)
	steps = append(steps, struct {
		name string
		fn   func(io.Writer) error
	}{GeoPackageFile, func(w io.Writer) error {
		// The GeoPackage holds the GeoJSON outputs staged so far as layers,
		// with their declared schemas, in the output CRS.
		srs, err := OutSRS(o.OutCRS)
		if err != nil {
			return err
		}
		st := dir.StagingPath()
		var srcs []gpkg.LayerSource
		for _, l := range Layers(res, o) {
			srcs = append(srcs, gpkg.LayerSource{Name: l.Name, Path: filepath.Join(st, l.File),
				Columns: l.Columns, GeometryType: l.GeometryType, SRS: srs})
		}
		return gpkg.WriteFromGeoJSON(w, st, srcs, gpkg.Options{})
	}}, struct {
		name string
		fn   func(io.Writer) error
	}{ReportFile, func(w io.Writer) error {
		// The report reads the outputs written so far from the staging folder.
		r, err := results.Load(dir.StagingPath())
		if err != nil {
			return err
		}
		return report.Write(w, r, report.Options{Title: o.Title, BasemapURL: o.BasemapURL, BasemapAttribution: o.BasemapAttribution})
	}})
	for _, s := range steps {
		f, err := dir.Create(s.name)
		if err != nil {
			return err
		}
		if err := s.fn(f); err != nil {
			f.Close()
			return fmt.Errorf("writing %s: %w", s.name, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", s.name, err)
		}
	}
	return dir.Commit()
}

func minutes(ms uint32) any {
	if ms == Unreachable {
		return nil
	}
	return round(float64(ms)/60000, 2)
}

// Unreachable mirrors access.Unreachable for outputs.
const Unreachable = math.MaxUint32

func round(v float64, dec int) float64 {
	p := math.Pow(10, float64(dec))
	return math.Round(v*p) / p
}

func finiteOrNil(v float64, dec int) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return round(v, dec)
}

func key(cat, mode, what string) string { return cat + "_" + mode + "_" + what }

func writeCells(w io.Writer, res *Result, o *Options) error {
	gw := geojson.NewWriter(w)
	c := res.Cells
	for i, cell := range c.Cell {
		id := cell.ID()
		if c.Points != nil {
			id = c.IDs[i]
		}
		props := []geojson.Prop{
			{Key: "id", Value: id},
			{Key: "region_id", Value: res.Regions[c.Region[i]].ID},
			{Key: "region", Value: res.Regions[c.Region[i]].Name},
		}
		for g, name := range c.Groups {
			props = append(props, geojson.Prop{Key: name, Value: round(c.Weight[g][i], 3)})
		}
		for ci, cat := range res.Categories {
			for mi, m := range res.Modes {
				n := res.Nearest[mi][ci]
				var km, svc any
				if n.TimeMs[i] != Unreachable && n.Service[i] >= 0 {
					km = round(n.LenM[i]/1000, 3)
					svc = res.Services[n.Service[i]].Name
				}
				props = append(props,
					geojson.Prop{Key: key(cat, m.String(), "min"), Value: minutes(n.TimeMs[i])},
					geojson.Prop{Key: key(cat, m.String(), "km"), Value: km},
					geojson.Prop{Key: key(cat, m.String(), "service"), Value: svc},
					geojson.Prop{Key: key(cat, m.String(), "why"), Value: whyValue(res.why(mi, ci, i))},
				)
				if ms := res.measure(mi, ci); true {
					for r, col := range ms.NthMs {
						props = append(props, geojson.Prop{Key: key(cat, m.String(), fmt.Sprintf("min_%d", r+2)), Value: minutes(col[i])})
					}
					for k, col := range ms.Cumulative {
						props = append(props, geojson.Prop{Key: key(cat, m.String(), "within_"+thresholdKey(o.Measures.CumulativeMin[k])), Value: round(col[i], 3)})
					}
					if ms.FCA != nil {
						props = append(props, geojson.Prop{Key: key(cat, m.String(), "fca_per_1000"), Value: round(1000*ms.FCA[i], 4)})
					}
					if ms.Gravity != nil {
						props = append(props, geojson.Prop{Key: key(cat, m.String(), "gravity"), Value: round(ms.Gravity[i], 4)})
					}
				}
				if res.hasJourneys(mi) {
					var rides, walk, wait, ride any
					if j := res.Journeys[mi][ci][i]; j.Reached() {
						rides, walk, wait, ride = int(j.Rides), round(float64(j.Walk)/60, 2), round(float64(j.Wait)/60, 2), round(float64(j.Ride)/60, 2)
					}
					props = append(props,
						geojson.Prop{Key: key(cat, m.String(), "rides"), Value: rides},
						geojson.Prop{Key: key(cat, m.String(), "walk_min"), Value: walk},
						geojson.Prop{Key: key(cat, m.String(), "wait_min"), Value: wait},
						geojson.Prop{Key: key(cat, m.String(), "ride_min"), Value: ride})
				}
				if pct := res.pct(mi, ci); len(pct) > 1 {
					for k, p := range o.Transit.Percentiles {
						props = append(props, geojson.Prop{Key: key(cat, m.String(), fmt.Sprintf("p%d_min", p)), Value: minutes(pct[k][i])})
					}
				}
			}
		}
		if rt := res.RoundTrips; rt != nil {
			for ci, cat := range res.Categories {
				trip := rt.At(i, ci)
				var ret, away any
				if trip.Feasible {
					ret, away = clock(int(trip.Return)), round(float64(trip.Away())/60, 1)
				}
				props = append(props,
					geojson.Prop{Key: cat + "_round_trip", Value: trip.Feasible},
					geojson.Prop{Key: cat + "_return", Value: ret},
					geojson.Prop{Key: cat + "_away_min", Value: away})
			}
		}
		if res.AllWithin != nil {
			for mi, m := range res.Modes {
				props = append(props, geojson.Prop{Key: "all_" + m.String() + "_within_" + thresholdKey(o.Measures.AllWithinMin), Value: res.AllWithin[mi][i]})
			}
		}
		var geom orb.Geometry = geo.UnprojectTM35(cell.Polygon()).(orb.Polygon)
		if c.Points != nil {
			geom = c.Points[i]
		}
		if err := gw.Write(geojson.OutFeature{ID: id, Geometry: geom, Props: props}); err != nil {
			return err
		}
	}
	return gw.Close()
}

func thresholdKey(t float64) string { return strconv.FormatFloat(t, 'f', -1, 64) }

func writeRegions(w io.Writer, res *Result, o *Options) error {
	gw := geojson.NewWriter(w)
	for r, reg := range res.Regions {
		var pop float64
		cells := 0
		if len(res.Stats) > 0 && len(res.Stats[0]) > 0 {
			st := res.Stats[0][0][0][r]
			pop, cells = st.Population, st.Cells
		}
		props := []geojson.Prop{
			{Key: "region_id", Value: reg.ID},
			{Key: "name", Value: reg.Name},
			{Key: "population", Value: round(pop, 1)},
			{Key: "cells", Value: cells},
		}
		for ci, cat := range res.Categories {
			for mi, m := range res.Modes {
				st := res.Stats[mi][ci][0][r]
				ms := m.String()
				props = append(props,
					geojson.Prop{Key: key(cat, ms, "mean_min"), Value: finiteOrNil(st.Mean, 2)},
					geojson.Prop{Key: key(cat, ms, "median_min"), Value: finiteOrNil(st.Median, 2)},
					geojson.Prop{Key: key(cat, ms, "p90_min"), Value: finiteOrNil(st.P90, 2)},
					geojson.Prop{Key: key(cat, ms, "unreachable"), Value: round(st.Unreachable, 1)},
				)
				for k, t := range o.ThresholdsMin {
					props = append(props, geojson.Prop{Key: key(cat, ms, "share_"+thresholdKey(t)), Value: finiteOrNil(st.Share(k), 4)})
				}
			}
		}
		geom := geo.UnprojectTM35(reg.Geom)
		if err := gw.Write(geojson.OutFeature{ID: reg.ID, Geometry: geom, Props: props}); err != nil {
			return err
		}
	}
	return gw.Close()
}

// SummaryHeader is the header of summary.csv.
var SummaryHeader = append([]string{"region_id", "region", "group", "category", "mode", "threshold_min",
	"population", "within", "share", "unreachable", "mean_min", "median_min", "p90_min"}, whyColumns()...)

// whyColumns are the summary columns of the unreachable population by
// reason: unreachable_<reason>, summing to unreachable.
func whyColumns() []string {
	var out []string
	for _, w := range travel.Whys {
		out = append(out, "unreachable_"+w.String())
	}
	return out
}

// whyValue is a reason in cells: null where the service is reached.
func whyValue(w travel.Why) any {
	if w == travel.Reached {
		return nil
	}
	return w.String()
}

func writeSummary(w io.Writer, res *Result, o *Options) error {
	cw := csvio.NewWriter(w, SummaryHeader)
	for r, reg := range res.Regions {
		for g, gname := range res.Cells.Groups {
			for ci, cat := range res.Categories {
				for mi, m := range res.Modes {
					st := res.Stats[mi][ci][g][r]
					why := res.whyPopulation(mi, ci, g, r)
					for k, t := range o.ThresholdsMin {
						row := []any{reg.ID, reg.Name, gname, cat, m.String(), t,
							round(st.Population, 1), round(st.Within[k], 1), finiteOrNil(st.Share(k), 4),
							round(st.Unreachable, 1), finiteOrNil(st.Mean, 2), finiteOrNil(st.Median, 2), finiteOrNil(st.P90, 2)}
						for _, w := range travel.Whys {
							row = append(row, round(why[w], 1))
						}
						if err := cw.WriteRow(row...); err != nil {
							return err
						}
					}
				}
			}
		}
	}
	return cw.Flush()
}

// MeasuresHeader is the header of measures.csv.
var MeasuresHeader = []string{"region_id", "region", "group", "category", "mode", "measure", "value"}

// writeMeasures writes the population-weighted regional means of the
// measures beyond the nearest service, per population group.
func writeMeasures(w io.Writer, res *Result, o *Options) error {
	cw := csvio.NewWriter(w, MeasuresHeader)
	c := res.Cells
	err := MeasureRows(res, o, func(r, g int, cat, mode, measure string, v float64) error {
		reg := res.Regions[r]
		return cw.WriteRow(reg.ID, reg.Name, c.Groups[g], cat, mode, measure, finiteOrNil(v, 4))
	})
	if err != nil {
		return err
	}
	return cw.Flush()
}

// MeasureRows calls row with every regional value of measures.csv, in
// its order: per region r and population group g (an index of
// Cells.Groups), category, mode ("transit" for round trips; category
// "all" for reaching every category), the measure's name and its
// population-weighted value (NaN where the region has no weight). It
// stops at the first error row returns.
func MeasureRows(res *Result, o *Options, row func(r, g int, cat, mode, measure string, v float64) error) error {
	c := res.Cells
	for r := range res.Regions {
		for g := range c.Groups {
			w := c.Weight[g]
			for ci, cat := range res.Categories {
				for mi, m := range res.Modes {
					ms := res.measure(mi, ci)
					for k, col := range ms.NthMs {
						if err := row(r, g, cat, m.String(), fmt.Sprintf("median_min_%d", k+2), access.WeightedQuantile(regionIdx(c.Region, r), col, w, 0.5)); err != nil {
							return err
						}
					}
					for k, col := range ms.Cumulative {
						if err := row(r, g, cat, m.String(), "mean_within_"+thresholdKey(o.Measures.CumulativeMin[k]), weightedMean(col, w, c.Region, r)); err != nil {
							return err
						}
					}
					if ms.FCA != nil {
						v := weightedMean(ms.FCA, w, c.Region, r) * 1000
						if err := row(r, g, cat, m.String(), "fca_per_1000", v); err != nil {
							return err
						}
					}
					if ms.Gravity != nil {
						if err := row(r, g, cat, m.String(), "gravity", weightedMean(ms.Gravity, w, c.Region, r)); err != nil {
							return err
						}
					}
					if res.hasJourneys(mi) {
						rides, walk, wait, ride := res.journeyMeans(mi, ci, g, r)
						for _, x := range []struct {
							name string
							v    float64
						}{{"mean_rides", rides}, {"mean_walk_min", walk}, {"mean_wait_min", wait}, {"mean_ride_min", ride}} {
							if err := row(r, g, cat, m.String(), x.name, x.v); err != nil {
								return err
							}
						}
					}
				}
			}
			if rt := res.RoundTrips; rt != nil {
				for ci, cat := range res.Categories {
					var in, tot float64
					for i := range c.Cell {
						if c.Region[i] == int32(r) {
							tot += w[i]
							if rt.At(i, ci).Feasible {
								in += w[i]
							}
						}
					}
					share := math.NaN()
					if tot > 0 {
						share = in / tot
					}
					if err := row(r, g, cat, "transit", "share_round_trip", share); err != nil {
						return err
					}
				}
			}
			if res.AllWithin != nil {
				for mi, m := range res.Modes {
					var in, tot float64
					for i, ok := range res.AllWithin[mi] {
						if c.Region[i] == int32(r) {
							tot += w[i]
							if ok {
								in += w[i]
							}
						}
					}
					share := math.NaN()
					if tot > 0 {
						share = in / tot
					}
					if err := row(r, g, "all", m.String(), "share_all_within_"+thresholdKey(o.Measures.AllWithinMin), share); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

func regionIdx(region []int32, r int) []int32 {
	var out []int32
	for i, x := range region {
		if x == int32(r) {
			out = append(out, int32(i))
		}
	}
	return out
}

func writeGaps(w io.Writer, res *Result, o *Options) error {
	gw := geojson.NewWriter(w)
	for mi, m := range res.Modes {
		for ci, cat := range res.Categories {
			for _, a := range res.Gaps[mi][ci] {
				reg := res.Regions[a.Region]
				props := []geojson.Prop{
					{Key: "region_id", Value: reg.ID},
					{Key: "region", Value: reg.Name},
					{Key: "category", Value: cat},
					{Key: "mode", Value: m.String()},
					{Key: "gap_min", Value: o.GapMin},
					{Key: "population", Value: round(a.Population, 1)},
					{Key: "unreachable", Value: round(a.Unreachable, 1)},
					{Key: "cells", Value: len(a.Cells)},
					{Key: "area_km2", Value: round(geo.Area(a.Geometry)/1e6, 3)},
				}
				if err := gw.Write(geojson.OutFeature{Geometry: geo.UnprojectTM35(a.Geometry), Props: props}); err != nil {
					return err
				}
			}
		}
	}
	return gw.Close()
}

func writeServices(w io.Writer, res *Result) error {
	gw := geojson.NewWriter(w)
	for _, s := range res.Services {
		props := []geojson.Prop{
			{Key: "id", Value: s.ID},
			{Key: "name", Value: s.Name},
			{Key: "category", Value: s.Category},
			{Key: "capacity", Value: s.Capacity},
			{Key: "opening_hours", Value: nil},
		}
		if s.OpeningHours != "" {
			props[4].Value = s.OpeningHours
		}
		if err := gw.Write(geojson.OutFeature{ID: s.ID, Geometry: orb.Point{s.Lon, s.Lat}, Props: props}); err != nil {
			return err
		}
	}
	return gw.Close()
}

// runInfo is the content of run.json: everything needed to reproduce the
// run. It holds nothing that changes between identical runs (timings and
// the worker count are in timings.json).
type runInfo struct {
	Tool       string         `json:"tool"`
	Version    string         `json:"version"`
	Command    string         `json:"command"`
	Inputs     []inputInfo    `json:"inputs"`
	Parameters map[string]any `json:"parameters"`
	Categories []string       `json:"categories"`
	Modes      []string       `json:"modes"`
	Counts     Counts         `json:"counts"`
	// Unreachable is the population that reaches no service, per mode,
	// category and region id, by reason.
	Unreachable map[string]map[string]map[string]map[string]float64 `json:"unreachable_population"`
	Warnings    []string                                            `json:"warnings"`
	Notes       []string                                            `json:"notes,omitempty"`
	Outputs     []string                                            `json:"outputs"`
}

type inputInfo struct {
	Role   string `json:"role"`
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// inputInfos hashes every input file of the run.
func inputInfos(o *Options) ([]inputInfo, error) {
	var out []inputInfo
	ins := []struct{ role, path string }{{"osm", o.OSM}, {"network", o.NetworkFile}, {"regions", o.Regions}, {"population", o.Population}, {"origins", o.Origins}, {"services", o.Services}, {"elevation", o.ElevationFile}}
	if o.Scenario != nil {
		ins = append(ins, struct{ role, path string }{"scenario", o.ScenarioFile})
	}
	if o.Transit != nil {
		for _, p := range o.Transit.Inputs {
			ins = append(ins, struct{ role, path string }{"transit", p})
		}
	}
	for _, in := range ins {
		if in.path == "" {
			continue
		}
		fi, err := fileInfo(in.role, in.path)
		if err != nil {
			return nil, err
		}
		out = append(out, fi)
	}
	return out, nil
}

// fileInfo hashes an input file; a folder (e.g. an unzipped GTFS feed) is
// hashed as the names and contents of its files in name order. A
// GeoPackage layer (FILE:LAYER) is hashed as its file, a shapefile as the
// .shp followed by the parts beside it.
func fileInfo(role, path string) (inputInfo, error) {
	h := sha256.New()
	var n int64
	add := func(p string) error {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		k, err := io.Copy(h, f)
		n += k
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		return nil
	}
	parts := vector.Parts(path)
	st, err := os.Stat(parts[0])
	if err != nil {
		return inputInfo{}, err
	}
	if st.IsDir() {
		ents, err := os.ReadDir(path)
		if err != nil {
			return inputInfo{}, err
		}
		for _, e := range ents { // ReadDir sorts by name
			if e.Type().IsRegular() {
				io.WriteString(h, e.Name()+"\x00")
				if err := add(filepath.Join(path, e.Name())); err != nil {
					return inputInfo{}, err
				}
			}
		}
	} else {
		for _, p := range parts {
			if err := add(p); err != nil {
				return inputInfo{}, err
			}
		}
	}
	return inputInfo{Role: role, Path: path, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// Outputs lists the files Write writes for res, in the order run.json
// gives them.
func Outputs(res *Result) []string {
	out := []string{CellsFile, RegionsFile, SummaryFile, GapsFile, ServicesFile, MeasuresFile, RunFile, TimingsFile, GeoPackageFile, ReportFile}
	if len(res.members()) > 0 {
		out = append(out, MembersFile)
	}
	return out
}

func writeRun(w io.Writer, res *Result, o *Options) error {
	info := runInfo{Tool: "saavu", Version: o.Version, Command: "analyse", Categories: res.Categories,
		Counts: res.Counts, Unreachable: res.UnreachableCounts(), Warnings: res.Warnings, Notes: append(append([]string{}, o.Notes...), res.Notes...),
		Outputs: Outputs(res)}
	if info.Warnings == nil {
		info.Warnings = []string{}
	}
	for _, m := range res.Modes {
		info.Modes = append(info.Modes, m.String())
	}
	if res.inputs != nil {
		info.Inputs = res.inputs
	} else {
		ins, err := inputInfos(o)
		if err != nil {
			return err
		}
		info.Inputs = ins
	}
	info.Parameters = map[string]any{
		"region_id": o.RegionID, "region_name": o.RegionName, "group_by": o.GroupBy, "crs": o.CRS, "out_crs": outCRSName(o.OutCRS),
		"population_field": o.PopulationField, "origin_weight": o.OriginWeight, "population_kind": res.Cells.Kind, "groups": o.Groups,
		"cell_size_m": o.CellSize, "services_osm": o.ServicesOSM, "categories": o.Categories, "category_map": o.CategoryMap,
		"max_snap_m": o.MaxSnapM, "min_island": o.MinIsland, "thresholds_min": o.ThresholdsMin, "gap_min": o.GapMin,
		"max_time_min":   o.MaxTimeMin,
		"walk_speed_mps": o.Graph.WalkSpeed, "bike_speed_mps": o.Graph.BikeSpeed,
		"ferry_speed_mps": o.Graph.FerrySpeed, "ferry_wait_min": o.Graph.FerryWait.Minutes(),
		"car_speed_kmh": o.Graph.CarSpeedKmh, "maxspeed_kmh": o.Graph.MaxspeedKmh,
		"closed_ferries": closedFerries(o.Graph.ClosedFerries),
	}
	if res.StreetAccess != "" {
		info.Parameters["street_access"] = map[string]any{"table": res.StreetAccess, "name": graph.AccessName(res.StreetAccess)}
	}
	if o.ScenarioFile != "" {
		info.Parameters["scenario"] = map[string]any{"file": o.ScenarioFile, "name": o.ScenarioName}
	}
	if o.NetworkParams != nil {
		info.Parameters["network_file"] = o.NetworkParams
	}
	if m := o.Measures; m.any() || m.AllWithinMin > 0 {
		mp := map[string]any{"nth_nearest": m.NthNearest}
		if len(m.CumulativeMin) > 0 {
			mp["cumulative_min"], mp["cumulative_capacity"] = m.CumulativeMin, m.CumulativeCapacity
		}
		if m.FCA != nil {
			mp["fca_decay"], mp["fca_catchment_min"], mp["fca_zones"] = m.FCA.Kind.String(), m.FCA.Catchment(), m.FCA.Zones
		}
		if m.Gravity != nil {
			mp["gravity_impedance"], mp["gravity_beta"], mp["gravity_max_min"] = m.Gravity.Kind.String(), m.Gravity.Beta, m.GravityMaxMin
		}
		if m.AllWithinMin > 0 {
			mp["all_within_min"], mp["all_categories"] = m.AllWithinMin, m.AllCategories
		}
		info.Parameters["measures"] = mp
	}
	if t := o.Transit; t != nil {
		info.Parameters["transit"] = map[string]any{
			"date": t.Window.Date, "depart": clock(int(t.Window.Depart)), "window_min": t.Window.Minutes,
			"percentiles": t.Percentiles, "summary_percentile": t.Percentiles[t.MainPercentile()],
			"max_walk_min": t.Network.MaxWalk.Minutes(), "max_time_min": t.Network.MaxTime.Minutes(),
			"max_rides": t.Network.MaxRides, "max_transfer_walk_m": t.Network.MaxTransferM,
			"board_slack_s": t.Network.BoardSlack.Seconds(),
		}
		if rt := res.RoundTrips; rt != nil {
			info.Parameters["round_trips"] = map[string]any{"earliest": clock(int(rt.Params.Earliest)),
				"latest": clock(int(rt.Params.Latest)), "dwell_min": float64(rt.Params.Dwell) / 60}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(info)
}

func clock(sec int) string { return fmt.Sprintf("%02d:%02d", sec/3600, sec/60%60) }

func closedFerries(m map[int64]bool) []int64 {
	out := []int64{}
	for id, closed := range m {
		if closed {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func writeTimings(w io.Writer, res *Result, o *Options) error {
	var total float64
	for _, t := range res.Timings {
		total += t.Seconds
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"workers": o.Workers, "stages": res.Timings, "total_seconds": total})
}
