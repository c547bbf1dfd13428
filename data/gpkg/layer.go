package gpkg

import (
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// ColumnType is the SQL type of an attribute column.
type ColumnType int

// Attribute column types. Values given to Insert may be nil (NULL) or:
// Text: string; Real: any Go float or integer (NaN is written as NULL);
// Integer: any Go integer, or a float with no fractional part; Boolean:
// bool (stored as 0 or 1, as GeoPackage BOOLEAN is).
const (
	Text ColumnType = iota + 1
	Real
	Integer
	Boolean
)

func (t ColumnType) String() string {
	switch t {
	case Text:
		return "TEXT"
	case Real:
		return "REAL"
	case Integer:
		return "INTEGER"
	case Boolean:
		return "BOOLEAN"
	}
	return fmt.Sprintf("ColumnType(%d)", int(t))
}

// Column is an attribute column of a layer.
type Column struct {
	Name string
	Type ColumnType
}

// Layer is a feature table being filled. Its features get fid 1, 2, ... in
// the order inserted.
type Layer struct {
	w        *Writer
	name     string
	geomType string
	srs      int
	columns  []Column
	insert   *sql.Stmt
	index    *sql.Stmt // R-tree insert, nil without a spatial index
	n        int
	ext      envelope
	hasExt   bool
	args     []any
	buf      []byte
}

// AddLayer creates a feature table name with geometries of geomType (one of
// the type names of this package: Point, MultiPolygon, Geometry...) in the
// spatial reference system srs (WGS84, ETRSTM35FIN, UndefinedCartesian or
// UndefinedGeographic) and the given attribute columns. Table and column
// names are compared without regard to case, as SQLite does; the names
// "fid" and the geometry column's are taken.
func (w *Writer) AddLayer(name, geomType string, srs int, columns []Column) (*Layer, error) {
	if w.closed {
		return nil, ErrClosed
	}
	if err := checkIdent(name); err != nil {
		return nil, fmt.Errorf("layer: %w", err)
	}
	low := strings.ToLower(name)
	for _, p := range []string{"gpkg_", "rtree_", "sqlite_"} {
		if strings.HasPrefix(low, p) {
			return nil, fmt.Errorf("%w: layer %q: names starting with %s are reserved", ErrName, name, p)
		}
	}
	if w.names[low] {
		return nil, fmt.Errorf("%w: layer %q exists", ErrName, name)
	}
	gt, err := geomTypeName(geomType)
	if err != nil {
		return nil, fmt.Errorf("layer %q: %w", name, err)
	}
	if err := checkSRS(srs); err != nil {
		return nil, fmt.Errorf("layer %q: %w", name, err)
	}
	geom := w.opts.GeometryColumn
	seen := map[string]bool{"fid": true, strings.ToLower(geom): true}
	var ddl strings.Builder
	fmt.Fprintf(&ddl, "CREATE TABLE %s (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, %s %s", quote(name), quote(geom), gt)
	for _, c := range columns {
		if err := checkIdent(c.Name); err != nil {
			return nil, fmt.Errorf("layer %q column: %w", name, err)
		}
		if seen[strings.ToLower(c.Name)] {
			return nil, fmt.Errorf("%w: layer %q: column %q is taken (by fid, the geometry or another column)", ErrName, name, c.Name)
		}
		seen[strings.ToLower(c.Name)] = true
		switch c.Type {
		case Text, Real, Integer, Boolean:
		default:
			return nil, fmt.Errorf("%w: layer %q column %q: unknown type %v", ErrName, name, c.Name, c.Type)
		}
		fmt.Fprintf(&ddl, ", %s %s", quote(c.Name), c.Type)
	}
	ddl.WriteString(")")

	tx := w.tx
	if _, err := tx.Exec(ddl.String()); err != nil {
		return nil, w.fail(fmt.Errorf("gpkg: layer %q: %w", name, err))
	}
	last := lastChange(w.opts.LastChange)
	if _, err := tx.Exec(`INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id) VALUES (?, 'features', ?, '', ?, ?)`,
		name, name, last, srs); err != nil {
		return nil, w.fail(fmt.Errorf("gpkg: layer %q: %w", name, err))
	}
	if _, err := tx.Exec(`INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)`, name, geom, gt, srs); err != nil {
		return nil, w.fail(fmt.Errorf("gpkg: layer %q: %w", name, err))
	}
	cols := []string{"fid", quote(geom)}
	for _, c := range columns {
		cols = append(cols, quote(c.Name))
	}
	ins, err := tx.Prepare(fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", quote(name), strings.Join(cols, ", "),
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")))
	if err != nil {
		return nil, w.fail(fmt.Errorf("gpkg: layer %q: %w", name, err))
	}
	l := &Layer{w: w, name: name, geomType: gt, srs: srs, columns: append([]Column(nil), columns...), insert: ins,
		args: make([]any, len(cols))}
	if !w.opts.NoSpatialIndex {
		if l.index, err = createIndex(tx, name, geom); err != nil {
			return nil, w.fail(fmt.Errorf("gpkg: layer %q: spatial index: %w", name, err))
		}
	}
	w.names[low] = true
	w.layers = append(w.layers, l)
	return l, nil
}

// Name returns the layer's table name.
func (l *Layer) Name() string { return l.name }

// Count returns the number of features inserted so far.
func (l *Layer) Count() int { return l.n }

// Insert adds a feature: its geometry (nil for none), fitted to the layer's
// type (a Polygon goes into a MULTIPOLYGON layer as a one-part
// MultiPolygon), and one value per column in the order of the columns.
// A feature whose geometry or values do not fit is refused with a
// *FeatureError and the layer is unchanged; a failure of the database
// itself makes the whole GeoPackage fail at Close.
func (l *Layer) Insert(geom orb.Geometry, values []any) error {
	w := l.w
	if w.closed {
		return ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	if len(values) != len(l.columns) {
		return &FeatureError{Layer: l.name, Feature: l.n, Err: fmt.Errorf("%w: %d values for %d columns", ErrValue, len(values), len(l.columns))}
	}
	for i, c := range l.columns {
		v, err := convert(values[i], c.Type)
		if err != nil {
			return &FeatureError{Layer: l.name, Feature: l.n, Column: c.Name, Err: err}
		}
		l.args[2+i] = v
	}
	var env envelope
	empty := true
	l.args[1] = nil
	if geom != nil {
		g, err := fit(geom, l.geomType)
		if err != nil {
			return &FeatureError{Layer: l.name, Feature: l.n, Err: err}
		}
		l.buf, env, empty, err = encodeGeometry(l.buf, g, int32(l.srs))
		if err != nil {
			return &FeatureError{Layer: l.name, Feature: l.n, Err: err}
		}
		l.args[1] = l.buf
	}
	fid := int64(l.n + 1)
	l.args[0] = fid
	if _, err := l.insert.Exec(l.args...); err != nil {
		return w.fail(&FeatureError{Layer: l.name, Feature: l.n, Err: err})
	}
	if !empty {
		if l.index != nil {
			if _, err := l.index.Exec(fid, env[0], env[1], env[2], env[3]); err != nil {
				return w.fail(&FeatureError{Layer: l.name, Feature: l.n, Err: fmt.Errorf("spatial index: %w", err)})
			}
		}
		if !l.hasExt {
			l.ext, l.hasExt = env, true
		} else {
			l.ext = envelope{min(l.ext[0], env[0]), max(l.ext[1], env[1]), min(l.ext[2], env[2]), max(l.ext[3], env[3])}
		}
	}
	l.n++
	return nil
}

// finish writes the layer's extent to gpkg_contents and the triggers that
// keep its spatial index current when the file is edited later.
func (l *Layer) finish() error {
	l.insert.Close()
	if l.hasExt {
		if _, err := l.w.tx.Exec(`UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?`,
			l.ext[0], l.ext[2], l.ext[1], l.ext[3], l.name); err != nil {
			return fmt.Errorf("layer %q: %w", l.name, err)
		}
	}
	if l.index != nil {
		l.index.Close()
		if err := createIndexTriggers(l.w.tx, l.name, l.w.opts.GeometryColumn); err != nil {
			return fmt.Errorf("layer %q: spatial index: %w", l.name, err)
		}
	}
	return nil
}

// convert checks a value against a column type and returns what the
// database is given.
func convert(v any, t ColumnType) (any, error) {
	if v == nil {
		return nil, nil
	}
	bad := func() (any, error) {
		return nil, fmt.Errorf("%w: want %s, got %T %v", ErrValue, t, v, v)
	}
	switch t {
	case Text:
		if s, ok := v.(string); ok {
			return s, nil
		}
	case Boolean:
		if b, ok := v.(bool); ok {
			if b {
				return int64(1), nil
			}
			return int64(0), nil
		}
	case Real:
		if f, ok := asFloat(v); ok {
			if math.IsNaN(f) {
				return nil, nil
			}
			return f, nil
		}
	case Integer:
		if i, ok := asInt(v); ok {
			return i, nil
		}
		if f, ok := asFloat(v); ok && f == math.Trunc(f) && f >= -(1<<63) && f < 1<<63 {
			return int64(f), nil
		}
	}
	return bad()
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	}
	if i, ok := asInt(v); ok {
		return float64(i), true
	}
	return 0, false
}

func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case uint:
		return int64(x), uint64(x) <= math.MaxInt64
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	case uint64:
		return int64(x), x <= math.MaxInt64
	}
	return 0, false
}

// checkIdent accepts any non-empty name without NUL bytes and without
// surrounding spaces; names are always quoted in SQL.
func checkIdent(s string) error {
	if s == "" || strings.TrimSpace(s) != s || strings.ContainsRune(s, 0) {
		return fmt.Errorf("%w %q: want a non-empty name without NUL and surrounding spaces", ErrName, s)
	}
	return nil
}

// quote makes s an SQL identifier.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// lastChange formats t as gpkg_contents wants it (ISO 8601 UTC with
// milliseconds); the zero time gives the Unix epoch.
func lastChange(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
