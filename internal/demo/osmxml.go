package demo

import (
	"bytes"
	"encoding/xml"
	"strconv"
)

// encodeOSM writes the network as OpenStreetMap XML (API 0.6): a bounds
// element, all nodes in id order, then all ways in id order. Ids are
// positive: node index+1 and way index+1.
func encodeOSM(nw *network) []byte {
	var b bytes.Buffer
	b.Grow(64*len(nw.pts) + 256*len(nw.ways))
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<osm version="0.6" generator="saavu demo (schematic South Savo network)">` + "\n")
	lon := make([]float64, len(nw.pts))
	lat := make([]float64, len(nw.pts))
	bb := [4]float64{180, 90, -180, -90}
	for i, p := range nw.pts {
		lon[i], lat[i] = p.lonLat()
		bb[0], bb[1] = min(bb[0], lon[i]), min(bb[1], lat[i])
		bb[2], bb[3] = max(bb[2], lon[i]), max(bb[3], lat[i])
	}
	var num []byte
	f7 := func(v float64) string {
		num = strconv.AppendFloat(num[:0], v, 'f', 7, 64)
		return string(num)
	}
	b.WriteString(` <bounds minlat="` + f7(bb[1]) + `" minlon="` + f7(bb[0]) + `" maxlat="` + f7(bb[3]) + `" maxlon="` + f7(bb[2]) + `"/>` + "\n")
	for i := range nw.pts {
		b.WriteString(` <node id="`)
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(`" version="1" lat="`)
		b.WriteString(f7(lat[i]))
		b.WriteString(`" lon="`)
		b.WriteString(f7(lon[i]))
		b.WriteString(`"/>` + "\n")
	}
	for i, w := range nw.ways {
		b.WriteString(` <way id="`)
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(`" version="1">` + "\n")
		for _, n := range w.nodes {
			b.WriteString(`  <nd ref="`)
			b.WriteString(strconv.Itoa(int(n) + 1))
			b.WriteString(`"/>` + "\n")
		}
		for _, t := range wayTags(w) {
			b.WriteString(`  <tag k="`)
			xml.EscapeText(&b, []byte(t[0]))
			b.WriteString(`" v="`)
			xml.EscapeText(&b, []byte(t[1]))
			b.WriteString(`"/>` + "\n")
		}
		b.WriteString(" </way>\n")
	}
	b.WriteString("</osm>\n")
	return b.Bytes()
}

// wayTags returns the OSM tags of a way, in a fixed order.
func wayTags(w way) [][2]string {
	var t [][2]string
	switch w.kind {
	case road:
		t = append(t, [2]string{"highway", w.class.highway}, [2]string{"maxspeed", strconv.Itoa(w.class.maxspeed)})
		if w.class == access {
			t = append(t, [2]string{"surface", "gravel"})
		}
	case ferry:
		t = append(t, [2]string{"route", "ferry"}, [2]string{"motor_vehicle", "yes"},
			[2]string{"foot", "yes"}, [2]string{"bicycle", "yes"}, [2]string{"duration", ferryRoute.duration})
	case water:
		t = append(t, [2]string{"natural", "water"})
	}
	if w.name != "" {
		t = append(t, [2]string{"name", w.name})
	}
	t = append(t, [2]string{"note", "schematic demo data"})
	return t
}
