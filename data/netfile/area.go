package netfile

import (
	"math"

	"github.com/saavu/saavu/geo"
)

// Box is a rectangle [MinX, MinY, MaxX, MaxY]: easting and northing in
// EPSG:3067 metres, or longitude and latitude in degrees, as its field
// says.
type Box [4]float64

// Empty reports whether the box holds no point.
func (b Box) Empty() bool { return !(b[0] <= b[2] && b[1] <= b[3]) }

// Area is the part of the country a network file covers: the union of
// Boxes (EPSG:3067 metres, edges included), each the bounding box of one
// region feature grown by the buffer. LonLat is a lon/lat box around all
// of them, a quick first test.
type Area struct {
	Boxes  []Box `json:"boxes_epsg3067"`
	LonLat Box   `json:"lonlat_box"`
}

// NewArea returns the union of boxes (EPSG:3067) with the lon/lat box
// around it. Empty boxes are left out.
func NewArea(boxes []Box) Area {
	a := Area{LonLat: Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}}
	for _, b := range boxes {
		if b.Empty() {
			continue
		}
		a.Boxes = append(a.Boxes, b)
		a.LonLat = a.LonLat.union(lonLatAround(b))
	}
	if len(a.Boxes) == 0 {
		a.LonLat = Box{}
	}
	return a
}

func (b Box) union(c Box) Box {
	return Box{min(b[0], c[0]), min(b[1], c[1]), max(b[2], c[2]), max(b[3], c[3])}
}

// tmCentralE is the false easting of ETRS-TM35FIN: its central meridian
// (27 degrees east).
const tmCentralE = 500_000

// lonLatAround returns a lon/lat box holding every point of the EPSG:3067
// box b. In a transverse Mercator projection a line of constant easting
// moves away from the central meridian as it goes north, so longitudes
// are extreme at the corners; a line of constant northing bends towards
// the pole at the central meridian, so latitudes are extreme at the
// corners or where the top and bottom edges cross it. Those points are
// all tried, with a margin of about a metre for rounding.
func lonLatAround(b Box) Box {
	out := Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	add := func(e, n float64) {
		lon, lat := geo.FromTM35(e, n)
		out = Box{min(out[0], lon), min(out[1], lat), max(out[2], lon), max(out[3], lat)}
	}
	for _, e := range []float64{b[0], b[2]} {
		for _, n := range []float64{b[1], b[3]} {
			add(e, n)
		}
	}
	if b[0] < tmCentralE && tmCentralE < b[2] {
		add(tmCentralE, b[1])
		add(tmCentralE, b[3])
	}
	const margin = 1e-5 // degrees, about a metre
	return Box{out[0] - margin, out[1] - margin, out[2] + margin, out[3] + margin}
}

// Contains reports whether the point (lon, lat in degrees) lies in the
// area.
func (a *Area) Contains(lon, lat float64) bool {
	l := &a.LonLat
	if !(lon >= l[0] && lon <= l[2] && lat >= l[1] && lat <= l[3]) {
		return false
	}
	e, n := geo.ToTM35(lon, lat)
	return a.ContainsTM35(e, n)
}

// ContainsTM35 reports whether the point (EPSG:3067 metres) lies in the
// area.
func (a *Area) ContainsTM35(e, n float64) bool {
	for _, b := range a.Boxes {
		if e >= b[0] && e <= b[2] && n >= b[1] && n <= b[3] {
			return true
		}
	}
	return false
}
