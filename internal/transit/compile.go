package transit

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/data/links"
)

// ErrInvalid is wrapped by errors about inconsistent input to [Compile].
var ErrInvalid = errors.New("transit: invalid input")

// Sketch is a sketch links file with the namespace of its ids.
type Sketch struct {
	Prefix string // ids become "Prefix:name"; empty means "links"
	File   *links.File
}

// Compile builds one timetable from parsed GTFS feeds (each loaded with its
// own id prefix) and sketch lines. Untimed stop times are interpolated;
// trips with fewer than two stop times or an unknown service are left
// out; declared transfers naming a station apply to its platforms.
func Compile(feeds []*gtfs.Feed, sketches []Sketch) (*Timetable, error) {
	c := &compiler{
		tt:         &Timetable{PatternStart: []int32{0}},
		patternIdx: map[string]int32{},
		stopIDs:    map[string]int32{},
		tripIDs:    map[string]bool{},
	}
	for _, f := range feeds {
		if err := c.addFeed(f); err != nil {
			return nil, err
		}
	}
	for _, s := range sketches {
		if err := c.addSketch(s); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(c.tt.Frequencies, func(a, b Frequency) int {
		return cmp.Or(cmp.Compare(a.Trip, b.Trip), cmp.Compare(a.Start, b.Start))
	})
	return c.tt, nil
}

// compiler accumulates feeds into a timetable.
type compiler struct {
	tt         *Timetable
	patternIdx map[string]int32 // route + stops -> pattern
	key        []byte
	stopIDs    map[string]int32
	tripIDs    map[string]bool
	dist       []float64 // scratch
}

// pattern returns the pattern of route with the given stops, adding it.
func (c *compiler) pattern(route int32, stops []int32) int32 {
	c.key = binary.LittleEndian.AppendUint32(c.key[:0], uint32(route))
	for _, s := range stops {
		c.key = binary.LittleEndian.AppendUint32(c.key, uint32(s))
	}
	if p, ok := c.patternIdx[string(c.key)]; ok {
		return p
	}
	tt := c.tt
	p := int32(len(tt.PatternRoute))
	c.patternIdx[string(c.key)] = p
	tt.PatternStops = append(tt.PatternStops, stops...)
	tt.PatternStart = append(tt.PatternStart, int32(len(tt.PatternStops)))
	tt.PatternRoute = append(tt.PatternRoute, route)
	return p
}

// addStop adds a stop, failing on an id already used.
func (c *compiler) addStop(s Stop) (int32, error) {
	if _, dup := c.stopIDs[s.ID]; dup {
		return 0, fmt.Errorf("%w: stop id %q appears twice: give each feed its own prefix", ErrInvalid, s.ID)
	}
	i := int32(len(c.tt.Stops))
	c.stopIDs[s.ID] = i
	c.tt.Stops = append(c.tt.Stops, s)
	return i, nil
}

// addFeed adds a GTFS feed.
func (c *compiler) addFeed(f *gtfs.Feed) error {
	tt := c.tt
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: feed %s: "+format, append([]any{ErrInvalid, f.Name}, args...)...)
	}
	st := &f.StopTimes
	if len(st.Start) != len(f.Trips)+1 || len(st.Arr) != len(st.Stop) || len(st.Dep) != len(st.Stop) || len(st.Dist) != len(st.Stop) {
		return bad("stop time arrays do not match its %d trips", len(f.Trips))
	}
	agencyOff, stopOff, routeOff, serviceOff := int32(len(tt.Agencies)), int32(len(tt.Stops)), int32(len(tt.Routes)), int32(len(tt.Services))
	nStops, nRoutes, nServices := int32(len(f.Stops)), int32(len(f.Routes)), int32(len(f.Services))
	tt.Agencies = append(tt.Agencies, f.Agencies...)
	for _, s := range f.Stops {
		if s.Parent < -1 || s.Parent >= nStops {
			return bad("stop %q has parent index %d out of range", s.ID, s.Parent)
		}
		ns := Stop{ID: s.ID, Name: s.Name, Lon: s.Lon, Lat: s.Lat, LocationType: s.LocationType, Parent: -1}
		if s.Parent >= 0 {
			ns.Parent = s.Parent + stopOff
		}
		if _, err := c.addStop(ns); err != nil {
			return err
		}
	}
	for _, r := range f.Routes {
		nr := Route{ID: r.ID, ShortName: r.ShortName, LongName: r.LongName, Type: r.Type, Agency: -1}
		if r.Agency >= 0 && int(r.Agency) < len(f.Agencies) {
			nr.Agency = r.Agency + agencyOff
		}
		tt.Routes = append(tt.Routes, nr)
	}
	tt.Services = append(tt.Services, f.Services...)

	tripIdx := make([]int32, len(f.Trips))
	stops := make([]int32, 0, 64)
	for ti, tr := range f.Trips {
		tripIdx[ti] = -1
		from, to := int(st.Start[ti]), int(st.Start[ti+1])
		if from < 0 || to < from || to > len(st.Stop) {
			return bad("trip %q has stop times %d-%d out of range", tr.ID, from, to)
		}
		if to-from < 2 || tr.Service < 0 {
			continue
		}
		if tr.Service >= nServices || tr.Route < 0 || tr.Route >= nRoutes {
			return bad("trip %q has a route or service index out of range", tr.ID)
		}
		if c.tripIDs[tr.ID] {
			return bad("trip id %q appears twice: give each feed its own prefix", tr.ID)
		}
		c.tripIDs[tr.ID] = true
		stops = stops[:0]
		for _, s := range st.Stop[from:to] {
			if s < 0 || s >= nStops {
				return bad("trip %q has stop index %d out of range", tr.ID, s)
			}
			stops = append(stops, s+stopOff)
		}
		times := int32(len(tt.Arr))
		for j := from; j < to; j++ {
			tt.Arr = append(tt.Arr, Seconds(st.Arr[j]))
			tt.Dep = append(tt.Dep, Seconds(st.Dep[j]))
		}
		c.dist = c.dist[:0]
		if slices.Contains(tt.Arr[times:], untimed) {
			c.distances(stops, st.Dist[from:to])
		}
		if err := interpolate(tt.Arr[times:], tt.Dep[times:], c.dist); err != nil {
			return bad("trip %q: %v", tr.ID, err)
		}
		route := tr.Route + routeOff
		tripIdx[ti] = int32(len(tt.Trips))
		tt.Trips = append(tt.Trips, Trip{
			ID: tr.ID, Route: route, Service: tr.Service + serviceOff,
			Pattern: c.pattern(route, stops), Headsign: tr.Headsign, Times: times,
		})
	}
	for _, fr := range f.Frequencies {
		if fr.Trip < 0 || int(fr.Trip) >= len(f.Trips) {
			return bad("frequency trip index %d out of range", fr.Trip)
		}
		t := tripIdx[fr.Trip]
		if t < 0 || fr.Headway <= 0 || fr.End <= fr.Start {
			continue
		}
		tt.Trips[t].Frequent = true
		tt.Frequencies = append(tt.Frequencies, Frequency{Trip: t, Start: Seconds(fr.Start), End: Seconds(fr.End), Headway: Seconds(fr.Headway), ExactTimes: fr.ExactTimes})
	}
	return c.addTransfers(f, stopOff)
}

