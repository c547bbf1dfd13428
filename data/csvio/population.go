package csvio

import (
	"io"
	"strings"
)

// Population is the content of a population points file.
type Population struct {
	File     string
	CRS      CRS      // WGS84 (X = lon, Y = lat) or EPSG3067 (X = easting, Y = northing)
	Fields   []string // group columns, as requested
	Points   []PopPoint
	Warnings []Warning
}

// PopPoint is one population point (a grid cell centre, an address...).
type PopPoint struct {
	Line   int    // line in the file (1 = header)
	ID     string // cell id when the file has one (id, grd_id, cell_id, nro)
	X, Y   float64
	Pop    float64
	Groups []float64 // values of Population.Fields, in that order
}

// PopulationOptions control ReadPopulationWith.
type PopulationOptions struct {
	// Fields are group columns to read besides the total (e.g. "age_15_24").
	Fields []string
	// PopulationColumn names the total column when it is none of the
	// aliases (population, pop, vaesto, väestö, asukkaat, asukasluku,
	// inhabitants), e.g. "population_2022".
	PopulationColumn string
	// CRS forces the CRS of x/y columns; zero decides from the header
	// (lon/lat or e/n columns) and, for x/y, from the values.
	CRS CRS
	// ProtectedAsZero reads -1 in group columns, which Statistics Finland
	// uses for values protected for privacy, as 0 and counts a warning.
	// Otherwise -1, like any negative value, is an error.
	ProtectedAsZero bool
}

// ReadPopulation reads population points with the given group columns.
// Coordinates come from lon/lat columns (WGS84), e/n columns (EPSG:3067:
// easting, northing, xkoord, ykoord, etrs_e...) or x/y columns, read as
// lon/lat when every value is within degree ranges and as EPSG:3067 metres
// otherwise. Population and group values must be zero or more, and ids,
// when the file has an id column, unique.
func ReadPopulation(path string, fields []string) (*Population, error) {
	return ReadPopulationWith(path, PopulationOptions{Fields: fields})
}

// ReadPopulationWith is ReadPopulation with options.
func ReadPopulationWith(path string, opts PopulationOptions) (*Population, error) {
	r, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return readPopulation(r, opts)
}

// DecodePopulation reads population points from in; name is used in errors.
func DecodePopulation(in io.Reader, name string, opts PopulationOptions) (*Population, error) {
	r, err := NewReader(in, name)
	if err != nil {
		return nil, err
	}
	return readPopulation(r, opts)
}

// coordColumns picks the coordinate columns and, when the header tells, the
// CRS (zero: decide from the values of x/y).
func (r *Reader) coordColumns(force CRS) (xCol, yCol int, crs CRS, err error) {
	lon, lat := r.Column(aliasGeoLon...), r.Column(aliasGeoLat...)
	e, n := r.Column(aliasE...), r.Column(aliasN...)
	x, y := r.Column(aliasX...), r.Column(aliasY...)
	switch {
	case force == WGS84 && lon >= 0 && lat >= 0, force == 0 && lon >= 0 && lat >= 0:
		return lon, lat, WGS84, nil
	case force == EPSG3067 && e >= 0 && n >= 0, force == 0 && e >= 0 && n >= 0:
		return e, n, EPSG3067, nil
	case x >= 0 && y >= 0:
		return x, y, force, nil
	}
	return -1, -1, 0, &RowError{File: r.name, Line: 1, Err: ErrMissingColumn,
		Msg: "missing coordinate columns: need lon/lat (" + strings.Join(aliasGeoLon, "|") + ", " + strings.Join(aliasGeoLat, "|") +
			"), e/n in EPSG:3067 (" + strings.Join(aliasE, "|") + ", " + strings.Join(aliasN, "|") +
			") or x/y; the header has: " + strings.Join(r.header, ", ")}
}

