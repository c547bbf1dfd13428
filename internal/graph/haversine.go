package graph

import "math"

// EarthRadiusM is the mean Earth radius (IUGG) used for all distances.
const EarthRadiusM = 6371008.8

const degToRad = math.Pi / 180

// haversineM is the great-circle distance in metres between two lon/lat
// points on a sphere of radius EarthRadiusM.
func haversineM(lon1, lat1, lon2, lat2 float64) float64 {
	sinDLat := math.Sin((lat2 - lat1) * degToRad / 2)
	sinDLon := math.Sin((lon2 - lon1) * degToRad / 2)
	a := sinDLat*sinDLat + math.Cos(lat1*degToRad)*math.Cos(lat2*degToRad)*sinDLon*sinDLon
	return 2 * EarthRadiusM * math.Asin(math.Sqrt(min(a, 1)))
}
