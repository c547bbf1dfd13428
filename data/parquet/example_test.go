package parquet_test

import (
	"bytes"
	"fmt"
	"log"
	"math"

	pq "github.com/parquet-go/parquet-go"
	"github.com/saavu/saavu/data/parquet"
)

func Example() {
	var buf bytes.Buffer
	w, err := parquet.NewWriter(&buf, parquet.StreetColumns(), parquet.Options{})
	if err != nil {
		log.Fatal(err)
	}
	w.Write("home", "library", []float64{754.2, 3120.5})
	w.Write("home", "island", []float64{math.NaN(), math.NaN()}) // unreachable
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	// Read it back as any Parquet reader would.
	type pair struct {
		Origin      string   `parquet:"origin_id"`
		Destination string   `parquet:"destination_id"`
		Time        *float64 `parquet:"time_s,optional"`
		Distance    *float64 `parquet:"distance_m,optional"`
	}
	rows, err := pq.Read[pair](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rows {
		if r.Time == nil {
			fmt.Println(r.Origin, r.Destination, "unreachable")
			continue
		}
		fmt.Println(r.Origin, r.Destination, *r.Time, *r.Distance)
	}
	// Output:
	// home library 754.2 3120.5
	// home island unreachable
}
