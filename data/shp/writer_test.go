package shp

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the binary fixtures in testdata/shp/")

// The test writer below makes the hand-made fixtures: a shapefile writer
// of our own, not GDAL's, so that the reader is checked against bytes laid
// out from the format description alone. Rings are written as given: the
// caller orients them (outer rings clockwise).

// shpBytes returns a .shp and its .shx for geometries of one shape type
// (nil geometries are null shapes).
func shpBytes(st int, geoms []orb.Geometry) (shp, shx []byte) {
	var recs [][]byte
	var box orb.Bound
	first := true
	for _, g := range geoms {
		var c []byte
		if g == nil {
			c = binary.LittleEndian.AppendUint32(nil, typeNull)
		} else {
			c = binary.LittleEndian.AppendUint32(nil, uint32(st))
			b := g.Bound()
			if first {
				box, first = b, false
			} else {
				box = box.Union(b)
			}
			switch v := g.(type) {
			case orb.Point:
				c = appendXY(c, v)
			case orb.MultiPoint:
				c = appendBox(c, b)
				c = binary.LittleEndian.AppendUint32(c, uint32(len(v)))
				for _, p := range v {
					c = appendXY(c, p)
				}
			default:
				parts := partsOf(g)
				c = appendBox(c, b)
				n := 0
				for _, p := range parts {
					n += len(p)
				}
				c = binary.LittleEndian.AppendUint32(c, uint32(len(parts)))
				c = binary.LittleEndian.AppendUint32(c, uint32(n))
				start := 0
				for _, p := range parts {
					c = binary.LittleEndian.AppendUint32(c, uint32(start))
					start += len(p)
				}
				for _, p := range parts {
					for _, q := range p {
						c = appendXY(c, q)
					}
				}
			}
		}
		recs = append(recs, c)
	}
	header := func(words int) []byte {
		h := make([]byte, headerLen)
		binary.BigEndian.PutUint32(h, fileCode)
		binary.BigEndian.PutUint32(h[24:], uint32(words))
		binary.LittleEndian.PutUint32(h[28:], 1000)
		binary.LittleEndian.PutUint32(h[32:], uint32(st))
		for i, v := range []float64{box.Min[0], box.Min[1], box.Max[0], box.Max[1]} {
			binary.LittleEndian.PutUint64(h[36+8*i:], math.Float64bits(v))
		}
		return h
	}
	size := headerLen
	for _, r := range recs {
		size += 8 + len(r)
	}
	shp = header(size / 2)
	shx = header((headerLen + 8*len(recs)) / 2)
	for i, r := range recs {
		shx = binary.BigEndian.AppendUint32(shx, uint32(len(shp)/2))
		shx = binary.BigEndian.AppendUint32(shx, uint32(len(r)/2))
		shp = binary.BigEndian.AppendUint32(shp, uint32(i+1))
		shp = binary.BigEndian.AppendUint32(shp, uint32(len(r)/2))
		shp = append(shp, r...)
	}
	return shp, shx
}

func partsOf(g orb.Geometry) [][]orb.Point {
	switch v := g.(type) {
	case orb.LineString:
		return [][]orb.Point{v}
	case orb.MultiLineString:
		var out [][]orb.Point
		for _, l := range v {
			out = append(out, l)
		}
		return out
	case orb.Polygon:
		var out [][]orb.Point
		for _, r := range v {
			out = append(out, r)
		}
		return out
	case orb.MultiPolygon:
		var out [][]orb.Point
		for _, p := range v {
			out = append(out, partsOf(p)...)
		}
		return out
	}
	panic(fmt.Sprintf("test writer: %T", g))
}

func appendXY(b []byte, p orb.Point) []byte {
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p[0]))
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(p[1]))
}

func appendBox(b []byte, r orb.Bound) []byte {
	for _, v := range []float64{r.Min[0], r.Min[1], r.Max[0], r.Max[1]} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

// dbfBytes returns a dBASE III table; values are already encoded bytes
// (text in the code page the test chooses), left-aligned for C and
// right-aligned for N.
func dbfBytes(fields []Field, rows [][]string, ldid byte) []byte {
	rlen := 1
	for _, f := range fields {
		rlen += f.Length
	}
	hlen := 32 + 32*len(fields) + 1
	b := make([]byte, 32, hlen+rlen*len(rows)+1)
	b[0] = 0x03
	b[1], b[2], b[3] = 125, 1, 1
	binary.LittleEndian.PutUint32(b[4:], uint32(len(rows)))
	binary.LittleEndian.PutUint16(b[8:], uint16(hlen))
	binary.LittleEndian.PutUint16(b[10:], uint16(rlen))
	b[29] = ldid
	for _, f := range fields {
		d := make([]byte, 32)
		copy(d, f.Name)
		d[11] = f.Type
		d[16] = byte(f.Length)
		d[17] = byte(f.Decimals)
		b = append(b, d...)
	}
	b = append(b, 0x0D)
	for _, r := range rows {
		b = append(b, ' ')
		for k, f := range fields {
			v := []byte(r[k])
			pad := bytes.Repeat([]byte{' '}, f.Length-len(v))
			if f.Type == 'N' || f.Type == 'F' {
				b = append(append(b, pad...), v...)
			} else {
				b = append(append(b, v...), pad...)
			}
		}
	}
	return append(b, 0x1A)
}

// latin1 encodes text as ISO-8859-1 (the test strings fit it).
func latin1(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r))
	}
	return string(b)
}

