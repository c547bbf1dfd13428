package geojson

import (
	"fmt"
	"strings"
)

// CRS is a coordinate reference system, identified by its EPSG code. The
// zero value means "not given".
type CRS int

const (
	// WGS84 is lon/lat in degrees, x = longitude, y = latitude, as RFC 7946
	// requires (also OGC CRS84; EPSG:4326 is read with the same axis order).
	WGS84 CRS = 4326
	// EPSG3067 is ETRS89 / ETRS-TM35FIN: x = easting, y = northing, metres.
	EPSG3067 CRS = 3067
)

// Supported lists the CRS values this package reports, for messages.
const Supported = "EPSG:4326 / CRS84 (WGS84 lon/lat) and EPSG:3067 (ETRS-TM35FIN)"

// String returns "EPSG:4326", "EPSG:3067", "unset" or "EPSG:<code>".
func (c CRS) String() string {
	switch c {
	case 0:
		return "unset"
	default:
		return fmt.Sprintf("EPSG:%d", int(c))
	}
}

// Finland's extent in EPSG:3067 used to recognise projected coordinates
// without a crs member.
const (
	finMinE = 50_000
	finMaxE = 760_000
	finMinN = 6_600_000
	finMaxN = 7_800_000
)

// Plausible range of EPSG:3067 coordinates when the CRS was given: wide
// enough for any use of the projection, narrow enough to catch values that
// are plainly not metres in it.
const (
	tmMaxAbsE = 10_000_000
	tmMaxN    = 10_000_000
)

// ParseCRS reads a CRS name as found in a legacy GeoJSON "crs" member or a
// --crs flag: "EPSG:3067", "urn:ogc:def:crs:EPSG::3067",
// "http://www.opengis.net/def/crs/EPSG/0/3067", "3067", "ETRS-TM35FIN",
// "EPSG:4326", "urn:ogc:def:crs:OGC:1.3:CRS84", "CRS84", "WGS84". ETRS89
// geographic (EPSG:4258) is read as WGS84: the two differ by less than a
// metre in Finland. Any other name is an error wrapping [ErrUnknownCRS].
func ParseCRS(name string) (CRS, error) {
	s := strings.ToUpper(strings.TrimSpace(name))
	code := s
	switch {
	case strings.HasPrefix(s, "URN:OGC:DEF:CRS:"):
		// urn:ogc:def:crs:{authority}:{version}:{code}; version may be empty.
		parts := strings.Split(s[len("URN:OGC:DEF:CRS:"):], ":")
		if len(parts) >= 2 {
			code = parts[0] + ":" + parts[len(parts)-1]
		}
	case strings.HasPrefix(s, "HTTP://WWW.OPENGIS.NET/DEF/CRS/"), strings.HasPrefix(s, "HTTPS://WWW.OPENGIS.NET/DEF/CRS/"):
		// .../def/crs/{authority}/{version}/{code}
		parts := strings.Split(strings.TrimSuffix(s, "/"), "/")
		if len(parts) >= 3 {
			code = parts[len(parts)-3] + ":" + parts[len(parts)-1]
		}
	}
	switch code {
	case "EPSG:4326", "4326", "OGC:CRS84", "CRS84", "WGS84", "WGS 84", "EPSG:4258", "4258", "ETRS89":
		return WGS84, nil
	case "EPSG:3067", "3067", "ETRS-TM35FIN", "ETRS89-TM35FIN", "TM35FIN", "ETRS89 / TM35FIN(E,N)":
		return EPSG3067, nil
	}
	return 0, fmt.Errorf("%w %q: supported are %s", ErrUnknownCRS, name, Supported)
}
