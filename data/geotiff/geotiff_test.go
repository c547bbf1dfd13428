package geotiff

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/saavu/saavu/geo"
)

// TestTinyTIFF reads a GeoTIFF written by the test's own writer: every
// pixel value, the georeference, nodata and At.
func TestTinyTIFF(t *testing.T) {
	v := func(c, r int) float32 { return float32(100 + 3*c - 2*r) }
	b := tinyTIFF(5, 4, 500000, 6900000, 10, func(c, r int) float32 {
		if c == 2 && r == 1 {
			return -9999
		}
		return v(c, r)
	}, -9999, true)
	r, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if r.W != 5 || r.H != 4 || r.EPSG != EPSG3067 || r.X0 != 500000 || r.Y0 != 6900000 || r.DX != 10 || r.DY != 10 || !r.HasNoData || r.NoData != -9999 {
		t.Fatalf("raster %+v", *r)
	}
	for row := range 4 {
		for c := range 5 {
			got := r.Values[row*5+c]
			if c == 2 && row == 1 {
				if !math.IsNaN(float64(got)) {
					t.Errorf("nodata pixel read as %v", got)
				}
				continue
			}
			if got != v(c, row) {
				t.Errorf("pixel (%d, %d) = %v, want %v", c, row, got, v(c, row))
			}
			// At the pixel's centre, given in WGS84.
			lon, lat := geo.FromTM35(500000+10*float64(c)+5, 6900000-10*float64(row)-5)
			if x, ok := r.At(lon, lat); !ok || x != float64(v(c, row)) {
				t.Errorf("At pixel (%d, %d) = %v %v", c, row, x, ok)
			}
		}
	}
	lon, lat := geo.FromTM35(500025, 6899985)
	if _, ok := r.At(lon, lat); ok {
		t.Error("At a nodata pixel reports a value")
	}
	lon, lat = geo.FromTM35(499999, 6899995)
	if _, ok := r.At(lon, lat); ok {
		t.Error("At west of the raster reports a value")
	}
}

// TestMalformed checks that damaged or unsupported files are refused with
// a message, and never panic.
func TestMalformed(t *testing.T) {
	good := tinyTIFF(5, 4, 500000, 6900000, 10, func(c, r int) float32 { return 1 }, 0, false)
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "shorter than a TIFF header"},
		{"png", []byte("\x89PNG\r\n\x1a\n0000"), "not a TIFF file"},
		{"bigtiff", []byte("II+\x00\x08\x00\x00\x00"), "BigTIFF"},
		{"truncated", good[:len(good)-10], "past the end of the file"},
		{"directory beyond the end", append([]byte("II*\x00"), 0xff, 0xff, 0, 0), "outside the file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(c.b), int64(len(c.b)))
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want ErrFormat with %q", err, c.want)
			}
		})
	}
}

// gdalGrid is the test grid for GDAL: 37 x 23 pixels (odd sizes, so that
// strips and tiles end part-way), value 60 + 3c - 2r + frac (frac 0.25
// for the float types), nodata at (5, 7) and (36, 22).
const gdalW, gdalH = 37, 23

func gdalValue(c, r int, float bool) float64 {
	v := 60 + 3*float64(c) - 2*float64(r)
	if float {
		v += 0.25
	}
	return v
}

func gdalNoData(c, r int) bool { return (c == 5 && r == 7) || (c == 36 && r == 22) }

