package gpkg

import (
	"database/sql"
	"fmt"
	"strings"
)

// The R-tree spatial index extension (GeoPackage 1.3, Annex F.3): a SQLite
// rtree virtual table rtree_<table>_<column> holding each feature's
// envelope under its fid, registered in gpkg_extensions, and triggers that
// keep it current when a GIS edits the layer later.
//
// The writer fills the index itself as features are inserted, from the
// envelopes it has just computed, and creates the triggers only when the
// layer is complete: the triggers call the ST_* geometry functions that
// GIS tools provide and plain SQLite lacks.

const rtreeExtension = "http://www.geopackage.org/spec120/#extension_rtree"

func rtreeName(table, geom string) string { return "rtree_" + table + "_" + geom }

// createIndex creates the index table and its gpkg_extensions row and
// returns the statement that adds an envelope.
func createIndex(tx *sql.Tx, table, geom string) (*sql.Stmt, error) {
	rt := quote(rtreeName(table, geom))
	if _, err := tx.Exec("CREATE VIRTUAL TABLE " + rt + " USING rtree(id, minx, maxx, miny, maxy)"); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(`INSERT INTO gpkg_extensions VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')`,
		table, geom, rtreeExtension); err != nil {
		return nil, err
	}
	return tx.Prepare("INSERT INTO " + rt + " VALUES (?, ?, ?, ?, ?)")
}

// createIndexTriggers adds the six triggers of the extension: insert,
// update1..update4 (geometry changed with the same fid, to a value or to
// nothing; fid changed, with or without a geometry) and delete.
func createIndexTriggers(tx *sql.Tx, table, geom string) error {
	name := rtreeName(table, geom)
	r := strings.NewReplacer(
		"{T}", quote(table),
		"{C}", quote(geom),
		"{R}", quote(name),
	)
	const (
		present = "NEW.{C} NOT NULL AND NOT ST_IsEmpty(NEW.{C})"
		absent  = "(NEW.{C} ISNULL OR ST_IsEmpty(NEW.{C}))"
		put     = "INSERT OR REPLACE INTO {R} VALUES (NEW.fid, ST_MinX(NEW.{C}), ST_MaxX(NEW.{C}), ST_MinY(NEW.{C}), ST_MaxY(NEW.{C}));"
	)
	triggers := []struct{ suffix, event, when, body string }{
		{"insert", "AFTER INSERT ON {T}", present, put},
		{"update1", "AFTER UPDATE OF {C} ON {T}", "OLD.fid = NEW.fid AND " + present, put},
		{"update2", "AFTER UPDATE OF {C} ON {T}", "OLD.fid = NEW.fid AND " + absent, "DELETE FROM {R} WHERE id = OLD.fid;"},
		{"update3", "AFTER UPDATE ON {T}", "OLD.fid != NEW.fid AND " + present, "DELETE FROM {R} WHERE id = OLD.fid; " + put},
		{"update4", "AFTER UPDATE ON {T}", "OLD.fid != NEW.fid AND " + absent, "DELETE FROM {R} WHERE id IN (OLD.fid, NEW.fid);"},
		{"delete", "AFTER DELETE ON {T}", "OLD.{C} NOT NULL", "DELETE FROM {R} WHERE id = OLD.fid;"},
	}
	for _, t := range triggers {
		sql := fmt.Sprintf("CREATE TRIGGER %s %s WHEN (%s) BEGIN %s END",
			quote(name+"_"+t.suffix), r.Replace(t.event), r.Replace(t.when), r.Replace(t.body))
		if _, err := tx.Exec(sql); err != nil {
			return fmt.Errorf("trigger %s: %w", t.suffix, err)
		}
	}
	return nil
}
