package osm

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"html"
	"strings"
)

// A minimal OSM PBF and XML writer for tests: the same elements can be
// written in both encodings and read back, and the fuzz tests get small
// valid PBF files as seeds.

type tNode struct {
	id       int64
	lat, lon float64
	tags     []Tag
}

type tWay struct {
	id   int64
	refs []int64
	tags []Tag
}

// tRel is a relation; member types are "node", "way" or "relation".
type tRel struct {
	id      int64
	members []tMember
	tags    []Tag
}

type tMember struct {
	typ  string
	ref  int64
	role string
}

type tData struct {
	bounds    *Bounds
	nodes     []tNode
	ways      []tWay
	relations int // empty relations with ids 1, 2, ...
	rels      []tRel
}

// protobuf encoding helpers
type pb struct{ b []byte }

func (p *pb) key(field, wt int) { p.b = binary.AppendUvarint(p.b, uint64(field<<3|wt)) }
func (p *pb) varint(field int, v uint64) {
	p.key(field, wireVarint)
	p.b = binary.AppendUvarint(p.b, v)
}
func (p *pb) sint(field int, v int64) { p.varint(field, uint64(v<<1^(v>>63))) }
func (p *pb) bytes(field int, b []byte) {
	p.key(field, wireBytes)
	p.b = binary.AppendUvarint(p.b, uint64(len(b)))
	p.b = append(p.b, b...)
}
func packedU(vs []uint64) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.AppendUvarint(b, v)
	}
	return b
}
func packedS(vs []int64) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.AppendUvarint(b, uint64(v<<1^(v>>63)))
	}
	return b
}

// strTable assigns string table indices; index 0 is the empty string.
type strTable struct {
	idx  map[string]uint64
	strs []string
}

func newStrTable() *strTable { return &strTable{idx: map[string]uint64{"": 0}, strs: []string{""}} }
func (s *strTable) get(v string) uint64 {
	if i, ok := s.idx[v]; ok {
		return i
	}
	s.idx[v] = uint64(len(s.strs))
	s.strs = append(s.strs, v)
	return s.idx[v]
}

