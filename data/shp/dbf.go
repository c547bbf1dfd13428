package shp

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Field is a column of a dBASE table.
type Field struct {
	Name     string
	Type     byte // C, N, F, L, D, or another dBASE type (read as text)
	Length   int
	Decimals int
	offset   int // within a record, after the deletion flag
}

// Table is the content of a .dbf file.
type Table struct {
	Fields []Field
	// Records holds one value per field for every record, deleted records
	// included (so that record i matches shape i): string, float64, bool
	// or nil for a blank value.
	Records [][]any
	// Deleted marks records flagged as deleted.
	Deleted []bool
	// LanguageDriver is byte 29 of the header.
	LanguageDriver byte
}

// DBFOptions control ParseDBF.
type DBFOptions struct {
	Encoding Encoding
}

// ParseDBF reads a whole dBASE III/IV table; name is used in errors. A
// number field whose text is not a number is an error naming the record
// and field.
func ParseDBF(name string, b []byte, opts DBFOptions) (*Table, error) {
	if len(b) < 32 {
		return nil, errf(name, 0, ErrFormat, "%d bytes: too short for a dBASE header (32 bytes)", len(b))
	}
	n := int64(binary.LittleEndian.Uint32(b[4:]))
	hlen := int(binary.LittleEndian.Uint16(b[8:]))
	rlen := int(binary.LittleEndian.Uint16(b[10:]))
	if hlen < 33 || hlen > len(b) {
		return nil, errf(name, 0, ErrFormat, "header length %d does not fit in the file of %d bytes", hlen, len(b))
	}
	t := &Table{LanguageDriver: b[29]}
	off := 1 // after the deletion flag
	seen := map[string]bool{}
	for p := 32; p+32 <= hlen && b[p] != 0x0D; p += 32 {
		d := b[p : p+32]
		nm := d[:11]
		if i := bytes.IndexByte(nm, 0); i >= 0 {
			nm = nm[:i]
		}
		f := Field{Name: strings.TrimSpace(opts.Encoding.decode(nm)), Type: d[11], Length: int(d[16]), Decimals: int(d[17]), offset: off}
		if f.Type == 'C' {
			// Text fields longer than 255 keep the high byte in the
			// decimal count (a Clipper and GDAL extension).
			f.Length += 256 * f.Decimals
			f.Decimals = 0
		}
		if f.Name == "" {
			f.Name = fmt.Sprintf("field%d", len(t.Fields)+1)
		}
		if seen[strings.ToLower(f.Name)] {
			return nil, &Error{File: name, Field: f.Name, Err: ErrFormat, Msg: "appears twice in the header"}
		}
		seen[strings.ToLower(f.Name)] = true
		off += f.Length
		t.Fields = append(t.Fields, f)
	}
	if off > rlen {
		return nil, errf(name, 0, ErrFormat, "fields take %d bytes but a record is %d bytes", off, rlen)
	}
	if rlen == 0 {
		return nil, errf(name, 0, ErrFormat, "record length is 0")
	}
	if avail := int64(len(b)-hlen) / int64(rlen); n > avail {
		return nil, errf(name, 0, ErrFormat, "header says %d records but the file holds %d", n, avail)
	}
	t.Records = make([][]any, 0, n)
	t.Deleted = make([]bool, 0, n)
	for i := 0; i < int(n); i++ {
		rec := b[hlen+i*rlen : hlen+(i+1)*rlen]
		vals := make([]any, len(t.Fields))
		for k, f := range t.Fields {
			v, err := f.value(rec[f.offset:f.offset+f.Length], opts.Encoding)
			if err != nil {
				return nil, &Error{File: name, Record: i + 1, Field: f.Name, Err: ErrFormat, Msg: err.Error()}
			}
			vals[k] = v
		}
		t.Records = append(t.Records, vals)
		t.Deleted = append(t.Deleted, rec[0] == '*')
	}
	return t, nil
}

// value converts one field's bytes.
func (f Field) value(raw []byte, enc Encoding) (any, error) {
	switch f.Type {
	case 'N', 'F':
		s := strings.TrimSpace(string(bytes.TrimRight(raw, "\x00")))
		if s == "" || strings.Trim(s, "*") == "" {
			return nil, nil // blank, or asterisks for a value too wide
		}
		v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil || v != v {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return v, nil
	case 'L':
		switch s := strings.TrimSpace(string(raw)); s {
		case "T", "t", "Y", "y":
			return true, nil
		case "F", "f", "N", "n":
			return false, nil
		case "", "?":
			return nil, nil
		default:
			return nil, fmt.Errorf("%q is not a logical value (T, F, Y, N or ?)", s)
		}
	case 'D':
		s := strings.TrimSpace(string(bytes.TrimRight(raw, "\x00")))
		if s == "" || strings.Trim(s, "0") == "" {
			return nil, nil
		}
		if len(s) != 8 {
			return nil, fmt.Errorf("%q is not a date (YYYYMMDD)", s)
		}
		for _, c := range s {
			if c < '0' || c > '9' {
				return nil, fmt.Errorf("%q is not a date (YYYYMMDD)", s)
			}
		}
		return s[:4] + "-" + s[4:6] + "-" + s[6:], nil
	}
	raw = bytes.TrimRight(raw, "\x00")
	if enc == UTF8 && !utf8.Valid(raw) {
		// A writer that cut the text at the field's width may have cut a
		// character in two: an incomplete last character is dropped.
		// Anything else is text in another code page.
		cut := raw
		for k := 0; k < 3 && len(cut) > 0 && !utf8.Valid(cut); k++ {
			cut = cut[:len(cut)-1]
		}
		if tail := raw[len(cut):]; !utf8.Valid(cut) || utf8.FullRune(tail) {
			return nil, fmt.Errorf("text %q is not UTF-8, the code page the .cpg names: is the .dbf in another code page, such as ISO-8859-1? Write that in the .cpg", strings.TrimSpace(strings.ToValidUTF8(string(raw), "?")))
		}
		raw = cut
	}
	s := strings.TrimSpace(enc.decode(raw))
	if s == "" {
		return nil, nil
	}
	return s, nil
}
