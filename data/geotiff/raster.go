package geotiff

import (
	"fmt"
	"io"
	"math"
	"os"

	"github.com/saavu/saavu/geo"
)

// Supported coordinate reference systems.
const (
	EPSG4326 = 4326 // WGS84 lon/lat degrees
	EPSG3067 = 3067 // ETRS-TM35FIN metres
)

// Raster is band 1 of a GeoTIFF, north up: pixel (col, row) covers x from
// X0+col*DX to X0+(col+1)*DX and y from Y0-(row+1)*DY to Y0-row*DY, in the
// units of EPSG (degrees or metres).
type Raster struct {
	W, H           int
	EPSG           int
	X0, Y0, DX, DY float64
	// Values row by row from the top; NaN where the file has its nodata
	// value.
	Values []float32
	// NoData is the file's nodata value, when it declares one.
	NoData    float64
	HasNoData bool
	// invDX and invDY are 1/DX and 1/DY, set by Read (0 in a Raster made
	// otherwise, which AtXY then divides for).
	invDX, invDY float64
}

// New returns a raster of w x h values (row by row from the top, NaN for
// nodata) whose top left corner is (x0, y0) and pixels dx by dy, in the
// CRS epsg.
func New(w, h, epsg int, x0, y0, dx, dy float64, values []float32) *Raster {
	return &Raster{W: w, H: h, EPSG: epsg, X0: x0, Y0: y0, DX: dx, DY: dy, Values: values, invDX: 1 / dx, invDY: 1 / dy}
}

// ReadFile reads path.
func ReadFile(path string) (*Raster, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("geotiff: %s is a folder, not a GeoTIFF file", path)
	}
	r, err := Read(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("geotiff: %s: %w", path, err)
	}
	return r, nil
}

// Read reads a GeoTIFF of size bytes from r.
func Read(r io.ReaderAt, size int64) (*Raster, error) {
	d, err := readIFD(r, size)
	if err != nil {
		return nil, err
	}
	l, err := readLayout(d)
	if err != nil {
		return nil, err
	}
	out := &Raster{W: l.w, H: l.h}
	if err := out.georeference(d); err != nil {
		return nil, err
	}
	if out.NoData, out.HasNoData, err = d.noData(); err != nil {
		return nil, err
	}
	if out.Values, err = readPixels(r, size, d.order, l); err != nil {
		return nil, err
	}
	if out.HasNoData {
		nd := float32(out.NoData)
		for i, v := range out.Values {
			if v == nd {
				out.Values[i] = float32(math.NaN())
			}
		}
	}
	out.invDX, out.invDY = 1/out.DX, 1/out.DY
	return out, nil
}

// GeoKeys used.
const (
	keyModelType     = 1024
	keyRasterType    = 1025
	keyGeographicCRS = 2048
	keyProjectedCRS  = 3072
	pixelIsPoint     = 2
	userDefined      = 32767
)

func (r *Raster) georeference(d *ifd) error {
	keys := map[int]float64{}
	if gk := d.fields[tagGeoKeyDirectory].nums; len(gk) >= 4 {
		n := int(gk[3])
		for i := range n {
			e := gk[min(len(gk), 4+i*4):min(len(gk), 8+i*4)]
			if len(e) < 4 {
				break
			}
			if e[1] == 0 { // the value is in the entry itself
				keys[int(e[0])] = e[3]
			}
		}
	} else {
		return fmt.Errorf("%w: no GeoTIFF keys: the raster has no coordinate system (assign one with gdal_translate -a_srs EPSG:3067)", ErrFormat)
	}
	switch {
	case keys[keyProjectedCRS] == EPSG3067:
		r.EPSG = EPSG3067
	case keys[keyModelType] == 2 && (keys[keyGeographicCRS] == EPSG4326 || keys[keyGeographicCRS] == 0):
		r.EPSG = EPSG4326
	case keys[keyProjectedCRS] != 0 && keys[keyProjectedCRS] != userDefined:
		return fmt.Errorf("%w: CRS EPSG:%g: supported are EPSG:4326 and EPSG:3067; reproject with gdalwarp -t_srs EPSG:3067", ErrFormat, keys[keyProjectedCRS])
	case keys[keyGeographicCRS] != 0 && keys[keyGeographicCRS] != userDefined:
		return fmt.Errorf("%w: CRS EPSG:%g: supported are EPSG:4326 and EPSG:3067; reproject with gdalwarp -t_srs EPSG:4326", ErrFormat, keys[keyGeographicCRS])
	default:
		return fmt.Errorf("%w: a coordinate system without an EPSG code: reproject with gdalwarp -t_srs EPSG:3067", ErrFormat)
	}
	scale, tie := d.fields[tagPixelScale].nums, d.fields[tagTiepoint].nums
	switch tr := d.fields[tagTransformation].nums; {
	case len(scale) >= 2 && len(tie) >= 6:
		r.DX, r.DY = scale[0], scale[1]
		r.X0, r.Y0 = tie[3]-tie[0]*r.DX, tie[4]+tie[1]*r.DY
	case len(tr) >= 16:
		if tr[1] != 0 || tr[4] != 0 {
			return fmt.Errorf("%w: a rotated raster: warp it north up with gdalwarp", ErrFormat)
		}
		r.DX, r.DY, r.X0, r.Y0 = tr[0], -tr[5], tr[3], tr[7]
	default:
		return fmt.Errorf("%w: no georeference (pixel scale and tie point, or transformation)", ErrFormat)
	}
	if !(r.DX > 0) || !(r.DY > 0) || math.IsInf(r.DX, 0) || math.IsInf(r.DY, 0) || math.IsNaN(r.X0) || math.IsNaN(r.Y0) {
		return fmt.Errorf("%w: pixel size %g x %g: the raster must be north up with positive pixel sizes", ErrFormat, r.DX, r.DY)
	}
	if keys[keyRasterType] == pixelIsPoint {
		// The tie point is a pixel's centre: its area starts half a pixel
		// before (GDAL's reading).
		r.X0 -= r.DX / 2
		r.Y0 += r.DY / 2
	}
	return nil
}

// At returns the value of the pixel holding the WGS84 point (lon, lat),
// false off the raster or on nodata.
func (r *Raster) At(lon, lat float64) (float64, bool) { return r.AtXY(r.Project(lon, lat)) }

// Project converts a WGS84 point to the raster's coordinates (EPSG:3067
// metres, or the same degrees for EPSG:4326).
func (r *Raster) Project(lon, lat float64) (x, y float64) {
	if r.EPSG == EPSG3067 {
		return geo.ToTM35(lon, lat)
	}
	return lon, lat
}

// AtXY is At for a point in the raster's coordinates.
func (r *Raster) AtXY(x, y float64) (float64, bool) {
	var cf, rf float64
	if r.invDX != 0 {
		cf, rf = (x-r.X0)*r.invDX, (r.Y0-y)*r.invDY
	} else {
		cf, rf = (x-r.X0)/r.DX, (r.Y0-y)/r.DY
	}
	if !(cf >= 0 && rf >= 0 && cf < float64(r.W) && rf < float64(r.H)) {
		return 0, false
	}
	v := r.Values[int(rf)*r.W+int(cf)]
	if v != v { // NaN: nodata
		return 0, false
	}
	return float64(v), true
}
