package cli

import (
	"github.com/saavu/saavu/internal/analyse"
	"github.com/spf13/pflag"
)

// outCRSUsage is the help of --out-crs. It is not --crs: that flag already
// names the CRS of GeoJSON inputs that do not declare one.
const outCRSUsage = "CRS of the GeoPackage layers (results.gpkg): EPSG:4326 (WGS84 lon/lat) or EPSG:3067 (ETRS-TM35FIN metres); the GeoJSON outputs stay WGS84 as RFC 7946 requires"

// registerOutCRS adds --out-crs to fs.
func registerOutCRS(fs *pflag.FlagSet, s *string) {
	fs.StringVar(s, "out-crs", "EPSG:4326", outCRSUsage)
}

// checkOutCRS normalises --out-crs; anything but EPSG:4326 and EPSG:3067
// is a usage error.
func checkOutCRS(s *string) error {
	name, err := analyse.ParseOutCRS(*s)
	if err != nil {
		return usagef("--out-crs %q: supported are EPSG:3067 (ETRS-TM35FIN, metres) and EPSG:4326 (WGS84 lon/lat, the default)", *s)
	}
	*s = name
	return nil
}
