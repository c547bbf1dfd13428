package geotiff

import (
	"bytes"
	"math"
	"testing"
)

// FuzzRead feeds damaged GeoTIFFs to the reader: it must return an error
// or a raster whose size, georeference and values agree, never panic.
func FuzzRead(f *testing.F) {
	f.Add(tinyTIFF(5, 4, 500000, 6900000, 10, func(c, r int) float32 { return float32(c - r) }, -9999, true))
	f.Add(tinyTIFF(1, 1, 0, 0, 1, func(c, r int) float32 { return 7 }, 0, false))
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Read(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		if r.W <= 0 || r.H <= 0 || len(r.Values) != r.W*r.H || !(r.DX > 0) || !(r.DY > 0) {
			t.Fatalf("raster %d x %d with %d values, pixel %v x %v", r.W, r.H, len(r.Values), r.DX, r.DY)
		}
		if r.EPSG != EPSG4326 && r.EPSG != EPSG3067 {
			t.Fatalf("CRS %d", r.EPSG)
		}
		if v, ok := r.At(24, 61); ok && math.IsNaN(v) {
			t.Fatal("At reports NaN as a value")
		}
	})
}
