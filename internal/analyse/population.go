package analyse

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/vector"
	"github.com/saavu/saavu/geo"
)

// Cells are the origins of an analysis: grid cells with a weight per
// population group (group 0 is the total) and a region.
type Cells struct {
	Cell   []geo.Cell
	Weight [][]float64 // [group][cell]
	Groups []string    // group names, Groups[0] = "population"
	Region []int32

	// Points and IDs are set when the origins are a point set (firms,
	// addresses) rather than grid cells: origin i is at Points[i] (WGS84)
	// and Cell[i] is only the grid cell it falls in.
	Points []orb.Point
	IDs    []string

	OutsideCells      int     // cells whose centre lies in no region (dropped)
	OutsidePopulation float64 // their total population
	Kind              string  // how the population was read: cells, areas, points, grid
}

// popIDCandidates name the cell id of a population grid, used in
// messages: Statistics Finland's grd_id and id_nro, and common others.
var popIDCandidates = []string{"grd_id", "id_nro", "nro", "id", "cell_id", "euref_id"}

var popCandidates = []string{"population", "pop", "vaesto", "asukkaat", "he_vakiy", "population_2022", "vaki", "inhabitants"}

// loadPopulation reads a population file into weighted grid cells.
func loadPopulation(o *Options) (*Cells, []string, error) {
	fields := make([]string, 0, 1+len(o.Groups))
	fields = append(fields, o.PopulationField)
	for _, g := range o.Groups {
		fields = append(fields, g.Field)
	}
	src, err := vector.Open(o.Population)
	if err != nil {
		return nil, nil, err
	}
	if src.Format == vector.CSV {
		return populationCSV(o, fields)
	}
	return populationFeatures(o, src, fields)
}

func populationCSV(o *Options, fields []string) (*Cells, []string, error) {
	// A group value of -1 is withheld (Statistics Finland's mark): it
	// counts 0 people in the group, as in the other formats.
	pts, err := csvio.ReadPopulationWith(o.Population, csvio.PopulationOptions{Fields: fields[1:], PopulationColumn: fields[0], ProtectedAsZero: true})
	if err != nil {
		return nil, nil, err
	}
	withheld := make([]int, len(fields))
	withheldPop := make([]float64, len(fields))
	popAt := make(map[int]float64, len(pts.Points))
	for _, p := range pts.Points {
		popAt[p.Line] = p.Pop
	}
	for _, w := range pts.Warnings {
		if k := slices.Index(fields, w.Field); k > 0 {
			withheld[k]++
			withheldPop[k] += popAt[w.Line]
		}
	}
	acc := newCellAcc(len(fields))
	for _, p := range pts.Points {
		e, n := p.X, p.Y
		if pts.CRS != csvio.EPSG3067 {
			e, n = geo.ToTM35(p.X, p.Y)
		}
		vals := append([]float64{p.Pop}, p.Groups...)
		acc.add(geo.CellAt(e, n, o.CellSize), vals)
	}
	return acc.cells("points"), withheldWarnings(o, fields, withheld, withheldPop), nil
}

