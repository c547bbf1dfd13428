package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Errors of the reader.
var (
	// ErrNotGeoPackage: an SQLite file without the GeoPackage tables.
	ErrNotGeoPackage = errors.New("gpkg: not a GeoPackage")
	// ErrLayer: no such feature layer, or several and none chosen.
	ErrLayer = errors.New("gpkg: layer")
)

// ReadError is a problem found reading a GeoPackage, naming the file and,
// when known, the layer, the feature (by fid) and the column.
type ReadError struct {
	File   string
	Layer  string
	FID    int64 // 0 when not about one feature
	Column string
	Msg    string
	Err    error
}

func (e *ReadError) Error() string {
	s := e.File
	if e.Layer != "" {
		s += fmt.Sprintf(": layer %q", e.Layer)
	}
	if e.FID != 0 {
		s += fmt.Sprintf(": feature fid %d", e.FID)
	}
	if e.Column != "" {
		s += fmt.Sprintf(": column %q", e.Column)
	}
	return s + ": " + e.Msg
}

func (e *ReadError) Unwrap() error { return e.Err }

// LayerInfo describes a feature layer listed in gpkg_contents.
type LayerInfo struct {
	Name       string
	GeomColumn string
	GeomType   string // as declared: POINT, MULTIPOLYGON, GEOMETRY, ...
	SRSID      int
	SRSName    string
	// EPSG is 4326 or 3067 when the layer's SRS is one of those (EPSG:4258
	// ETRS89 counts as 4326), 0 for an undefined SRS, -1 for any other.
	EPSG int
	// Org and OrgID are the SRS's organisation and code, e.g. EPSG 3879.
	Org   string
	OrgID int
}

// Feature is a row of a feature layer.
type Feature struct {
	FID      int64
	Geometry orb.Geometry // nil for NULL or empty
	Props    map[string]any
}

// Contents is a feature layer read whole.
type Contents struct {
	Layer    LayerInfo
	Columns  []string // attribute columns in table order
	Features []Feature
	// Empty counts rows whose geometry is NULL or empty (kept in
	// Features with a nil Geometry).
	Empty int
}

// OpenReadOnly opens the GeoPackage at path for reading with database/sql,
// without locking or a journal: for queries the readers here do not make
// (column types, say).
func OpenReadOnly(path string) (*sql.DB, error) {
	if st, err := os.Stat(path); err != nil {
		return nil, &ReadError{File: path, Msg: err.Error(), Err: err}
	} else if st.IsDir() {
		return nil, &ReadError{File: path, Msg: "is a directory", Err: ErrNotGeoPackage}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: "mode=ro&immutable=1"}
	return sql.Open("sqlite", u.String())
}

// Layers lists the feature layers of the GeoPackage at path, in
// gpkg_contents order of table name.
func Layers(path string) ([]LayerInfo, error) {
	db, err := OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return layers(context.Background(), db, path)
}

func layers(ctx context.Context, db *sql.DB, path string) ([]LayerInfo, error) {
	rows, err := db.QueryContext(ctx, `SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id,
  COALESCE(s.srs_name, ''), COALESCE(s.organization, ''), COALESCE(s.organization_coordsys_id, 0)
FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
WHERE c.data_type = 'features' ORDER BY c.table_name`)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil, &ReadError{File: path, Msg: "an SQLite database without the GeoPackage tables (gpkg_contents, gpkg_geometry_columns): not a GeoPackage", Err: ErrNotGeoPackage}
		}
		return nil, &ReadError{File: path, Msg: "cannot read as a GeoPackage: " + err.Error(), Err: ErrNotGeoPackage}
	}
	defer rows.Close()
	var out []LayerInfo
	for rows.Next() {
		var l LayerInfo
		if err := rows.Scan(&l.Name, &l.GeomColumn, &l.GeomType, &l.SRSID, &l.SRSName, &l.Org, &l.OrgID); err != nil {
			return nil, &ReadError{File: path, Msg: err.Error(), Err: ErrNotGeoPackage}
		}
		l.EPSG = epsgOf(l)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, &ReadError{File: path, Msg: err.Error(), Err: ErrNotGeoPackage}
	}
	return out, nil
}

func epsgOf(l LayerInfo) int {
	org := strings.ToUpper(l.Org)
	switch {
	case org == "NONE" || l.SRSID == UndefinedCartesian || l.SRSID == UndefinedGeographic:
		return 0
	case org == "EPSG" && (l.OrgID == 4326 || l.OrgID == 4258):
		return 4326
	case org == "EPSG" && l.OrgID == 3067:
		return 3067
	case org == "" && (l.SRSID == 4326 || l.SRSID == 3067):
		return l.SRSID
	}
	return -1
}

