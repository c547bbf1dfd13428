package geotiff

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ErrFormat marks a file that is not a GeoTIFF saavu can read.
var ErrFormat = errors.New("geotiff: unsupported or malformed file")

// TIFF tags used.
const (
	tagImageWidth      = 256
	tagImageLength     = 257
	tagBitsPerSample   = 258
	tagCompression     = 259
	tagStripOffsets    = 273
	tagSamplesPerPixel = 277
	tagRowsPerStrip    = 278
	tagStripByteCounts = 279
	tagPlanarConfig    = 284
	tagPredictor       = 317
	tagTileWidth       = 322
	tagTileLength      = 323
	tagTileOffsets     = 324
	tagTileByteCounts  = 325
	tagSampleFormat    = 339
	tagPixelScale      = 33550
	tagTiepoint        = 33922
	tagTransformation  = 34264
	tagGeoKeyDirectory = 34735
	tagGDALNoData      = 42113
)

// field is one IFD entry with its values decoded.
type field struct {
	nums []float64 // numeric types
	text string    // ASCII
}

// ifd holds the entries of the first image file directory.
type ifd struct {
	order  binary.ByteOrder
	fields map[uint16]field
}

// maxEntries bounds the IFD and the values read from one entry, so that a
// damaged file cannot make the reader allocate without limit.
const (
	maxEntries     = 4096
	maxFieldValues = 1 << 24
)

// readIFD reads the header and the first IFD.
func readIFD(r io.ReaderAt, size int64) (*ifd, error) {
	var hdr [8]byte
	if _, err := r.ReadAt(hdr[:], 0); err != nil {
		return nil, fmt.Errorf("%w: shorter than a TIFF header", ErrFormat)
	}
	var order binary.ByteOrder
	switch string(hdr[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return nil, fmt.Errorf("%w: not a TIFF file (it starts with %q)", ErrFormat, hdr[:4])
	}
	switch order.Uint16(hdr[2:]) {
	case 42:
	case 43:
		return nil, fmt.Errorf("%w: BigTIFF is not supported: convert with gdal_translate -co BIGTIFF=NO", ErrFormat)
	default:
		return nil, fmt.Errorf("%w: not a TIFF file (version %d)", ErrFormat, order.Uint16(hdr[2:]))
	}
	off := int64(order.Uint32(hdr[4:]))
	var cnt [2]byte
	if off < 8 || off+2 > size {
		return nil, fmt.Errorf("%w: the first directory at byte %d lies outside the file", ErrFormat, off)
	}
	if _, err := r.ReadAt(cnt[:], off); err != nil {
		return nil, fmt.Errorf("%w: directory at byte %d: %v", ErrFormat, off, err)
	}
	n := int(order.Uint16(cnt[:]))
	if n == 0 || n > maxEntries || off+2+int64(n)*12 > size {
		return nil, fmt.Errorf("%w: directory at byte %d holds %d entries past the end of the file", ErrFormat, off, n)
	}
	buf := make([]byte, n*12)
	if _, err := r.ReadAt(buf, off+2); err != nil {
		return nil, fmt.Errorf("%w: directory at byte %d: %v", ErrFormat, off, err)
	}
	d := &ifd{order: order, fields: map[uint16]field{}}
	for i := range n {
		e := buf[i*12 : (i+1)*12]
		tag, typ, count := order.Uint16(e), order.Uint16(e[2:]), order.Uint32(e[4:])
		f, err := readField(r, size, order, typ, count, e[8:12])
		if err != nil {
			return nil, fmt.Errorf("%w: tag %d: %v", ErrFormat, tag, err)
		}
		d.fields[tag] = f
	}
	return d, nil
}

// typeSize is the size in bytes of one value of a TIFF field type; 0 for
// a type this reader does not decode.
func typeSize(typ uint16) int {
	switch typ {
	case 1, 2, 6, 7: // BYTE, ASCII, SBYTE, UNDEFINED
		return 1
	case 3, 8: // SHORT, SSHORT
		return 2
	case 4, 9, 11: // LONG, SLONG, FLOAT
		return 4
	case 5, 10, 12: // RATIONAL, SRATIONAL, DOUBLE
		return 8
	}
	return 0
}

func readField(r io.ReaderAt, size int64, order binary.ByteOrder, typ uint16, count uint32, inline []byte) (field, error) {
	ts := typeSize(typ)
	if ts == 0 {
		return field{}, nil // a type no tag we use has: ignored
	}
	if count > maxFieldValues {
		return field{}, fmt.Errorf("%d values", count)
	}
	n := int64(count) * int64(ts)
	data := inline[:min(n, 4)]
	if n > 4 {
		off := int64(order.Uint32(inline))
		if off < 0 || off+n > size {
			return field{}, fmt.Errorf("%d values at byte %d past the end of the file", count, off)
		}
		data = make([]byte, n)
		if _, err := r.ReadAt(data, off); err != nil {
			return field{}, err
		}
	}
	if typ == 2 {
		return field{text: strings.TrimRight(string(data), "\x00 ")}, nil
	}
	f := field{nums: make([]float64, count)}
	for i := range int(count) {
		b := data[i*ts:]
		var v float64
		switch typ {
		case 1, 7:
			v = float64(b[0])
		case 6:
			v = float64(int8(b[0]))
		case 3:
			v = float64(order.Uint16(b))
		case 8:
			v = float64(int16(order.Uint16(b)))
		case 4:
			v = float64(order.Uint32(b))
		case 9:
			v = float64(int32(order.Uint32(b)))
		case 11:
			v = float64(math.Float32frombits(order.Uint32(b)))
		case 5:
			if den := order.Uint32(b[4:]); den != 0 {
				v = float64(order.Uint32(b)) / float64(den)
			}
		case 10:
			if den := int32(order.Uint32(b[4:])); den != 0 {
				v = float64(int32(order.Uint32(b))) / float64(den)
			}
		case 12:
			v = math.Float64frombits(order.Uint64(b))
		}
		f.nums[i] = v
	}
	return f, nil
}

// num returns the first value of tag, or def when absent.
func (d *ifd) num(tag uint16, def float64) float64 {
	if f, ok := d.fields[tag]; ok && len(f.nums) > 0 {
		return f.nums[0]
	}
	return def
}

// ints returns the values of tag as non-negative int64s.
func (d *ifd) ints(tag uint16) ([]int64, error) {
	f, ok := d.fields[tag]
	if !ok {
		return nil, nil
	}
	out := make([]int64, len(f.nums))
	for i, v := range f.nums {
		if v < 0 || v != math.Trunc(v) || v > math.MaxInt64/2 {
			return nil, fmt.Errorf("%w: tag %d holds %v", ErrFormat, tag, v)
		}
		out[i] = int64(v)
	}
	return out, nil
}

// noData parses GDAL's nodata tag.
func (d *ifd) noData() (float64, bool, error) {
	f, ok := d.fields[tagGDALNoData]
	if !ok || strings.TrimSpace(f.text) == "" {
		return 0, false, nil
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(f.text), 64)
	if err != nil {
		return 0, false, fmt.Errorf("%w: nodata value %q is not a number", ErrFormat, f.text)
	}
	return v, true, nil
}
