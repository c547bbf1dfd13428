package gpkg

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/geo"
)

// LayerSource is one layer of FromGeoJSON: a GeoJSON file (a
// FeatureCollection whose properties are flat: strings, numbers,
// booleans, null) and the layer name to give it, with optionally its
// declared schema and the SRS to store it in.
type LayerSource struct {
	Name string // table name, e.g. "cells"
	Path string // e.g. "out/cells.geojson"

	// Columns, when not nil, declares the layer's attribute columns in
	// order, with their types: a column keeps its type whatever the values
	// of this file (all null, all whole numbers...), and a value that does
	// not fit it is an error. Properties the file has beyond them (passed
	// through from an input, say) follow in the order they first appear,
	// with inferred types. No column is made from the features' ids.
	Columns []Column
	// GeometryType, when not "", declares the layer's geometry type (see
	// [Writer.AddLayer]); single geometries are stored as the declared
	// multi-geometry. "" takes it from the features.
	GeometryType string
	// SRS, when not 0, is the SRS to store the geometries in: [WGS84] or
	// [ETRSTM35FIN]. Coordinates in the file's other CRS are converted
	// with the ETRS-TM35FIN projection of package geo. 0 keeps the file's.
	SRS int
}

// FromGeoJSON writes a GeoPackage at path with one layer per source, in
// the order given.
//
// Each layer's SRS is the CRS of its file (WGS84 or ETRS-TM35FIN); its
// geometry type is the one all features share, the multi-geometry when
// single and multi parts of one kind mix, GEOMETRY otherwise. Columns follow
// the properties in the order they first appear in the file, preceded by
// "id" (from the features' ids) when features have ids and no property of
// that name. A source's declared Columns, GeometryType and SRS replace what
// would be inferred (see [LayerSource]). Otherwise each column's type
// comes from all its non-null values:
// INTEGER when all are whole numbers up to 2^53, REAL when all are
// numbers, BOOLEAN when all are booleans, TEXT otherwise (numbers and
// booleans in a mixed column are written as their JSON text, as are arrays
// and objects). Null and missing properties are NULL.
func FromGeoJSON(path string, layers []LayerSource, opts Options) error {
	w, err := Create(path, opts)
	if err != nil {
		return err
	}
	defer w.Discard()
	if err := addGeoJSONLayers(w, layers); err != nil {
		return err
	}
	return w.Close()
}

// WriteFromGeoJSON is FromGeoJSON writing the GeoPackage to out, built in
// a temporary file in tmpDir (removed before it returns).
func WriteFromGeoJSON(out io.Writer, tmpDir string, layers []LayerSource, opts Options) error {
	w, err := Create(filepath.Join(tmpDir, "layers.gpkg"), opts)
	if err != nil {
		return err
	}
	defer w.Discard()
	if err := addGeoJSONLayers(w, layers); err != nil {
		return err
	}
	return w.CloseTo(out)
}

func addGeoJSONLayers(w *Writer, layers []LayerSource) error {
	for _, src := range layers {
		if err := addGeoJSONLayer(w, src); err != nil {
			return err
		}
	}
	return nil
}

// layerPlan is a GeoJSON file read and its layer schema inferred.
type layerPlan struct {
	geomType string
	srs      int
	columns  []Column
	idColumn bool // column 0 holds the feature ids
	features []geojson.Feature
}

