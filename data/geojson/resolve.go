package geojson

import "fmt"

// Resolve settles the CRS of a collection filled by a reader of another
// format (GeoPackage, Shapefile) the way Decode settles a GeoJSON file's:
// opts.CRS when set (a --crs flag), else declared (the file's own CRS,
// 0 when it has none), else detected from the coordinates; every
// coordinate is then checked against it. reader names the format in errors
// and warnings ("gpkg", "shp").
func Resolve(c *Collection, declared CRS, opts ReadOptions, reader string) error {
	d := &decoder{name: c.Name, opts: opts, c: c}
	n := len(c.Warnings)
	err := d.resolve(declared)
	for i := n; i < len(c.Warnings); i++ {
		c.Warnings[i].Reader = reader
	}
	if e, ok := err.(*Error); ok {
		e.Reader = reader
	}
	return err
}

func (d *decoder) resolve(declared CRS) error {
	switch {
	case d.opts.CRS != 0:
		if d.opts.CRS != WGS84 && d.opts.CRS != EPSG3067 {
			return d.errf(-1, "", ErrUnknownCRS, "unsupported CRS option %s: supported are %s", d.opts.CRS, Supported)
		}
		if declared != 0 && declared != d.opts.CRS {
			d.warn(-1, "", fmt.Sprintf("the file's CRS %s ignored: CRS set to %s by option", declared, d.opts.CRS))
		}
		d.c.CRS = d.opts.CRS
	case declared != 0:
		d.c.CRS = declared
	default:
		return d.detect()
	}
	return d.check()
}
