package gpkg_test

import (
	"database/sql"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/data/gpkg"
)

func Example() {
	dir, err := os.MkdirTemp("", "gpkg-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "services.gpkg")

	w, err := gpkg.Create(path, gpkg.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Discard() // removes the temporary file on an early return
	services, err := w.AddLayer("services", gpkg.Point, gpkg.WGS84, []gpkg.Column{
		{Name: "name", Type: gpkg.Text},
		{Name: "capacity", Type: gpkg.Integer},
	})
	if err != nil {
		log.Fatal(err)
	}
	services.Insert(orb.Point{27.2722, 61.6886}, []any{"Mikkeli health station", 40})
	services.Insert(orb.Point{28.8826, 61.8687}, []any{"Savonlinna health station", nil})
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	// Any SQLite reader sees the layer as a table.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT fid, name, capacity FROM services ORDER BY fid")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var fid int
		var name string
		var capacity sql.NullInt64
		rows.Scan(&fid, &name, &capacity)
		fmt.Println(fid, name, capacity.Int64, capacity.Valid)
	}
	// Output:
	// 1 Mikkeli health station 40 true
	// 2 Savonlinna health station 0 false
}

// FromGeoJSON turns the GeoJSON outputs of a run into one GeoPackage.
func ExampleFromGeoJSON() {
	out := filepath.Join(os.TempDir(), "results.gpkg")
	err := gpkg.FromGeoJSON(out, []gpkg.LayerSource{
		{Name: "cells", Path: "../../testdata/report/run/cells.geojson"},
		{Name: "services", Path: "../../testdata/report/run/services.geojson"},
	}, gpkg.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer os.Remove(out)
	db, _ := sql.Open("sqlite", out)
	defer db.Close()
	var cells, services int
	db.QueryRow("SELECT count(*) FROM cells").Scan(&cells)
	db.QueryRow("SELECT count(*) FROM services").Scan(&services)
	fmt.Println(cells, "cells,", services, "services")
	// Output: 30 cells, 3 services
}
