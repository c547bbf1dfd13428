package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// dms converts degrees, minutes and seconds to decimal degrees.
func dms(d, m, s float64) float64 { return d + m/60 + s/3600 }

// angleMetres is the ground distance, in metres, between two lon/lat points
// that differ by a tiny amount (local flat-earth approximation, ample for
// differences of millimetres).
func angleMetres(lon1, lat1, lon2, lat2 float64) float64 {
	const mPerDeg = 111320.0
	dx := (lon1 - lon2) * mPerDeg * math.Cos(lat1*math.Pi/180)
	dy := (lat1 - lat2) * mPerDeg
	return math.Hypot(dx, dy)
}

// Control point: JHS 197 "EUREF-FIN-koordinaattijärjestelmät, niihin liittyvät
// muunnokset ja karttalehtijako", Annex 3 "Projektiolaskujen esimerkit"
// (the worked example that replaced the one in JHS 154), point G4 Geta:
//
//	φ = 60° 23' 06.38474", λ = 19° 50' 53.29237"
//	forward result:   N = 6 715 706.37708 m, E = 106 256.35961 m
//	inverse example:  from N = 6 715 706.37705 m, E = 106 256.35958 m
//	                  back to the same φ, λ.
//
// The point lies ~394 km west of the central meridian, where a weak series
// would show its errors first.
//
// Second reference: Statistics Finland's population grid publishes cell
// 250mN667175E38600 (corner E 386000, N 6671750) with the WGS84 point
// lon 24.9477872860078, lat 60.1678597021898 for it, which is the cell
// centre E 386125, N 6671875.
func TestToTM35ControlPoint(t *testing.T) {
	lat := dms(60, 23, 6.38474)
	lon := dms(19, 50, 53.29237)
	cases := []struct {
		name         string
		lon, lat     float64
		wantE, wantN float64
	}{
		{"JHS197 G4 Geta", lon, lat, 106256.35961, 6715706.37708},
		{"Statistics Finland 250mN667175E38600 centre", 24.9477872860078, 60.1678597021898, 386125, 6671875},
		// On the central meridian at the equator everything is exact.
		{"origin", 27, 0, 500000, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, n := ToTM35(c.lon, c.lat)
			if d := math.Hypot(e-c.wantE, n-c.wantN); d > 0.001 {
				t.Errorf("ToTM35(%.10f, %.10f) = (%.5f, %.5f), want (%.5f, %.5f): off by %.6f m",
					c.lon, c.lat, e, n, c.wantE, c.wantN, d)
			}
		})
	}
}

func TestFromTM35ControlPoint(t *testing.T) {
	cases := []struct {
		name             string
		e, n             float64
		wantLon, wantLat float64
	}{
		{"JHS197 G4 Geta", 106256.35958, 6715706.37705, dms(19, 50, 53.29237), dms(60, 23, 6.38474)},
		{"Statistics Finland 250mN667175E38600 centre", 386125, 6671875, 24.9477872860078, 60.1678597021898},
		{"origin", 500000, 0, 27, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lon, lat := FromTM35(c.e, c.n)
			if d := angleMetres(lon, lat, c.wantLon, c.wantLat); d > 0.001 {
				t.Errorf("FromTM35(%.5f, %.5f) = (%.10f, %.10f), want (%.10f, %.10f): off by %.6f m",
					c.e, c.n, lon, lat, c.wantLon, c.wantLat, d)
			}
		})
	}
}

// meridianArc integrates the meridian arc length from the equator to lat
// (degrees) on GRS80 with Simpson's rule: an independent check of the
// series on the central meridian, where N = k0 * arc and E = 500000.
func meridianArc(lat float64) float64 {
	const steps = 20000
	f := 1 / grs80InvF
	e2 := f * (2 - f)
	phi := lat * math.Pi / 180
	rho := func(p float64) float64 {
		s := math.Sin(p)
		return grs80A * (1 - e2) / math.Pow(1-e2*s*s, 1.5)
	}
	h := phi / steps
	sum := rho(0) + rho(phi)
	for i := 1; i < steps; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * rho(float64(i)*h)
	}
	return sum * h / 3
}

func TestToTM35CentralMeridian(t *testing.T) {
	for _, lat := range []float64{-45, 10, 59.5, 60, 62.5, 65, 70.09, 89} {
		e, n := ToTM35(27, lat)
		want := tm35K0 * meridianArc(lat)
		if math.Abs(e-500000) > 1e-6 || math.Abs(n-want) > 1e-6 {
			t.Errorf("lat %v: got (%.7f, %.7f), want (500000, %.7f)", lat, e, n, want)
		}
	}
}

