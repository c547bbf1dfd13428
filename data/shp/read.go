package shp

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paulmach/orb"
)

// Feature is one non-null shape with its attributes.
type Feature struct {
	Record   int // 1-based record number in the .shp and .dbf
	Geometry orb.Geometry
	Props    map[string]any
}

// Layer is a shapefile read whole.
type Layer struct {
	Name      string // the .shp as given, or ZIP:member
	ShapeType string
	Fields    []Field
	Features  []Feature
	// CRS is EPSG4326 or EPSG3067 from the .prj, 0 without one.
	CRS int
	// Encoding decoded the text fields; EncodingFrom says how it was
	// chosen: ".cpg", "language driver" or "default".
	Encoding     Encoding
	EncodingFrom string
	NullShapes   int      // records with a null shape, left out
	Deleted      int      // records flagged as deleted in the .dbf, left out
	Warnings     []string // about the whole file, without its name
}

// files are the parts of one shapefile, as bytes; prj and cpg are nil
// when absent.
type files struct {
	name           string // for messages: the .shp path or ZIP:member
	shp, dbf       []byte
	prj, cpg       []byte
	dbfName        string
	hasPrj, hasCpg bool
}

// Read reads the shapefile at path: a .shp beside its .dbf (and .prj,
// .cpg), or a .zip holding one shapefile. For a .zip holding several,
// member names the .shp to read (its base name, with or without .shp).
func Read(p, member string) (*Layer, error) {
	if strings.EqualFold(filepath.Ext(p), ".zip") {
		return ReadZip(p, member)
	}
	base := strings.TrimSuffix(p, filepath.Ext(p))
	f := files{name: p}
	var err error
	if f.shp, err = os.ReadFile(p); err != nil {
		return nil, &Error{File: p, Err: err, Msg: err.Error()}
	}
	dbf, ok := sibling(base, ".dbf")
	if !ok {
		return nil, &Error{File: p, Err: ErrMissing, Msg: "no .dbf beside it: a shapefile's attributes are in NAME.dbf; " +
			"copy it beside the .shp, or convert what there is: ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson " + p}
	}
	f.dbfName = dbf
	if f.dbf, err = os.ReadFile(dbf); err != nil {
		return nil, &Error{File: dbf, Err: err, Msg: err.Error()}
	}
	if prj, ok := sibling(base, ".prj"); ok {
		if f.prj, err = os.ReadFile(prj); err != nil {
			return nil, &Error{File: prj, Err: err, Msg: err.Error()}
		}
		f.hasPrj = true
	}
	if cpg, ok := sibling(base, ".cpg"); ok {
		if f.cpg, err = os.ReadFile(cpg); err != nil {
			return nil, &Error{File: cpg, Err: err, Msg: err.Error()}
		}
		f.hasCpg = true
	}
	return f.read()
}

// sibling finds base+ext, in either case of the extension.
func sibling(base, ext string) (string, bool) {
	for _, e := range []string{ext, strings.ToUpper(ext)} {
		if st, err := os.Stat(base + e); err == nil && !st.IsDir() {
			return base + e, true
		}
	}
	return "", false
}

// maxZipMember bounds what one member of a .zip may expand to.
const maxZipMember = 4 << 30

// ZipMembers lists the .shp files in a .zip, sorted.
func ZipMembers(p string) ([]string, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, &Error{File: p, Err: ErrFormat, Msg: "not a readable zip: " + err.Error()}
	}
	defer zr.Close()
	var out []string
	for _, f := range zr.File {
		if strings.EqualFold(path.Ext(f.Name), ".shp") && !strings.HasPrefix(path.Base(f.Name), "._") {
			out = append(out, f.Name)
		}
	}
	sort.Strings(out)
	return out, nil
}

