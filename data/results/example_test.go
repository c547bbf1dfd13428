package results_test

import (
	"fmt"

	"github.com/saavu/saavu/data/results"
)

func ExampleLoad() {
	r, err := results.Load("../../testdata/report/run")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(r.Regions), "regions,", r.Cells.Count, "cells,", len(r.Services), "services")
	fmt.Println(r.Categories, r.Modes, r.Thresholds)
	st, _ := r.Stat("093", "population", "kela", "car")
	fmt.Printf("%s: %.1f %% reach Kela by car within %v min\n", r.Regions[1].Name, 100*st.Share[1].Value, r.Thresholds[1])
	_, err = results.Load("../../testdata/report")
	fmt.Println(err)
	// Output:
	// 3 regions, 30 cells, 3 services
	// [health kela] [walk car] [10 20 30]
	// Savonlinna: 86.8 % reach Kela by car within 20 min
	// results: ../../testdata/report/run.json: file missing (written by "saavu analyse --out ../../testdata/report")
}