// TestToTM35Conformal checks by finite differences that the projection is
// conformal (same scale in every direction, right angles kept), which an
// error in the series would break away from the central meridian.
func TestToTM35Conformal(t *testing.T) {
	f := 1 / grs80InvF
	e2 := f * (2 - f)
	const h = 1e-5 // radians
	for _, lon := range []float64{19.1, 21.5, 27.3, 31.6} {
		for _, lat := range []float64{59.7, 63.2, 69.9} {
			phi := lat * math.Pi / 180
			s := math.Sin(phi)
			w := 1 - e2*s*s
			rho := grs80A * (1 - e2) / math.Pow(w, 1.5)
			nu := grs80A / math.Sqrt(w)
			hd := h * 180 / math.Pi
			e1, n1 := ToTM35(lon, lat+hd)
			e0, n0 := ToTM35(lon, lat-hd)
			dEp, dNp := (e1-e0)/(2*h), (n1-n0)/(2*h)
			e1, n1 = ToTM35(lon+hd, lat)
			e0, n0 = ToTM35(lon-hd, lat)
			dEl, dNl := (e1-e0)/(2*h), (n1-n0)/(2*h)
			kPhi := math.Hypot(dEp, dNp) / rho
			kLam := math.Hypot(dEl, dNl) / (nu * math.Cos(phi))
			cosAngle := (dEp*dEl + dNp*dNl) / (math.Hypot(dEp, dNp) * math.Hypot(dEl, dNl))
			if math.Abs(kPhi/kLam-1) > 1e-9 || math.Abs(cosAngle) > 1e-9 {
				t.Errorf("(%v, %v): kPhi %.12f kLam %.12f cos %.3g", lon, lat, kPhi, kLam, cosAngle)
			}
			if kPhi < tm35K0-1e-9 || kPhi > 1.01 {
				t.Errorf("(%v, %v): scale %v outside [k0, 1.01]", lon, lat, kPhi)
			}
		}
	}
}

func TestTM35RoundTripFinland(t *testing.T) {
	worst := 0.0
	for lon := 19.0; lon <= 32.0; lon += 0.25 {
		for lat := 59.5; lat <= 70.25; lat += 0.25 {
			e, n := ToTM35(lon, lat)
			lon2, lat2 := FromTM35(e, n)
			worst = max(worst, angleMetres(lon, lat, lon2, lat2))
		}
	}
	if worst > 1e-6 {
		t.Errorf("lon/lat round trip worst error %.3g m, want < 1e-6", worst)
	}
	worst = 0
	for e := 50000.0; e <= 760000; e += 10000 {
		for n := 6600000.0; n <= 7800000; n += 10000 {
			lon, lat := FromTM35(e, n)
			e2, n2 := ToTM35(lon, lat)
			worst = max(worst, math.Hypot(e-e2, n-n2))
		}
	}
	if worst > 1e-6 {
		t.Errorf("E/N round trip worst error %.3g m, want < 1e-6", worst)
	}
}

func TestTM35NonFinite(t *testing.T) {
	for _, v := range [][2]float64{{math.NaN(), 60}, {25, math.NaN()}, {math.Inf(1), 60}} {
		e, n := ToTM35(v[0], v[1])
		if !math.IsNaN(e) && !math.IsNaN(n) {
			t.Errorf("ToTM35(%v) = (%v, %v), want a NaN", v, e, n)
		}
		lon, lat := FromTM35(v[0], v[1]*1e5)
		if !math.IsNaN(lon) && !math.IsNaN(lat) {
			t.Errorf("FromTM35(%v) = (%v, %v), want a NaN", v, lon, lat)
		}
	}
}

func FuzzTM35RoundTrip(f *testing.F) {
	f.Add(27.0, 60.0)
	f.Add(19.84813676944, 60.3851068722)
	f.Add(31.5, 70.0)
	f.Add(-3.0, 85.0)
	f.Add(math.NaN(), 1.0)
	f.Fuzz(func(t *testing.T, lon, lat float64) {
		e, n := ToTM35(lon, lat) // must not panic whatever the input
		lon2, lat2 := FromTM35(e, n)
		if math.IsNaN(lon) || math.IsNaN(lat) || math.Abs(lon-tm35Lon0) > 30 || math.Abs(lat) > 85 {
			return
		}
		if d := angleMetres(lon, lat, lon2, lat2); !(d < 1e-5) {
			t.Fatalf("round trip (%v, %v) -> (%v, %v) -> (%v, %v): %g m", lon, lat, e, n, lon2, lat2, d)
		}
	})
}