// populationFeatures reads population from GeoJSON, GeoPackage or
// Shapefile features. Values withheld for privacy (-1, null or empty, as
// in Statistics Finland's grid) count as 0 and are counted per field.
func populationFeatures(o *Options, src vector.Source, fields []string) (*Cells, []string, error) {
	opts, err := readOptions(o.CRS)
	if err != nil {
		return nil, nil, err
	}
	c, err := src.Read(opts)
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	for _, w := range c.Warnings {
		warnings = append(warnings, w.String())
	}
	if len(c.Features) == 0 {
		return nil, nil, fmt.Errorf("population: %s: no features", o.Population)
	}
	if err := checkSwapped("population", o.Population, c); err != nil {
		return nil, nil, err
	}
	if fields[0] == "" {
		fields[0] = detectProp(c.Features, popCandidates)
		if fields[0] == "" {
			return nil, nil, fmt.Errorf("population: %s: no population property found (looked for %s; properties: %s): give --population-field NAME",
				o.Population, strings.Join(popCandidates, ", "), strings.Join(propNames(c.Features[0]), ", "))
		}
	}
	idProp := detectProp(c.Features, popIDCandidates)
	values := make([][]float64, len(c.Features))
	geoms := make([]orb.Geometry, len(c.Features))
	withheld := make([]int, len(fields))
	withheldPop := make([]float64, len(fields))
	for i, f := range c.Features {
		if f.ID == "" && idProp != "" {
			f.ID = propString(f, idProp)
			c.Features[i].ID = f.ID
		}
		vals := make([]float64, len(fields))
		held := make([]bool, len(fields))
		for k, fld := range fields {
			v, h, err := countProp(f, fld)
			if err != nil {
				return nil, nil, fmt.Errorf("population: %s: feature %d%s: %w", o.Population, f.Index, featureName(f), err)
			}
			vals[k], held[k] = v, h
		}
		for k, h := range held {
			if h {
				withheld[k]++
				withheldPop[k] += vals[0]
			}
		}
		values[i] = vals
		g := f.Geometry
		if g == nil {
			return nil, nil, fmt.Errorf("population: %s: feature %d%s has no geometry", o.Population, f.Index, featureName(f))
		}
		if c.CRS != geojson.EPSG3067 {
			g = geo.ProjectTM35(g)
		}
		geoms[i] = g
	}
	kind := o.PopulationKind
	if kind == "" || kind == "auto" {
		kind = detectKind(geoms)
	}
	acc := newCellAcc(len(fields))
	switch kind {
	case "points":
		for i, g := range geoms {
			p, ok := g.(orb.Point)
			if !ok {
				return nil, nil, fmt.Errorf("population: %s: feature %d is a %s; with --population-kind points every feature must be a Point", o.Population, c.Features[i].Index, g.GeoJSONType())
			}
			acc.add(geo.CellAt(p[0], p[1], o.CellSize), values[i])
		}
	case "cells":
		for i, g := range geoms {
			poly, ok := g.(orb.Polygon)
			if !ok {
				if mp, isMP := g.(orb.MultiPolygon); isMP && len(mp) == 1 {
					poly, ok = mp[0], true
				}
			}
			var cell geo.Cell
			if ok {
				cell, ok = geo.SquareCell(poly)
			}
			if !ok {
				return nil, nil, fmt.Errorf("population: %s: feature %d is not a 250 m or 1 km grid square aligned to the EPSG:3067 grid; use --population-kind areas to spread it by area", o.Population, c.Features[i].Index)
			}
			acc.add(cell, values[i])
		}
	case "areas":
		areas := make([]orb.MultiPolygon, len(geoms))
		for i, g := range geoms {
			mp, err := multiPolygon(g)
			if err != nil {
				if p, ok := g.(orb.Point); ok {
					mp = orb.MultiPolygon{{{p}}}
				} else {
					return nil, nil, fmt.Errorf("population: %s: feature %d%s: %w", o.Population, c.Features[i].Index, featureName(c.Features[i]), err)
				}
			} else if err := geo.Validate(mp); err != nil {
				return nil, nil, fmt.Errorf("population: %s: feature %d%s: %w", o.Population, c.Features[i].Index, featureName(c.Features[i]), err)
			}
			areas[i] = mp
		}
		cells, vals, err := geo.SpreadToGrid(areas, values, o.CellSize)
		if err != nil {
			return nil, nil, fmt.Errorf("population: %s: %w", o.Population, err)
		}
		for i, cell := range cells {
			acc.add(cell, vals[i])
		}
	default:
		return nil, nil, fmt.Errorf("--population-kind %q: use auto, cells, areas or points", kind)
	}
	warnings = append(warnings, withheldWarnings(o, fields, withheld, withheldPop)...)
	return acc.cells(kind), warnings, nil
}

