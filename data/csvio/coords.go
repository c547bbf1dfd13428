package csvio

import (
	"strconv"
)

// CRS identifies a coordinate reference system by its EPSG code, as
// geojson.CRS does (the values convert directly).
type CRS int

const (
	// WGS84 is lon/lat in degrees.
	WGS84 CRS = 4326
	// EPSG3067 is ETRS-TM35FIN easting/northing in metres.
	EPSG3067 CRS = 3067
)

// String returns "EPSG:4326" or "EPSG:3067".
func (c CRS) String() string {
	if c == 0 {
		return "unset"
	}
	return "EPSG:" + strconv.Itoa(int(c))
}

// Finland's extent in EPSG:3067, and a plausible range for any EPSG:3067
// coordinate.
const (
	finMinE   = 50_000
	finMaxE   = 760_000
	finMinN   = 6_600_000
	finMaxN   = 7_800_000
	tmMaxAbsE = 10_000_000
	tmMaxN    = 10_000_000
)

func inFinland3067(e, n float64) bool {
	return e >= finMinE && e <= finMaxE && n >= finMinN && n <= finMaxN
}

// lonLat reads and checks the lon and lat fields of rec.
func (r *Reader) lonLat(rec []string, lonCol, latCol int) (lon, lat float64, err error) {
	if lon, err = r.number(rec, lonCol); err != nil {
		return 0, 0, err
	}
	if lat, err = r.number(rec, latCol); err != nil {
		return 0, 0, err
	}
	switch {
	case lon >= 59 && lon <= 71 && lat >= 19 && lat <= 32:
		return 0, 0, r.errorf(lonCol, ErrSwapped,
			"%q is a latitude, not a longitude? lon %s, lat %s look swapped (Finland is lon 19..32, lat 59..71): check the column order",
			rec[lonCol], rec[lonCol], rec[latCol])
	case inFinland3067(lon, lat):
		return 0, 0, r.errorf(lonCol, ErrRange,
			"%q is not a longitude: lon %s, lat %s look like EPSG:3067 metres; give lon/lat degrees",
			rec[lonCol], rec[lonCol], rec[latCol])
	case lon < -180 || lon > 180:
		return 0, 0, r.errorf(lonCol, ErrRange, "%q is outside -180..180", rec[lonCol])
	case lat < -90 || lat > 90:
		return 0, 0, r.errorf(latCol, ErrRange, "%q is outside -90..90", rec[latCol])
	case lon == 0 && lat == 0:
		return 0, 0, r.errorf(lonCol, ErrRange, "lon 0, lat 0 is not a real place (a missing geocode?)")
	}
	return lon, lat, nil
}

// eastNorth reads and checks EPSG:3067 easting and northing fields.
func (r *Reader) eastNorth(rec []string, eCol, nCol int) (e, n float64, err error) {
	if e, err = r.number(rec, eCol); err != nil {
		return 0, 0, err
	}
	if n, err = r.number(rec, nCol); err != nil {
		return 0, 0, err
	}
	switch {
	case inFinland3067(n, e):
		return 0, 0, r.errorf(eCol, ErrSwapped,
			"%q is a northing, not an easting? E %s, N %s look swapped for Finland: check the column order",
			rec[eCol], rec[eCol], rec[nCol])
	case e < -tmMaxAbsE || e > tmMaxAbsE:
		return 0, 0, r.errorf(eCol, ErrRange, "%q is not a plausible EPSG:3067 easting (|E| <= %d)", rec[eCol], tmMaxAbsE)
	case n < 0 || n > tmMaxN:
		return 0, 0, r.errorf(nCol, ErrRange, "%q is not a plausible EPSG:3067 northing (0..%d)", rec[nCol], tmMaxN)
	}
	return e, n, nil
}
