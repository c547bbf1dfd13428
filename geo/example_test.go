package geo_test

import (
	"fmt"

	"github.com/saavu/saavu/geo"
)

func ExampleToTM35() {
	// Helsinki Cathedral, approximately.
	e, n := geo.ToTM35(24.9522, 60.1704)
	fmt.Printf("E %.1f N %.1f\n", e, n)
	lon, lat := geo.FromTM35(e, n)
	fmt.Printf("lon %.4f lat %.4f\n", lon, lat)
	// Output:
	// E 386378.6 N 6672150.2
	// lon 24.9522 lat 60.1704
}
