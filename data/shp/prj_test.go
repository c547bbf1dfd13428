package shp

import (
	"errors"
	"strings"
	"testing"
)

func TestParsePRJ(t *testing.T) {
	cases := []struct {
		name, wkt string
		want      int
		err       string
	}{
		{"ESRI TM35FIN", prj3067, EPSG3067, ""},
		{"GDAL EUREF_FIN", `PROJCS["EUREF_FIN_TM35FIN",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",27.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`, EPSG3067, ""},
		{"TM35 by parameters", `PROJCS["unnamed",GEOGCS["GRS 1980(IUGG, 1980)",DATUM["unknown",SPHEROID["GRS80",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",27],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["Meter",1]]`, EPSG3067, ""},
		{"EPSG authority", `PROJCS["ETRS89 / TM35FIN(E,N)",GEOGCS["ETRS89"],AUTHORITY["EPSG","3067"]]`, EPSG3067, ""},
		{"WKT2 id", `PROJCRS["ETRS89 / TM35FIN(E,N)",BASEGEOGCRS["ETRS89"],ID["EPSG",3067]]`, EPSG3067, ""},
		{"WGS84", prj4326, EPSG4326, ""},
		{"ETRS89 geographic", `GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`, EPSG4326, ""},
		{"GK25", `PROJCS["ETRS_1989_GK25FIN",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",25500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",25.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`, 0, `"ETRS_1989_GK25FIN" is not one saavu reads`},
		{"KKJ", `PROJCS["KKJ_Finland_Uniform_Coordinate_System",GEOGCS["GCS_KKJ",DATUM["D_KKJ",SPHEROID["International_1924",6378388.0,297.0]]],PROJECTION["Transverse_Mercator"],PARAMETER["Central_Meridian",27.0]]`, 0, "ogr2ogr -t_srs EPSG:3067"},
		{"empty", "  ", 0, "empty .prj"},
		{"not WKT", "+proj=utm", 0, "not a WKT"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParsePRJ("x.prj", c.wkt)
			if c.err != "" {
				if !errors.Is(err, ErrCRS) || !strings.Contains(err.Error(), c.err) {
					t.Errorf("got %v, want an ErrCRS with %q", err, c.err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Errorf("got %d, %v; want %d", got, err, c.want)
			}
		})
	}
}

// The conversion command names the .shp once, whatever file is named.
func TestPRJErrorCommand(t *testing.T) {
	for _, name := range []string{"kunnat.shp", "kunnat.prj"} {
		_, err := ParsePRJ(name, `PROJCS["KKJ_Finland_Uniform_Coordinate_System",GEOGCS["GCS_KKJ"]]`)
		if err == nil || !strings.HasSuffix(err.Error(), "ogr2ogr -t_srs EPSG:3067 out.shp kunnat.shp") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
