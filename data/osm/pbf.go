package osm

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// PBF file layout: a sequence of blocks, each a 4-byte big-endian length,
// a BlobHeader message of that length (type, datasize), then a Blob message
// of datasize bytes holding the raw or compressed block.
const (
	maxBlobHeaderSize = 64 << 10
	maxBlobSize       = 32 << 20
	blockHeader       = "OSMHeader"
	blockData         = "OSMData"
)

// pbfBlock locates one block of a PBF file.
type pbfBlock struct {
	offset  int64 // start of the block (its length prefix)
	dataOff int64 // start of the Blob message
	dataLen int   // length of the Blob message
	typ     string
}

// pbfFile reads the block framing of a PBF file.
type pbfFile struct {
	r    io.ReadSeeker
	name string
	size int64
	pos  int64 // current read position
}

func newPBFFile(r io.ReadSeeker, name string) (*pbfFile, error) {
	size, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, fileError(name, fmt.Errorf("cannot seek: %w", err))
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fileError(name, fmt.Errorf("cannot seek: %w", err))
	}
	return &pbfFile{r: r, name: name, size: size}, nil
}

func (f *pbfFile) seek(off int64) error {
	if off == f.pos {
		return nil
	}
	if _, err := f.r.Seek(off, io.SeekStart); err != nil {
		return fileError(f.name, fmt.Errorf("cannot seek to byte %d: %w", off, err))
	}
	f.pos = off
	return nil
}

func (f *pbfFile) readFull(buf []byte) error {
	n, err := io.ReadFull(f.r, buf)
	f.pos += int64(n)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return fileError(f.name, fmt.Errorf("%w at byte %d: file ends early", ErrTruncated, f.pos))
		}
		return fileError(f.name, fmt.Errorf("read error at byte %d: %w", f.pos, err))
	}
	return nil
}

func (f *pbfFile) truncated(blockStart int64, need int64) error {
	return fileError(f.name, fmt.Errorf("%w at byte %d: the block starting at byte %d needs %d more bytes",
		ErrTruncated, f.size, blockStart, need))
}

// nextBlock reads the framing of the block at the current position and
// returns it with the Blob bytes (read into a new slice). At the clean end
// of the file it returns io.EOF.
func (f *pbfFile) nextBlock() (pbfBlock, []byte, error) {
	start := f.pos
	if start >= f.size {
		return pbfBlock{}, nil, io.EOF
	}
	if rem := f.size - start; rem < 4 {
		return pbfBlock{}, nil, f.truncated(start, 4-rem)
	}
	var lenBuf [4]byte
	if err := f.readFull(lenBuf[:]); err != nil {
		return pbfBlock{}, nil, err
	}
	hlen := int64(binary.BigEndian.Uint32(lenBuf[:]))
	if hlen == 0 || hlen >= maxBlobHeaderSize {
		return pbfBlock{}, nil, &Error{File: f.name, Offset: start,
			Err: fmt.Errorf("%w: block header length %d (want 1..%d)", ErrCorrupt, hlen, maxBlobHeaderSize-1)}
	}
	if rem := f.size - f.pos; rem < hlen {
		return pbfBlock{}, nil, f.truncated(start, hlen-rem)
	}
	hdr := make([]byte, hlen)
	if err := f.readFull(hdr); err != nil {
		return pbfBlock{}, nil, err
	}
	typ, dlen, err := parseBlobHeader(hdr)
	if err != nil {
		return pbfBlock{}, nil, &Error{File: f.name, Offset: start, Err: err}
	}
	if rem := f.size - f.pos; rem < dlen {
		return pbfBlock{}, nil, f.truncated(start, dlen-rem)
	}
	b := pbfBlock{offset: start, dataOff: f.pos, dataLen: int(dlen), typ: typ}
	blob := make([]byte, dlen)
	if err := f.readFull(blob); err != nil {
		return pbfBlock{}, nil, err
	}
	return b, blob, nil
}

// readBlob reads the Blob bytes of a block located by an earlier pass.
func (f *pbfFile) readBlob(b pbfBlock) ([]byte, error) {
	if err := f.seek(b.dataOff); err != nil {
		return nil, err
	}
	if rem := f.size - f.pos; rem < int64(b.dataLen) {
		return nil, f.truncated(b.offset, int64(b.dataLen)-rem)
	}
	blob := make([]byte, b.dataLen)
	if err := f.readFull(blob); err != nil {
		return nil, err
	}
	return blob, nil
}

