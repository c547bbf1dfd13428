package osm

import (
	"fmt"
	"slices"
)

// This file decodes PrimitiveBlock messages (the OSMData blocks of a PBF
// file): ways in pass 1, nodes in pass 2. Elements not needed in a pass
// are skipped at the wire level without being decoded.

// wayBatch is what pass 1 keeps of one block (PBF) or run of ways (XML).
type wayBatch struct {
	ways      []Way
	poiWays   []poiWay
	hasNodes  bool  // the block holds nodes (read again in pass 2)
	nWays     int64 // ways read, kept or not
	nRelation int64 // relations seen
	nOutside  int   // streets and points of interest left out by the clip
	rels      relBatch
}

// poiWay is a closed way tagged as a point of interest.
type poiWay struct {
	id         int64
	kind, name string
	nodes      []int64
}

// nodeBatch is what pass 2 keeps of one block or run of nodes.
type nodeBatch struct {
	idx      []int // positions in the needed ids
	lon, lat []float64
	pois     []POI
	nNodes   int64
}

// Key classes of string table entries, computed lazily per block.
const (
	kcKeep    = 1 << iota // KeepKey
	kcHighway             // "highway"
	kcRoute               // "route"
	kcPOI                 // may make a point of interest
	kcName                // "name"
	kcDone    = 1 << 7    // class computed
)

func keyClass(k string) uint8 {
	c := uint8(kcDone)
	if KeepKey(k) {
		c |= kcKeep
	}
	switch {
	case k == "highway":
		c |= kcHighway
	case k == "route":
		c |= kcRoute
	case k == "name":
		c |= kcName
	case isPOIKey(k):
		c |= kcPOI
	}
	return c
}

// blockDecoder decodes blocks for one worker, reusing scratch buffers.
type blockDecoder struct {
	z        inflater
	skipPOIs bool
	in       interner

	// current block
	strs           [][]byte
	kc             []uint8
	gran           int64
	latOff, lonOff int64
	groups         [][]byte

	// scratch
	keys, vals, refs, ids, lats, lons, kv []uint64
	roles, memIDs, memTypes               []uint64

	// clip filters: ways need a node in inside (pass 1), points of
	// interest must lie in clip (pass 2); nil when not clipping.
	inside *idSet
	clip   *Clip

	// pass 2 lookup of needed ids
	needed []int64
	cur    int
	prev   int64

	// pass 1 scratch arenas of the current block
	ways      []Way
	poiWays   []poiWay
	nodeArena []int64
	tagArena  []Tag
	wayNodes  [][2]int
	wayTags   [][2]int
	poiNodes  [][2]int
	outside   int
}

func newBlockDecoder(skipPOIs bool) *blockDecoder {
	return &blockDecoder{skipPOIs: skipPOIs, in: make(interner)}
}

// parseBlock reads the string table, coordinate offsets and groups of a
// PrimitiveBlock.
func (d *blockDecoder) parseBlock(data []byte) error {
	d.strs, d.groups = d.strs[:0], d.groups[:0]
	d.gran, d.latOff, d.lonOff = 100, 0, 0
	f := newFields(data)
	for f.next() {
		switch f.num {
		case 1:
			st, err := f.bytesField()
			if err != nil {
				return fmt.Errorf("%w: string table: %v", ErrCorrupt, err)
			}
			g := newFields(st)
			for g.next() {
				if g.num != 1 {
					continue
				}
				s, err := g.bytesField()
				if err != nil {
					return fmt.Errorf("%w: string table: %v", ErrCorrupt, err)
				}
				d.strs = append(d.strs, s)
			}
			if g.err != nil {
				return fmt.Errorf("%w: string table: %v", ErrCorrupt, g.err)
			}
		case 2:
			g, err := f.bytesField()
			if err != nil {
				return fmt.Errorf("%w: primitive group: %v", ErrCorrupt, err)
			}
			d.groups = append(d.groups, g)
		case 17:
			v, err := f.varintField()
			if err != nil {
				return fmt.Errorf("%w: granularity: %v", ErrCorrupt, err)
			}
			d.gran = int64(int32(v))
			if d.gran <= 0 {
				return fmt.Errorf("%w: granularity %d", ErrCorrupt, d.gran)
			}
		case 19:
			v, err := f.varintField()
			if err != nil {
				return fmt.Errorf("%w: lat_offset: %v", ErrCorrupt, err)
			}
			d.latOff = int64(v)
		case 20:
			v, err := f.varintField()
			if err != nil {
				return fmt.Errorf("%w: lon_offset: %v", ErrCorrupt, err)
			}
			d.lonOff = int64(v)
		}
	}
	if f.err != nil {
		return fmt.Errorf("%w: block: %v", ErrCorrupt, f.err)
	}
	d.kc = slices.Grow(d.kc[:0], len(d.strs))[:len(d.strs)]
	clear(d.kc)
	return nil
}