// planLayer reads one GeoJSON file and works out its layer.
func planLayer(src LayerSource, geomColumn string) (*layerPlan, error) {
	c, err := geojson.Read(src.Path, geojson.ReadOptions{})
	if err != nil {
		return nil, fmt.Errorf("gpkg: layer %q: %w", src.Name, err)
	}
	p := &layerPlan{srs: WGS84, features: c.Features}
	if c.CRS == geojson.EPSG3067 {
		p.srs = ETRSTM35FIN
	}
	if err := p.convert(src.SRS); err != nil {
		return nil, fmt.Errorf("gpkg: layer %q: %w", src.Name, err)
	}
	seenGeom := map[string]bool{}
	hasIDs := false
	for _, f := range c.Features {
		if f.Geometry != nil {
			seenGeom[typeOf(f.Geometry)] = true
		}
		if f.ID != "" {
			hasIDs = true
		}
	}
	p.geomType = layerType(seenGeom)
	if src.GeometryType != "" {
		p.geomType = src.GeometryType
	}
	// known are the columns already placed; order the properties left to
	// infer: all of them, or with declared columns only those beyond them.
	known := map[string]bool{}
	for _, col := range src.Columns {
		known[col.Name] = true
	}
	var order []string
	if src.Columns == nil || hasExtraProps(c.Features, known) {
		if order, err = propertyOrder(src.Path); err != nil {
			return nil, fmt.Errorf("gpkg: layer %q: %s: %w", src.Name, src.Path, err)
		}
		order = slices.DeleteFunc(order, func(k string) bool { return known[k] })
		for _, k := range order {
			known[k] = true
		}
	}
	// Every key, also those the order scan did not see (it should see all).
	for _, f := range c.Features {
		var extra []string
		for k := range f.Props {
			if !known[k] {
				known[k] = true
				extra = append(extra, k)
			}
		}
		slices.Sort(extra) // map order is random; the file's must not be
		order = append(order, extra...)
	}
	if src.Columns == nil && hasIDs && !known["id"] {
		p.idColumn = true
		p.columns = append(p.columns, Column{Name: "id", Type: Text})
	}
	p.columns = append(p.columns, src.Columns...)
	for _, k := range order {
		p.columns = append(p.columns, Column{Name: k, Type: inferType(c.Features, k)})
	}
	lower := map[string]string{}
	for _, col := range p.columns {
		k := col.Name
		if prev, dup := lower[strings.ToLower(k)]; dup {
			return nil, fmt.Errorf("gpkg: layer %q: %s: properties %q and %q differ only in case, which SQL column names cannot", src.Name, src.Path, prev, k)
		}
		lower[strings.ToLower(k)] = k
		if strings.EqualFold(k, "fid") || strings.EqualFold(k, geomColumn) {
			return nil, fmt.Errorf("gpkg: layer %q: %s: property %q has the name of the layer's fid or geometry column", src.Name, src.Path, k)
		}
	}
	return p, nil
}

// hasExtraProps reports whether a feature has a property not in known.
func hasExtraProps(features []geojson.Feature, known map[string]bool) bool {
	for _, f := range features {
		for k := range f.Props {
			if !known[k] {
				return true
			}
		}
	}
	return false
}

// convert projects the features' geometries into srs (0: keep the file's).
func (p *layerPlan) convert(srs int) error {
	if srs == 0 || srs == p.srs {
		return nil
	}
	var project func(orb.Geometry) orb.Geometry
	switch {
	case p.srs == WGS84 && srs == ETRSTM35FIN:
		project = geo.ProjectTM35
	case p.srs == ETRSTM35FIN && srs == WGS84:
		project = geo.UnprojectTM35
	default:
		return fmt.Errorf("%w: cannot convert EPSG:%d coordinates to srs %d (known: 4326, 3067)", ErrSRS, p.srs, srs)
	}
	for i, f := range p.features {
		if f.Geometry != nil {
			p.features[i].Geometry = project(f.Geometry)
		}
	}
	p.srs = srs
	return nil
}

// row returns feature i's values in column order.
func (p *layerPlan) row(i int, values []any) []any {
	f := p.features[i]
	values = values[:0]
	for j, col := range p.columns {
		if p.idColumn && j == 0 {
			var id any
			if f.ID != "" {
				id = f.ID
			}
			values = append(values, id)
			continue
		}
		values = append(values, columnValue(f.Props[col.Name], col.Type))
	}
	return values
}

// addGeoJSONLayer reads one GeoJSON file and copies it into a new layer.
func addGeoJSONLayer(w *Writer, src LayerSource) error {
	p, err := planLayer(src, w.opts.GeometryColumn)
	if err != nil {
		return err
	}
	l, err := w.AddLayer(src.Name, p.geomType, p.srs, p.columns)
	if err != nil {
		return err
	}
	var values []any
	for i, f := range p.features {
		values = p.row(i, values)
		if err := l.Insert(f.Geometry, values); err != nil {
			return fmt.Errorf("%s: feature %d: %w", src.Path, i, err)
		}
	}
	return nil
}

