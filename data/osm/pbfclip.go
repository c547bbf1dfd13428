package osm

import (
	"context"
	"fmt"
)

// This file is the clip pass over a PBF file (see Options.Clip): it
// decodes only node ids and coordinates and keeps the ids of the nodes
// inside the area. It also notes which blocks hold nodes and which hold
// ways or relations, so that the way pass reads only those.

// pass0 reads every block, keeping the ids of the nodes inside clip.
func (p *pbfReader) pass0(ctx context.Context, clip *Clip, emit func(*insideBatch) error) error {
	f := p.file
	if err := f.seek(0); err != nil {
		return err
	}
	produce := p.scanBlocks
	newWorker := func() blockWorker[*insideBatch] {
		d := newBlockDecoder(true)
		return func(blob []byte) (*insideBatch, error) { return d.decodeInside(blob, clip) }
	}
	p.scanned = true
	return runBlocks(ctx, p.workers, f.name, produce, newWorker, func(b pbfBlock, ib *insideBatch) error {
		if ib.hasNodes {
			p.nodeBlocks = append(p.nodeBlocks, b)
		}
		if ib.hasWays {
			p.wayBlocks = append(p.wayBlocks, b)
		}
		return emit(ib)
	})
}

// decodeInside decodes the nodes of one Blob and keeps the ids of those
// inside clip.
func (d *blockDecoder) decodeInside(blob []byte, clip *Clip) (*insideBatch, error) {
	data, err := d.z.blobData(blob)
	if err != nil {
		return nil, err
	}
	if err := d.parseBlock(data); err != nil {
		return nil, err
	}
	out := &insideBatch{}
	for _, g := range d.groups {
		f := newFields(g)
		for f.next() {
			switch f.num {
			case 1:
				out.hasNodes = true
				b, err := f.bytesField()
				if err == nil {
					err = d.insideNode(b, clip, out)
				}
				if err != nil {
					return nil, err
				}
			case 2:
				out.hasNodes = true
				b, err := f.bytesField()
				if err == nil {
					err = d.insideDense(b, clip, out)
				}
				if err != nil {
					return nil, err
				}
			case 3:
				out.hasWays = true
			case 4:
				out.hasWays = true // turn restrictions are read in pass 1
				out.nRelation++
			}
		}
		if f.err != nil {
			return nil, fmt.Errorf("%w: primitive group: %v", ErrCorrupt, f.err)
		}
	}
	return out, nil
}

// coord converts raw block coordinates to degrees as keep does, checking
// their range.
func (d *blockDecoder) coord(id, lat, lon int64) (float64, float64, error) {
	la := float64(d.latOff+d.gran*lat) / 1e9
	lo := float64(d.lonOff+d.gran*lon) / 1e9
	if !(la >= -90 && la <= 90 && lo >= -180 && lo <= 180) {
		return 0, 0, fmt.Errorf("%w: node %d: coordinates (%g, %g) out of range", ErrCorrupt, id, lo, la)
	}
	return lo, la, nil
}

// insideNode decodes a (non-dense) Node message.
func (d *blockDecoder) insideNode(b []byte, clip *Clip, out *insideBatch) error {
	var id, lat, lon int64
	f := newFields(b)
	var err error
	for f.next() && err == nil {
		var v uint64
		switch f.num {
		case 1:
			v, err = f.varintField()
			id = zigzag(v)
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
	lo, la, err := d.coord(id, lat, lon)
	if err != nil {
		return err
	}
	out.nNodes++
	if clip.contains(lo, la) {
		out.ids = append(out.ids, id)
	}
	return nil
}

// insideDense decodes a DenseNodes message, ignoring tags.
func (d *blockDecoder) insideDense(b []byte, clip *Clip, out *insideBatch) error {
	d.ids, d.lats, d.lons = d.ids[:0], d.lats[:0], d.lons[:0]
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
	for i := range d.ids {
		id += zigzag(d.ids[i])
		lat += zigzag(d.lats[i])
		lon += zigzag(d.lons[i])
		lo, la, err := d.coord(id, lat, lon)
		if err != nil {
			return err
		}
		out.nNodes++
		if clip.contains(lo, la) {
			out.ids = append(out.ids, id)
		}
	}
	return nil
}
