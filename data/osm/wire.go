package osm

import (
	"errors"
	"fmt"
	"slices"
)

// This file decodes the protocol buffer wire format, just enough for the
// OSM PBF messages. Every read is bounds-checked: corrupt input gives an
// error, never a panic.

// Protocol buffer wire types.
const (
	wireVarint  = 0
	wireFixed64 = 1
	wireBytes   = 2
	wireFixed32 = 5
)

var errVarint = errors.New("bad varint")

// uvarint decodes a varint at the start of b; n is 0 when b is too short
// or the varint longer than 10 bytes.
func uvarint(b []byte) (v uint64, n int) {
	var shift uint
	for i, c := range b {
		if i == 10 {
			return 0, 0
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, i + 1
		}
		shift += 7
	}
	return 0, 0
}

func zigzag(v uint64) int64 { return int64(v>>1) ^ -int64(v&1) }

// fields iterates over the fields of one message.
type fields struct {
	data  []byte
	pos   int
	num   uint64 // field number of the current field
	wt    int    // wire type of the current field
	val   uint64 // value of a varint or fixed field
	bytes []byte // payload of a length-delimited field
	err   error
}

func newFields(data []byte) fields { return fields{data: data} }

// next advances to the next field; false at the end or on error (see err).
func (f *fields) next() bool {
	if f.err != nil || f.pos >= len(f.data) {
		return false
	}
	key, n := uvarint(f.data[f.pos:])
	if n == 0 {
		f.err = fmt.Errorf("%w at field key", errVarint)
		return false
	}
	f.pos += n
	f.num, f.wt = key>>3, int(key&7)
	f.bytes = nil
	switch f.wt {
	case wireVarint:
		v, n := uvarint(f.data[f.pos:])
		if n == 0 {
			f.err = fmt.Errorf("%w in field %d", errVarint, f.num)
			return false
		}
		f.val, f.pos = v, f.pos+n
	case wireFixed64:
		if len(f.data)-f.pos < 8 {
			f.err = fmt.Errorf("field %d: fixed64 past end of message", f.num)
			return false
		}
		f.pos += 8
	case wireFixed32:
		if len(f.data)-f.pos < 4 {
			f.err = fmt.Errorf("field %d: fixed32 past end of message", f.num)
			return false
		}
		f.pos += 4
	case wireBytes:
		l, n := uvarint(f.data[f.pos:])
		if n == 0 {
			f.err = fmt.Errorf("%w in length of field %d", errVarint, f.num)
			return false
		}
		f.pos += n
		if l > uint64(len(f.data)-f.pos) {
			f.err = fmt.Errorf("field %d: length %d past end of message", f.num, l)
			return false
		}
		f.bytes = f.data[f.pos : f.pos+int(l)]
		f.pos += int(l)
	default:
		f.err = fmt.Errorf("field %d: unsupported wire type %d", f.num, f.wt)
		return false
	}
	return true
}

// appendVarints appends the varints of a repeated integer field, which
// may be packed (one length-delimited run) or not (one varint per field).
func (f *fields) appendVarints(dst []uint64) ([]uint64, error) {
	switch f.wt {
	case wireVarint:
		return append(dst, f.val), nil
	case wireBytes:
		b := f.bytes
		n := 0
		for _, c := range b {
			if c < 0x80 {
				n++
			}
		}
		dst = slices.Grow(dst, n)
		for len(b) > 0 {
			v, n := uvarint(b)
			if n == 0 {
				return dst, fmt.Errorf("%w in packed field %d", errVarint, f.num)
			}
			dst = append(dst, v)
			b = b[n:]
		}
		return dst, nil
	}
	return dst, fmt.Errorf("field %d: wire type %d for a repeated integer", f.num, f.wt)
}

// bytesField returns the payload of a length-delimited field, or an error
// when the field has another wire type.
func (f *fields) bytesField() ([]byte, error) {
	if f.wt != wireBytes {
		return nil, fmt.Errorf("field %d: wire type %d, want length-delimited", f.num, f.wt)
	}
	return f.bytes, nil
}

// varintField returns the value of a varint field, or an error when the
// field has another wire type.
func (f *fields) varintField() (uint64, error) {
	if f.wt != wireVarint {
		return 0, fmt.Errorf("field %d: wire type %d, want varint", f.num, f.wt)
	}
	return f.val, nil
}
