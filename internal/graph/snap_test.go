package graph

import (
	"math"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
)

// kyM is metres per degree of latitude on the sphere.
const kyM = EarthRadiusM * math.Pi / 180

func TestSnapTownWalk(t *testing.T) {
	g := buildTown(t, Walk, DefaultParams())
	// 0.00009 degrees (10.0076 m) south of street 1-2, 30% of the way
	// from node 1 to node 2.
	s, ok := g.Snap(23.7006, 61.49991, 50)
	if !ok {
		t.Fatal("no snap")
	}
	if s.Seg != 0 || g.NodeID[g.SegU[0]] != 1 || g.NodeID[g.SegV[0]] != 2 {
		t.Fatalf("snapped to segment %d", s.Seg)
	}
	if !near(s.Frac, 0.3, 1e-9) || !near(s.Lon, 23.7006, 1e-12) || !near(s.Lat, 61.5, 1e-12) {
		t.Errorf("frac %v at %v,%v", s.Frac, s.Lon, s.Lat)
	}
	if !near(s.ConnM, 0.00009*kyM, 1e-6) {
		t.Errorf("connector %v m, want %v", s.ConnM, 0.00009*kyM)
	}
	if s.ConnMs != 8340 { // 10.007557 m at 1.2 m/s
		t.Errorf("connector %d ms", s.ConnMs)
	}
	// Walking 1-2 takes 88430 ms both ways.
	v1, v2 := vertex(t, g, 1), vertex(t, g, 2)
	want := [2]Anchor{{V: v1, TimeMs: 26529, LenM: float32(len12 * 0.3)}, {V: v2, TimeMs: 61901, LenM: float32(len12 * 0.7)}}
	for i := range 2 {
		for _, got := range []Anchor{s.Out[i], s.In[i]} {
			if got.V != want[i].V || got.TimeMs != want[i].TimeMs || !near(float64(got.LenM), float64(want[i].LenM), 1e-3) {
				t.Errorf("anchor %d: %+v, want %+v", i, got, want[i])
			}
		}
	}
	// The connector length agrees with an independent distance.
	if d := haversineM(23.7006, 61.49991, s.Lon, s.Lat); !near(d, s.ConnM, 1e-3) {
		t.Errorf("haversine to the snapped point %v, connector %v", d, s.ConnM)
	}
}

func TestSnapTownCarOneWay(t *testing.T) {
	g := buildTown(t, Car, DefaultParams())
	// 0.00005 degrees south of one-way street 4 -> 5, at 20%.
	a, ok := g.Snap(23.7004, 61.50095, 50)
	if !ok {
		t.Fatal("no snap")
	}
	if g.SegWay[a.Seg] != 102 || g.NodeID[g.SegU[a.Seg]] != 4 || !near(a.Frac, 0.2, 1e-9) {
		t.Fatalf("snap %+v", a)
	}
	closed := Anchor{V: -1, TimeMs: NoTime}
	v4, v5 := vertex(t, g, 4), vertex(t, g, 5)
	// Segment 4 -> 5 takes 7640 ms forward and is closed backward.
	cases := []struct {
		name string
		got  Anchor
		want Anchor
	}{
		{"out to 4 (against)", a.Out[0], closed},
		{"out to 5", a.Out[1], Anchor{V: v5, TimeMs: 6112, LenM: float32(len45 * 0.8)}},
		{"in from 4", a.In[0], Anchor{V: v4, TimeMs: 1528, LenM: float32(len45 * 0.2)}},
		{"in from 5 (against)", a.In[1], closed},
	}
	for _, c := range cases {
		if c.got.V != c.want.V || c.got.TimeMs != c.want.TimeMs || !near(float64(c.got.LenM), float64(c.want.LenM), 1e-3) {
			t.Errorf("%s: %+v, want %+v", c.name, c.got, c.want)
		}
	}
	if !near(a.ConnM, 0.00005*kyM, 1e-6) || a.ConnMs != uint32(math.Round(0.00005*kyM/1.2*1000)) {
		t.Errorf("connector %v m %d ms", a.ConnM, a.ConnMs)
	}
	// A second point at 60% of the same segment.
	b, ok := g.Snap(23.7012, 61.50095, 50)
	if !ok || b.Seg != a.Seg || !near(b.Frac, 0.6, 1e-9) {
		t.Fatalf("second snap %+v", b)
	}
	if ms, l, ok := g.SameSegmentTime(a, b); !ok || ms != 3056 || !near(float64(l), len45*0.4, 1e-3) {
		t.Errorf("along the one-way: %d ms %v m %v", ms, l, ok)
	}
	if _, _, ok := g.SameSegmentTime(b, a); ok {
		t.Error("travelled against the one-way")
	}
	if ms, l, ok := g.SameSegmentTime(a, a); !ok || ms != 0 || l != 0 {
		t.Errorf("same point: %d %v %v", ms, l, ok)
	}
	other, _ := g.Snap(23.7006, 61.49991, 50)
	if _, _, ok := g.SameSegmentTime(a, other); ok {
		t.Error("different segments")
	}
}

