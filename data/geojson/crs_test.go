package geojson

import (
	"errors"
	"strings"
	"testing"
)

func TestParseCRS(t *testing.T) {
	cases := []struct {
		in   string
		want CRS
	}{
		{"urn:ogc:def:crs:EPSG::3067", EPSG3067},
		{"urn:ogc:def:crs:EPSG:6.18:3:3067", EPSG3067},
		{"EPSG:3067", EPSG3067},
		{"epsg:3067", EPSG3067},
		{" 3067 ", EPSG3067},
		{"ETRS-TM35FIN", EPSG3067},
		{"http://www.opengis.net/def/crs/EPSG/0/3067", EPSG3067},
		{"urn:ogc:def:crs:OGC:1.3:CRS84", WGS84},
		{"urn:ogc:def:crs:OGC::CRS84", WGS84},
		{"http://www.opengis.net/def/crs/OGC/1.3/CRS84", WGS84},
		{"CRS84", WGS84},
		{"EPSG:4326", WGS84},
		{"urn:ogc:def:crs:EPSG::4326", WGS84},
		{"wgs84", WGS84},
		{"EPSG:4258", WGS84},
	}
	for _, tc := range cases {
		got, err := ParseCRS(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseCRS(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "EPSG:2393", "urn:ogc:def:crs:EPSG::3857", "EPSG:30670", "KKJ"} {
		_, err := ParseCRS(bad)
		if !errors.Is(err, ErrUnknownCRS) || !strings.Contains(err.Error(), "supported are EPSG:4326") {
			t.Errorf("ParseCRS(%q) error = %v", bad, err)
		}
	}
}

func TestCRSString(t *testing.T) {
	for c, want := range map[CRS]string{WGS84: "EPSG:4326", EPSG3067: "EPSG:3067", 0: "unset"} {
		if c.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(c), c.String(), want)
		}
	}
}

func TestDetectCRS(t *testing.T) {
	pt := func(x, y string) string {
		return `{"type":"Feature","geometry":{"type":"Point","coordinates":[` + x + `,` + y + `]}}`
	}
	fc := func(fs ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(fs, ",") + `]}`
	}
	cases := []struct {
		name string
		in   string
		want CRS
		err  string
	}{
		{"degrees", fc(pt("27", "61"), pt("-180", "-90"), pt("180", "90")), WGS84, ""},
		{"no coordinates", fc(`{"type":"Feature","geometry":null}`), WGS84, ""},
		{"finland metres", fc(pt("50000", "6600000"), pt("760000", "7800000")), EPSG3067, ""},
		{"just outside finland", fc(pt("49999", "6700000")), 0, "neither lon/lat degrees nor EPSG:3067"},
		{"lat over 90", fc(pt("27", "91")), 0, "neither lon/lat degrees"},
		{"mixed", fc(pt("500000", "6900000"), pt("27", "61")), 0, "feature 1: coordinate (27, 61) is outside the EPSG:3067 extent of Finland, but feature 0 has projected"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Decode(strings.NewReader(tc.in), "d", ReadOptions{})
			if tc.err != "" {
				if err == nil || !errors.Is(err, ErrCoordinates) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || c.CRS != tc.want {
				t.Fatalf("CRS %v (%v), want %v", c, err, tc.want)
			}
		})
	}
}

func TestEPSG3067LooksLikeDegrees(t *testing.T) {
	in := `{"type":"Point","coordinates":[27,61]}`
	c, err := Decode(strings.NewReader(in), "d", ReadOptions{CRS: EPSG3067})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0].Msg, "really in metres") {
		t.Errorf("warnings = %v", c.Warnings)
	}
	if _, err := Decode(strings.NewReader(in), "d", ReadOptions{CRS: 3857}); !errors.Is(err, ErrUnknownCRS) {
		t.Errorf("unsupported option CRS: %v", err)
	}
}

func TestSuspectSwapped(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want bool
	}{
		{"swapped points", `{"type":"MultiPoint","coordinates":[[61.7,27.2],[59,19],[71,32]]}`, true},
		{"one point fine", `{"type":"MultiPoint","coordinates":[[61.7,27.2],[27.2,61.7]]}`, false},
		{"normal", `{"type":"Point","coordinates":[27.2,61.7]}`, false},
		{"empty", `{"type":"MultiPoint","coordinates":[]}`, false},
	}
	for _, tc := range cases {
		c, err := Decode(strings.NewReader(tc.in), "s", ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := SuspectSwapped(c); got != tc.want {
			t.Errorf("%s: SuspectSwapped = %v, want %v", tc.name, got, tc.want)
		}
		if warned := len(c.Warnings) == 1; warned != tc.want {
			t.Errorf("%s: warnings %v", tc.name, c.Warnings)
		}
	}
}