// detectKind tells grid squares, points and other areas apart.
func detectKind(gs []orb.Geometry) string {
	points, squares := 0, 0
	for _, g := range gs {
		switch v := g.(type) {
		case orb.Point:
			points++
		case orb.Polygon:
			if _, ok := geo.SquareCell(v); ok {
				squares++
			}
		case orb.MultiPolygon:
			if len(v) == 1 {
				if _, ok := geo.SquareCell(v[0]); ok {
					squares++
				}
			}
		}
	}
	switch {
	case points == len(gs):
		return "points"
	case squares == len(gs):
		return "cells"
	}
	return "areas"
}

func numberProp(f geojson.Feature, key string) (float64, error) {
	v, ok := f.Props[key]
	if !ok || v == nil {
		return 0, fmt.Errorf("property %q is missing", key)
	}
	var x float64
	switch t := v.(type) {
	case float64:
		x = t
	case int:
		x = float64(t)
	case int64:
		x = float64(t)
	case string:
		if _, err := fmt.Sscan(strings.Replace(t, ",", ".", 1), &x); err != nil {
			return 0, fmt.Errorf("property %q = %q is not a number", key, t)
		}
	default:
		return 0, fmt.Errorf("property %q = %v is not a number", key, v)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
		return 0, fmt.Errorf("property %q = %v: must be a finite number >= 0", key, x)
	}
	return x, nil
}

// cellAcc sums values per grid cell.
type cellAcc struct {
	n   int
	idx map[geo.Cell]int
	cs  []geo.Cell
	vs  [][]float64
}

func newCellAcc(n int) *cellAcc { return &cellAcc{n: n, idx: map[geo.Cell]int{}} }

func (a *cellAcc) add(c geo.Cell, vals []float64) {
	i, ok := a.idx[c]
	if !ok {
		i = len(a.cs)
		a.idx[c] = i
		a.cs = append(a.cs, c)
		a.vs = append(a.vs, make([]float64, a.n))
	}
	for k, v := range vals {
		a.vs[i][k] += v
	}
}

// cells returns the populated cells in grid order (south to north, west
// to east).
func (a *cellAcc) cells(kind string) *Cells {
	order := make([]int, 0, len(a.cs))
	for i := range a.cs {
		if a.vs[i][0] > 0 {
			order = append(order, i)
		}
	}
	sort.Slice(order, func(x, y int) bool { return cellLess(a.cs[order[x]], a.cs[order[y]]) })
	out := &Cells{Kind: kind, Weight: make([][]float64, a.n)}
	for _, i := range order {
		out.Cell = append(out.Cell, a.cs[i])
		for k := 0; k < a.n; k++ {
			out.Weight[k] = append(out.Weight[k], a.vs[i][k])
		}
	}
	return out
}

func cellLess(a, b geo.Cell) bool {
	if a.N != b.N {
		return a.N < b.N
	}
	return a.E < b.E
}

// uniformGrid makes cells of weight 1 over a lon/lat box, for analyses
// without population data.
func uniformGrid(bounds orb.Bound, size int32) *Cells {
	// Project the four corners and take their envelope.
	var b orb.Bound
	for i, p := range []orb.Point{bounds.Min, bounds.Max, {bounds.Min[0], bounds.Max[1]}, {bounds.Max[0], bounds.Min[1]}} {
		e, n := geo.ToTM35(p[0], p[1])
		if i == 0 {
			b = orb.Bound{Min: orb.Point{e, n}, Max: orb.Point{e, n}}
		}
		b = b.Extend(orb.Point{e, n})
	}
	out := &Cells{Kind: "grid", Weight: [][]float64{nil}}
	for _, c := range geo.CellsInBound(b, size) {
		lon, lat := geo.FromTM35(c.Center()[0], c.Center()[1])
		if bounds.Contains(orb.Point{lon, lat}) {
			out.Cell = append(out.Cell, c)
			out.Weight[0] = append(out.Weight[0], 1)
		}
	}
	return out
}

// loc returns origin i's position in EPSG:3067: its point, or its cell's
// centre.
func (c *Cells) loc(i int) orb.Point {
	if c.Points != nil {
		e, n := geo.ToTM35(c.Points[i][0], c.Points[i][1])
		return orb.Point{e, n}
	}
	return c.Cell[i].Center()
}

