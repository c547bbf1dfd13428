package geo

import "math"

// EarthRadius is the mean radius of the Earth in metres (IUGG R1 for
// GRS80/WGS84, (2a+b)/3), used for great-circle distances.
const EarthRadius = 6371008.8

// Haversine returns the great-circle distance in metres between two points
// given as longitude and latitude in degrees, on a sphere of radius
// EarthRadius. The spherical model is within about 0.5% of the ellipsoidal
// distance; use EPSG:3067 coordinates when metre accuracy matters.
func Haversine(lon1, lat1, lon2, lat2 float64) float64 {
	const rad = math.Pi / 180
	phi1, phi2 := lat1*rad, lat2*rad
	sdPhi := math.Sin((phi2 - phi1) / 2)
	sdLam := math.Sin((lon2 - lon1) * rad / 2)
	h := sdPhi*sdPhi + math.Cos(phi1)*math.Cos(phi2)*sdLam*sdLam
	// Rounding can push h a hair above 1 for antipodal points.
	h = min(max(h, 0), 1)
	return 2 * EarthRadius * math.Asin(math.Sqrt(h))
}
