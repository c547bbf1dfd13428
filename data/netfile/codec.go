package netfile

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"unsafe"
)

// This file writes and reads the sections of the payload: typed arrays
// stored as raw little-endian bytes, each behind a 12-byte head and
// followed by a checksum.
//
//	kind   uint8   element type (kindU8 ... kindF64)
//	size   uint8   element size in bytes
//	seq    uint16  position of the section in the payload (wraps)
//	count  uint64  number of elements
//	data   count*size bytes
//	crc    uint32  CRC-32C of the head and the data
//
// On a little-endian machine a section is read straight into the memory
// of the slice that holds it, with no decoding step.

// Element kinds.
const (
	kindU8 uint8 = iota + 1
	kindI32
	kindU32
	kindI64
	kindF32
	kindF64
)

var kindNames = [...]string{"?", "uint8", "int32", "uint32", "int64", "float32", "float64"}

func kindName(k uint8) string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind %d", k)
}

const sectionHead = 12

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// littleEndian reports whether this machine stores integers little-endian,
// the order of the file.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// elem is a fixed-size element type of a section.
type elem interface {
	~uint8 | ~int8 | ~int32 | ~uint32 | ~int64 | ~float32 | ~float64
}

// kindOf returns the kind of the element type of s.
func kindOf[T elem]() uint8 {
	// Named types (transit.Seconds, gtfs.Date) count as their underlying
	// type: the kind follows from the size, float or not, and the sign.
	var z T
	switch unsafe.Sizeof(z) {
	case 1:
		return kindU8
	case 4:
		if isFloat[T]() {
			return kindF32
		}
		if T(0)-1 > 0 {
			return kindU32
		}
		return kindI32
	case 8:
		if isFloat[T]() {
			return kindF64
		}
		return kindI64
	}
	return 0
}

// isFloat tells float element types (named or not) from integers.
func isFloat[T elem]() bool {
	var half T = T(1) / 2 * 2 // 1 for floats, 0 for integers
	return half == 1
}

// rawBytes returns the memory of s as bytes.
func rawBytes[T elem](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(z)))
}

// encoder collects the sections of a payload before it is written, so
// that its length is known first. Sections refer to the memory of the
// slices given; only strings, booleans and, on big-endian machines,
// multi-byte values are copied.
type encoder struct {
	parts [][]byte // head, data, checksum of each section in order
	n     int64    // bytes in parts
	seq   uint16
	err   error
}

// section adds one typed array.
func section[T elem](e *encoder, s []T) {
	var z T
	size := int(unsafe.Sizeof(z))
	head := make([]byte, sectionHead)
	head[0] = kindOf[T]()
	head[1] = uint8(size)
	binary.LittleEndian.PutUint16(head[2:], e.seq)
	binary.LittleEndian.PutUint64(head[4:], uint64(len(s)))
	e.seq++
	data := rawBytes(s)
	if !littleEndian && size > 1 {
		var err error
		if data, err = binary.Append(nil, binary.LittleEndian, s); err != nil && e.err == nil {
			e.err = err
		}
	}
	crc := crc32.Update(crc32.Update(0, castagnoli, head), castagnoli, data)
	tail := binary.LittleEndian.AppendUint32(nil, crc)
	e.parts = append(e.parts, head, data, tail)
	e.n += int64(len(head) + len(data) + len(tail))
}

// writeTo writes the sections collected.
func (e *encoder) writeTo(w io.Writer) error {
	for _, p := range e.parts {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// one writes a single value as a section of one element.
func one[T elem](e *encoder, v T) { section(e, []T{v}) }

// stringsSection writes strings as their byte lengths (uint32) and their
// concatenated bytes.
func stringsSection(e *encoder, n int, get func(i int) string) {
	lens := make([]uint32, n)
	total := 0
	for i := range n {
		s := get(i)
		if len(s) > math.MaxUint32 {
			e.err = fmt.Errorf("a string of %d bytes is too long", len(s))
			return
		}
		lens[i] = uint32(len(s))
		total += len(s)
	}
	blob := make([]byte, 0, total)
	for i := range n {
		blob = append(blob, get(i)...)
	}
	section(e, lens)
	section(e, blob)
}

// boolsSection writes booleans as bytes 0 and 1.
func boolsSection(e *encoder, n int, get func(i int) bool) {
	b := make([]uint8, n)
	for i := range n {
		if get(i) {
			b[i] = 1
		}
	}
	section(e, b)
}

// decoder reads sections from r, which holds at most left more bytes.
type decoder struct {
	r    *bufio.Reader
	name string
	part string // what is being read, for errors ("car graph")
	left int64  // bytes the payload still holds
	seq  uint16
	err  error
}

// fail records the first error, about the named field of the current part.
func (d *decoder) fail(field string, err error) {
	if d.err != nil {
		return
	}
	sec := d.part
	if field != "" {
		if sec != "" {
			sec += ": "
		}
		sec += field
	}
	d.err = &Error{File: d.name, Section: sec, Err: err}
}

func (d *decoder) failf(field string, sentinel error, format string, args ...any) {
	d.fail(field, fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...))
}

// read fills b from the payload.
func (d *decoder) read(field string, b []byte) bool {
	if d.err != nil {
		return false
	}
	if int64(len(b)) > d.left {
		d.failf(field, ErrTruncated, "the file ends %d bytes before this section does", int64(len(b))-d.left)
		return false
	}
	n, err := io.ReadFull(d.r, b)
	d.left -= int64(n)
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			d.failf(field, ErrTruncated, "the file ends %d bytes into this section", n)
		} else {
			d.fail(field, fmt.Errorf("read error: %w", err))
		}
		return false
	}
	return true
}