const prj3067 = `PROJCS["ETRS89_TM35FIN_E_N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",27.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`

const prj4326 = `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`

// kunnat is the polygon fixture: three municipalities-like shapes in
// EPSG:3067 (one with a hole, one in two parts) and a null shape, with
// Finnish names in ISO-8859-1.
func kunnat() (shp, shx, dbf []byte) {
	sq := func(x0, y0, x1, y1 float64, cw bool) orb.Ring {
		r := orb.Ring{{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}} // clockwise
		if !cw {
			r = orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
		}
		return r
	}
	geoms := []orb.Geometry{
		orb.Polygon{sq(500000, 6900000, 510000, 6910000, true), sq(502000, 6902000, 504000, 6904000, false)},
		nil,
		orb.MultiPolygon{{sq(520000, 6900000, 530000, 6910000, true)}, {sq(540000, 6900000, 545000, 6905000, true)}},
		orb.Polygon{sq(510000, 6900000, 520000, 6910000, true)},
	}
	shp, shx = shpBytes(typePolygon, geoms)
	fields := []Field{{Name: "kunta", Type: 'C', Length: 3}, {Name: "nimi", Type: 'C', Length: 20}, {Name: "vaesto", Type: 'N', Length: 8},
		{Name: "osuus", Type: 'N', Length: 8, Decimals: 3}, {Name: "keskus", Type: 'L', Length: 1}, {Name: "paiva", Type: 'D', Length: 8}}
	rows := [][]string{
		{"593", latin1("Pieksämäki"), "17000", "0.125", "T", "20240101"},
		{"000", latin1("tyhjä"), "", "", "?", ""},
		{"507", latin1("Mäntyharju"), "5600", "-1", "F", "20231231"},
		{"491", "Mikkeli", "52000", "", "", ""},
	}
	dbf = dbfBytes(fields, rows, 0)
	return shp, shx, dbf
}

// palvelut is the point fixture, in a zip: WGS84 points with UTF-8 text.
func palvelut() []byte {
	geoms := []orb.Geometry{orb.Point{27.25, 61.95}, orb.Point{26.43, 61.42}, orb.Point{27.27, 61.69}}
	shp, shx := shpBytes(typePoint, geoms)
	fields := []Field{{Name: "name", Type: 'C', Length: 40}, {Name: "category", Type: 'C', Length: 20}}
	rows := [][]string{{"Pieksämäen terveysasema", "health_station"}, {"Mäntyharjun terveysasema", "health_station"}, {"Mikkelin keskussairaala", "hospital"}}
	dbf := dbfBytes(fields, rows, 0)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range []struct {
		name string
		b    []byte
	}{{"palvelut/palvelut.shp", shp}, {"palvelut/palvelut.shx", shx}, {"palvelut/palvelut.dbf", dbf}, {"palvelut/palvelut.prj", []byte(prj4326)}, {"palvelut/palvelut.cpg", []byte("UTF-8")}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Deflate})
		if err != nil {
			panic(err)
		}
		w.Write(m.b)
	}
	zw.Close()
	return buf.Bytes()
}

// TestFixturesUpToDate checks the committed fixtures against the test
// writer; -update rewrites them.
func TestFixturesUpToDate(t *testing.T) {
	dir := testutil.Fixture(t, "shp")
	shp, shx, dbf := kunnat()
	files := map[string][]byte{
		"kunnat.shp": shp, "kunnat.shx": shx, "kunnat.dbf": dbf, "kunnat.prj": []byte(prj3067), "kunnat.cpg": []byte("ISO-8859-1"),
		"palvelut.zip": palvelut(),
	}
	for name, want := range files {
		p := filepath.Join(dir, name)
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run go test ./data/shp -run TestFixturesUpToDate -update)", err)
		}
		if name != "palvelut.zip" && !bytes.Equal(got, want) {
			t.Errorf("%s differs from what the test writer makes; rerun with -update", name)
		}
	}
}
