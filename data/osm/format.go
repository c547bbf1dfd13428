package osm

import (
	"bytes"
	"encoding/binary"
)

// sniffLen is how many leading bytes DetectFormat needs at most.
const sniffLen = 64

// DetectFormat tells the encoding of a file from its first bytes (at least
// 64 when the file is that long):
//
//   - PBF: a 4-byte big-endian BlobHeader length below 64 KiB, then a
//     BlobHeader whose first field is the type "OSMHeader" (or "OSMData" for
//     files written without a header block);
//   - XML: after an optional UTF-8 byte order mark and white space, "<?xml",
//     "<osm" or a comment "<!--";
//   - gzip (1f 8b) and bzip2 ("BZh") compressed data.
//
// Anything else is FormatUnknown.
func DetectFormat(prefix []byte) Format {
	if isPBF(prefix) {
		return FormatPBF
	}
	if len(prefix) >= 2 && prefix[0] == 0x1f && prefix[1] == 0x8b {
		return FormatGzip
	}
	if len(prefix) >= 4 && bytes.HasPrefix(prefix, []byte("BZh")) && prefix[3] >= '1' && prefix[3] <= '9' {
		return FormatBzip2
	}
	p := bytes.TrimPrefix(prefix, []byte{0xEF, 0xBB, 0xBF})
	p = bytes.TrimLeft(p, " \t\r\n")
	for _, start := range []string{"<?xml", "<osm", "<!--"} {
		if bytes.HasPrefix(p, []byte(start)) {
			return FormatXML
		}
	}
	return FormatUnknown
}

func isPBF(p []byte) bool {
	if len(p) < 4 {
		return false
	}
	n := binary.BigEndian.Uint32(p)
	if n == 0 || n >= maxBlobHeaderSize {
		return false
	}
	h := p[4:]
	// BlobHeader field 1 (type), wire type 2: tag byte 0x0A, then a
	// one-byte length for the short type names.
	if len(h) < 2 || h[0] != 0x0A {
		return false
	}
	l := int(h[1])
	if l >= 0x80 || len(h) < 2+l || uint32(2+l) > n {
		return false
	}
	t := string(h[2 : 2+l])
	return t == blockHeader || t == blockData
}
