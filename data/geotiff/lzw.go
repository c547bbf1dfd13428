package geotiff

import (
	"errors"
	"fmt"
)

// lzwDecode decodes TIFF's LZW (codes of 9 to 12 bits, most significant
// bit first, ClearCode 256, EndOfInformation 257, the code width growing
// one code early, as TIFF 6.0 section 13 writes it). It stops at want
// bytes or at EndOfInformation.
func lzwDecode(src []byte, want int) ([]byte, error) {
	const clear, eoi = 256, 257
	out := make([]byte, 0, want)
	// The table: each code's last byte, its prefix code and its length.
	var suffix [4096]byte
	var prefix [4096]int16
	var length [4096]int32
	for i := range 256 {
		suffix[i], prefix[i], length[i] = byte(i), -1, 1
	}
	next, width := 258, 9
	prev := -1
	var bitBuf uint64
	bits := 0
	pos := 0
	// emit appends the string of code c and returns its first byte.
	emit := func(c int) byte {
		n := int(length[c])
		start := len(out)
		out = append(out, make([]byte, n)...)
		for i := start + n - 1; i >= start; i-- {
			out[i] = suffix[c]
			c = int(prefix[c])
		}
		return out[start]
	}
	for len(out) < want {
		for bits < width {
			if pos >= len(src) {
				if len(out) == 0 && want > 0 {
					return nil, errors.New("LZW data ends before any output")
				}
				return out, nil // a strip may end without EndOfInformation
			}
			bitBuf = bitBuf<<8 | uint64(src[pos])
			pos++
			bits += 8
		}
		code := int(bitBuf>>(bits-width)) & (1<<width - 1)
		bits -= width
		switch {
		case code == clear:
			next, width, prev = 258, 9, -1
			continue
		case code == eoi:
			return out, nil
		case prev < 0:
			if code > 255 {
				return nil, fmt.Errorf("LZW code %d after a clear code", code)
			}
			emit(code)
			prev = code
			continue
		}
		var first byte
		switch {
		case code < next:
			first = emit(code)
		case code == next:
			// The code being defined: prev's string plus its own first byte.
			f := emit(prev)
			out = append(out, f)
			first = f
		default:
			return nil, fmt.Errorf("LZW code %d beyond the table (%d)", code, next)
		}
		if next < 4096 {
			suffix[next], prefix[next], length[next] = first, int16(prev), length[prev]+1
			next++
		}
		prev = code
		if next+1 >= 1<<width && width < 12 {
			width++
		}
	}
	return out[:want], nil
}