// writeASC writes the grid as an Arc/Info ASCII grid with its lower-left
// corner at (x0, y0) and square pixels of size px.
func writeASC(t *testing.T, path string, x0, y0, px float64, float bool) {
	var b strings.Builder
	fmt.Fprintf(&b, "ncols %d\nnrows %d\nxllcorner %.10f\nyllcorner %.10f\ncellsize %.10f\nNODATA_value -99\n", gdalW, gdalH, x0, y0, px)
	for r := range gdalH {
		for c := range gdalW {
			if gdalNoData(c, r) {
				b.WriteString("-99 ")
			} else {
				fmt.Fprintf(&b, "%g ", gdalValue(c, r, float))
			}
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGDALLayouts writes the grid with gdal_translate (Debian gdal-bin) in
// every layout the reader supports and checks every pixel, the
// georeference and At. It skips when gdal_translate is not installed.
func TestGDALLayouts(t *testing.T) {
	if _, err := exec.LookPath("gdal_translate"); err != nil {
		t.Skip("gdal_translate not found (Debian package gdal-bin): GDAL-written rasters not checked")
	}
	dir := t.TempDir()
	type crs struct {
		epsg       int
		x0, y0, px float64
	}
	crss := []crs{{EPSG3067, 320000, 6820000, 10}, {EPSG4326, 23.7, 61.4, 0.0003}}
	types := []struct {
		gdal  string
		float bool
		preds []string
	}{
		{"Byte", false, []string{"1", "2"}},
		{"UInt16", false, []string{"1", "2"}},
		{"Int16", false, []string{"1", "2"}},
		{"Float32", true, []string{"1", "3"}},
		{"Float64", true, []string{"1", "3"}},
	}
	blocks := []struct {
		name string
		co   []string
	}{
		{"strips", []string{"-co", "BLOCKYSIZE=5"}},
		{"one strip", nil},
		{"tiles", []string{"-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16"}},
	}
	type job struct {
		name, out string
		args      []string
		cr        crs
		float     bool
		unsigned  bool
	}
	var jobs []job
	for _, cr := range crss {
		for _, float := range []bool{false, true} {
			asc := filepath.Join(dir, fmt.Sprintf("grid-%d-%v.asc", cr.epsg, float))
			writeASC(t, asc, cr.x0, cr.y0, cr.px, float)
		}
		for _, ty := range types {
			if cr.epsg == EPSG4326 && ty.gdal != "Int16" && ty.gdal != "Float32" {
				continue // the CRS is independent of the layout: two types suffice
			}
			asc := filepath.Join(dir, fmt.Sprintf("grid-%d-%v.asc", cr.epsg, ty.float))
			for _, comp := range []string{"NONE", "LZW", "DEFLATE"} {
				for _, pred := range ty.preds {
					if comp == "NONE" && pred != "1" {
						continue
					}
					for _, bl := range blocks {
						if bl.name == "one strip" && comp != "NONE" {
							continue
						}
						for _, endian := range []string{"LITTLE", "BIG"} {
							if endian == "BIG" && (comp != "LZW" || bl.name != "tiles") {
								continue // byte order: one layout is enough
							}
							name := fmt.Sprintf("%d %s %s pred%s %s %s", cr.epsg, ty.gdal, comp, pred, bl.name, endian)
							out := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".tif")
							nodata := "-99"
							if ty.gdal == "Byte" || ty.gdal == "UInt16" {
								nodata = "250" // no negative nodata in unsigned types
							}
							args := append([]string{"-q", "-of", "GTiff", "-ot", ty.gdal, "-a_srs", fmt.Sprintf("EPSG:%d", cr.epsg),
								"-a_nodata", nodata, "-co", "COMPRESS=" + comp, "-co", "ENDIANNESS=" + endian}, bl.co...)
							if pred != "1" {
								args = append(args, "-co", "PREDICTOR="+pred)
							}
							jobs = append(jobs, job{name, out, append(args, asc, out), cr, ty.float, nodata == "250"})
						}
					}
				}
			}
		}
	}
	// gdal_translate runs are processes of their own: a few at a time.
	errs := make([]error, len(jobs))
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if out, err := exec.Command("gdal_translate", j.args...).CombinedOutput(); err != nil {
				errs[i] = fmt.Errorf("gdal_translate %s: %v\n%s", strings.Join(j.args, " "), err, out)
			}
		})
	}
	wg.Wait()
	n := 0
	for i, j := range jobs {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		checkGrid(t, j.name, j.out, j.cr.epsg, j.cr.x0, j.cr.y0, j.cr.px, j.float, j.unsigned)
		n++
	}
	t.Logf("%d layouts checked", n)
}