// class returns the key class of string i, which the caller has checked
// to be in range.
func (d *blockDecoder) class(i uint64) uint8 {
	c := d.kc[i]
	if c == 0 {
		c = keyClass(string(d.strs[i]))
		d.kc[i] = c
	}
	return c
}

// str checks a string table index.
func (d *blockDecoder) str(i uint64) ([]byte, error) {
	if i >= uint64(len(d.strs)) {
		return nil, fmt.Errorf("%w: string index %d out of range (table has %d)", ErrCorrupt, i, len(d.strs))
	}
	return d.strs[i], nil
}

// decodeWays is pass 1 on one Blob: it keeps ways and notes whether the
// block holds nodes.
func (d *blockDecoder) decodeWays(blob []byte) (*wayBatch, error) {
	data, err := d.z.blobData(blob)
	if err != nil {
		return nil, err
	}
	if err := d.parseBlock(data); err != nil {
		return nil, err
	}
	out := &wayBatch{}
	d.nodeArena, d.tagArena = d.nodeArena[:0], d.tagArena[:0]
	d.wayNodes, d.wayTags, d.poiNodes = d.wayNodes[:0], d.wayTags[:0], d.poiNodes[:0]
	d.ways, d.poiWays = d.ways[:0], d.poiWays[:0]
	d.outside = 0
	for _, g := range d.groups {
		f := newFields(g)
		for f.next() {
			switch f.num {
			case 1, 2:
				out.hasNodes = true
			case 3:
				w, err := f.bytesField()
				if err != nil {
					return nil, fmt.Errorf("%w: way: %v", ErrCorrupt, err)
				}
				out.nWays++
				if err := d.way(w); err != nil {
					return nil, err
				}
			case 4:
				r, err := f.bytesField()
				if err != nil {
					return nil, fmt.Errorf("%w: relation: %v", ErrCorrupt, err)
				}
				out.nRelation++
				if err := d.relation(r, &out.rels); err != nil {
					return nil, err
				}
			}
		}
		if f.err != nil {
			return nil, fmt.Errorf("%w: primitive group: %v", ErrCorrupt, f.err)
		}
	}
	out.nOutside = d.outside
	// The scratch arenas are complete: copy them into exactly sized
	// slices that the ways point into.
	nodes := slices.Clone(d.nodeArena)
	tags := slices.Clone(d.tagArena)
	out.ways = slices.Clone(d.ways)
	out.poiWays = slices.Clone(d.poiWays)
	for i, r := range d.wayNodes {
		out.ways[i].Nodes = nodes[r[0]:r[1]:r[1]]
	}
	for i, r := range d.wayTags {
		out.ways[i].Tags = tags[r[0]:r[1]:r[1]]
	}
	for i, r := range d.poiNodes {
		out.poiWays[i].nodes = nodes[r[0]:r[1]:r[1]]
	}
	return out, nil
}

