package csvio

import (
	"strings"
)

// Header aliases, compared after normalising (lower case, spaces and
// hyphens as underscores). The first alias found in a header wins.
var (
	aliasID       = []string{"id", "tunnus", "fid"}
	aliasName     = []string{"name", "nimi"}
	aliasCategory = []string{"category", "type", "kind", "tyyppi", "luokka"}
	aliasLon      = []string{"lon", "lng", "long", "longitude", "x"}
	aliasLat      = []string{"lat", "latitude", "y"}
	aliasCapacity = []string{"capacity", "kapasiteetti"}
	aliasHours    = []string{"opening_hours", "hours", "aukioloajat", "aukiolo"}
	aliasPop      = []string{"population", "pop", "vaesto", "väestö", "asukkaat", "asukasluku", "inhabitants"}
	aliasCellID   = []string{"id", "grd_id", "cell_id", "nro"}
	// Geographic columns (WGS84) and projected ones (EPSG:3067) for
	// population files; x and y are decided from the values.
	aliasGeoLon = []string{"lon", "lng", "long", "longitude"}
	aliasGeoLat = []string{"lat", "latitude"}
	aliasE      = []string{"e", "easting", "etrs_e", "euref_e", "xkoord", "x_etrs"}
	aliasN      = []string{"n", "northing", "etrs_n", "euref_n", "ykoord", "y_etrs"}
	aliasX      = []string{"x"}
	aliasY      = []string{"y"}
)

// require returns the column of the first alias present or a RowError on
// the header line listing what was accepted and what the header has.
func (r *Reader) require(what string, aliases []string) (int, error) {
	if c := r.Column(aliases...); c >= 0 {
		return c, nil
	}
	return -1, &RowError{File: r.name, Line: 1, Err: ErrMissingColumn,
		Msg: "missing required column " + what + " (accepted names: " + strings.Join(aliases, ", ") +
			"); the header has: " + strings.Join(r.header, ", ")}
}
