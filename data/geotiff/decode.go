package geotiff

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// layout describes how the pixels of band 1 are stored.
type layout struct {
	w, h        int
	bits        int // bits per sample
	format      int // 1 unsigned, 2 signed, 3 float
	spp         int // samples per pixel
	planar      int // 1 chunky, 2 planar
	compression int
	predictor   int
	// Blocks: strips (bw = w, bh = rows per strip) or tiles.
	bw, bh  int
	offsets []int64
	counts  []int64
	tiled   bool
}

// maxPixels bounds the raster: 1.5 G pixels of float32 would be 6 GB.
const maxPixels = 1 << 30

func readLayout(d *ifd) (*layout, error) {
	l := &layout{
		w: int(d.num(tagImageWidth, 0)), h: int(d.num(tagImageLength, 0)),
		bits: int(d.num(tagBitsPerSample, 1)), format: int(d.num(tagSampleFormat, 1)),
		spp: int(d.num(tagSamplesPerPixel, 1)), planar: int(d.num(tagPlanarConfig, 1)),
		compression: int(d.num(tagCompression, 1)), predictor: int(d.num(tagPredictor, 1)),
	}
	switch {
	case l.w <= 0 || l.h <= 0 || int64(l.w)*int64(l.h) > maxPixels:
		return nil, fmt.Errorf("%w: %d x %d pixels", ErrFormat, l.w, l.h)
	case l.spp < 1 || l.spp > 64:
		return nil, fmt.Errorf("%w: %d samples per pixel", ErrFormat, l.spp)
	case l.planar != 1 && l.planar != 2:
		return nil, fmt.Errorf("%w: planar configuration %d", ErrFormat, l.planar)
	}
	if bs := d.fields[tagBitsPerSample].nums; len(bs) > 1 {
		for _, b := range bs {
			if int(b) != l.bits {
				return nil, fmt.Errorf("%w: bands of different bit depths %v: extract one band with gdal_translate -b 1", ErrFormat, bs)
			}
		}
	}
	switch {
	case l.format == 3 && (l.bits == 32 || l.bits == 64):
	case (l.format == 1 || l.format == 2) && (l.bits == 8 || l.bits == 16 || l.bits == 32):
	default:
		return nil, fmt.Errorf("%w: %d-bit samples of format %d: convert with gdal_translate -ot Float32 (or Int16)", ErrFormat, l.bits, l.format)
	}
	switch l.compression {
	case 1, 5, 8, 32946:
	default:
		return nil, fmt.Errorf("%w: compression %d: convert with gdal_translate -co COMPRESS=DEFLATE (or LZW, or none)", ErrFormat, l.compression)
	}
	switch {
	case l.predictor == 1:
	case l.predictor == 2 && l.format != 3:
	case l.predictor == 3 && l.format == 3:
	default:
		return nil, fmt.Errorf("%w: predictor %d for format %d", ErrFormat, l.predictor, l.format)
	}
	var err error
	if _, ok := d.fields[tagTileWidth]; ok {
		l.tiled = true
		l.bw, l.bh = int(d.num(tagTileWidth, 0)), int(d.num(tagTileLength, 0))
		if l.offsets, err = d.ints(tagTileOffsets); err != nil {
			return nil, err
		}
		if l.counts, err = d.ints(tagTileByteCounts); err != nil {
			return nil, err
		}
	} else {
		l.bw, l.bh = l.w, int(d.num(tagRowsPerStrip, float64(l.h)))
		l.bh = min(l.bh, l.h)
		if l.offsets, err = d.ints(tagStripOffsets); err != nil {
			return nil, err
		}
		if l.counts, err = d.ints(tagStripByteCounts); err != nil {
			return nil, err
		}
	}
	if l.bw <= 0 || l.bh <= 0 || l.bw > 1<<20 || l.bh > 1<<20 {
		return nil, fmt.Errorf("%w: blocks of %d x %d pixels", ErrFormat, l.bw, l.bh)
	}
	need := l.blocksAcross() * l.blocksDown()
	if l.planar == 2 {
		need *= l.spp
	}
	if len(l.offsets) < need || len(l.counts) < len(l.offsets) {
		return nil, fmt.Errorf("%w: %d block offsets and %d byte counts for %d blocks", ErrFormat, len(l.offsets), len(l.counts), need)
	}
	return l, nil
}

func (l *layout) blocksAcross() int { return (l.w + l.bw - 1) / l.bw }
func (l *layout) blocksDown() int   { return (l.h + l.bh - 1) / l.bh }

