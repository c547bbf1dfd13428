package geotiff

import (
	"bytes"
	"encoding/binary"
	"math"
	"strconv"
)

// tinyTIFF writes a little-endian, uncompressed, single-strip float32
// GeoTIFF of w x h pixels in EPSG:3067 with the top-left corner (x0, y0)
// and square pixels of size px, values v(col, row); nodata nd when hasND.
func tinyTIFF(w, h int, x0, y0, px float64, v func(c, r int) float32, nd float64, hasND bool) []byte {
	le := binary.LittleEndian
	var pix bytes.Buffer
	for r := range h {
		for c := range w {
			binary.Write(&pix, le, math.Float32bits(v(c, r)))
		}
	}
	type entry struct {
		tag, typ uint16
		count    uint32
		data     []byte // values
	}
	u16 := func(vs ...uint16) []byte {
		b := make([]byte, 2*len(vs))
		for i, x := range vs {
			le.PutUint16(b[2*i:], x)
		}
		return b
	}
	u32 := func(vs ...uint32) []byte {
		b := make([]byte, 4*len(vs))
		for i, x := range vs {
			le.PutUint32(b[4*i:], x)
		}
		return b
	}
	f64 := func(vs ...float64) []byte {
		b := make([]byte, 8*len(vs))
		for i, x := range vs {
			le.PutUint64(b[8*i:], math.Float64bits(x))
		}
		return b
	}
	ents := []entry{
		{256, 4, 1, u32(uint32(w))},
		{257, 4, 1, u32(uint32(h))},
		{258, 3, 1, u16(32)},
		{259, 3, 1, u16(1)},
		{273, 4, 1, nil}, // strip offset, filled below
		{277, 3, 1, u16(1)},
		{278, 4, 1, u32(uint32(h))},
		{279, 4, 1, u32(uint32(pix.Len()))},
		{339, 3, 1, u16(3)},
		{33550, 12, 3, f64(px, px, 0)},
		{33922, 12, 6, f64(0, 0, 0, x0, y0, 0)},
		{34735, 3, 16, u16(1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 3067)},
	}
	if hasND {
		s := []byte(fmtFloat(nd) + "\x00")
		ents = append(ents, entry{42113, 2, uint32(len(s)), s})
	}
	// Layout: header, IFD, out-of-line values, pixels.
	ifdSize := 2 + 12*len(ents) + 4
	extra := 8 + ifdSize
	var tail bytes.Buffer
	offs := make([]int, len(ents))
	for i, e := range ents {
		if len(e.data) > 4 {
			offs[i] = extra + tail.Len()
			tail.Write(e.data)
		}
	}
	pixOff := extra + tail.Len()
	var out bytes.Buffer
	out.WriteString("II")
	out.Write(u16(42))
	out.Write(u32(8))
	out.Write(u16(uint16(len(ents))))
	for i, e := range ents {
		out.Write(u16(e.tag, e.typ))
		out.Write(u32(e.count))
		switch {
		case e.tag == 273:
			out.Write(u32(uint32(pixOff)))
		case len(e.data) > 4:
			out.Write(u32(uint32(offs[i])))
		default:
			b := make([]byte, 4)
			copy(b, e.data)
			out.Write(b)
		}
	}
	out.Write(u32(0))
	out.Write(tail.Bytes())
	out.Write(pix.Bytes())
	return out.Bytes()
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