// ReadZip reads a shapefile from a .zip; member picks the .shp when the
// zip holds several.
func ReadZip(p, member string) (*Layer, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, &Error{File: p, Err: ErrFormat, Msg: "not a readable zip: " + err.Error()}
	}
	defer zr.Close()
	byName := map[string]*zip.File{}
	var shps []string
	for _, f := range zr.File {
		byName[strings.ToLower(f.Name)] = f
		if strings.EqualFold(path.Ext(f.Name), ".shp") && !strings.HasPrefix(path.Base(f.Name), "._") {
			shps = append(shps, f.Name)
		}
	}
	sort.Strings(shps)
	var pick string
	switch {
	case len(shps) == 0:
		return nil, &Error{File: p, Err: ErrMissing, Msg: "the zip holds no .shp file"}
	case member != "":
		m := strings.ToLower(strings.TrimSuffix(member, ".shp"))
		for _, s := range shps {
			l := strings.ToLower(strings.TrimSuffix(s, path.Ext(s)))
			if l == m || path.Base(l) == m {
				pick = s
			}
		}
		if pick == "" {
			return nil, &Error{File: p, Err: ErrMissing, Msg: fmt.Sprintf("no shapefile %q in the zip (it holds %s)", member, strings.Join(shps, ", "))}
		}
	case len(shps) > 1:
		return nil, &Error{File: p, Err: ErrMissing, Msg: fmt.Sprintf("the zip holds %d shapefiles (%s): choose one as %s:NAME", len(shps), strings.Join(shps, ", "), p)}
	default:
		pick = shps[0]
	}
	base := strings.ToLower(strings.TrimSuffix(pick, path.Ext(pick)))
	f := files{name: p + ":" + pick}
	read := func(ext string) ([]byte, bool, error) {
		zf, ok := byName[base+ext]
		if !ok {
			return nil, false, nil
		}
		if zf.UncompressedSize64 > maxZipMember {
			return nil, true, &Error{File: p + ":" + zf.Name, Err: ErrFormat, Msg: "member too large"}
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, true, &Error{File: p + ":" + zf.Name, Err: ErrFormat, Msg: err.Error()}
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxZipMember))
		if err != nil {
			return nil, true, &Error{File: p + ":" + zf.Name, Err: ErrFormat, Msg: err.Error()}
		}
		return b, true, nil
	}
	if f.shp, _, err = read(".shp"); err != nil {
		return nil, err
	}
	var ok bool
	if f.dbf, ok, err = read(".dbf"); err != nil {
		return nil, err
	} else if !ok {
		return nil, &Error{File: f.name, Err: ErrMissing, Msg: "the zip holds no .dbf for it: a shapefile's attributes are in NAME.dbf beside NAME.shp"}
	}
	f.dbfName = p + ":" + base + ".dbf"
	if f.prj, f.hasPrj, err = read(".prj"); err != nil {
		return nil, err
	}
	if f.cpg, f.hasCpg, err = read(".cpg"); err != nil {
		return nil, err
	}
	return f.read()
}

// Parse reads a shapefile from the bytes of its parts; prj and cpg may be
// nil. name is used in messages.
func Parse(name string, shp, dbf, prj, cpg []byte) (*Layer, error) {
	f := files{name: name, shp: shp, dbf: dbf, prj: prj, cpg: cpg, dbfName: name + " (.dbf)", hasPrj: prj != nil, hasCpg: cpg != nil}
	return f.read()
}

func (f *files) read() (*Layer, error) {
	l := &Layer{Name: f.name}
	if f.hasPrj {
		crs, err := ParsePRJ(f.name, string(f.prj))
		if err != nil {
			return nil, err
		}
		l.CRS = crs
	}
	// The language driver byte decides only without a .cpg.
	var ldid byte
	if len(f.dbf) > 29 {
		ldid = f.dbf[29]
	}
	switch {
	case f.hasCpg:
		enc, ok := ParseCodePage(string(f.cpg))
		if !ok {
			return nil, &Error{File: f.name, Err: ErrEncoding, Msg: fmt.Sprintf(".cpg names code page %q, which saavu does not decode (UTF-8, ISO-8859-1, ISO-8859-15, Windows-1252); "+
				"convert the file: ogr2ogr -lco ENCODING=UTF-8 out.shp %s", strings.TrimSpace(clip(string(f.cpg), 40)), f.name)}
		}
		l.Encoding, l.EncodingFrom = enc, ".cpg"
	default:
		if enc, ok := languageDriver(ldid); ok {
			l.Encoding, l.EncodingFrom = enc, "language driver"
		} else {
			l.Encoding, l.EncodingFrom = Latin1, "default"
		}
	}
	sh, err := ParseSHP(f.name, f.shp)
	if err != nil {
		return nil, err
	}
	l.ShapeType = TypeName(sh.Type)
	t, err := ParseDBF(f.dbfName, f.dbf, DBFOptions{Encoding: l.Encoding})
	if err != nil {
		return nil, err
	}
	if len(t.Records) != len(sh.Geoms) {
		return nil, &Error{File: f.name, Err: ErrFormat, Msg: fmt.Sprintf("the .shp holds %d shapes but the .dbf %d records: they are not parts of one shapefile", len(sh.Geoms), len(t.Records))}
	}
	l.Fields = t.Fields
	if l.EncodingFrom == "default" && hasHighBytes(t) {
		l.Warnings = append(l.Warnings, "no .cpg and no code page in the .dbf header: text read as ISO-8859-1; if names look wrong, add a .cpg holding UTF-8 or 1252")
	}
	for i, g := range sh.Geoms {
		if t.Deleted[i] {
			l.Deleted++
			continue
		}
		if g == nil {
			l.NullShapes++
			continue
		}
		props := make(map[string]any, len(t.Fields))
		for k, fd := range t.Fields {
			props[fd.Name] = t.Records[i][k]
		}
		l.Features = append(l.Features, Feature{Record: i + 1, Geometry: g, Props: props})
	}
	if l.NullShapes > 0 {
		l.Warnings = append(l.Warnings, fmt.Sprintf("%d records without a shape (null shapes) left out", l.NullShapes))
	}
	return l, nil
}

// hasHighBytes reports whether any text value had a non-ASCII byte (and so
// depended on the code page).
func hasHighBytes(t *Table) bool {
	for _, r := range t.Records {
		for _, v := range r {
			if s, ok := v.(string); ok {
				for i := 0; i < len(s); i++ {
					if s[i] >= 0x80 {
						return true
					}
				}
			}
		}
	}
	return false
}