func gdal(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("gdal_translate", args...).CombinedOutput(); err != nil {
		t.Fatalf("gdal_translate %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// checkGrid reads a GDAL-written grid and compares it with the values it
// was written from. For unsigned types nodata is 250 and the grid's -99
// cells are written as 250 by GDAL... except that -99 does not fit: GDAL
// clamps it to 0; those cells then hold 0, not nodata.
func checkGrid(t *testing.T, name, path string, epsg int, x0, y0, px float64, float, unsigned bool) {
	t.Helper()
	r, err := ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	top := y0 + float64(gdalH)*px
	if r.W != gdalW || r.H != gdalH || r.EPSG != epsg || math.Abs(r.X0-x0) > px*1e-6 || math.Abs(r.Y0-top) > px*1e-6 ||
		math.Abs(r.DX-px) > px*1e-9 || math.Abs(r.DY-px) > px*1e-9 {
		t.Fatalf("%s: %d x %d EPSG:%d origin (%v, %v) pixel %v x %v; want %d x %d EPSG:%d (%v, %v) %v",
			name, r.W, r.H, r.EPSG, r.X0, r.Y0, r.DX, r.DY, gdalW, gdalH, epsg, x0, top, px)
	}
	bad := 0
	for row := range gdalH {
		for c := range gdalW {
			want := gdalValue(c, row, float)
			got := float64(r.Values[row*gdalW+c])
			switch {
			case gdalNoData(c, row) && !unsigned:
				if !math.IsNaN(got) {
					bad++
				}
			case gdalNoData(c, row):
				// -99 clamped to 0 in an unsigned type
			case got != want:
				bad++
				if bad < 4 {
					t.Errorf("%s: pixel (%d, %d) = %v, want %v", name, c, row, got, want)
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d pixels differ", name, bad)
	}
	// At the centre of pixel (10, 3).
	cx, cy := x0+10.5*px, top-3.5*px
	lon, lat := cx, cy
	if epsg == EPSG3067 {
		lon, lat = geo.FromTM35(cx, cy)
	}
	if v, ok := r.At(lon, lat); !ok || v != gdalValue(10, 3, float) {
		t.Errorf("%s: At the centre of pixel (10, 3) = %v %v, want %v", name, v, ok, gdalValue(10, 3, float))
	}
}

// TestGDALPixelIsPoint: a raster whose tie point is a pixel centre is read
// with the same pixel areas as GDAL gives it.
func TestGDALPixelIsPoint(t *testing.T) {
	if _, err := exec.LookPath("gdal_translate"); err != nil {
		t.Skip("gdal_translate not found (Debian package gdal-bin)")
	}
	dir := t.TempDir()
	asc := filepath.Join(dir, "g.asc")
	writeASC(t, asc, 320000, 6820000, 10, true)
	out := filepath.Join(dir, "point.tif")
	gdal(t, "-q", "-a_srs", "EPSG:3067", "-mo", "AREA_OR_POINT=Point", asc, out)
	checkGrid(t, "pixel is point", out, EPSG3067, 320000, 6820000, 10, true, false)
}

// TestGDALRefused: rasters the reader does not support are refused with
// what to do.
func TestGDALRefused(t *testing.T) {
	if _, err := exec.LookPath("gdal_translate"); err != nil {
		t.Skip("gdal_translate not found (Debian package gdal-bin)")
	}
	dir := t.TempDir()
	asc := filepath.Join(dir, "g.asc")
	writeASC(t, asc, 320000, 6820000, 10, true)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"web mercator", []string{"-a_srs", "EPSG:3857"}, "gdalwarp -t_srs"},
		{"no CRS", nil, "no coordinate system"},
		{"JPEG", []string{"-a_srs", "EPSG:3067", "-ot", "Byte", "-co", "COMPRESS=JPEG"}, "compression 7"},
		{"BigTIFF", []string{"-a_srs", "EPSG:3067", "-co", "BIGTIFF=YES"}, "BigTIFF"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".tif")
			gdal(t, append(append([]string{"-q"}, c.args...), asc, out)...)
			_, err := ReadFile(out)
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), out) {
				t.Errorf("error %v, want the file name and %q", err, c.want)
			}
		})
	}
}