func TestProjectTM35Geometries(t *testing.T) {
	poly := orb.Polygon{
		{{27, 61}, {28, 61}, {28, 62}, {27, 62}, {27, 61}},
		{{27.2, 61.2}, {27.2, 61.4}, {27.4, 61.4}, {27.2, 61.2}},
	}
	orig := poly.Clone()
	cases := []orb.Geometry{
		orb.Point{26, 62},
		orb.MultiPoint{{26, 62}, {29, 63}},
		orb.LineString{{26, 62}, {29, 63}},
		orb.MultiLineString{{{26, 62}, {29, 63}}, {{25, 60}}},
		orb.Ring{{27, 61}, {28, 61}, {28, 62}, {27, 61}},
		poly,
		orb.MultiPolygon{poly, {{{20, 60}, {21, 60}, {21, 61}, {20, 60}}}},
		orb.Collection{orb.Point{26, 62}, poly},
	}
	for _, g := range cases {
		t.Run(g.GeoJSONType(), func(t *testing.T) {
			p := ProjectTM35(g)
			if p.GeoJSONType() != g.GeoJSONType() {
				t.Fatalf("type %s became %s", g.GeoJSONType(), p.GeoJSONType())
			}
			in, out := flatten(g), flatten(p)
			if len(in) != len(out) {
				t.Fatalf("%d points became %d", len(in), len(out))
			}
			for i := range in {
				e, n := ToTM35(in[i][0], in[i][1])
				if out[i] != (orb.Point{e, n}) {
					t.Errorf("point %d: got %v, want (%v, %v)", i, out[i], e, n)
				}
			}
			back := flatten(UnprojectTM35(p))
			for i := range in {
				if angleMetres(in[i][0], in[i][1], back[i][0], back[i][1]) > 1e-6 {
					t.Errorf("point %d: unproject gave %v, want %v", i, back[i], in[i])
				}
			}
		})
	}
	if !orb.Equal(poly, orig) {
		t.Error("ProjectTM35 modified its input")
	}
	if ProjectTM35(nil) != nil {
		t.Error("ProjectTM35(nil) should be nil")
	}
}

func TestProjectTM35Bound(t *testing.T) {
	b := orb.Bound{Min: orb.Point{20, 60}, Max: orb.Point{30, 70}}
	pb := ProjectTM35(b).(orb.Bound)
	// Every projected point of the lon/lat box must fall inside the result.
	for lon := 20.0; lon <= 30; lon += 0.5 {
		for lat := 60.0; lat <= 70; lat += 0.5 {
			e, n := ToTM35(lon, lat)
			if !pb.Contains(orb.Point{e, n}) {
				t.Errorf("(%v, %v) -> (%v, %v) outside %v", lon, lat, e, n, pb)
			}
		}
	}
	// The widest extent is at the southern corners (60°N); the bound is
	// padded by the chord sag, a few metres, no more.
	e20, _ := ToTM35(20, 60)
	if d := e20 - pb.Min[0]; d < 0 || d > 5 {
		t.Errorf("min E %v, want about %v", pb.Min[0], e20)
	}
}

// flatten lists the points of a geometry in order.
func flatten(g orb.Geometry) []orb.Point {
	var out []orb.Point
	switch g := g.(type) {
	case orb.Point:
		out = append(out, g)
	case orb.MultiPoint:
		out = append(out, g...)
	case orb.LineString:
		out = append(out, g...)
	case orb.Ring:
		out = append(out, g...)
	case orb.MultiLineString:
		for _, ls := range g {
			out = append(out, ls...)
		}
	case orb.Polygon:
		for _, r := range g {
			out = append(out, r...)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			out = append(out, flatten(p)...)
		}
	case orb.Collection:
		for _, c := range g {
			out = append(out, flatten(c)...)
		}
	}
	return out
}

var sinkF float64

func BenchmarkToTM35(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	pts := make([][2]float64, 1024)
	for i := range pts {
		pts[i] = [2]float64{20 + 11*rng.Float64(), 60 + 10*rng.Float64()}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := pts[i&1023]
		e, n := ToTM35(p[0], p[1])
		sinkF += e + n
		i++
	}
}

func BenchmarkFromTM35(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	pts := make([][2]float64, 1024)
	for i := range pts {
		pts[i] = [2]float64{100000 + 6e5*rng.Float64(), 6.65e6 + 1.1e6*rng.Float64()}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := pts[i&1023]
		lon, lat := FromTM35(p[0], p[1])
		sinkF += lon + lat
		i++
	}
}