// get reads one typed array, checking its head and checksum.
func get[T elem](d *decoder, field string) []T {
	if d.err != nil {
		return nil
	}
	var z T
	size := int(unsafe.Sizeof(z))
	kind := kindOf[T]()
	var head [sectionHead]byte
	if !d.read(field, head[:]) {
		return nil
	}
	seq := binary.LittleEndian.Uint16(head[2:])
	count := binary.LittleEndian.Uint64(head[4:])
	switch {
	case seq != d.seq:
		d.failf(field, ErrCorrupt, "section number %d where %d was expected", seq, d.seq)
		return nil
	case head[0] != kind || int(head[1]) != size:
		d.failf(field, ErrCorrupt, "section holds %s (%d-byte) values, want %s", kindName(head[0]), head[1], kindName(kind))
		return nil
	case count > uint64(d.left)/uint64(size):
		d.failf(field, ErrTruncated, "section of %d values needs %d bytes, the file holds %d more", count, count*uint64(size), d.left)
		return nil
	}
	d.seq++
	var s []T
	if count > 0 {
		s = make([]T, int(count))
	}
	data := rawBytes(s)
	if !littleEndian && size > 1 {
		data = make([]byte, int(count)*size)
	}
	if !d.read(field, data) {
		return nil
	}
	var tail [4]byte
	if !d.read(field, tail[:]) {
		return nil
	}
	crc := crc32.Update(crc32.Update(0, castagnoli, head[:]), castagnoli, data)
	if got := binary.LittleEndian.Uint32(tail[:]); got != crc {
		d.failf(field, ErrCorrupt, "checksum %08x does not match the content (%08x): the file is damaged", got, crc)
		return nil
	}
	if !littleEndian && size > 1 {
		if _, err := binary.Decode(data, binary.LittleEndian, s); err != nil {
			d.fail(field, err)
			return nil
		}
	}
	return s
}

// getOne reads a section of exactly one value.
func getOne[T elem](d *decoder, field string) T {
	s := get[T](d, field)
	var z T
	if d.err != nil {
		return z
	}
	if len(s) != 1 {
		d.failf(field, ErrCorrupt, "%d values where one was expected", len(s))
		return z
	}
	return s[0]
}

// anyCount as the record count of getStrings or getBools accepts any
// number of values: the first column read of a record type sets it.
const anyCount = -1

// getStrings reads n strings written by stringsSection.
func getStrings(d *decoder, field string, n int) []string {
	lens := get[uint32](d, field+" (lengths)")
	blob := get[uint8](d, field)
	if d.err != nil {
		return nil
	}
	if n == anyCount {
		n = len(lens)
	}
	if len(lens) != n {
		d.failf(field, ErrCorrupt, "%d strings for %d records", len(lens), n)
		return nil
	}
	all := string(blob)
	out := make([]string, n)
	pos := 0
	for i, l := range lens {
		if uint64(l) > uint64(len(all)-pos) {
			d.failf(field, ErrCorrupt, "string %d runs past the end of the text", i)
			return nil
		}
		out[i] = all[pos : pos+int(l)]
		pos += int(l)
	}
	if pos != len(all) {
		d.failf(field, ErrCorrupt, "%d bytes of text left over", len(all)-pos)
		return nil
	}
	return out
}

// getBools reads n booleans written by boolsSection.
func getBools(d *decoder, field string, n int) []bool {
	b := get[uint8](d, field)
	if d.err != nil {
		return nil
	}
	if n == anyCount {
		n = len(b)
	}
	if len(b) != n {
		d.failf(field, ErrCorrupt, "%d values for %d records", len(b), n)
		return nil
	}
	out := make([]bool, n)
	for i, v := range b {
		if v > 1 {
			d.failf(field, ErrCorrupt, "value %d of record %d is not 0 or 1", v, i)
			return nil
		}
		out[i] = v == 1
	}
	return out
}

// column reads a typed array that must hold n values.
func column[T elem](d *decoder, field string, n int) []T {
	s := get[T](d, field)
	if d.err == nil && len(s) != n {
		d.failf(field, ErrCorrupt, "%d values for %d records", len(s), n)
		return nil
	}
	return s
}

// crc is the CRC-32C of b.
func crc(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }
