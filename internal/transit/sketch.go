package transit

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/saavu/saavu/data/gtfs"
)

// sketchDirection is one direction of a sketch line.
type sketchDirection struct {
	name    string
	stops   []int32
	offsets []Seconds // from the departure at the first stop
	head    string
}

// addSketch adds the lines of a sketch links file. Stops with the same
// name and coordinates are shared between lines; each line gets a route
// and a service running on its weekdays on every date; each departure
// becomes a trip (two with direction both).
func (c *compiler) addSketch(s Sketch) error {
	if s.File == nil {
		return fmt.Errorf("%w: sketch with no file", ErrInvalid)
	}
	prefix := s.Prefix
	if prefix == "" {
		prefix = "links"
	}
	tt := c.tt
	type place struct {
		name     string
		lon, lat float64
	}
	known := map[place]int32{}
	for _, l := range s.File.Lines {
		if len(l.Stops) < 2 || len(l.Legs) != len(l.Stops)-1 {
			return fmt.Errorf("%w: sketch %s line %q: %d stops and %d legs", ErrInvalid, s.File.Name, l.Name, len(l.Stops), len(l.Legs))
		}
		stops := make([]int32, len(l.Stops))
		for i, st := range l.Stops {
			p := place{st.Name, st.Lon, st.Lat}
			idx, ok := known[p]
			if !ok {
				id := prefix + ":" + st.Name
				if _, taken := c.stopIDs[id]; taken {
					id += "@" + strconv.FormatFloat(st.Lon, 'f', -1, 64) + "," + strconv.FormatFloat(st.Lat, 'f', -1, 64)
				}
				var err error
				if idx, err = c.addStop(Stop{ID: id, Name: st.Name, Lon: st.Lon, Lat: st.Lat, Parent: -1}); err != nil {
					return err
				}
				known[p] = idx
			}
			stops[i] = idx
		}
		routeID := prefix + ":" + l.Name
		route := int32(len(tt.Routes))
		tt.Routes = append(tt.Routes, Route{ID: routeID, ShortName: l.Name, Type: l.RouteType, Agency: -1})
		service := int32(len(tt.Services))
		tt.Services = append(tt.Services, Service{
			ID: routeID, HasCalendar: true, Weekdays: uint8(l.Days),
			Start: math.MinInt32, End: math.MaxInt32,
		})
		// Offsets from the departure, outward and back.
		out := make([]Seconds, len(l.Stops))
		back := make([]Seconds, len(l.Stops))
		for i, leg := range l.Legs {
			out[i+1] = out[i] + Seconds(leg/time.Second)
		}
		for i := range back {
			back[i] = out[len(out)-1] - out[len(out)-1-i]
		}
		revStops := make([]int32, len(stops))
		for i, st := range stops {
			revStops[len(stops)-1-i] = st
		}
		dirs := []sketchDirection{{"out", stops, out, l.Stops[len(l.Stops)-1].Name}}
		if l.Both {
			dirs = append(dirs, sketchDirection{"back", revStops, back, l.Stops[0].Name})
		}
		for _, d := range dirs {
			pat := c.pattern(route, d.stops)
			for _, dep := range l.Departures {
				id := routeID + ":" + d.name + ":" + gtfs.FormatTime(gtfs.Seconds(dep/time.Second))
				if c.tripIDs[id] {
					return fmt.Errorf("%w: trip id %q appears twice", ErrInvalid, id)
				}
				c.tripIDs[id] = true
				times := int32(len(tt.Arr))
				for _, off := range d.offsets {
					t := Seconds(dep/time.Second) + off
					tt.Arr = append(tt.Arr, t)
					tt.Dep = append(tt.Dep, t)
				}
				tt.Trips = append(tt.Trips, Trip{ID: id, Route: route, Service: service, Pattern: pat, Headsign: d.head, Times: times})
			}
		}
	}
	return nil
}