func TestSnapTownEdgeCases(t *testing.T) {
	g := buildTown(t, Walk, DefaultParams())
	cases := []struct {
		name     string
		lon, lat float64
		max      float64
		ok       bool
		seg      int32
		frac     float64
	}{
		// Node 1 ends segments 0 (way 101) and way 104's first: the
		// lowest index wins.
		{"on node 1", 23.700, 61.500, 10, true, 0, 0},
		// Node 2 ends segment 0 and starts 1 (way 101), ways 105, 120.
		{"on node 2", 23.702, 61.500, 10, true, 0, 1},
		{"10 m away, 5 m allowed", 23.7006, 61.49991, 5, false, 0, 0},
		{"10 m away, 10.1 m allowed", 23.7006, 61.49991, 10.1, true, 0, 0.3},
		{"far away", 24.5, 60.0, 1000, false, 0, 0},
		{"NaN", math.NaN(), 61.5, 1000, false, 0, 0},
		{"negative max", 23.700, 61.500, -1, false, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, ok := g.Snap(c.lon, c.lat, c.max)
			if ok != c.ok {
				t.Fatalf("ok %v", ok)
			}
			if ok && (s.Seg != c.seg || !near(s.Frac, c.frac, 1e-9)) {
				t.Errorf("segment %d frac %v, want %d %v", s.Seg, s.Frac, c.seg, c.frac)
			}
		})
	}
	// The ferry's water node snaps to a street, not onto the ferry.
	s, ok := g.Snap(23.706, 61.499, 500)
	if !ok || s.ConnM < 50 {
		t.Errorf("water point: %+v %v", s, ok)
	}
}

// naiveSnap scans every segment; the reference for Snap.
func naiveSnap(g *Graph, lon, lat, maxM float64) (seg int32, d2 float64, ok bool) {
	p := newLocalProj(lon, lat)
	seg, d2 = -1, math.Inf(1)
	for s := range g.SegU {
		d, _ := p.segDist2(g, int32(s))
		if d < d2 {
			seg, d2 = int32(s), d
		}
	}
	return seg, d2, seg >= 0 && d2 <= maxM*maxM
}

func randomPoints(n int, minLon, minLat, maxLon, maxLat float64) [][2]float64 {
	r := rand.New(rand.NewPCG(1, 2))
	pts := make([][2]float64, n)
	for i := range pts {
		pts[i] = [2]float64{minLon + r.Float64()*(maxLon-minLon), minLat + r.Float64()*(maxLat-minLat)}
	}
	return pts
}

func TestSnapMatchesNaiveTampere(t *testing.T) {
	ext := readTampere(t)
	for _, m := range []Mode{Walk, Car} {
		g, _, err := Build(ext, m, DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		b := ext.Bounds
		pts := randomPoints(400, b.MinLon, b.MinLat, b.MaxLon, b.MaxLat)
		snaps, oks := g.SnapAll(pts, 300, 3)
		snapped := 0
		for i, pt := range pts {
			seg, d2, ok := naiveSnap(g, pt[0], pt[1], 300)
			if ok != oks[i] {
				t.Fatalf("%s point %v: snapped %v, naive %v", m, pt, oks[i], ok)
			}
			if !ok {
				continue
			}
			snapped++
			s := snaps[i]
			if s.Seg != seg || !near(s.ConnM*s.ConnM, d2, 1e-6) {
				t.Fatalf("%s point %v: segment %d at %v m, naive %d at %v m", m, pt, s.Seg, s.ConnM, seg, math.Sqrt(d2))
			}
			if one, _ := g.Snap(pt[0], pt[1], 300); !reflect.DeepEqual(one, s) {
				t.Fatalf("SnapAll and Snap differ for %v", pt)
			}
			if !(s.Frac >= 0 && s.Frac <= 1) {
				t.Fatalf("frac %v", s.Frac)
			}
			if d := haversineM(pt[0], pt[1], s.Lon, s.Lat); !near(d, s.ConnM, 1e-3*s.ConnM+0.01) {
				t.Fatalf("connector %v m, haversine %v m", s.ConnM, d)
			}
		}
		if snapped < len(pts)/2 {
			t.Errorf("%s: only %d of %d points in the Tampere box snapped within 300 m", m, snapped, len(pts))
		}
	}
}

func TestSnapHandBuiltGraph(t *testing.T) {
	// A graph assembled by hand (no Build, no index, no walk speed).
	g := &Graph{
		Lon: []float64{23.7, 23.7}, Lat: []float64{61.5, 61.501}, NodeID: []int64{1, 2},
		SegU: []int32{0}, SegV: []int32{1}, SegLenM: []float32{lenNS},
		SegFwdMs: []uint32{1000}, SegBwdMs: []uint32{NoTime},
	}
	g.PrepareSnap()
	s, ok := g.Snap(23.7001, 61.5005, 100)
	if !ok || !near(s.Frac, 0.5, 1e-9) || s.Out[1].TimeMs != 500 || s.Out[0].V != -1 {
		t.Fatalf("%+v %v", s, ok)
	}
	// Connector at the default 1.2 m/s.
	if want := uint32(math.Round(s.ConnM / 1.2 * 1000)); s.ConnMs != want {
		t.Errorf("connector %d ms, want %d", s.ConnMs, want)
	}
}

func TestSnapConcurrentFirstUse(t *testing.T) {
	// Many goroutines snapping on a fresh graph build its index once
	// (run with -race) and agree with sequential snapping.
	pts := randomPoints(200, 23.695, 61.497, 23.712, 61.504)
	want, wantOK := buildTown(t, Walk, DefaultParams()).SnapAll(pts, 200, 1)
	g := buildTown(t, Walk, DefaultParams())
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(pts); i += 8 {
				s, ok := g.Snap(pts[i][0], pts[i][1], 200)
				if ok != wantOK[i] || s != want[i] {
					errs <- "point differs"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	snapped := 0
	for _, ok := range wantOK {
		if ok {
			snapped++
		}
	}
	if snapped < 150 {
		t.Errorf("only %d of 200 points in the town snapped", snapped)
	}
}
