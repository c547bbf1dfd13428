package csvio

import (
	"errors"
	"io"
	"slices"
)

// Point is an origin or destination for a travel-time matrix. Lon and Lat
// are WGS84 degrees.
type Point struct {
	Line     int // line in the file (1 = header)
	ID       string
	Lon, Lat float64
	Weights  []Weight // numeric columns other than id, lon, lat, in header order
}

// Weight is one numeric column of a point (population, jobs...).
type Weight struct {
	Name    string // column name as written in the header
	Value   float64
	Missing bool // the cell was empty; Value is 0
}

// Weight returns the value of weight column name (compared as written).
func (p Point) Weight(name string) (float64, bool) {
	for _, w := range p.Weights {
		if w.Name == name {
			return w.Value, true
		}
	}
	return 0, false
}

// ReadPoints reads id, lon, lat (required, aliases as in ReadServices) and
// the other numeric columns as weights. A column is numeric when its first
// non-empty cell holds a number; every other non-empty cell must then hold
// one too, or the error names the row. Empty cells of a numeric column read
// as 0 with Weight.Missing set (real grids have a few). Other columns
// (names, notes) are ignored. Ids must be non-empty and unique.
func ReadPoints(path string) ([]Point, error) {
	r, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return readPoints(r)
}

// DecodePoints reads a points file from in; name is used in errors.
func DecodePoints(in io.Reader, name string) ([]Point, error) {
	r, err := NewReader(in, name)
	if err != nil {
		return nil, err
	}
	return readPoints(r)
}

func readPoints(r *Reader) ([]Point, error) {
	idCol, err := r.require("id", aliasID)
	if err != nil {
		return nil, err
	}
	lonCol, err := r.require("lon", aliasLon)
	if err != nil {
		return nil, err
	}
	latCol, err := r.require("lat", aliasLat)
	if err != nil {
		return nil, err
	}
	var rest []int
	for i, k := range r.keys {
		if i != idCol && i != lonCol && i != latCol && k != "" {
			rest = append(rest, i)
		}
	}

	// Buffer the other columns' text: whether a column is numeric is known
	// only after the last row.
	var (
		out  []Point
		text []string // len(rest) values per point
	)
	ids := map[string]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		p := Point{Line: r.line, ID: rec[idCol]}
		if p.ID == "" {
			return nil, r.errorf(idCol, ErrEmptyValue, "empty, every point needs an id")
		}
		if first, dup := ids[p.ID]; dup {
			return nil, r.errorf(idCol, ErrDuplicateID, "%q already used on line %d", p.ID, first)
		}
		ids[p.ID] = p.Line
		if p.Lon, p.Lat, err = r.lonLat(rec, lonCol, latCol); err != nil {
			return nil, err
		}
		for _, c := range rest {
			text = append(text, rec[c])
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, &RowError{File: r.name, Err: ErrNoRows, Msg: "no data rows after the header"}
	}

	// A column is a weight when its first non-empty cell is a number; then
	// every non-empty cell must be one.
	type weightCol struct{ j, firstLine int }
	var weights []weightCol
	for j := range rest {
		for i := range out {
			s := text[i*len(rest)+j]
			if s == "" {
				continue
			}
			if _, err := parseNumber(s, r.DecimalComma()); err == nil {
				weights = append(weights, weightCol{j, out[i].Line})
			}
			break
		}
	}
	all := make([]Weight, len(out)*len(weights)) // one backing array for every point
	for i := range out {
		ws := all[i*len(weights) : (i+1)*len(weights) : (i+1)*len(weights)]
		for k, wc := range weights {
			c := rest[wc.j]
			s := text[i*len(rest)+wc.j]
			ws[k] = Weight{Name: r.header[c], Missing: s == ""}
			if s == "" {
				continue
			}
			v, err := parseNumber(s, r.DecimalComma())
			if err != nil {
				var ne *numberError
				errors.As(err, &ne)
				return nil, &RowError{File: r.name, Line: out[i].Line, Field: r.header[c], Err: ne.sentinel,
					Msg: ne.msg + " (line " + itoa(wc.firstLine) + " makes this a numeric column)"}
			}
			ws[k].Value = v
		}
		out[i].Weights = ws
	}
	return slices.Clip(out), nil
}