func readPopulation(r *Reader, opts PopulationOptions) (*Population, error) {
	if opts.CRS != 0 && opts.CRS != WGS84 && opts.CRS != EPSG3067 {
		return nil, &RowError{File: r.name, Err: ErrUnsupported, Msg: "unsupported CRS " + opts.CRS.String() + ": use EPSG:4326 or EPSG:3067"}
	}
	xCol, yCol, crs, err := r.coordColumns(opts.CRS)
	if err != nil {
		return nil, err
	}
	popAliases := aliasPop
	if opts.PopulationColumn != "" {
		popAliases = []string{opts.PopulationColumn}
	}
	popCol, err := r.require("population", popAliases)
	if err != nil {
		return nil, err
	}
	groupCols := make([]int, len(opts.Fields))
	for i, f := range opts.Fields {
		if groupCols[i], err = r.require(f, []string{f}); err != nil {
			return nil, err
		}
	}
	idCol := r.Column(aliasCellID...)

	pop := &Population{File: r.name, Fields: opts.Fields}
	// Raw coordinate text, kept until the CRS of x/y columns is known.
	type rawXY struct{ x, y string }
	var raw []rawXY
	groups := []float64{}
	ids := map[string]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		p := PopPoint{Line: r.line}
		if idCol >= 0 {
			p.ID = rec[idCol]
			if p.ID != "" {
				// A cell listed twice would count its people twice.
				if first, dup := ids[p.ID]; dup {
					return nil, r.errorf(idCol, ErrDuplicateID, "%q already used on line %d", p.ID, first)
				}
				ids[p.ID] = p.Line
			}
		}
		if p.Pop, err = r.number(rec, popCol); err != nil {
			return nil, err
		}
		if p.Pop < 0 {
			return nil, r.errorf(popCol, ErrRange, "%q: population cannot be negative", rec[popCol])
		}
		for _, c := range groupCols {
			v, err := r.number(rec, c)
			if err != nil {
				return nil, err
			}
			if v < 0 {
				if v == -1 && opts.ProtectedAsZero {
					r.warnf(c, "-1 (protected value) read as 0")
					v = 0
				} else {
					return nil, r.errorf(c, ErrRange, "%q cannot be negative (Statistics Finland marks protected values with -1: see ProtectedAsZero)", rec[c])
				}
			}
			groups = append(groups, v)
		}
		if crs != 0 {
			if p.X, p.Y, err = r.coords(crs, rec, xCol, yCol); err != nil {
				return nil, err
			}
		} else {
			raw = append(raw, rawXY{rec[xCol], rec[yCol]})
		}
		pop.Points = append(pop.Points, p)
	}
	if len(pop.Points) == 0 {
		return nil, &RowError{File: r.name, Err: ErrNoRows, Msg: "no data rows after the header"}
	}

	if crs == 0 {
		// x/y columns: degrees if every value fits, metres otherwise.
		crs = WGS84
		for _, xy := range raw {
			x, errX := parseNumber(xy.x, r.DecimalComma())
			y, errY := parseNumber(xy.y, r.DecimalComma())
			if errX == nil && errY == nil && (x < -180 || x > 180 || y < -90 || y > 90) {
				crs = EPSG3067
				r.warnings = append(r.warnings, Warning{File: r.name, Line: 1,
					Msg: "columns " + r.header[xCol] + ", " + r.header[yCol] + " read as EPSG:3067 metres (values outside degree ranges)"})
				break
			}
		}
		rec := make([]string, len(r.header))
		for i := range pop.Points {
			p := &pop.Points[i]
			r.line = p.Line
			rec[xCol], rec[yCol] = raw[i].x, raw[i].y
			if p.X, p.Y, err = r.coords(crs, rec, xCol, yCol); err != nil {
				return nil, err
			}
		}
	}
	pop.CRS = crs
	if len(groupCols) > 0 {
		for i := range pop.Points {
			pop.Points[i].Groups = groups[i*len(groupCols) : (i+1)*len(groupCols) : (i+1)*len(groupCols)]
		}
	}
	pop.Warnings = r.warnings
	return pop, nil
}

func (r *Reader) coords(crs CRS, rec []string, xCol, yCol int) (x, y float64, err error) {
	if crs == WGS84 {
		return r.lonLat(rec, xCol, yCol)
	}
	return r.eastNorth(rec, xCol, yCol)
}
