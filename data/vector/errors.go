package vector

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// ErrUnsupported is wrapped by UnsupportedError.
var ErrUnsupported = errors.New("vector: unsupported format")

// UnsupportedError says that a file is in a format saavu recognises but
// does not read, or a readable format in a shape it cannot take (several
// layers and none chosen), and how to convert it.
type UnsupportedError struct {
	File   string
	Format Format
	Why    string // what is wrong, when more than the format
	Layer  string // the layer to name in the conversion, if any
}

func (e *UnsupportedError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	b.WriteString(": ")
	if e.Why != "" {
		b.WriteString(e.Why)
	} else {
		fmt.Fprintf(&b, "%s is not a format saavu reads (it reads GeoJSON, GeoPackage, Shapefile and CSV)", e.Format)
	}
	b.WriteString("; convert it with: ")
	b.WriteString(ConvertCommand(e.File, e.Layer))
	return b.String()
}

func (e *UnsupportedError) Unwrap() error { return ErrUnsupported }

// ConvertCommand returns the ogr2ogr command that turns file (and layer,
// if given) into WGS84 GeoJSON beside it.
func ConvertCommand(file, layer string) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	if base == "" || base == "." {
		base = "out"
	}
	out := filepath.Join(filepath.Dir(file), base+".geojson")
	if out == file {
		out = filepath.Join(filepath.Dir(file), base+"-converted.geojson")
	}
	cmd := "ogr2ogr -f GeoJSON -t_srs EPSG:4326 " + shellQuote(out) + " " + shellQuote(file)
	if layer != "" {
		cmd += " " + shellQuote(layer)
	}
	return cmd
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == ':' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