// way decodes one Way message and keeps it when wanted.
func (d *blockDecoder) way(b []byte) error {
	var id int64
	d.keys, d.vals, d.refs = d.keys[:0], d.vals[:0], d.refs[:0]
	f := newFields(b)
	var err error
	for f.next() && err == nil {
		switch f.num {
		case 1:
			var v uint64
			v, err = f.varintField()
			id = int64(v)
		case 2:
			d.keys, err = f.appendVarints(d.keys)
		case 3:
			d.vals, err = f.appendVarints(d.vals)
		case 8:
			d.refs, err = f.appendVarints(d.refs)
		}
	}
	if err == nil {
		err = f.err
	}
	if err != nil {
		return fmt.Errorf("%w: way %d: %v", ErrCorrupt, id, err)
	}
	if len(d.keys) != len(d.vals) {
		return fmt.Errorf("%w: way %d: %d keys but %d values", ErrCorrupt, id, len(d.keys), len(d.vals))
	}
	street := false
	rank, kind, nameIdx := rankNone, "", uint64(0)
	for i, k := range d.keys {
		key, err := d.str(k)
		if err != nil {
			return fmt.Errorf("way %d: %w", id, err)
		}
		val, err := d.str(d.vals[i])
		if err != nil {
			return fmt.Errorf("way %d: %w", id, err)
		}
		c := d.class(k)
		switch {
		case c&kcHighway != 0:
			street = true
		case c&kcRoute != 0:
			if string(val) == "ferry" {
				street = true
			}
		case c&kcName != 0:
			nameIdx = d.vals[i]
		case c&kcPOI != 0 && !d.skipPOIs:
			if r := poiRank(string(key), string(val)); r < rank {
				rank, kind = r, string(key)+"="+string(val)
			}
		}
	}
	if !street && rank == rankNone {
		return nil
	}
	start := len(d.nodeArena)
	var ref int64
	for _, r := range d.refs {
		ref += zigzag(r)
		d.nodeArena = append(d.nodeArena, ref)
	}
	nodes := d.nodeArena[start:]
	if d.inside != nil && !d.inside.anyIn(nodes) {
		d.nodeArena = d.nodeArena[:start]
		d.outside++
		return nil
	}
	if street {
		ts := len(d.tagArena)
		for i, k := range d.keys {
			if d.class(k)&kcKeep != 0 {
				d.tagArena = append(d.tagArena, Tag{Key: d.in.bytes(d.strs[k]), Value: d.in.bytes(d.strs[d.vals[i]])})
			}
		}
		d.ways = append(d.ways, Way{ID: id})
		d.wayNodes = append(d.wayNodes, [2]int{start, len(d.nodeArena)})
		d.wayTags = append(d.wayTags, [2]int{ts, len(d.tagArena)})
	}
	if rank < rankNone && len(nodes) >= 4 && nodes[0] == nodes[len(nodes)-1] {
		name := ""
		if nameIdx > 0 {
			name = d.in.bytes(d.strs[nameIdx])
		}
		d.poiWays = append(d.poiWays, poiWay{id: id, kind: d.in.str(kind), name: name})
		d.poiNodes = append(d.poiNodes, [2]int{start, len(d.nodeArena)})
	}
	return nil
}

// relation decodes one Relation message and keeps it when it is a turn
// restriction. Members are decoded only for relations typed restriction.
func (d *blockDecoder) relation(b []byte, out *relBatch) error {
	var id int64
	d.keys, d.vals = d.keys[:0], d.vals[:0]
	d.roles, d.memIDs, d.memTypes = d.roles[:0], d.memIDs[:0], d.memTypes[:0]
	f := newFields(b)
	var err error
	for f.next() && err == nil {
		switch f.num {
		case 1:
			var v uint64
			v, err = f.varintField()
			id = int64(v)
		case 2:
			d.keys, err = f.appendVarints(d.keys)
		case 3:
			d.vals, err = f.appendVarints(d.vals)
		case 8:
			d.roles, err = f.appendVarints(d.roles)
		case 9:
			d.memIDs, err = f.appendVarints(d.memIDs)
		case 10:
			d.memTypes, err = f.appendVarints(d.memTypes)
		}
	}
	if err == nil {
		err = f.err
	}
	if err != nil {
		return fmt.Errorf("%w: relation %d: %v", ErrCorrupt, id, err)
	}
	if len(d.keys) != len(d.vals) {
		return fmt.Errorf("%w: relation %d: %d keys but %d values", ErrCorrupt, id, len(d.keys), len(d.vals))
	}
	restriction := false
	for i, k := range d.keys {
		key, err := d.str(k)
		if err != nil {
			return fmt.Errorf("relation %d: %w", id, err)
		}
		val, err := d.str(d.vals[i])
		if err != nil {
			return fmt.Errorf("relation %d: %w", id, err)
		}
		if string(key) == "type" && isRestrictionType(string(val)) {
			restriction = true
		}
	}
	if !restriction {
		return nil
	}
	if len(d.roles) != len(d.memIDs) || len(d.memTypes) != len(d.memIDs) {
		out.add(id, nil, relMalformed, fmt.Sprintf("%d member ids, %d roles, %d types", len(d.memIDs), len(d.roles), len(d.memTypes)), d.in)
		return nil
	}
	tags := make(Tags, len(d.keys))
	for i, k := range d.keys {
		tags[i] = Tag{Key: d.in.bytes(d.strs[k]), Value: d.in.bytes(d.strs[d.vals[i]])}
	}
	members := make([]relMember, len(d.memIDs))
	var ref int64
	for i, m := range d.memIDs {
		ref += zigzag(m)
		role, err := d.str(d.roles[i])
		if err != nil {
			out.add(id, nil, relMalformed, "member role: "+err.Error(), d.in)
			return nil
		}
		typ := d.memTypes[i]
		if typ > memberRelation {
			out.add(id, nil, relMalformed, fmt.Sprintf("member type %d", typ), d.in)
			return nil
		}
		members[i] = relMember{typ: uint8(typ), ref: ref, role: d.in.bytes(role)}
	}
	rs, outcome, msg := carRestriction(id, tags, members)
	out.add(id, rs, outcome, msg, d.in)
	return nil
}

// decodeNodes is pass 2 on one Blob: it keeps the coordinates of needed
// nodes and the nodes that are points of interest.
func (d *blockDecoder) decodeNodes(blob []byte, needed []int64) (*nodeBatch, error) {
	data, err := d.z.blobData(blob)
	if err != nil {
		return nil, err
	}
	if err := d.parseBlock(data); err != nil {
		return nil, err
	}
	d.needed, d.cur, d.prev = needed, -1, 0
	out := &nodeBatch{}
	for _, g := range d.groups {
		f := newFields(g)
		for f.next() {
			switch f.num {
			case 1:
				b, err := f.bytesField()
				if err == nil {
					err = d.node(b, out)
				}
				if err != nil {
					return nil, err
				}
			case 2:
				b, err := f.bytesField()
				if err == nil {
					err = d.dense(b, out)
				}
				if err != nil {
					return nil, err
				}
			}
		}
		if f.err != nil {
			return nil, fmt.Errorf("%w: primitive group: %v", ErrCorrupt, f.err)
		}
	}
	return out, nil
}

// find returns the position of id in the needed ids, or -1. Node ids in a
// block usually ascend, so it walks forward from the previous hit and only
// binary searches when the order breaks.
func (d *blockDecoder) find(id int64) int {
	n := d.needed
	if d.cur < 0 || id < d.prev {
		d.cur, _ = slices.BinarySearch(n, id)
	} else {
		for d.cur < len(n) && n[d.cur] < id {
			d.cur++
		}
	}
	d.prev = id
	if d.cur < len(n) && n[d.cur] == id {
		return d.cur
	}
	return -1
}

// keep records node id at the given raw coordinates.
func (d *blockDecoder) keep(id, lat, lon int64, out *nodeBatch) (float64, float64, error) {
	lo, la, err := d.coord(id, lat, lon)
	if err != nil {
		return 0, 0, err
	}
	out.nNodes++
	if i := d.find(id); i >= 0 {
		out.idx = append(out.idx, i)
		out.lon = append(out.lon, lo)
		out.lat = append(out.lat, la)
	}
	return lo, la, nil
}

// poiTag reads one tag of a node (key and value string indices), keeping
// the best point-of-interest kind so far in rank and kind and the name.
func (d *blockDecoder) poiTag(k, v uint64, rank *int, kind, name *string) error {
	key, err := d.str(k)
	if err != nil {
		return err
	}
	val, err := d.str(v)
	if err != nil {
		return err
	}
	c := d.class(k)
	switch {
	case c&kcName != 0:
		*name = string(val)
	case c&kcPOI != 0:
		if r := poiRank(string(key), string(val)); r < *rank {
			*rank, *kind = r, d.in.str(string(key)+"="+string(val))
		}
	}
	return nil
}

