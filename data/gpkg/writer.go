package gpkg

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// GeoPackage identification (GeoPackage 1.3, clause 1.1.1.1.1): the SQLite
// application_id is "GPKG" in ASCII and user_version is the version number
// 1.3.0 written as 10300.
const (
	ApplicationID = 0x47504B47
	UserVersion   = 10300
)

// Options control a GeoPackage.
type Options struct {
	// GeometryColumn names the geometry column of every layer; default
	// "geom".
	GeometryColumn string
	// NoSpatialIndex leaves out the R-tree index of each layer.
	NoSpatialIndex bool
	// LastChange is written to gpkg_contents.last_change of every layer.
	// The zero value writes 1970-01-01T00:00:00.000Z, so that the same
	// layers and features always give the same file.
	LastChange time.Time
}

// Writer builds a GeoPackage in a temporary file beside its target. Close
// moves it into place; until then the target is untouched. A Writer is not
// safe for concurrent use.
type Writer struct {
	path, tmp string
	opts      Options
	db        *sql.DB
	conn      *sql.Conn
	tx        *sql.Tx
	layers    []*Layer
	names     map[string]bool // lower-case table names in use
	err       error           // first failure: Close reports it
	closed    bool
}

// Create starts a GeoPackage that Close will write to path.
func Create(path string, opts Options) (*Writer, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if base == "" {
		return nil, fmt.Errorf("%w: %q has no file name", ErrName, path)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("gpkg: %s is a folder, cannot replace it with a file", path)
	}
	tmp, err := reserveTemp(dir, "."+base+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("gpkg: create %s: %w", path, err)
	}
	w, err := open(tmp, opts)
	if err != nil {
		removeDB(tmp)
		return nil, fmt.Errorf("gpkg: create %s: %w", path, err)
	}
	w.path = path
	return w, nil
}

// reserveTemp creates an empty file named prefix+random in dir and returns
// its name; SQLite then opens it as an empty database.
func reserveTemp(dir, prefix string) (string, error) {
	var b [8]byte
	for range 100 {
		rand.Read(b[:])
		name := filepath.Join(dir, prefix+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		return name, f.Close()
	}
	return "", errors.New("cannot find an unused temporary file name")
}

func open(tmp string, opts Options) (*Writer, error) {
	if opts.GeometryColumn == "" {
		opts.GeometryColumn = "geom"
	}
	if err := checkIdent(opts.GeometryColumn); err != nil {
		return nil, fmt.Errorf("geometry column: %w", err)
	}
	if strings.EqualFold(opts.GeometryColumn, "fid") {
		return nil, fmt.Errorf("%w: the geometry column cannot be called fid", ErrName)
	}
	// A file: URI, so that '?' or '#' in a folder name stay part of the
	// path instead of starting SQLite's query parameters.
	abs, err := filepath.Abs(tmp)
	if err != nil {
		return nil, err
	}
	dsn := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	w := &Writer{tmp: tmp, opts: opts, db: db, conn: conn, names: map[string]bool{}}
	// One writer, a file nobody else sees until Close: no journal, no
	// locking dance, no syncs until the end (Close syncs the file once).
	for _, p := range []string{
		"PRAGMA locking_mode = EXCLUSIVE",
		"PRAGMA journal_mode = OFF",
		"PRAGMA synchronous = OFF",
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		fmt.Sprintf("PRAGMA user_version = %d", UserVersion),
	} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			w.closeDB()
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		w.closeDB()
		return nil, err
	}
	w.tx = tx
	if err := w.createSchema(); err != nil {
		w.closeDB()
		return nil, err
	}
	return w, nil
}

// createSchema makes the tables every GeoPackage with features has.
func (w *Writer) createSchema() error {
	stmts := []string{
		`CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
)`,
		`CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE,
  min_y DOUBLE,
  max_x DOUBLE,
  max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
)`,
		`CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
)`,
		`CREATE TABLE gpkg_extensions (
  table_name TEXT,
  column_name TEXT,
  extension_name TEXT NOT NULL,
  definition TEXT NOT NULL,
  scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
)`,
	}
	for _, s := range stmts {
		if _, err := w.tx.Exec(s); err != nil {
			return err
		}
	}
	for _, s := range srsRows {
		if _, err := w.tx.Exec(`INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)`,
			s.name, s.id, s.org, s.orgID, s.definition, s.description); err != nil {
			return err
		}
	}
	return nil
}

// fail records the first error that leaves the file unusable.
func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	return err
}

// finish completes every layer (extent, spatial index triggers), commits
// and closes the database, and syncs the file.
func (w *Writer) finish() error {
	if w.closed {
		return ErrClosed
	}
	w.closed = true
	if w.err != nil {
		w.closeDB()
		return w.err
	}
	for _, l := range w.layers {
		if err := l.finish(); err != nil {
			w.closeDB()
			return err
		}
	}
	if err := w.tx.Commit(); err != nil {
		w.closeDB()
		return err
	}
	w.tx = nil
	if err := w.closeDB(); err != nil {
		return err
	}
	f, err := os.OpenFile(w.tmp, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (w *Writer) closeDB() error {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
	var err error
	if w.conn != nil {
		err = w.conn.Close()
		w.conn = nil
	}
	if w.db != nil {
		if e := w.db.Close(); err == nil {
			err = e
		}
		w.db = nil
	}
	return err
}

// Close finishes the GeoPackage and renames it over the target path. After
// an error nothing is left of it and the target is untouched.
func (w *Writer) Close() error {
	if err := w.finish(); err != nil {
		if !errors.Is(err, ErrClosed) {
			removeDB(w.tmp)
		}
		return fmt.Errorf("gpkg: write %s: %w", w.path, err)
	}
	if err := os.Rename(w.tmp, w.path); err != nil {
		removeDB(w.tmp)
		return fmt.Errorf("gpkg: write %s: %w", w.path, err)
	}
	syncDir(filepath.Dir(w.path))
	return nil
}

// CloseTo finishes the GeoPackage and copies its bytes to out instead of
// renaming it over the target path, which stays untouched; the temporary
// file is removed. Use it to write the GeoPackage through another atomic
// writer (an output folder that commits all files together).
func (w *Writer) CloseTo(out io.Writer) error {
	defer removeDB(w.tmp)
	if err := w.finish(); err != nil {
		return fmt.Errorf("gpkg: write %s: %w", w.path, err)
	}
	f, err := os.Open(w.tmp)
	if err != nil {
		return fmt.Errorf("gpkg: write %s: %w", w.path, err)
	}
	defer f.Close()
	if _, err := io.Copy(out, f); err != nil {
		return fmt.Errorf("gpkg: write %s: %w", w.path, err)
	}
	return nil
}

// Discard abandons the GeoPackage: the temporary file is removed and the
// target path left as it was. It is safe to call after Close (then it
// does nothing), so `defer w.Discard()` covers every early return.
func (w *Writer) Discard() {
	if w.closed {
		return
	}
	w.closed = true
	w.closeDB()
	removeDB(w.tmp)
}

// removeDB removes a database file and any journal SQLite left beside it.
func removeDB(path string) {
	os.Remove(path)
	os.Remove(path + "-journal")
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
