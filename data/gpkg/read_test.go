package gpkg

import (
	"encoding/binary"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// writeTwoLayers makes a GeoPackage with our writer: kunnat (polygons in
// EPSG:3067, text, integer, real, boolean and null values) and palvelut
// (points in WGS84).
func writeTwoLayers(t *testing.T, path string, second bool) {
	t.Helper()
	w, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := w.AddLayer("kunnat", "POLYGON", ETRSTM35FIN, []Column{{"nimi", Text}, {"vaesto", Integer}, {"osuus", Real}, {"keskus", Boolean}})
	if err != nil {
		t.Fatal(err)
	}
	sq := orb.Polygon{{{500000, 6900000}, {510000, 6900000}, {510000, 6910000}, {500000, 6910000}, {500000, 6900000}}}
	for _, row := range []struct {
		g    orb.Geometry
		vals []any
	}{
		{sq, []any{"Pieksämäki", 17000, 0.5, true}},
		{nil, []any{"Mäntyharju", nil, nil, false}},
	} {
		if err := l.Insert(row.g, row.vals); err != nil {
			t.Fatal(err)
		}
	}
	if second {
		p, err := w.AddLayer("palvelut", "POINT", WGS84, []Column{{"name", Text}})
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Insert(orb.Point{27.25, 61.95}, []any{"Terveysasema"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestReadOwnFile(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one.gpkg")
	writeTwoLayers(t, one, false)
	c, err := Read(one, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Layer.Name != "kunnat" || c.Layer.EPSG != 3067 || len(c.Features) != 2 || c.Empty != 1 {
		t.Fatalf("layer %+v, %d features, %d empty", c.Layer, len(c.Features), c.Empty)
	}
	f := c.Features[0]
	if f.FID != 1 || f.Props["nimi"] != "Pieksämäki" || f.Props["vaesto"] != 17000.0 || f.Props["osuus"] != 0.5 || f.Props["keskus"] != true {
		t.Errorf("feature 1: fid %d %v", f.FID, f.Props)
	}
	if p, ok := f.Geometry.(orb.Polygon); !ok || len(p[0]) != 5 || p[0][1] != (orb.Point{510000, 6900000}) {
		t.Errorf("geometry %v", f.Geometry)
	}
	if g := c.Features[1]; g.Geometry != nil || g.Props["vaesto"] != nil || g.Props["keskus"] != false {
		t.Errorf("feature 2: %v %v", g.Geometry, g.Props)
	}

	two := filepath.Join(dir, "two.gpkg")
	writeTwoLayers(t, two, true)
	ls, err := Layers(two)
	if err != nil || len(ls) != 2 || ls[1].Name != "palvelut" || ls[1].EPSG != 4326 {
		t.Fatalf("layers %+v %v", ls, err)
	}
	_, err = Read(two, "")
	if !errors.Is(err, ErrLayer) || !strings.Contains(err.Error(), "2 feature layers (kunnat, palvelut)") || !strings.Contains(err.Error(), two+":LAYER") {
		t.Errorf("two layers, none chosen: %v", err)
	}
	c, err = Read(two, "Palvelut")
	if err != nil || len(c.Features) != 1 || c.Features[0].Geometry != (orb.Point{27.25, 61.95}) {
		t.Fatalf("palvelut: %v %v", c, err)
	}
	if _, err := Read(two, "roads"); !errors.Is(err, ErrLayer) || !strings.Contains(err.Error(), `layer "roads": no such feature layer (layers: kunnat, palvelut)`) {
		t.Errorf("unknown layer: %v", err)
	}
}

func TestReadNotGeoPackage(t *testing.T) {
	if _, err := Read(filepath.Join(t.TempDir(), "none.gpkg"), ""); err == nil {
		t.Error("missing file read")
	}
	if _, err := Read(t.TempDir(), ""); !errors.Is(err, ErrNotGeoPackage) {
		t.Errorf("directory: %v", err)
	}
}

// gp builds a GeoPackage blob by hand: header with the given flags and
// envelope, then the WKB.
func gp(order binary.AppendByteOrder, flags byte, env []float64, wkb []byte) []byte {
	b := []byte{'G', 'P', 0, flags}
	b = order.AppendUint32(b, 3067)
	for _, v := range env {
		b = order.AppendUint64(b, math.Float64bits(v))
	}
	return append(b, wkb...)
}

func wkbOf(order binary.AppendByteOrder, typ uint32, body ...any) []byte {
	b := []byte{1}
	if order.String() == "BigEndian" {
		b[0] = 0
	}
	b = order.AppendUint32(b, typ)
	for _, x := range body {
		switch v := x.(type) {
		case uint32:
			b = order.AppendUint32(b, v)
		case float64:
			b = order.AppendUint64(b, math.Float64bits(v))
		case []byte:
			b = append(b, v...)
		}
	}
	return b
}

func TestDecodeGeometry(t *testing.T) {
	le, be := binary.LittleEndian, binary.BigEndian
	pointZ := wkbOf(le, 1001, 1.0, 2.0, 3.0)
	cases := []struct {
		name string
		blob []byte
		want orb.Geometry
		err  string
	}{
		{"point, no envelope", gp(le, 1, nil, wkbOf(le, 1, 1.0, 2.0)), orb.Point{1, 2}, ""},
		{"big-endian header and WKB", gp(be, 0, nil, wkbOf(be, 1, 1.0, 2.0)), orb.Point{1, 2}, ""},
		{"ISO Z point with XYZ envelope", gp(le, 1|2<<1, []float64{1, 1, 2, 2, 3, 3}, pointZ), orb.Point{1, 2}, ""},
		{"ISO M linestring", gp(le, 1, nil, wkbOf(le, 2002, uint32(2), 0.0, 0.0, 9.0, 1.0, 1.0, 9.0)), orb.LineString{{0, 0}, {1, 1}}, ""},
		{"ISO ZM point, XYZM envelope", gp(le, 1|4<<1, make([]float64, 8), wkbOf(le, 3001, 5.0, 6.0, 7.0, 8.0)), orb.Point{5, 6}, ""},
		{"EWKB Z point", gp(le, 1, nil, wkbOf(le, 0x80000001, 1.0, 2.0, 3.0)), orb.Point{1, 2}, ""},
		{"polygon, XY envelope", gp(le, 1|1<<1, []float64{0, 1, 0, 1}, wkbOf(le, 3, uint32(1), uint32(4), 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0)),
			orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, ""},
		{"multipoint of Z points", gp(le, 1, nil, wkbOf(le, 1004, uint32(2), pointZ, pointZ)), orb.MultiPoint{{1, 2}, {1, 2}}, ""},
		{"multipolygon", gp(le, 1, nil, wkbOf(le, 6, uint32(1), wkbOf(le, 3, uint32(1), uint32(4), 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0))),
			orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}, ""},
		{"empty flag", gp(le, 1|0x10, nil, nil), nil, ""},
		{"empty point (NaN)", gp(le, 1, nil, wkbOf(le, 1, math.NaN(), math.NaN())), nil, ""},
		{"collection", gp(le, 1, nil, wkbOf(le, 7, uint32(0))), nil, "GeometryCollection"},
		{"no GP", []byte("XX\x00\x01\x00\x00\x00\x00"), nil, "no \"GP\" header"},
		{"cut short", gp(le, 1, nil, wkbOf(le, 2, uint32(1000), 1.0)), nil, "does not fit"},
		{"bad byte order", gp(le, 1, nil, []byte{7, 1, 0, 0, 0}), nil, "byte order 7"},
		{"infinite", gp(le, 1, nil, wkbOf(le, 1, math.Inf(1), 2.0)), nil, "not finite"},
		{"point in multipolygon", gp(le, 1, nil, wkbOf(le, 6, uint32(1), wkbOf(le, 1, 1.0, 2.0))), nil, "a MultiPolygon holds a Point"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, _, err := DecodeGeometry(c.blob)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) || !errors.Is(err, ErrGeometry) {
					t.Fatalf("got %v, want an error with %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (g == nil) != (c.want == nil) || g != nil && !orb.Equal(g, c.want) {
				t.Errorf("got %v, want %v", g, c.want)
			}
		})
	}
}

// TestDecodeOwnEncoding reads back what the writer encodes.
func TestDecodeOwnEncoding(t *testing.T) {
	for _, g := range []orb.Geometry{
		orb.Point{25, 61}, orb.MultiPoint{{1, 2}, {3, 4}}, orb.LineString{{0, 0}, {1, 1}},
		orb.MultiLineString{{{0, 0}, {1, 1}}, {{2, 2}, {3, 3}}},
		orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, {{0.2, 0.1}, {0.3, 0.1}, {0.3, 0.2}, {0.2, 0.1}}},
		orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, {{{5, 5}, {6, 5}, {6, 6}, {5, 5}}}},
	} {
		b, _, _, err := encodeGeometry(nil, g, 4326)
		if err != nil {
			t.Fatal(err)
		}
		got, srs, err := DecodeGeometry(b)
		if err != nil || srs != 4326 || !orb.Equal(got, g) {
			t.Errorf("%s: got %v srs %d err %v", g.GeoJSONType(), got, srs, err)
		}
	}
}