// parseBlobHeader returns the block type and the Blob length.
func parseBlobHeader(b []byte) (typ string, datasize int64, err error) {
	f := newFields(b)
	var haveSize bool
	for f.next() {
		switch f.num {
		case 1:
			t, err := f.bytesField()
			if err != nil {
				return "", 0, fmt.Errorf("%w: block header: %v", ErrCorrupt, err)
			}
			typ = string(t)
		case 3:
			v, err := f.varintField()
			if err != nil {
				return "", 0, fmt.Errorf("%w: block header: %v", ErrCorrupt, err)
			}
			datasize, haveSize = int64(int32(v)), true
		}
	}
	if f.err != nil {
		return "", 0, fmt.Errorf("%w: block header: %v", ErrCorrupt, f.err)
	}
	if !haveSize || datasize < 0 || datasize > maxBlobSize {
		return "", 0, fmt.Errorf("%w: block header: data size %d (want 0..%d)", ErrCorrupt, datasize, maxBlobSize)
	}
	if typ == "" {
		return "", 0, fmt.Errorf("%w: block header without a type", ErrCorrupt)
	}
	return typ, datasize, nil
}

// inflater decompresses Blob messages, reusing its buffers.
type inflater struct {
	buf []byte
	zr  io.ReadCloser
	src bytes.Reader
}

// blobData returns the uncompressed content of a Blob message. The result
// may alias the inflater's buffer or blob itself.
func (z *inflater) blobData(blob []byte) ([]byte, error) {
	f := newFields(blob)
	var raw, zdata []byte
	rawSize := int64(-1)
	var other uint64
	for f.next() {
		switch f.num {
		case 1:
			raw = f.bytes
		case 2:
			v, err := f.varintField()
			if err != nil {
				return nil, fmt.Errorf("%w: blob: %v", ErrCorrupt, err)
			}
			rawSize = int64(int32(v))
		case 3:
			zdata = f.bytes
		case 4, 5, 6, 7:
			other = f.num
		}
	}
	if f.err != nil {
		return nil, fmt.Errorf("%w: blob: %v", ErrCorrupt, f.err)
	}
	switch {
	case raw != nil:
		return raw, nil
	case zdata != nil:
		if rawSize < 0 || rawSize > maxBlobSize {
			return nil, fmt.Errorf("%w: blob: uncompressed size %d (want 0..%d)", ErrCorrupt, rawSize, maxBlobSize)
		}
		z.src.Reset(zdata)
		var err error
		if z.zr == nil {
			z.zr, err = zlib.NewReader(&z.src)
		} else {
			err = z.zr.(zlib.Resetter).Reset(&z.src, nil)
		}
		if err != nil {
			z.zr = nil
			return nil, fmt.Errorf("%w: blob: zlib: %v", ErrCorrupt, err)
		}
		if int64(cap(z.buf)) < rawSize+1 {
			z.buf = make([]byte, rawSize+1)
		}
		// Read one byte more than announced to catch data longer than
		// the declared size.
		n, err := io.ReadFull(z.zr, z.buf[:rawSize+1])
		if err != io.ErrUnexpectedEOF && err != nil && err != io.EOF {
			return nil, fmt.Errorf("%w: blob: zlib: %v", ErrCorrupt, err)
		}
		if int64(n) != rawSize {
			return nil, fmt.Errorf("%w: blob: uncompressed %d bytes, header says %d", ErrCorrupt, n, rawSize)
		}
		return z.buf[:n], nil
	case other == 4:
		return nil, fmt.Errorf("%w: lzma-compressed blocks", ErrUnsupported)
	case other == 5:
		return nil, fmt.Errorf("%w: bzip2-compressed blocks", ErrUnsupported)
	case other == 6:
		return nil, fmt.Errorf("%w: lz4-compressed blocks", ErrUnsupported)
	case other == 7:
		return nil, fmt.Errorf("%w: zstd-compressed blocks", ErrUnsupported)
	}
	return nil, fmt.Errorf("%w: blob without data", ErrCorrupt)
}

// pbfHeader is what the OSMHeader block tells.
type pbfHeader struct {
	bounds    Bounds
	hasBounds bool
}

// supportedFeatures are the required features this reader handles.
var supportedFeatures = map[string]bool{
	"OsmSchema-V0.6": true,
	"DenseNodes":     true,
}

func parseHeaderBlock(data []byte) (pbfHeader, error) {
	var h pbfHeader
	f := newFields(data)
	for f.next() {
		switch f.num {
		case 1:
			bb, err := f.bytesField()
			if err != nil {
				return h, fmt.Errorf("%w: header bbox: %v", ErrCorrupt, err)
			}
			var v [5]int64
			var seen int
			g := newFields(bb)
			for g.next() {
				if g.num >= 1 && g.num <= 4 && g.wt == wireVarint {
					v[g.num] = zigzag(g.val)
					seen |= 1 << g.num
				}
			}
			if g.err != nil {
				return h, fmt.Errorf("%w: header bbox: %v", ErrCorrupt, g.err)
			}
			if seen == 0x1e {
				h.bounds = Bounds{MinLon: float64(v[1]) / 1e9, MaxLon: float64(v[2]) / 1e9,
					MaxLat: float64(v[3]) / 1e9, MinLat: float64(v[4]) / 1e9, FromHeader: true}
				h.hasBounds = !h.bounds.Empty()
			}
		case 4:
			feat, err := f.bytesField()
			if err != nil {
				return h, fmt.Errorf("%w: header: %v", ErrCorrupt, err)
			}
			if s := string(feat); !supportedFeatures[s] {
				if s == "HistoricalInformation" {
					return h, fmt.Errorf("%w: history files (required feature HistoricalInformation)", ErrUnsupported)
				}
				return h, fmt.Errorf("%w: required feature %q", ErrUnsupported, s)
			}
		}
	}
	if f.err != nil {
		return h, fmt.Errorf("%w: header: %v", ErrCorrupt, f.err)
	}
	return h, nil
}