// node decodes a (non-dense) Node message.
func (d *blockDecoder) node(b []byte, out *nodeBatch) error {
	var id, lat, lon int64
	d.keys, d.vals = d.keys[:0], d.vals[:0]
	f := newFields(b)
	var err error
	for f.next() && err == nil {
		var v uint64
		switch f.num {
		case 1:
			v, err = f.varintField()
			id = zigzag(v)
		case 2:
			d.keys, err = f.appendVarints(d.keys)
		case 3:
			d.vals, err = f.appendVarints(d.vals)
		case 8:
			v, err = f.varintField()
			lat = zigzag(v)
		case 9:
			v, err = f.varintField()
			lon = zigzag(v)
		}
	}
	if err == nil {
		err = f.err
	}
	if err != nil {
		return fmt.Errorf("%w: node %d: %v", ErrCorrupt, id, err)
	}
	if len(d.keys) != len(d.vals) {
		return fmt.Errorf("%w: node %d: %d keys but %d values", ErrCorrupt, id, len(d.keys), len(d.vals))
	}
	lo, la, err := d.keep(id, lat, lon, out)
	if err != nil || d.skipPOIs {
		return err
	}
	rank, kind, name := rankNone, "", ""
	for i, k := range d.keys {
		if err := d.poiTag(k, d.vals[i], &rank, &kind, &name); err != nil {
			return fmt.Errorf("node %d: %w", id, err)
		}
	}
	if rank < rankNone && (d.clip == nil || d.clip.contains(lo, la)) {
		out.pois = append(out.pois, POI{ID: id, Kind: kind, Name: name, Lon: lo, Lat: la})
	}
	return nil
}

// dense decodes a DenseNodes message: ids and coordinates delta-coded,
// tags as one run of key, value, ..., 0 per node.
func (d *blockDecoder) dense(b []byte, out *nodeBatch) error {
	d.ids, d.lats, d.lons, d.kv = d.ids[:0], d.lats[:0], d.lons[:0], d.kv[:0]
	f := newFields(b)
	var err error
	for f.next() && err == nil {
		switch f.num {
		case 1:
			d.ids, err = f.appendVarints(d.ids)
		case 8:
			d.lats, err = f.appendVarints(d.lats)
		case 9:
			d.lons, err = f.appendVarints(d.lons)
		case 10:
			if !d.skipPOIs {
				d.kv, err = f.appendVarints(d.kv)
			}
		}
	}
	if err == nil {
		err = f.err
	}
	if err != nil {
		return fmt.Errorf("%w: dense nodes: %v", ErrCorrupt, err)
	}
	if len(d.lats) != len(d.ids) || len(d.lons) != len(d.ids) {
		return fmt.Errorf("%w: dense nodes: %d ids, %d latitudes, %d longitudes", ErrCorrupt, len(d.ids), len(d.lats), len(d.lons))
	}
	var id, lat, lon int64
	kv := d.kv
	out.idx = slices.Grow(out.idx, len(d.ids))
	out.lon = slices.Grow(out.lon, len(d.ids))
	out.lat = slices.Grow(out.lat, len(d.ids))
	for i := range d.ids {
		id += zigzag(d.ids[i])
		lat += zigzag(d.lats[i])
		lon += zigzag(d.lons[i])
		lo, la, err := d.keep(id, lat, lon, out)
		if err != nil {
			return err
		}
		if len(kv) == 0 {
			continue
		}
		rank, kind, name := rankNone, "", ""
		for len(kv) > 0 {
			k := kv[0]
			kv = kv[1:]
			if k == 0 {
				break
			}
			if len(kv) == 0 {
				return fmt.Errorf("%w: dense node %d: key without a value", ErrCorrupt, id)
			}
			v := kv[0]
			kv = kv[1:]
			if err := d.poiTag(k, v, &rank, &kind, &name); err != nil {
				return fmt.Errorf("dense node %d: %w", id, err)
			}
		}
		if rank < rankNone && (d.clip == nil || d.clip.contains(lo, la)) {
			out.pois = append(out.pois, POI{ID: id, Kind: kind, Name: name, Lon: lo, Lat: la})
		}
	}
	return nil
}