// readPixels decodes band 1 into w*h float32 values, row by row from the
// top.
func readPixels(r io.ReaderAt, size int64, order binary.ByteOrder, l *layout) ([]float32, error) {
	bps := l.bits / 8
	stride := l.spp // samples per pixel within a block row
	if l.planar == 2 {
		stride = 1
	}
	rowBytes := l.bw * stride * bps
	// Check the blocks against the file before allocating: each lies in
	// the file, and the pixels they declare could come from their bytes
	// (Deflate expands at most about 1,032 times; LZW's 12-bit codes at
	// most 4,096/1.5 times).
	var stored, declared int64
	blocks := l.blocksAcross() * l.blocksDown()
	for k := range blocks {
		if l.offsets[k]+l.counts[k] > size {
			return nil, fmt.Errorf("%w: block %d: %d bytes at byte %d past the end of the file", ErrFormat, k, l.counts[k], l.offsets[k])
		}
		stored += l.counts[k]
	}
	declared = int64(blocks) * int64(l.bh) * int64(rowBytes)
	ratio := int64(1)
	switch l.compression {
	case 5:
		ratio = 2800
	case 8, 32946:
		ratio = 1100
	}
	if l.compression == 1 && !l.tiled {
		declared = int64(l.h) * int64(rowBytes) // the last strip is short
	}
	if stored*ratio < declared {
		return nil, fmt.Errorf("%w: %d bytes of blocks cannot hold %d x %d pixels: the file is truncated", ErrFormat, stored, l.w, l.h)
	}
	out := make([]float32, l.w*l.h)
	for by := range l.blocksDown() {
		for bx := range l.blocksAcross() {
			k := by*l.blocksAcross() + bx
			rows := l.bh
			if !l.tiled {
				rows = min(l.bh, l.h-by*l.bh) // the last strip may be shorter
			}
			raw, err := readBlock(r, size, l, k, rowBytes*rows)
			if err != nil {
				return nil, fmt.Errorf("%w: block %d: %v", ErrFormat, k, err)
			}
			if err := unpredict(raw, order, l, rowBytes, stride); err != nil {
				return nil, fmt.Errorf("%w: block %d: %v", ErrFormat, k, err)
			}
			for y := range rows {
				py := by*l.bh + y
				if py >= l.h {
					break
				}
				for x := range l.bw {
					px := bx*l.bw + x
					if px >= l.w {
						break
					}
					i := (y*l.bw + x) * stride * bps
					out[py*l.w+px] = sample(raw[i:i+bps], order, l, bps)
				}
			}
		}
	}
	return out, nil
}

// readBlock reads and decompresses block k; it returns exactly want
// bytes.
func readBlock(r io.ReaderAt, size int64, l *layout, k, want int) ([]byte, error) {
	off, n := l.offsets[k], l.counts[k]
	if off+n > size || n < 0 {
		return nil, fmt.Errorf("%d bytes at byte %d past the end of the file", n, off)
	}
	src := make([]byte, n)
	if _, err := r.ReadAt(src, off); err != nil && !(err == io.EOF && off+n == size) {
		return nil, err
	}
	var out []byte
	switch l.compression {
	case 1:
		out = src
	case 5:
		var err error
		if out, err = lzwDecode(src, want); err != nil {
			return nil, err
		}
	case 8, 32946:
		zr, err := zlib.NewReader(bytes.NewReader(src))
		if err != nil {
			return nil, fmt.Errorf("deflate: %v", err)
		}
		out = make([]byte, want)
		if _, err := io.ReadFull(zr, out); err != nil {
			return nil, fmt.Errorf("deflate: %v", err)
		}
	}
	if len(out) < want {
		return nil, fmt.Errorf("%d bytes of pixels, want %d", len(out), want)
	}
	return out[:want], nil
}

// unpredict undoes the horizontal (2) or floating-point (3) predictor,
// row by row, in place.
func unpredict(raw []byte, order binary.ByteOrder, l *layout, rowBytes, stride int) error {
	bps := l.bits / 8
	switch l.predictor {
	case 2:
		for row := 0; row+rowBytes <= len(raw); row += rowBytes {
			b := raw[row : row+rowBytes]
			for i := stride * bps; i < len(b); i += bps {
				j := i - stride*bps
				switch bps {
				case 1:
					b[i] += b[j]
				case 2:
					order.PutUint16(b[i:], order.Uint16(b[i:])+order.Uint16(b[j:]))
				case 4:
					order.PutUint32(b[i:], order.Uint32(b[i:])+order.Uint32(b[j:]))
				}
			}
		}
	case 3:
		// Bytes are differenced across the row, the samples split into
		// planes of their bytes.
		tmp := make([]byte, rowBytes)
		n := rowBytes / bps
		for row := 0; row+rowBytes <= len(raw); row += rowBytes {
			b := raw[row : row+rowBytes]
			for i := stride; i < len(b); i++ {
				b[i] += b[i-stride]
			}
			copy(tmp, b)
			// Plane k holds byte bps-1-k of each sample as the file
			// stores it (writers swap big-endian samples before
			// splitting them, as libtiff does on little-endian hosts).
			for s := range n {
				for k := range bps {
					b[s*bps+bps-1-k] = tmp[k*n+s]
				}
			}
		}
	}
	return nil
}

// sample converts one sample.
func sample(b []byte, order binary.ByteOrder, l *layout, bps int) float32 {
	switch {
	case l.format == 3 && bps == 4:
		return math.Float32frombits(order.Uint32(b))
	case l.format == 3 && bps == 8:
		return float32(math.Float64frombits(order.Uint64(b)))
	case bps == 1 && l.format == 2:
		return float32(int8(b[0]))
	case bps == 1:
		return float32(b[0])
	case bps == 2 && l.format == 2:
		return float32(int16(order.Uint16(b)))
	case bps == 2:
		return float32(order.Uint16(b))
	case bps == 4 && l.format == 2:
		return float32(int32(order.Uint32(b)))
	default:
		return float32(order.Uint32(b))
	}
}
