package osm

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// xmlBatch is the number of elements handed on at a time.
const xmlBatch = 4096

// xmlReader reads OSM XML in two passes over a stream that open restarts
// from the beginning.
type xmlReader struct {
	name   string
	open   func() (io.Reader, error)
	bounds Bounds
	hasBB  bool
	clip   *Clip  // Options.Clip, nil when not clipping
	inside *idSet // nodes inside clip, from pass0
}

func (x *xmlReader) headerBounds() (Bounds, bool) { return x.bounds, x.hasBB }

// xmlScan walks the children of the <osm> root element.
type xmlScan struct {
	name string
	dec  *xml.Decoder
	line int // line of the element being read
}

func (x *xmlReader) start() (*xmlScan, error) {
	r, err := x.open()
	if err != nil {
		return nil, err
	}
	s := &xmlScan{name: x.name, dec: xml.NewDecoder(r)}
	for {
		tok, err := s.dec.Token()
		if err == io.EOF {
			return nil, fileError(x.name, fmt.Errorf("%w: no root element", ErrNotOSM))
		}
		if err != nil {
			return nil, s.err(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local != "osm" {
				return nil, fileError(x.name, fmt.Errorf("%w: XML root element is <%s>, want <osm>", ErrNotOSM, se.Name.Local))
			}
			return s, nil
		}
	}
}

// err wraps a decoding error with the current line.
func (s *xmlScan) err(err error) error {
	line := s.line
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line = se.Line
		err = fmt.Errorf("%w: XML syntax: %s", ErrCorrupt, se.Msg)
	} else if line == 0 {
		line, _ = s.dec.InputPos()
	}
	return &Error{File: s.name, Line: line, Offset: -1, Err: err}
}

func (s *xmlScan) elemErr(elem string, err error) error {
	return &Error{File: s.name, Line: s.line, Offset: -1, Element: elem, Err: err}
}