// writePBF encodes d with one header block and one data block per group of
// elements (nodes, ways, relations), zlib-compressed unless raw.
func writePBF(d tData, raw bool) []byte {
	var out bytes.Buffer
	block := func(typ string, data []byte) {
		var blob pb
		if raw {
			blob.bytes(1, data)
		} else {
			var z bytes.Buffer
			w := zlib.NewWriter(&z)
			w.Write(data)
			w.Close()
			blob.varint(2, uint64(len(data)))
			blob.bytes(3, z.Bytes())
		}
		var hdr pb
		hdr.bytes(1, []byte(typ))
		hdr.varint(3, uint64(len(blob.b)))
		var l [4]byte
		binary.BigEndian.PutUint32(l[:], uint32(len(hdr.b)))
		out.Write(l[:])
		out.Write(hdr.b)
		out.Write(blob.b)
	}
	var h pb
	if d.bounds != nil {
		var bb pb
		bb.sint(1, int64(d.bounds.MinLon*1e9))
		bb.sint(2, int64(d.bounds.MaxLon*1e9))
		bb.sint(3, int64(d.bounds.MaxLat*1e9))
		bb.sint(4, int64(d.bounds.MinLat*1e9))
		h.bytes(1, bb.b)
	}
	h.bytes(4, []byte("OsmSchema-V0.6"))
	h.bytes(4, []byte("DenseNodes"))
	h.bytes(16, []byte("saavu test writer"))
	block(blockHeader, h.b)

	primitive := func(st *strTable, group []byte) []byte {
		var sb pb
		for _, s := range st.strs {
			sb.bytes(1, []byte(s))
		}
		var p pb
		p.bytes(1, sb.b)
		p.bytes(2, group)
		return p.b
	}
	if len(d.nodes) > 0 {
		st := newStrTable()
		var ids, lats, lons []int64
		var kv []uint64
		var pid, plat, plon int64
		for _, n := range d.nodes {
			lat := int64(n.lat*1e7 + 0.5*sign(n.lat))
			lon := int64(n.lon*1e7 + 0.5*sign(n.lon))
			ids = append(ids, n.id-pid)
			lats = append(lats, lat-plat)
			lons = append(lons, lon-plon)
			pid, plat, plon = n.id, lat, lon
			for _, t := range n.tags {
				kv = append(kv, st.get(t.Key), st.get(t.Value))
			}
			kv = append(kv, 0)
		}
		var dn pb
		dn.bytes(1, packedS(ids))
		dn.bytes(8, packedS(lats))
		dn.bytes(9, packedS(lons))
		dn.bytes(10, packedU(kv))
		var g pb
		g.bytes(2, dn.b)
		block(blockData, primitive(st, g.b))
	}
	if len(d.ways) > 0 {
		st := newStrTable()
		var g pb
		for _, w := range d.ways {
			var keys, vals []uint64
			for _, t := range w.tags {
				keys = append(keys, st.get(t.Key))
				vals = append(vals, st.get(t.Value))
			}
			var refs []int64
			var prev int64
			for _, r := range w.refs {
				refs = append(refs, r-prev)
				prev = r
			}
			var wm pb
			wm.varint(1, uint64(w.id))
			wm.bytes(2, packedU(keys))
			wm.bytes(3, packedU(vals))
			wm.bytes(8, packedS(refs))
			g.bytes(3, wm.b)
		}
		block(blockData, primitive(st, g.b))
	}
	if d.relations > 0 || len(d.rels) > 0 {
		st := newStrTable()
		var g pb
		for i := range d.relations {
			var rm pb
			rm.varint(1, uint64(i+1))
			g.bytes(4, rm.b)
		}
		for _, r := range d.rels {
			var keys, vals, roles, types []uint64
			var ids []int64
			for _, t := range r.tags {
				keys = append(keys, st.get(t.Key))
				vals = append(vals, st.get(t.Value))
			}
			var prev int64
			for _, m := range r.members {
				roles = append(roles, st.get(m.role))
				ids = append(ids, m.ref-prev)
				prev = m.ref
				types = append(types, map[string]uint64{"node": 0, "way": 1, "relation": 2}[m.typ])
			}
			var rm pb
			rm.varint(1, uint64(r.id))
			rm.bytes(2, packedU(keys))
			rm.bytes(3, packedU(vals))
			rm.bytes(8, packedU(roles))
			rm.bytes(9, packedS(ids))
			rm.bytes(10, packedU(types))
			g.bytes(4, rm.b)
		}
		block(blockData, primitive(st, g.b))
	}
	return out.Bytes()
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

// writeXML encodes d as OSM XML with coordinates at 7 decimals, as the PBF
// writer stores them.
func writeXML(d tData) []byte {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n")
	if d.bounds != nil {
		fmt.Fprintf(&b, " <bounds minlat=\"%.7f\" minlon=\"%.7f\" maxlat=\"%.7f\" maxlon=\"%.7f\"/>\n",
			d.bounds.MinLat, d.bounds.MinLon, d.bounds.MaxLat, d.bounds.MaxLon)
	}
	tags := func(ts []Tag) {
		for _, t := range ts {
			fmt.Fprintf(&b, "  <tag k=\"%s\" v=\"%s\"/>\n", html.EscapeString(t.Key), html.EscapeString(t.Value))
		}
	}
	for _, n := range d.nodes {
		fmt.Fprintf(&b, " <node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\">\n", n.id, n.lat, n.lon)
		tags(n.tags)
		b.WriteString(" </node>\n")
	}
	for _, w := range d.ways {
		fmt.Fprintf(&b, " <way id=\"%d\">\n", w.id)
		for _, r := range w.refs {
			fmt.Fprintf(&b, "  <nd ref=\"%d\"/>\n", r)
		}
		tags(w.tags)
		b.WriteString(" </way>\n")
	}
	for i := range d.relations {
		fmt.Fprintf(&b, " <relation id=\"%d\"/>\n", i+1)
	}
	for _, r := range d.rels {
		fmt.Fprintf(&b, " <relation id=\"%d\">\n", r.id)
		for _, m := range r.members {
			fmt.Fprintf(&b, "  <member type=\"%s\" ref=\"%d\" role=\"%s\"/>\n", m.typ, m.ref, html.EscapeString(m.role))
		}
		tags(r.tags)
		b.WriteString(" </relation>\n")
	}
	b.WriteString("</osm>\n")
	return []byte(b.String())
}

// sampleData is a small data set with streets, a ferry, points of interest
// and a missing node reference.
func sampleData() tData {
	tg := func(kv ...string) []Tag {
		var ts []Tag
		for i := 0; i+1 < len(kv); i += 2 {
			ts = append(ts, Tag{Key: kv[i], Value: kv[i+1]})
		}
		return ts
	}
	return tData{
		bounds: &Bounds{MinLon: 23.6, MinLat: 61.4, MaxLon: 23.9, MaxLat: 61.6},
		nodes: []tNode{
			{id: 1, lat: 61.5, lon: 23.7},
			{id: 2, lat: 61.501, lon: 23.7},
			{id: 3, lat: 61.502, lon: 23.7015},
			{id: 4, lat: 61.5031234, lon: 23.7009876},
			{id: 7, lat: 61.55, lon: 23.8, tags: tg("amenity", "library", "name", "Kirjasto")},
			{id: 8, lat: 61.56, lon: 23.81, tags: tg("shop", "kiosk")},
			{id: 10, lat: -33.5, lon: -70.25}, // negative coordinates
			{id: 11, lat: -33.501, lon: -70.251},
		},
		ways: []tWay{
			{id: 100, refs: []int64{1, 2, 3}, tags: tg("highway", "primary", "maxspeed", "60", "surface", "asphalt", "name", "Hämeenkatu")},
			{id: 101, refs: []int64{3, 4, 99}, tags: tg("highway", "service", "service", "driveway")},
			{id: 102, refs: []int64{4, 1}, tags: tg("route", "ferry", "duration", "0:10")},
			{id: 103, refs: []int64{1, 2}, tags: tg("building", "yes")},
			{id: 104, refs: []int64{10, 11}, tags: tg("highway", "track")},
		},
		relations: 2,
	}
}
