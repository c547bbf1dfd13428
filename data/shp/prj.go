package shp

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// EPSG codes a .prj may resolve to.
const (
	EPSG4326 = 4326 // WGS 84 (or ETRS89) longitude/latitude
	EPSG3067 = 3067 // ETRS89 / ETRS-TM35FIN
)

var (
	reParam     = regexp.MustCompile(`(?i)PARAMETER\[\s*"([^"]+)"\s*,\s*([-+0-9.eE]+)\s*\]`)
	reAuthority = regexp.MustCompile(`(?i)(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$`)
	reName      = regexp.MustCompile(`^\s*(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|BASEGEOGCRS)\s*\[\s*"([^"]*)"`)
)

// ParsePRJ returns the EPSG code of a .prj's WKT: 3067 for ETRS-TM35FIN
// (by name, by its EPSG authority, or by a Transverse Mercator on GRS 1980
// with central meridian 27, scale 0.9996, false easting 500000 and false
// northing 0), 4326 for a geographic system on WGS 84 or ETRS89. Any other
// system is an error wrapping ErrCRS; name is used in it.
func ParsePRJ(name, wkt string) (int, error) {
	w := strings.TrimSpace(strings.TrimPrefix(wkt, "\ufeff"))
	if w == "" {
		return 0, errf(name, 0, ErrCRS, "empty .prj")
	}
	m := reName.FindStringSubmatch(w)
	if m == nil {
		return 0, errf(name, 0, ErrCRS, "not a WKT coordinate system: starts %q", clip(w, 40))
	}
	kind, crsName := strings.ToUpper(m[1]), m[2]
	if a := reAuthority.FindStringSubmatch(w); a != nil {
		switch code, _ := strconv.Atoi(a[1]); code {
		case 3067:
			return EPSG3067, nil
		case 4326, 4258:
			return EPSG4326, nil
		}
	}
	up := strings.ToUpper(w)
	switch kind {
	case "GEOGCS", "GEOGCRS", "GEODCRS":
		if strings.Contains(up, "WGS_1984") || strings.Contains(up, "WGS 84") || strings.Contains(up, "WGS84") ||
			strings.Contains(up, "ETRS_1989") || strings.Contains(up, "ETRS89") || strings.Contains(up, "EUREF") ||
			strings.Contains(up, "EUROPEAN_TERRESTRIAL_REFERENCE_SYSTEM_1989") {
			return EPSG4326, nil
		}
	default:
		n := strings.ToUpper(crsName)
		if strings.Contains(n, "TM35FIN") {
			return EPSG3067, nil
		}
		if isTM35(up) {
			return EPSG3067, nil
		}
	}
	return 0, errf(name, 0, ErrCRS, "coordinate system %q is not one saavu reads (EPSG:3067 ETRS-TM35FIN or EPSG:4326 WGS 84); reproject it: %s",
		crsName, fmt.Sprintf("ogr2ogr -t_srs EPSG:3067 out.shp %s", strings.TrimSuffix(name, filepath.Ext(name))+".shp"))
}

// isTM35 recognises the ETRS-TM35FIN parameters in a WKT of another name.
func isTM35(up string) bool {
	if !strings.Contains(up, "TRANSVERSE_MERCATOR") && !strings.Contains(up, "TRANSVERSE MERCATOR") {
		return false
	}
	if !strings.Contains(up, "GRS_1980") && !strings.Contains(up, "GRS 1980") && !strings.Contains(up, "GRS80") {
		return false
	}
	want := map[string]float64{"central_meridian": 27, "scale_factor": 0.9996, "false_easting": 500000, "false_northing": 0, "latitude_of_origin": 0}
	got := map[string]float64{}
	for _, p := range reParam.FindAllStringSubmatch(up, -1) {
		v, err := strconv.ParseFloat(p[2], 64)
		if err != nil {
			return false
		}
		got[strings.ToLower(p[1])] = v
	}
	for k, v := range want {
		g, ok := got[k]
		if k == "latitude_of_origin" && !ok {
			continue
		}
		if !ok || g-v > 1e-9 || v-g > 1e-9 {
			return false
		}
	}
	return true
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