// next returns the next child element of the root, or io.EOF after </osm>.
func (s *xmlScan) next(ctx context.Context) (xml.StartElement, error) {
	for {
		if err := ctx.Err(); err != nil {
			return xml.StartElement{}, fileError(s.name, err)
		}
		s.line = 0
		tok, err := s.dec.Token()
		if err == io.EOF {
			return xml.StartElement{}, s.err(fmt.Errorf("%w: file ends before </osm>", ErrCorrupt))
		}
		if err != nil {
			return xml.StartElement{}, s.err(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s.line, _ = s.dec.InputPos()
			return t, nil
		case xml.EndElement:
			return xml.StartElement{}, io.EOF // the root ends
		}
	}
}

func attr(se xml.StartElement, name string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// deleted reports elements that an editor marked as removed.
func deleted(se xml.StartElement) bool {
	a, _ := attr(se, "action")
	v, _ := attr(se, "visible")
	return a == "delete" || v == "false"
}

func intAttr(se xml.StartElement, name string) (int64, error) {
	v, ok := attr(se, name)
	if !ok {
		return 0, fmt.Errorf("%w: <%s> without %s", ErrCorrupt, se.Name.Local, name)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: <%s> %s=%q is not an integer", ErrCorrupt, se.Name.Local, name, v)
	}
	return n, nil
}

func floatAttr(se xml.StartElement, name string, limit float64) (float64, error) {
	v, ok := attr(se, name)
	if !ok {
		return 0, fmt.Errorf("%w: <%s> without %s", ErrCorrupt, se.Name.Local, name)
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || !(f >= -limit && f <= limit) {
		return 0, fmt.Errorf("%w: <%s> %s=%q is not a coordinate", ErrCorrupt, se.Name.Local, name, v)
	}
	return f, nil
}

// children reads the <nd> and <tag> children of a node or way up to its
// end tag, skipping anything else.
func (s *xmlScan) children(nd func(ref int64), tag func(k, v string)) error {
	for {
		tok, err := s.dec.Token()
		if err != nil {
			return s.err(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch t.Name.Local {
			case "nd":
				ref, err := intAttr(t, "ref")
				if err != nil {
					line, _ := s.dec.InputPos()
					return &Error{File: s.name, Line: line, Offset: -1, Err: err}
				}
				nd(ref)
			case "tag":
				k, _ := attr(t, "k")
				v, _ := attr(t, "v")
				tag(k, v)
			}
			if err := s.dec.Skip(); err != nil {
				return s.err(err)
			}
		}
	}
}

// pass1 reads the ways.
func (x *xmlReader) pass1(ctx context.Context, skipPOIs bool, emit func(*wayBatch) error) error {
	s, err := x.start()
	if err != nil {
		return err
	}
	in := make(interner)
	b := &wayBatch{}
	var nodes []int64
	var tags Tags
	for {
		se, err := s.next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch se.Name.Local {
		case "bounds":
			bb, err := xmlBounds(se)
			if err != nil {
				return s.elemErr("bounds", err)
			}
			x.bounds, x.hasBB = bb, !bb.Empty()
		case "node":
			b.hasNodes = true
		case "relation":
			b.nRelation++
			if deleted(se) {
				break
			}
			if err := s.relation(se, &b.rels, in); err != nil {
				return err
			}
			continue
		case "way":
			if deleted(se) {
				break
			}
			id, err := intAttr(se, "id")
			if err != nil {
				return s.elemErr("way", err)
			}
			b.nWays++
			nodes, tags = nodes[:0], tags[:0]
			err = s.children(func(ref int64) { nodes = append(nodes, ref) },
				func(k, v string) { tags = append(tags, Tag{Key: k, Value: v}) })
			if err != nil {
				return err
			}
			if x.inside != nil && !x.inside.anyIn(nodes) {
				if _, street := tags.Find("highway"); street || tags.Get("route") == "ferry" || (!skipPOIs && POIKind(tags) != "") {
					b.nOutside++
				}
				continue
			}
			keepWay(b, id, nodes, tags, skipPOIs, in)
			if len(b.ways)+len(b.poiWays) >= xmlBatch {
				if err := emit(b); err != nil {
					return err
				}
				b = &wayBatch{}
			}
			continue
		}
		if err := s.dec.Skip(); err != nil {
			return s.err(err)
		}
	}
	return emit(b)
}

// relation reads a <relation> up to its end tag and keeps it when it is a
// turn restriction. A member that cannot be read makes the restriction
// malformed, not the file.
func (s *xmlScan) relation(se xml.StartElement, b *relBatch, in interner) error {
	id, idErr := intAttr(se, "id")
	var tags Tags
	var members []relMember
	bad := ""
	for {
		tok, err := s.dec.Token()
		if err != nil {
			return s.err(err)
		}
		if _, ok := tok.(xml.EndElement); ok {
			break
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch t.Name.Local {
		case "tag":
			k, _ := attr(t, "k")
			v, _ := attr(t, "v")
			tags = append(tags, Tag{Key: k, Value: v})
		case "member":
			typ, _ := attr(t, "type")
			role, _ := attr(t, "role")
			ref, err := intAttr(t, "ref")
			m := relMember{ref: ref, role: role}
			switch typ {
			case "node":
				m.typ = memberNode
			case "way":
				m.typ = memberWay
			case "relation":
				m.typ = memberRelation
			default:
				if bad == "" {
					bad = "member type " + strconv.Quote(typ)
				}
			}
			if err != nil && bad == "" {
				bad = "member without an integer ref"
			}
			members = append(members, m)
		}
		if err := s.dec.Skip(); err != nil {
			return s.err(err)
		}
	}
	if !isRestrictionType(tags.Get("type")) {
		return nil
	}
	if idErr != nil {
		bad = "relation without an integer id"
	}
	if bad != "" {
		b.add(id, nil, relMalformed, bad, in)
		return nil
	}
	rs, outcome, msg := carRestriction(id, tags, members)
	b.add(id, rs, outcome, msg, in)
	return nil
}

// keepWay adds a way read from XML to the batch when it is a street, a
// ferry or a point of interest.
func keepWay(b *wayBatch, id int64, nodes []int64, tags Tags, skipPOIs bool, in interner) {
	street := false
	if _, ok := tags.Find("highway"); ok {
		street = true
	}
	if tags.Get("route") == "ferry" {
		street = true
	}
	kind := ""
	if !skipPOIs {
		kind = POIKind(tags)
	}
	if !street && kind == "" {
		return
	}
	ns := slices.Clone(nodes)
	if street {
		var kept Tags
		for _, t := range tags {
			if KeepKey(t.Key) {
				kept = append(kept, Tag{Key: in.str(t.Key), Value: in.str(t.Value)})
			}
		}
		b.ways = append(b.ways, Way{ID: id, Nodes: ns, Tags: kept})
	}
	if kind != "" && len(ns) >= 4 && ns[0] == ns[len(ns)-1] {
		b.poiWays = append(b.poiWays, poiWay{id: id, kind: in.str(kind), name: tags.Get("name"), nodes: ns})
	}
}

func xmlBounds(se xml.StartElement) (Bounds, error) {
	var b Bounds
	var err error
	for _, f := range []struct {
		name  string
		dst   *float64
		limit float64
	}{{"minlon", &b.MinLon, 180}, {"minlat", &b.MinLat, 90}, {"maxlon", &b.MaxLon, 180}, {"maxlat", &b.MaxLat, 90}} {
		if *f.dst, err = floatAttr(se, f.name, f.limit); err != nil {
			return b, err
		}
	}
	b.FromHeader = true
	return b, nil
}

// pass2 reads the nodes.
func (x *xmlReader) pass2(ctx context.Context, needed []int64, skipPOIs bool, emit func(*nodeBatch) error) error {
	s, err := x.start()
	if err != nil {
		return err
	}
	b := &nodeBatch{}
	var tags Tags
	for {
		se, err := s.next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if se.Name.Local != "node" || deleted(se) {
			if err := s.dec.Skip(); err != nil {
				return s.err(err)
			}
			continue
		}
		id, err := intAttr(se, "id")
		if err != nil {
			return s.elemErr("node", err)
		}
		elem := "node " + strconv.FormatInt(id, 10)
		lat, err := floatAttr(se, "lat", 90)
		if err != nil {
			return s.elemErr(elem, err)
		}
		lon, err := floatAttr(se, "lon", 180)
		if err != nil {
			return s.elemErr(elem, err)
		}
		tags = tags[:0]
		err = s.children(func(int64) {}, func(k, v string) { tags = append(tags, Tag{Key: k, Value: v}) })
		if err != nil {
			return err
		}
		b.nNodes++
		if i, ok := slices.BinarySearch(needed, id); ok {
			b.idx = append(b.idx, i)
			b.lon = append(b.lon, lon)
			b.lat = append(b.lat, lat)
		}
		if !skipPOIs && (x.clip == nil || x.clip.contains(lon, lat)) {
			if kind := POIKind(tags); kind != "" {
				b.pois = append(b.pois, POI{ID: id, Kind: kind, Name: tags.Get("name"), Lon: lon, Lat: lat})
			}
		}
		if len(b.idx)+len(b.pois) >= xmlBatch {
			if err := emit(b); err != nil {
				return err
			}
			b = &nodeBatch{}
		}
	}
	return emit(b)
}

// pass0 reads the nodes and keeps the ids of those inside clip.
func (x *xmlReader) pass0(ctx context.Context, clip *Clip, emit func(*insideBatch) error) error {
	s, err := x.start()
	if err != nil {
		return err
	}
	b := &insideBatch{}
	for {
		se, err := s.next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if se.Name.Local == "relation" {
			b.nRelation++
		}
		if se.Name.Local != "node" || deleted(se) {
			if err := s.dec.Skip(); err != nil {
				return s.err(err)
			}
			continue
		}
		id, err := intAttr(se, "id")
		if err != nil {
			return s.elemErr("node", err)
		}
		elem := "node " + strconv.FormatInt(id, 10)
		lat, err := floatAttr(se, "lat", 90)
		if err != nil {
			return s.elemErr(elem, err)
		}
		lon, err := floatAttr(se, "lon", 180)
		if err != nil {
			return s.elemErr(elem, err)
		}
		if err := s.dec.Skip(); err != nil {
			return s.err(err)
		}
		b.nNodes++
		if clip.contains(lon, lat) {
			b.ids = append(b.ids, id)
		}
		if len(b.ids) >= xmlBatch {
			if err := emit(b); err != nil {
				return err
			}
			b = &insideBatch{}
		}
	}
	return emit(b)
}

func (x *xmlReader) setClip(clip *Clip, inside *idSet) { x.clip, x.inside = clip, inside }