// distances fills c.dist with the distance along the trip at each stop:
// shape_dist_traveled when every stop time has one and they never
// decrease, otherwise the sum of straight-line distances between
// consecutive stops.
func (c *compiler) distances(stops []int32, shapeDist []float32) {
	c.dist = c.dist[:0]
	usable := true
	for j, d := range shapeDist {
		if math.IsNaN(float64(d)) || (j > 0 && d < shapeDist[j-1]) {
			usable = false
			break
		}
	}
	if usable {
		for _, d := range shapeDist {
			c.dist = append(c.dist, float64(d))
		}
		return
	}
	total := 0.0
	for j, s := range stops {
		if j > 0 {
			a, b := &c.tt.Stops[stops[j-1]], &c.tt.Stops[s]
			total += haversine(a.Lon, a.Lat, b.Lon, b.Lat)
		}
		c.dist = append(c.dist, total)
	}
}

// addTransfers adds the stop-to-stop transfers of a feed, applying a
// transfer that names a station to each of its platforms (location type
// 0 children). Transfers from a stop to itself are dropped: a Day treats
// staying at a stop as free.
func (c *compiler) addTransfers(f *gtfs.Feed, stopOff int32) error {
	children := map[int32][]int32{}
	for i, s := range f.Stops {
		if s.Parent >= 0 && s.LocationType == gtfs.LocationStop {
			children[s.Parent] = append(children[s.Parent], int32(i))
		}
	}
	expand := func(s int32) []int32 {
		if f.Stops[s].LocationType == gtfs.LocationStation && len(children[s]) > 0 {
			return children[s]
		}
		return []int32{s}
	}
	for _, tr := range f.Transfers {
		if tr.From < 0 || int(tr.From) >= len(f.Stops) || tr.To < 0 || int(tr.To) >= len(f.Stops) {
			return fmt.Errorf("%w: feed %s: transfer stop index out of range", ErrInvalid, f.Name)
		}
		if tr.Type > gtfs.TransferForbidden {
			continue
		}
		minTime := Seconds(0)
		if tr.Type == gtfs.TransferMinTime && tr.MinTime > 0 {
			minTime = Seconds(tr.MinTime)
		}
		for _, a := range expand(tr.From) {
			for _, b := range expand(tr.To) {
				if a != b {
					c.tt.Transfers = append(c.tt.Transfers, Transfer{From: a + stopOff, To: b + stopOff, Type: tr.Type, MinTime: minTime})
				}
			}
		}
	}
	return nil
}
