package gpkg

import "fmt"

// SRS ids a layer may use: the organisation's code, as in EPSG:4326.
const (
	UndefinedCartesian  = -1
	UndefinedGeographic = 0
	WGS84               = 4326 // lon/lat degrees
	ETRSTM35FIN         = 3067 // ETRS89 / TM35FIN(E,N) metres, Finland
)

// srsDef is a row of gpkg_spatial_ref_sys.
type srsDef struct {
	name        string
	id          int
	org         string
	orgID       int
	definition  string // OGC WKT 1
	description string
}

// srsRows are written to every GeoPackage: the two undefined systems the
// standard requires, WGS 84 (required too) and the Finnish national grid.
var srsRows = []srsDef{
	{"Undefined cartesian SRS", UndefinedCartesian, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"},
	{"Undefined geographic SRS", UndefinedGeographic, "NONE", 0, "undefined", "undefined geographic coordinate reference system"},
	{"WGS 84 geodetic", WGS84, "EPSG", 4326, wktWGS84, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"},
	{"ETRS89 / TM35FIN(E,N)", ETRSTM35FIN, "EPSG", 3067, wktTM35FIN, "ETRS-TM35FIN easting/northing in metres, the national grid of Finland"},
}

// The WKT of EPSG:4326 keeps the EPSG axis order (latitude first); the
// GeoPackage geometries themselves are always x = longitude, y = latitude.
const (
	wktGRS80Geog = `GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",` +
		`SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],TOWGS84[0,0,0,0,0,0,0],AUTHORITY["EPSG","6258"]],` +
		`PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4258"]]`
	wktWGS84 = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],` +
		`PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],` +
		`AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]`
	wktTM35FIN = `PROJCS["ETRS89 / TM35FIN(E,N)",` + wktGRS80Geog + `,PROJECTION["Transverse_Mercator"],` +
		`PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",27],PARAMETER["scale_factor",0.9996],` +
		`PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],` +
		`AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","3067"]]`
)

func checkSRS(id int) error {
	for _, s := range srsRows {
		if s.id == id {
			return nil
		}
	}
	return fmt.Errorf("%w: srs %d (known: -1, 0, 4326, 3067)", ErrSRS, id)
}
