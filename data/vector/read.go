package vector

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/gpkg"
	"github.com/saavu/saavu/data/shp"
)

// SplitLayer splits "FILE:LAYER" into the file and the layer. An argument
// that names an existing file is all file; otherwise the part after the
// last colon is the layer when the part before it is a file.
func SplitLayer(arg string) (file, layer string) {
	if _, err := os.Stat(arg); err == nil {
		return arg, ""
	}
	if i := strings.LastIndexByte(arg, ':'); i > 0 {
		if st, err := os.Stat(arg[:i]); err == nil && !st.IsDir() {
			return arg[:i], arg[i+1:]
		}
	}
	return arg, ""
}

// Source is a file argument with its layer and detected format.
type Source struct {
	Arg, File, Layer string
	Format           Format
}

// Open splits arg into file and layer and detects the format. A format
// Read cannot read is an *UnsupportedError; a layer given for a format
// without layers is an error.
func Open(arg string) (Source, error) {
	file, layer := SplitLayer(arg)
	s := Source{Arg: arg, File: file, Layer: layer}
	f, err := Detect(file)
	if err != nil {
		return s, err
	}
	s.Format = f
	if !f.Readable() {
		u := &UnsupportedError{File: file, Format: f, Layer: layer}
		switch f {
		case ZipOther:
			names := zipNames(file, 8)
			u.Why = fmt.Sprintf("a zip holding no shapefile (it holds %s): unzip it and give the file inside, or convert that file", strings.Join(names, ", "))
		case DBF:
			u.Why = "a dBASE table alone (the attribute part of a shapefile): give the .shp beside it"
		case Unknown:
			u.Why = "a binary file of a format saavu does not recognise (it reads GeoJSON, GeoPackage, Shapefile and CSV)"
		}
		return s, u
	}
	if layer != "" && f != GeoPackage && f != ShapefileZip {
		return s, fmt.Errorf("%s: a %s has no layers; %q after the colon is not a layer", file, f, layer)
	}
	return s, nil
}

// Read reads a GeoJSON, GeoPackage or Shapefile argument (FILE or
// FILE:LAYER) into a collection whose CRS is settled: opts.CRS when set,
// else the file's own, else detected from the coordinates (as for GeoJSON
// without a crs member). CSV and unreadable formats are errors: callers
// that accept CSV check Open first.
func Read(arg string, opts geojson.ReadOptions) (*geojson.Collection, error) {
	s, err := Open(arg)
	if err != nil {
		return nil, err
	}
	return s.Read(opts)
}

// Read reads the source; see the function Read.
func (s Source) Read(opts geojson.ReadOptions) (*geojson.Collection, error) {
	switch s.Format {
	case GeoJSON:
		return geojson.Read(s.File, opts)
	case GeoPackage:
		return readGPKG(s, opts)
	case Shapefile, ShapefileZip:
		return readSHP(s, opts)
	case CSV:
		return nil, fmt.Errorf("%s: CSV text where a GeoJSON, GeoPackage or Shapefile was expected", s.File)
	}
	return nil, &UnsupportedError{File: s.File, Format: s.Format}
}

func readGPKG(s Source, opts geojson.ReadOptions) (*geojson.Collection, error) {
	c, err := gpkg.Read(s.File, s.Layer)
	if err != nil {
		var re *gpkg.ReadError
		if errors.Is(err, gpkg.ErrLayer) && s.Layer == "" && errors.As(err, &re) && strings.Contains(re.Msg, "feature layers") {
			return nil, &UnsupportedError{File: s.File, Format: GeoPackage, Why: re.Msg, Layer: "LAYER"}
		}
		return nil, err
	}
	name := s.File
	if s.Layer != "" {
		name = s.File + ":" + c.Layer.Name
	}
	col := &geojson.Collection{Name: name, Features: make([]geojson.Feature, len(c.Features))}
	for i, f := range c.Features {
		col.Features[i] = geojson.Feature{Index: i, ID: fmt.Sprint(f.FID), Geometry: f.Geometry, Props: f.Props}
	}
	if err := geojson.Resolve(col, geojson.CRS(max(c.Layer.EPSG, 0)), opts, "gpkg"); err != nil {
		return nil, err
	}
	if opts.RequireFeatures && len(col.Features) == 0 {
		return nil, &geojson.Error{File: name, Index: -1, Err: geojson.ErrEmpty, Msg: "no features", Reader: "gpkg"}
	}
	return col, nil
}

func readSHP(s Source, opts geojson.ReadOptions) (*geojson.Collection, error) {
	file := s.File
	if s.Format == Shapefile && strings.EqualFold(filepath.Ext(file), ".shx") {
		file = strings.TrimSuffix(file, filepath.Ext(file)) + ".shp"
	}
	l, err := shp.Read(file, s.Layer)
	if err != nil {
		return nil, err
	}
	col := &geojson.Collection{Name: l.Name, Features: make([]geojson.Feature, len(l.Features))}
	for i, f := range l.Features {
		col.Features[i] = geojson.Feature{Index: f.Record - 1, Geometry: f.Geometry, Props: f.Props}
	}
	for _, w := range l.Warnings {
		col.Warnings = append(col.Warnings, geojson.Warning{File: l.Name, Index: -1, Msg: w, Reader: "shp"})
	}
	if l.CRS == 0 && opts.CRS == 0 {
		col.Warnings = append(col.Warnings, geojson.Warning{File: l.Name, Index: -1, Reader: "shp",
			Msg: "no .prj: the coordinate system is told from the coordinates; give --crs to be sure"})
	}
	if err := geojson.Resolve(col, geojson.CRS(l.CRS), opts, "shp"); err != nil {
		return nil, err
	}
	if opts.RequireFeatures && len(col.Features) == 0 {
		return nil, &geojson.Error{File: l.Name, Index: -1, Err: geojson.ErrEmpty, Msg: "no features", Reader: "shp"}
	}
	return col, nil
}

// Parts returns the files that make up the input arg (FILE or
// FILE:LAYER): the file itself, and for a .shp the .shx, .dbf, .prj and
// .cpg beside it that exist, in that order.
func Parts(arg string) []string {
	file, _ := SplitLayer(arg)
	out := []string{file}
	if !strings.EqualFold(filepath.Ext(file), ".shp") {
		return out
	}
	base := strings.TrimSuffix(file, filepath.Ext(file))
	for _, ext := range []string{".shx", ".dbf", ".prj", ".cpg"} {
		for _, e := range []string{ext, strings.ToUpper(ext)} {
			if st, err := os.Stat(base + e); err == nil && st.Mode().IsRegular() {
				out = append(out, base+e)
				break
			}
		}
	}
	return out
}
