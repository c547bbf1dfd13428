package vector

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Format is a file format as Detect tells it.
type Format int

// Formats. The first five are read; the others are recognised so that
// the message can say what the file is and how to convert it.
const (
	Unknown Format = iota
	GeoJSON
	GeoPackage
	Shapefile    // a .shp (or .shx) beside its .dbf
	ShapefileZip // a .zip holding a shapefile
	CSV
	GML // GML, as WFS services return it, or other XML
	KML
	KMZ
	MapInfoTAB
	MapInfoMIF
	FlatGeobuf
	Parquet
	DBF // a dBASE table alone: a shapefile's attributes
	ZipOther
)

var formatNames = map[Format]string{
	Unknown: "an unknown format", GeoJSON: "GeoJSON", GeoPackage: "GeoPackage", Shapefile: "Shapefile",
	ShapefileZip: "zipped Shapefile", CSV: "CSV", GML: "GML/XML (as from a WFS service)", KML: "KML", KMZ: "KMZ (zipped KML)",
	MapInfoTAB: "MapInfo TAB", MapInfoMIF: "MapInfo MIF", FlatGeobuf: "FlatGeobuf", Parquet: "Parquet/GeoParquet",
	DBF: "a dBASE table (.dbf, the attribute part of a shapefile)", ZipOther: "a zip without a shapefile",
}

func (f Format) String() string { return formatNames[f] }

// Readable reports whether Read reads the format (CSV is read by the
// callers' CSV readers).
func (f Format) Readable() bool {
	switch f {
	case GeoJSON, GeoPackage, Shapefile, ShapefileZip, CSV:
		return true
	}
	return false
}

const sniffLen = 4096

// Detect tells the format of the file at p from its first bytes. An empty
// file is GeoJSON or CSV by its extension, so that the reader of that
// format reports it. Errors are those of opening the file.
func Detect(p string) (Format, error) {
	f, err := os.Open(p)
	if err != nil {
		return Unknown, err
	}
	defer f.Close()
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return Unknown, err
	}
	head = head[:n]
	if n == 0 {
		switch strings.ToLower(filepath.Ext(p)) {
		case ".csv", ".txt", ".tsv":
			return CSV, nil
		}
		return GeoJSON, nil
	}
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	return sniff(p, head, size), nil
}

// sniff decides from the head of a file (and its size, for dBASE).
func sniff(p string, head []byte, size int64) Format {
	switch {
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		return GeoPackage
	case len(head) >= 4 && binary.BigEndian.Uint32(head) == 9994:
		return Shapefile
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return sniffZip(p)
	case bytes.HasPrefix(head, []byte("fgb\x03")):
		return FlatGeobuf
	case bytes.HasPrefix(head, []byte("PAR1")):
		return Parquet
	case isDBF(head, size):
		return DBF
	}
	t := bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	if wide(t) {
		// UTF-16 or UTF-32 text: judge its ASCII characters; the reader of
		// the format then says that it must be UTF-8.
		t = bytes.TrimLeft(t, "\xFF\xFE")
		t = bytes.ReplaceAll(t, []byte{0}, nil)
		t = bytes.TrimLeft(t, "\xFF\xFE")
	}
	t = bytes.TrimLeft(t, " \t\r\n")
	if len(t) == 0 {
		return GeoJSON // only spaces: let the GeoJSON reader say so
	}
	low := bytes.ToLower(t)
	switch {
	case t[0] == '{' || t[0] == '[':
		return GeoJSON
	case t[0] == '<':
		if bytes.Contains(low, []byte("<kml")) {
			return KML
		}
		return GML
	case bytes.HasPrefix(low, []byte("!table")):
		return MapInfoTAB
	case bytes.HasPrefix(low, []byte("version")) && (bytes.Contains(low, []byte("\ncolumns")) || bytes.Contains(low, []byte("\ncharset"))):
		return MapInfoMIF
	case bytes.IndexByte(t, 0) >= 0:
		return Unknown // binary
	}
	return CSV
}

// wide reports whether text looks like UTF-16 or UTF-32: a byte-order
// mark, or a NUL beside an ASCII character in the first four bytes.
func wide(h []byte) bool {
	if bytes.HasPrefix(h, []byte{0xFF, 0xFE}) || bytes.HasPrefix(h, []byte{0xFE, 0xFF}) || bytes.HasPrefix(h, []byte{0, 0, 0xFE, 0xFF}) {
		return true
	}
	if len(h) < 4 {
		return false
	}
	zeros, ascii := 0, 0
	for _, c := range h[:4] {
		switch {
		case c == 0:
			zeros++
		case c >= 0x20 && c < 0x7F, c == '\n', c == '\r', c == '\t':
			ascii++
		}
	}
	return zeros > 0 && ascii > 0 && zeros+ascii == 4
}

// isDBF recognises a dBASE table by its header: a version byte that is
// not printable text, the 0x0D that ends the field descriptors where the
// header length says, and a size that holds the records it declares.
func isDBF(h []byte, size int64) bool {
	if len(h) < 33 {
		return false
	}
	switch h[0] {
	case 0x02, 0x03, 0x04, 0x05, 0x83, 0x8B, 0xCB, 0xF5, 0xFB:
	default:
		return false
	}
	n := int64(binary.LittleEndian.Uint32(h[4:]))
	hlen := int(binary.LittleEndian.Uint16(h[8:]))
	rlen := int64(binary.LittleEndian.Uint16(h[10:]))
	if hlen < 33 || hlen > len(h) || rlen == 0 {
		return false
	}
	if h[hlen-1] != 0x0D && h[hlen-2] != 0x0D {
		return false
	}
	return size >= int64(hlen)+n*rlen
}

// sniffZip looks into a zip for a shapefile or KML.
func sniffZip(p string) Format {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return ZipOther
	}
	defer zr.Close()
	kml := false
	for _, f := range zr.File {
		switch strings.ToLower(path.Ext(f.Name)) {
		case ".shp":
			return ShapefileZip
		case ".kml":
			kml = true
		}
	}
	if kml {
		return KMZ
	}
	return ZipOther
}

// zipNames lists up to max member names of a zip, for messages.
func zipNames(p string, max int) []string {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil
	}
	defer zr.Close()
	var out []string
	for _, f := range zr.File {
		if len(out) == max {
			out = append(out, "...")
			break
		}
		out = append(out, f.Name)
	}
	return out
}
