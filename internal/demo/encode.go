package demo

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
)

// ff formats a coordinate with the given number of decimals.
func ff(v float64, dec int) string { return strconv.FormatFloat(v, 'f', dec, 64) }

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// encodeRegions writes the municipalities as a GeoJSON FeatureCollection
// (RFC 7946: WGS84, outer rings counter-clockwise, holes clockwise).
func encodeRegions(b *boundaries) []byte {
	ll := make(map[int32][2]string)
	coord := func(v int32) [2]string {
		c, ok := ll[v]
		if !ok {
			lon, lat := b.vs.pts[v].lonLat()
			c = [2]string{ff(lon, 6), ff(lat, 6)}
			ll[v] = c
		}
		return c
	}
	var out bytes.Buffer
	out.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	for i, m := range municipalities {
		if i > 0 {
			out.WriteString(",\n")
		}
		fmt.Fprintf(&out, `{"type":"Feature","properties":{"kunta":%s,"name":%s,"seutukunta":%s,"seutukunta_name_fi":%s,"tyollisyysalue":%s,"tyollisyysalue_name_fi":%s,"schematic":true},"geometry":`,
			jsonString(m.code), jsonString(m.name), jsonString(m.subRegion), jsonString(subRegionName(m.subRegion)),
			jsonString(m.employment), jsonString(employmentAreas[m.employment]))
		polys := b.regions[i].polys
		if len(polys) == 1 {
			out.WriteString(`{"type":"Polygon","coordinates":`)
		} else {
			out.WriteString(`{"type":"MultiPolygon","coordinates":[`)
		}
		for k, poly := range polys {
			if k > 0 {
				out.WriteByte(',')
			}
			out.WriteByte('[')
			for r, ring := range poly {
				if r > 0 {
					out.WriteByte(',')
				}
				out.WriteByte('[')
				for j := 0; j <= len(ring); j++ {
					if j > 0 {
						out.WriteByte(',')
					}
					c := coord(ring[j%len(ring)])
					out.WriteString("[" + c[0] + "," + c[1] + "]")
				}
				out.WriteByte(']')
			}
			out.WriteByte(']')
		}
		if len(polys) != 1 {
			out.WriteByte(']')
		}
		out.WriteString("}}")
	}
	out.WriteString("\n]}\n")
	return out.Bytes()
}

func subRegionName(code string) string {
	for _, s := range subRegions {
		if s.code == code {
			return s.name
		}
	}
	return ""
}

// csvBytes writes records as CSV (comma, LF line ends, quotes only where
// needed).
func csvBytes(records [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.WriteAll(records) // writing to a bytes.Buffer cannot fail
	return b.Bytes()
}

// encodePopulation writes the populated cells as lon,lat,population,age_65_plus
// at the cell centres.
func encodePopulation(cells []popCell) []byte {
	rec := [][]string{{"lon", "lat", "population", "age_65_plus"}}
	for _, c := range cells {
		lon, lat := c.centre().lonLat()
		rec = append(rec, []string{ff(lon, 7), ff(lat, 7), strconv.Itoa(c.pop), strconv.Itoa(c.old)})
	}
	return csvBytes(rec)
}

// encodeServices writes services.csv.
func encodeServices(ss []service) []byte {
	rec := [][]string{{"name", "category", "lon", "lat", "capacity", "opening_hours", "approximate"}}
	for _, s := range ss {
		rec = append(rec, []string{s.name, s.category, ff(s.lon, 6), ff(s.lat, 6),
			strconv.Itoa(s.capacity), s.hours, strconv.FormatBool(s.approximate)})
	}
	return csvBytes(rec)
}

// GTFS constants of the demo feed.
const (
	gtfsAgencyID   = "saavu-demo"
	gtfsAgencyName = "Saavu demo transit (schematic)"
	gtfsURL        = "https://example.com/saavu-demo"
	gtfsTimezone   = "Europe/Helsinki"
)

// gtfsTime formats seconds after midnight as H:MM:SS (hours may pass 24).
func gtfsTime(s int) string {
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// encodeGTFS returns the feed's files by name.
func encodeGTFS(f *feed) map[string][]byte {
	files := map[string][]byte{}
	files["agency.txt"] = csvBytes([][]string{
		{"agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang"},
		{gtfsAgencyID, gtfsAgencyName, gtfsURL, gtfsTimezone, "fi"},
	})
	stops := [][]string{{"stop_id", "stop_name", "stop_desc", "stop_lat", "stop_lon"}}
	for _, s := range f.stops {
		lon, lat := s.p.lonLat()
		stops = append(stops, []string{s.id, s.name, "schematic stop", ff(lat, 6), ff(lon, 6)})
	}
	files["stops.txt"] = csvBytes(stops)
	routes := [][]string{{"route_id", "agency_id", "route_short_name", "route_long_name", "route_desc", "route_type"}}
	for _, r := range f.routes {
		rt := "3"
		if r.kind == train {
			rt = "2"
		}
		routes = append(routes, []string{r.id, gtfsAgencyID, r.short, r.long, "schematic " + kindName(r.kind), rt})
	}
	files["routes.txt"] = csvBytes(routes)
	trips := [][]string{{"route_id", "service_id", "trip_id", "trip_headsign", "direction_id"}}
	times := [][]string{{"trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"}}
	for _, t := range f.trips {
		trips = append(trips, []string{t.route, t.service, t.id, t.headsign, strconv.Itoa(t.dir)})
		for i, s := range t.stops {
			tm := gtfsTime(t.times[i])
			times = append(times, []string{t.id, tm, tm, s, strconv.Itoa(i + 1)})
		}
	}
	files["trips.txt"] = csvBytes(trips)
	files["stop_times.txt"] = csvBytes(times)
	cal := [][]string{{"service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "start_date", "end_date"}}
	for _, c := range []struct {
		id   string
		days string
	}{
		{svcWeekdays, "1111100"}, {svcWeekend, "0000011"}, {svcDaily, "1111111"},
		{svcTuesday, "0100000"}, {svcThursday, "0001000"},
	} {
		row := []string{c.id}
		for _, d := range c.days {
			row = append(row, string(d))
		}
		cal = append(cal, append(row, f.startDate, f.endDate))
	}
	files["calendar.txt"] = csvBytes(cal)
	files["feed_info.txt"] = csvBytes([][]string{
		{"feed_publisher_name", "feed_publisher_url", "feed_lang", "feed_start_date", "feed_end_date", "feed_version"},
		{"saavu demo", gtfsURL, "fi", f.startDate, f.endDate, "schematic-" + f.startDate[:4]},
	})
	return files
}

func kindName(k lineKind) string {
	switch k {
	case coach:
		return "coach"
	case townBus:
		return "town bus"
	case train:
		return "train"
	case errand:
		return "errand line (asiointiliikenne)"
	}
	return ""
}
