package gtfs

import (
	"math"
	"strconv"
)

// readAgencies reads agency.txt; a missing file is only a warning.
func (r *reader) readAgencies() error {
	t, err := r.open("agency.txt", false)
	if err != nil || t == nil {
		if err == nil && !r.rep.Files[len(r.rep.Files)-1].Present {
			r.problem(SeverityWarning, nil, "agency.txt", 0, "", ErrMissingFile, "file is missing")
		}
		return err
	}
	cID, cName, cURL, cTZ := t.col("agency_id"), t.col("agency_name"), t.col("agency_url"), t.col("agency_timezone")
	return r.rows(t, func() error {
		raw := t.get(cID)
		if _, dup := r.agencyIdx[raw]; dup {
			r.warnf(t, "agency_id", ErrDuplicate, "duplicate agency %q ignored", raw)
			return nil
		}
		r.agencyIdx[raw] = int32(len(r.feed.Agencies))
		r.feed.Agencies = append(r.feed.Agencies, Agency{ID: r.id(raw), Name: t.get(cName), URL: t.get(cURL), Timezone: t.get(cTZ)})
		return nil
	})
}

// readStops reads stops.txt and resolves parent stations.
func (r *reader) readStops() error {
	t, err := r.open("stops.txt", true, "stop_id")
	if err != nil || t == nil {
		return err
	}
	cID, cCode, cName := t.col("stop_id"), t.col("stop_code"), t.col("stop_name")
	cLat, cLon, cType, cParent := t.col("stop_lat"), t.col("stop_lon"), t.col("location_type"), t.col("parent_station")
	type pending struct {
		stop int32
		line int
		id   string
	}
	var parents []pending
	err = r.rows(t, func() error {
		raw := t.get(cID)
		if raw == "" {
			r.errorf(t, "stop_id", ErrBadValue, "empty stop_id")
			return nil
		}
		if _, dup := r.stopIdx[raw]; dup {
			r.warnf(t, "stop_id", ErrDuplicate, "duplicate stop %q ignored", raw)
			return nil
		}
		s := Stop{ID: r.id(raw), Code: t.get(cCode), Name: t.get(cName), Parent: -1}
		if v := t.get(cType); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 4 {
				r.warnf(t, "location_type", ErrBadValue, "%q is not a location type 0-4; taken as 0", v)
			} else {
				s.LocationType = uint8(n)
			}
		}
		needsCoords := s.LocationType <= LocationEntrance
		lat, latOK := parseCoord(t.get(cLat), 90)
		lon, lonOK := parseCoord(t.get(cLon), 180)
		switch {
		case !latOK && needsCoords:
			r.errorf(t, "stop_lat", ErrBadValue, "%q is not a latitude", t.get(cLat))
		case !lonOK && needsCoords:
			r.errorf(t, "stop_lon", ErrBadValue, "%q is not a longitude", t.get(cLon))
		case latOK && lonOK:
			s.Lat, s.Lon = lat, lon
			if lat == 0 && lon == 0 && needsCoords {
				r.warnf(t, "stop_lat", ErrBadValue, "stop %q is at 0,0", raw)
			}
		}
		idx := int32(len(r.feed.Stops))
		r.stopIdx[raw] = idx
		r.feed.Stops = append(r.feed.Stops, s)
		if p := t.get(cParent); p != "" {
			parents = append(parents, pending{idx, t.line(), p})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range parents {
		pi, ok := r.stopIdx[p.id]
		if !ok || pi == p.stop {
			r.problem(SeverityWarning, nil, "stops.txt", p.line, "parent_station", ErrUnknownRef, "unknown parent station %q ignored", p.id)
			continue
		}
		r.feed.Stops[p.stop].Parent = pi
	}
	return nil
}

// parseCoord parses a coordinate within [-limit, limit].
func parseCoord(s string, limit float64) (float64, bool) {
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.Abs(v) > limit {
		return 0, false
	}
	return v, true
}

// readRoutes reads routes.txt.
func (r *reader) readRoutes() error {
	t, err := r.open("routes.txt", true, "route_id")
	if err != nil || t == nil {
		return err
	}
	cID, cAgency, cShort, cLong, cType := t.col("route_id"), t.col("agency_id"), t.col("route_short_name"), t.col("route_long_name"), t.col("route_type")
	return r.rows(t, func() error {
		raw := t.get(cID)
		if _, dup := r.routeIdx[raw]; dup {
			r.warnf(t, "route_id", ErrDuplicate, "duplicate route %q ignored", raw)
			return nil
		}
		rt := Route{ID: r.id(raw), ShortName: t.get(cShort), LongName: t.get(cLong), Agency: -1, Type: 3}
		if a := t.get(cAgency); a != "" {
			if ai, ok := r.agencyIdx[a]; ok {
				rt.Agency = ai
			} else if len(r.feed.Agencies) > 0 {
				r.warnf(t, "agency_id", ErrUnknownRef, "unknown agency %q", a)
			}
		} else if len(r.feed.Agencies) == 1 {
			rt.Agency = 0
		}
		if v := t.get(cType); v == "" {
			r.warnf(t, "route_type", ErrBadValue, "empty route_type; taken as 3 (bus)")
		} else if n, err := strconv.Atoi(v); err != nil || n < 0 {
			r.warnf(t, "route_type", ErrBadValue, "%q is not a route type; taken as 3 (bus)", v)
		} else {
			rt.Type = int32(n)
		}
		r.routeIdx[raw] = int32(len(r.feed.Routes))
		r.feed.Routes = append(r.feed.Routes, rt)
		return nil
	})
}

// readTrips reads trips.txt.
func (r *reader) readTrips() error {
	t, err := r.open("trips.txt", true, "route_id", "service_id", "trip_id")
	if err != nil || t == nil {
		return err
	}
	cRoute, cService, cID, cHead, cShort, cDir := t.col("route_id"), t.col("service_id"), t.col("trip_id"), t.col("trip_headsign"), t.col("trip_short_name"), t.col("direction_id")
	return r.rows(t, func() error {
		raw := t.get(cID)
		if raw == "" {
			r.errorf(t, "trip_id", ErrBadValue, "empty trip_id")
			return nil
		}
		if _, dup := r.tripIdx[raw]; dup {
			r.errorf(t, "trip_id", ErrDuplicate, "duplicate trip %q", raw)
			return nil
		}
		ri, ok := r.routeIdx[t.get(cRoute)]
		if !ok {
			r.errorf(t, "route_id", ErrUnknownRef, "unknown route %q", t.get(cRoute))
			r.rejected[raw] = true
			return nil
		}
		tr := Trip{ID: r.id(raw), Route: ri, Service: -1, Headsign: t.get(cHead), ShortName: t.get(cShort), Direction: -1}
		if si, ok := r.serviceIdx[t.get(cService)]; ok {
			tr.Service = si
		} else {
			r.warnf(t, "service_id", ErrUnknownRef, "unknown service %q: the trip never runs", t.get(cService))
		}
		switch t.get(cDir) {
		case "0":
			tr.Direction = 0
		case "1":
			tr.Direction = 1
		case "":
		default:
			r.warnf(t, "direction_id", ErrBadValue, "%q is not 0 or 1", t.get(cDir))
		}
		r.tripIdx[raw] = int32(len(r.feed.Trips))
		r.feed.Trips = append(r.feed.Trips, tr)
		return nil
	})
}
