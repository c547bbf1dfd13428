package netfile

import "github.com/saavu/saavu/data/osm"

// encodePOIs adds the points of interest.
func encodePOIs(e *encoder, ps []osm.POI) {
	section(e, pick(ps, func(p osm.POI) int64 { return p.ID }))
	stringsSection(e, len(ps), func(i int) string { return ps[i].Kind })
	stringsSection(e, len(ps), func(i int) string { return ps[i].Name })
	section(e, pick(ps, func(p osm.POI) float64 { return p.Lon }))
	section(e, pick(ps, func(p osm.POI) float64 { return p.Lat }))
	boolsSection(e, len(ps), func(i int) bool { return ps[i].IsWay })
}

// decodePOIs reads the points of interest.
func decodePOIs(d *decoder) []osm.POI {
	d.part = "points of interest"
	id := get[int64](d, "ID")
	n := len(id)
	kind := getStrings(d, "Kind", n)
	name := getStrings(d, "Name", n)
	lon := column[float64](d, "Lon", n)
	lat := column[float64](d, "Lat", n)
	isWay := getBools(d, "IsWay", n)
	if d.err != nil || n == 0 {
		return nil
	}
	out := make([]osm.POI, n)
	for i := range out {
		out[i] = osm.POI{ID: id[i], Kind: kind[i], Name: name[i], Lon: lon[i], Lat: lat[i], IsWay: isWay[i]}
	}
	return out
}
