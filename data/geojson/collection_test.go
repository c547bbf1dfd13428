package geojson

import (
	"errors"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestPoints(t *testing.T) {
	c, err := Read(fixture(t, "services.geojson"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pts, err := Points(c)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id string
		p  orb.Point
	}{
		{"hs1", orb.Point{27.2723454, 61.6869978}},
		{"hs2", orb.Point{27.8574753, 61.8979615}}, // one-point MultiPoint; altitude dropped
		{"lib1", orb.Point{26.6447403, 61.9899328}},
	}
	if len(pts) != len(want) {
		t.Fatalf("%d points", len(pts))
	}
	for i, w := range want {
		if pts[i].ID != w.id || pts[i].Point != w.p || pts[i].Index != i {
			t.Errorf("point %d = %+v, want %v %v", i, pts[i], w.id, w.p)
		}
	}
	if pts[0].Props["category"] != "health" {
		t.Errorf("props = %v", pts[0].Props)
	}
}

func TestPointsErrors(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}},{"type":"Feature","id":"z","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}]}`,
			`geojson: pts.geojson: feature 1 (id "z"): geometry is a LineString, expected a Point`},
		{`{"type":"Feature","id":5,"geometry":null}`, `geojson: pts.geojson: feature 0 (id "5"): geometry is null, expected a Point`},
		{`{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}`, `geojson: pts.geojson: feature 0: geometry is a MultiPoint of 2 points, expected a Point`},
	}
	for _, tc := range cases {
		c, err := Decode(strings.NewReader(tc.in), "pts.geojson", ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = Points(c)
		if err == nil || err.Error() != tc.want || !errors.Is(err, ErrInvalid) {
			t.Errorf("Points error %v, want %q", err, tc.want)
		}
	}
}

func TestWarningString(t *testing.T) {
	w := Warning{File: "r.geojson", Index: 2, ID: "x", Msg: "odd"}
	if got := w.String(); got != `geojson: r.geojson: feature 2 (id "x"): odd` {
		t.Errorf("String = %q", got)
	}
	w = Warning{File: "r.geojson", Index: -1, Msg: "odd"}
	if got := w.String(); got != `geojson: r.geojson: odd` {
		t.Errorf("String = %q", got)
	}
}