// Read reads one feature layer of the GeoPackage at path. With layer "",
// a file with exactly one feature layer gives it; several are an error
// wrapping ErrLayer that lists them. A layer whose SRS is neither
// EPSG:4326 nor EPSG:3067 (nor undefined) is an error wrapping ErrSRS.
func Read(path, layer string) (*Contents, error) {
	db, err := OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ctx := context.Background()
	ls, err := layers(ctx, db, path)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.Name
	}
	var info *LayerInfo
	switch {
	case len(ls) == 0:
		return nil, &ReadError{File: path, Msg: "no feature layer (gpkg_contents lists no table of data_type 'features')", Err: ErrLayer}
	case layer != "":
		for i := range ls {
			if ls[i].Name == layer {
				info = &ls[i]
			}
		}
		if info == nil {
			for i := range ls {
				if strings.EqualFold(ls[i].Name, layer) {
					info = &ls[i]
				}
			}
		}
		if info == nil {
			return nil, &ReadError{File: path, Layer: layer, Msg: "no such feature layer (layers: " + strings.Join(names, ", ") + ")", Err: ErrLayer}
		}
	case len(ls) > 1:
		return nil, &ReadError{File: path, Err: ErrLayer, Msg: fmt.Sprintf("holds %d feature layers (%s): choose one as %s:LAYER, e.g. %s:%s",
			len(ls), strings.Join(names, ", "), path, path, ls[0].Name)}
	default:
		info = &ls[0]
	}
	if info.EPSG < 0 {
		return nil, &ReadError{File: path, Layer: info.Name, Err: ErrSRS, Msg: fmt.Sprintf("SRS %d %q (%s:%d) is not one saavu reads (EPSG:4326 or EPSG:3067); reproject it: ogr2ogr -t_srs EPSG:3067 out.gpkg %s %s",
			info.SRSID, info.SRSName, info.Org, info.OrgID, path, info.Name)}
	}
	return readLayer(ctx, db, path, *info)
}

type column struct {
	name, typ string
	pk        bool
}

func tableColumns(ctx context.Context, db *sql.DB, table string) ([]column, error) {
	rows, err := db.QueryContext(ctx, "SELECT name, type, pk FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []column
	for rows.Next() {
		var c column
		var pk int
		if err := rows.Scan(&c.name, &c.typ, &pk); err != nil {
			return nil, err
		}
		c.pk = pk > 0
		c.typ = strings.ToUpper(c.typ)
		out = append(out, c)
	}
	return out, rows.Err()
}

func readLayer(ctx context.Context, db *sql.DB, path string, info LayerInfo) (*Contents, error) {
	rerr := func(fid int64, col, msg string, err error) error {
		return &ReadError{File: path, Layer: info.Name, FID: fid, Column: col, Msg: msg, Err: err}
	}
	cols, err := tableColumns(ctx, db, info.Name)
	if err != nil || len(cols) == 0 {
		return nil, rerr(0, "", fmt.Sprintf("cannot read the table's columns: %v", err), ErrNotGeoPackage)
	}
	out := &Contents{Layer: info}
	pk := -1
	geom := -1
	for i, c := range cols {
		switch {
		case c.pk && pk < 0 && strings.Contains(c.typ, "INT"):
			pk = i
		case strings.EqualFold(c.name, info.GeomColumn):
			geom = i
		default:
			out.Columns = append(out.Columns, c.name)
		}
	}
	if geom < 0 {
		return nil, rerr(0, info.GeomColumn, "geometry column named in gpkg_geometry_columns is not in the table", ErrNotGeoPackage)
	}
	sel := make([]string, len(cols))
	for i, c := range cols {
		sel[i] = quote(c.name)
	}
	q := "SELECT " + strings.Join(sel, ", ") + " FROM " + quote(info.Name)
	if pk >= 0 {
		q += " ORDER BY " + quote(cols[pk].name)
	} else {
		q += " ORDER BY rowid"
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, rerr(0, "", err.Error(), ErrNotGeoPackage)
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		n++
		for i := range vals {
			vals[i] = nil
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, rerr(n, "", err.Error(), ErrValue)
		}
		f := Feature{FID: n, Props: make(map[string]any, len(out.Columns))}
		if pk >= 0 {
			if v, ok := vals[pk].(int64); ok {
				f.FID = v
			}
		}
		for i, c := range cols {
			switch i {
			case pk:
				continue
			case geom:
				var blob []byte
				switch v := vals[i].(type) {
				case nil:
				case []byte:
					blob = v
				case string:
					blob = []byte(v)
				default:
					return nil, rerr(f.FID, c.name, fmt.Sprintf("geometry is a %T, want a GeoPackage blob", v), ErrGeometry)
				}
				if blob == nil {
					continue
				}
				g, _, err := DecodeGeometry(blob)
				if err != nil {
					return nil, rerr(f.FID, c.name, trimErr(err), err)
				}
				f.Geometry = g
				continue
			}
			f.Props[c.name] = propValue(vals[i], c.typ)
		}
		if f.Geometry == nil {
			out.Empty++
		}
		out.Features = append(out.Features, f)
	}
	if err := rows.Err(); err != nil {
		return nil, rerr(0, "", err.Error(), ErrNotGeoPackage)
	}
	return out, nil
}

// propValue turns an SQLite value into a property: numbers as float64,
// BOOLEAN columns as bool, dates as text, blobs left out (nil).
func propValue(v any, typ string) any {
	switch x := v.(type) {
	case int64:
		if typ == "BOOLEAN" {
			return x != 0
		}
		return float64(x)
	case float64:
		return x
	case bool:
		return x
	case string:
		return x
	case time.Time:
		if typ == "DATE" {
			return x.Format("2006-01-02")
		}
		return x.UTC().Format(time.RFC3339)
	case []byte:
		return nil
	}
	return nil
}

func trimErr(err error) string {
	s := err.Error()
	return strings.TrimPrefix(s, "gpkg: bad geometry: ")
}
