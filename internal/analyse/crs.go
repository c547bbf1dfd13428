package analyse

import (
	"errors"
	"fmt"
	"strings"

	"github.com/saavu/saavu/data/gpkg"
)

// ErrOutCRS is returned for an output CRS other than EPSG:4326 and EPSG:3067.
var ErrOutCRS = errors.New("analyse: unsupported output CRS")

// ParseOutCRS checks an output CRS name (the --out-crs flag) and returns it
// in the form run.json records: "EPSG:4326" (also for "") or "EPSG:3067".
func ParseOutCRS(s string) (string, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "EPSG:4326":
		return "EPSG:4326", nil
	case "EPSG:3067":
		return "EPSG:3067", nil
	}
	return "", fmt.Errorf("%w %q: want EPSG:3067 (ETRS-TM35FIN metres) or EPSG:4326 (WGS84 lon/lat, the default)", ErrOutCRS, s)
}

// OutSRS is the GeoPackage SRS id of an output CRS name.
func OutSRS(s string) (int, error) {
	name, err := ParseOutCRS(s)
	if err != nil {
		return 0, err
	}
	if name == "EPSG:3067" {
		return gpkg.ETRSTM35FIN, nil
	}
	return gpkg.WGS84, nil
}

// outCRSName is the output CRS as run.json records it.
func outCRSName(s string) string {
	name, err := ParseOutCRS(s)
	if err != nil {
		return s
	}
	return name
}
