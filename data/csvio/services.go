package csvio

import (
	"io"
	"math"
)

// Service is one service point read from a services file. Lon and Lat are
// WGS84 degrees.
type Service struct {
	Line         int // line in the file (1 = header)
	ID           string
	Name         string
	Category     string
	Lon, Lat     float64
	Capacity     float64 // 1 when the file has no capacity column or the value is empty
	OpeningHours string
	Props        map[string]string // other columns by header name; nil when there are none
}

// ServicesOptions control ReadServicesWith.
type ServicesOptions struct {
	// DefaultCategory is the category of rows whose category is empty, and
	// of every row when the file has no category column. When empty, a
	// category is required.
	DefaultCategory string
}

// ReadServices reads a services file: columns name, category, lon, lat
// (required, with aliases such as nimi, kind/type, lng/longitude/x,
// latitude/y) and id, capacity, opening_hours (optional); other columns go
// to Props. Ids, when given, must be unique.
func ReadServices(path string) ([]Service, []Warning, error) {
	return ReadServicesWith(path, ServicesOptions{})
}

// ReadServicesWith is ReadServices with options.
func ReadServicesWith(path string, opts ServicesOptions) ([]Service, []Warning, error) {
	r, err := Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	return readServices(r, opts)
}

// DecodeServices reads a services file from in; name is used in errors.
func DecodeServices(in io.Reader, name string, opts ServicesOptions) ([]Service, []Warning, error) {
	r, err := NewReader(in, name)
	if err != nil {
		return nil, nil, err
	}
	return readServices(r, opts)
}

type placeKey struct {
	category string
	lon, lat float64
}

func readServices(r *Reader, opts ServicesOptions) ([]Service, []Warning, error) {
	nameCol, err := r.require("name", aliasName)
	if err != nil {
		return nil, nil, err
	}
	catCol := r.Column(aliasCategory...)
	if catCol < 0 && opts.DefaultCategory == "" {
		_, err := r.require("category", aliasCategory)
		return nil, nil, err
	}
	lonCol, err := r.require("lon", aliasLon)
	if err != nil {
		return nil, nil, err
	}
	latCol, err := r.require("lat", aliasLat)
	if err != nil {
		return nil, nil, err
	}
	idCol := r.Column(aliasID...)
	capCol := r.Column(aliasCapacity...)
	hoursCol := r.Column(aliasHours...)
	used := map[int]bool{nameCol: true, catCol: true, lonCol: true, latCol: true, idCol: true, capCol: true, hoursCol: true}
	var extra []int
	for i, k := range r.keys {
		if !used[i] && k != "" {
			extra = append(extra, i)
		}
	}

	var out []Service
	ids := map[string]int{}
	places := map[placeKey]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, r.warnings, err
		}
		s := Service{Line: r.line, Name: rec[nameCol], Capacity: 1}
		if s.Name == "" {
			return nil, r.warnings, r.errorf(nameCol, ErrEmptyValue, "empty, every service needs a name")
		}
		if catCol >= 0 {
			s.Category = rec[catCol]
		}
		if s.Category == "" {
			if opts.DefaultCategory == "" {
				return nil, r.warnings, r.errorf(catCol, ErrEmptyValue, "empty, every service needs a category")
			}
			s.Category = opts.DefaultCategory
		}
		if s.Lon, s.Lat, err = r.lonLat(rec, lonCol, latCol); err != nil {
			return nil, r.warnings, err
		}
		if idCol >= 0 {
			s.ID = rec[idCol]
			if s.ID != "" {
				if first, dup := ids[s.ID]; dup {
					return nil, r.warnings, r.errorf(idCol, ErrDuplicateID, "%q already used on line %d", s.ID, first)
				}
				ids[s.ID] = s.Line
			}
		}
		if capCol >= 0 && rec[capCol] != "" {
			if s.Capacity, err = r.number(rec, capCol); err != nil {
				return nil, r.warnings, err
			}
			if s.Capacity < 0 || math.IsInf(s.Capacity, 0) {
				return nil, r.warnings, r.errorf(capCol, ErrRange, "%q: capacity must be zero or more", rec[capCol])
			}
		}
		if hoursCol >= 0 {
			s.OpeningHours = rec[hoursCol]
		}
		if len(extra) > 0 {
			s.Props = make(map[string]string, len(extra))
			for _, c := range extra {
				s.Props[r.header[c]] = rec[c]
			}
		}
		key := placeKey{s.Category, s.Lon, s.Lat}
		if first, dup := places[key]; dup {
			r.warnf(lonCol, "same place and category %q as line %d: a duplicate service?", s.Category, first)
		} else {
			places[key] = s.Line
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, r.warnings, &RowError{File: r.name, Err: ErrNoRows, Msg: "no data rows after the header"}
	}
	return out, r.warnings, nil
}