// lonLat returns origin i's position in WGS84.
func (c *Cells) lonLat(i int) orb.Point {
	if c.Points != nil {
		return c.Points[i]
	}
	ctr := c.Cell[i].Center()
	lon, lat := geo.FromTM35(ctr[0], ctr[1])
	return orb.Point{lon, lat}
}

// loadOrigins reads a point set of origins (CSV id,lon,lat plus weight
// columns): each point is an origin of its own, weighing the column
// o.OriginWeight (1 when not given); groups are further weight columns.
func loadOrigins(o *Options) (*Cells, error) {
	src, err := vector.Open(o.Origins)
	if err != nil {
		return nil, err
	}
	if src.Format != vector.CSV {
		return originsFeatures(o, src)
	}
	pts, err := csvio.ReadPoints(o.Origins)
	if err != nil {
		return nil, err
	}
	if len(pts) == 0 {
		return nil, fmt.Errorf("origins: %s: no points", o.Origins)
	}
	fields := []string{o.OriginWeight}
	for _, g := range o.Groups {
		fields = append(fields, g.Field)
	}
	c := &Cells{Kind: "points", Weight: make([][]float64, len(fields))}
	for _, p := range pts {
		for k, f := range fields {
			v := 1.0
			if f != "" {
				found := false
				for _, w := range p.Weights {
					if strings.EqualFold(w.Name, f) {
						v, found = w.Value, true
					}
				}
				if !found {
					return nil, fmt.Errorf("origins: %s line %d: no numeric column %q", o.Origins, p.Line, f)
				}
				if v < 0 {
					return nil, fmt.Errorf("origins: %s line %d: field %s: %v: weights must be >= 0", o.Origins, p.Line, f, v)
				}
			}
			c.Weight[k] = append(c.Weight[k], v)
		}
		e, n := geo.ToTM35(p.Lon, p.Lat)
		c.Cell = append(c.Cell, geo.CellAt(e, n, o.CellSize))
		c.Points = append(c.Points, orb.Point{p.Lon, p.Lat})
		c.IDs = append(c.IDs, p.ID)
	}
	return c, nil
}

// originsFeatures reads origins from GeoJSON, GeoPackage or Shapefile
// points: the id is the "id" property, else the feature's id, else its
// number; weights are numeric properties.
func originsFeatures(o *Options, src vector.Source) (*Cells, error) {
	opts, err := readOptions(o.CRS)
	if err != nil {
		return nil, err
	}
	col, err := src.Read(opts)
	if err != nil {
		return nil, err
	}
	if len(col.Features) == 0 {
		return nil, fmt.Errorf("origins: %s: no points", o.Origins)
	}
	pts, err := geojson.Points(col)
	if err != nil {
		return nil, err
	}
	fields := []string{o.OriginWeight}
	for _, g := range o.Groups {
		fields = append(fields, g.Field)
	}
	c := &Cells{Kind: "points", Weight: make([][]float64, len(fields))}
	for _, p := range pts {
		f := geojson.Feature{Index: p.Index, ID: p.ID, Props: p.Props}
		for k, fld := range fields {
			v := 1.0
			if fld != "" {
				if v, err = numberProp(f, fld); err != nil {
					return nil, fmt.Errorf("origins: %s: feature %d%s: %w", o.Origins, p.Index, featureName(f), err)
				}
			}
			c.Weight[k] = append(c.Weight[k], v)
		}
		lon, lat := p.Point[0], p.Point[1]
		if col.CRS == geojson.EPSG3067 {
			lon, lat = geo.FromTM35(lon, lat)
		}
		e, n := geo.ToTM35(lon, lat)
		c.Cell = append(c.Cell, geo.CellAt(e, n, o.CellSize))
		c.Points = append(c.Points, orb.Point{lon, lat})
		id := propString(f, "id")
		if id == "" {
			id = p.ID
		}
		if id == "" {
			id = fmt.Sprint(p.Index + 1)
		}
		c.IDs = append(c.IDs, id)
	}
	return c, nil
}