// pbfReader reads a PBF file in two passes.
type pbfReader struct {
	file    *pbfFile
	workers int
	header  pbfHeader
	// blocks that held nodes in pass 1 (or the clip pass), read again in
	// pass 2
	nodeBlocks []pbfBlock
	// scanned: the clip pass ran, so the header is parsed, nodeBlocks is
	// complete and pass 1 reads only wayBlocks.
	scanned   bool
	wayBlocks []pbfBlock
	// clip and inside filter the passes when Options.Clip is set.
	clip   *Clip
	inside *idSet
}

func (p *pbfReader) headerBounds() (Bounds, bool) { return p.header.bounds, p.header.hasBounds }

func (p *pbfReader) setClip(clip *Clip, inside *idSet) { p.clip, p.inside = clip, inside }

// pass1 reads ways; emit receives the decoded blocks in file order.
func (p *pbfReader) pass1(ctx context.Context, skipPOIs bool, emit func(*wayBatch) error) error {
	f := p.file
	if err := f.seek(0); err != nil {
		return err
	}
	produce := func(ctx context.Context, send func(pbfBlock, []byte) bool) error {
		if p.scanned {
			return p.resend(ctx, p.wayBlocks, send)
		}
		return p.scanBlocks(ctx, send)
	}
	newWorker := func() blockWorker[*wayBatch] {
		d := newBlockDecoder(skipPOIs)
		d.inside = p.inside
		return func(blob []byte) (*wayBatch, error) { return d.decodeWays(blob) }
	}
	return runBlocks(ctx, p.workers, f.name, produce, newWorker, func(b pbfBlock, wb *wayBatch) error {
		if wb.hasNodes && !p.scanned {
			p.nodeBlocks = append(p.nodeBlocks, b)
		}
		return emit(wb)
	})
}

// resend reads again the blocks an earlier pass located.
func (p *pbfReader) resend(ctx context.Context, blocks []pbfBlock, send func(pbfBlock, []byte) bool) error {
	for _, b := range blocks {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		blob, err := p.file.readBlob(b)
		if err != nil {
			return err
		}
		if !send(b, blob) {
			return nil
		}
	}
	return nil
}

// pass2 reads the nodes of the blocks pass 1 found holding nodes.
func (p *pbfReader) pass2(ctx context.Context, needed []int64, skipPOIs bool, emit func(*nodeBatch) error) error {
	f := p.file
	produce := func(ctx context.Context, send func(pbfBlock, []byte) bool) error {
		return p.resend(ctx, p.nodeBlocks, send)
	}
	newWorker := func() blockWorker[*nodeBatch] {
		d := newBlockDecoder(skipPOIs)
		d.clip = p.clip
		return func(blob []byte) (*nodeBatch, error) { return d.decodeNodes(blob, needed) }
	}
	return runBlocks(ctx, p.workers, f.name, produce, newWorker, func(_ pbfBlock, nb *nodeBatch) error {
		return emit(nb)
	})
}

// scanBlocks reads the file's blocks from where it is positioned (the
// start), parses the OSMHeader block, which must come first, skips block
// types it does not know, and sends every data block on.
func (p *pbfReader) scanBlocks(ctx context.Context, send func(pbfBlock, []byte) bool) error {
	f := p.file
	first := true
	for ctx.Err() == nil {
		b, blob, err := f.nextBlock()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		isFirst := first
		first = false
		switch b.typ {
		case blockHeader:
			if !isFirst {
				return &Error{File: f.name, Offset: b.offset, Err: fmt.Errorf("%w: a second OSMHeader block", ErrCorrupt)}
			}
			var z inflater
			data, err := z.blobData(blob)
			if err == nil {
				p.header, err = parseHeaderBlock(data)
			}
			if err != nil {
				return &Error{File: f.name, Offset: b.offset, Err: err}
			}
			continue
		case blockData:
		default:
			// Unknown block types are to be skipped, per the format.
			continue
		}
		if !send(b, blob) {
			return nil
		}
	}
	return ctx.Err()
}