// inferType is the column type that holds every value of property key.
func inferType(features []geojson.Feature, key string) ColumnType {
	var numbers, whole, bools, others int
	for _, f := range features {
		switch v := f.Props[key].(type) {
		case nil:
		case float64:
			numbers++
			if v == math.Trunc(v) && math.Abs(v) <= 1<<53 {
				whole++
			}
		case bool:
			bools++
		default:
			others++
		}
	}
	switch {
	case numbers > 0 && bools == 0 && others == 0:
		if whole == numbers {
			return Integer
		}
		return Real
	case bools > 0 && numbers == 0 && others == 0:
		return Boolean
	}
	return Text
}

// columnValue converts a decoded JSON value for a column of type t.
func columnValue(v any, t ColumnType) any {
	if v == nil || t != Text {
		return v
	}
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// propertyOrder returns the property keys of a FeatureCollection in the
// order they first appear, reading one feature at a time and skipping
// geometries unparsed.
func propertyOrder(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 256<<10))
	var order, keyBuf []string
	seen := map[string]bool{}
	addKeys := func(raw json.RawMessage) error {
		if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
			return nil
		}
		keys, err := objectKeys(raw, keyBuf[:0])
		if err != nil {
			return err
		}
		keyBuf = keys
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				order = append(order, k)
			}
		}
		return nil
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch t {
		case "features":
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return nil, errors.New("features is not an array")
			}
			for dec.More() {
				var feat struct {
					Properties json.RawMessage `json:"properties"`
				}
				if err := dec.Decode(&feat); err != nil {
					return nil, err
				}
				if err := addKeys(feat.Properties); err != nil {
					return nil, err
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
		case "properties": // a single Feature
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, err
			}
			if err := addKeys(raw); err != nil {
				return nil, err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, err
			}
		}
	}
	return order, nil
}

// objectKeys appends the keys of the JSON object raw, in order, to keys.
// raw has been checked by encoding/json, so this only has to find the
// keys, not validate: it walks the top level, skipping values by counting
// brackets outside strings. That is several times faster than the
// token-by-token decoder, which took as long as reading the features.
func objectKeys(raw []byte, keys []string) ([]string, error) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, errors.New("properties is not an object")
	}
	i++
	for {
		i = skipSpace(raw, i)
		if i >= len(raw) {
			return nil, errors.New("properties object is cut short")
		}
		switch raw[i] {
		case '}':
			return keys, nil
		case ',':
			i++
			continue
		case '"':
		default:
			return nil, fmt.Errorf("unexpected %q in properties", raw[i])
		}
		end, escaped := stringEnd(raw, i)
		if end < 0 {
			return nil, errors.New("properties object is cut short")
		}
		key := string(raw[i+1 : end-1])
		if escaped || !utf8.ValidString(key) {
			// Let encoding/json unescape, and replace bad UTF-8 as it
			// did when it decoded the properties.
			if err := json.Unmarshal(raw[i:end], &key); err != nil {
				return nil, err
			}
		}
		keys = append(keys, key)
		i = skipSpace(raw, end)
		if i >= len(raw) || raw[i] != ':' {
			return nil, errors.New("properties: no ':' after a key")
		}
		if i = skipValue(raw, skipSpace(raw, i+1)); i < 0 {
			return nil, errors.New("properties object is cut short")
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index just past the string starting at b[i] == '"'
// and whether it holds escapes; -1 if it does not end.
func stringEnd(b []byte, i int) (int, bool) {
	escaped := false
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			return j + 1, escaped
		}
	}
	return -1, escaped
}

// skipValue returns the index just past the JSON value starting at b[i],
// or -1 if it does not end.
func skipValue(b []byte, i int) int {
	depth := 0
	for i < len(b) {
		switch c := b[i]; c {
		case '"':
			end, _ := stringEnd(b, i)
			if end < 0 {
				return -1
			}
			i = end
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i // the end of the enclosing object
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	if depth == 0 {
		return i
	}
	return -1
}
