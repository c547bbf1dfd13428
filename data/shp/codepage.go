package shp

import (
	"strings"
	"unicode/utf8"
)

// Encoding is a code page of dBASE text.
type Encoding int

// Code pages the reader decodes.
const (
	Latin1 Encoding = iota // ISO-8859-1, the default
	UTF8
	Windows1252
	Latin9 // ISO-8859-15
)

func (e Encoding) String() string {
	switch e {
	case UTF8:
		return "UTF-8"
	case Windows1252:
		return "Windows-1252"
	case Latin9:
		return "ISO-8859-15"
	}
	return "ISO-8859-1"
}

// ParseCodePage reads the content of a .cpg file: "UTF-8", "ISO-8859-1",
// "88591", "latin1", "1252", "CP1252", "ANSI 1252", "ISO-8859-15", ...
func ParseCodePage(s string) (Encoding, bool) {
	k := strings.ToUpper(strings.TrimSpace(s))
	k = strings.NewReplacer("-", "", "_", "", " ", "").Replace(k)
	switch k {
	case "UTF8", "65001", "UNICODE":
		return UTF8, true
	case "ISO88591", "88591", "LATIN1", "28591", "L1":
		return Latin1, true
	case "1252", "CP1252", "WINDOWS1252", "ANSI1252", "WIN1252", "ANSI":
		return Windows1252, true
	case "ISO885915", "885915", "LATIN9", "28605":
		return Latin9, true
	}
	return 0, false
}

// languageDriver maps a dBASE language driver id (byte 29 of the header)
// to a code page; ok is false when the byte names none or one not decoded
// here.
func languageDriver(b byte) (Encoding, bool) {
	switch b {
	case 0x03, 0x57, 0x58, 0x59:
		return Windows1252, true
	}
	return 0, false
}

// cp1252 holds the characters of Windows-1252 at 0x80..0x9F, where it
// differs from ISO-8859-1; 0 marks the five unused positions.
var cp1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// latin9 holds the eight positions where ISO-8859-15 differs from
// ISO-8859-1.
var latin9 = map[byte]rune{0xA4: '€', 0xA6: 'Š', 0xA8: 'š', 0xB4: 'Ž', 0xB8: 'ž', 0xBC: 'Œ', 0xBD: 'œ', 0xBE: 'Ÿ'}

// decode returns b as UTF-8 text. Invalid UTF-8 sequences become U+FFFD.
func (e Encoding) decode(b []byte) string {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return string(b)
	}
	if e == UTF8 {
		if utf8.Valid(b) {
			return string(b)
		}
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for _, c := range b {
		r := rune(c)
		switch {
		case e == Windows1252 && c >= 0x80 && c < 0xA0:
			if r = cp1252[c-0x80]; r == 0 {
				r = '\uFFFD'
			}
		case e == Latin9:
			if x, ok := latin9[c]; ok {
				r = x
			}
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
