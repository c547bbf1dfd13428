package isochrone

import (
	"context"
	"testing"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/graph"
)

// Keskustori, the central square of Tampere.
const tampereLon, tampereLat = 23.7610, 61.4978

func TestTampereWalk(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data run skipped in -short mode")
	}
	path := sharedData(t, "tampere", "tampere.osm.pbf")
	g := loadGraph(t, path, graph.Walk)
	s, ok := NewSnapper(g, DefaultMinPiece).Snap(tampereLon, tampereLat, 1000)
	if !ok {
		t.Fatal("the centre of Tampere does not snap")
	}
	r, err := Times(context.Background(), g, []Start{s}, Options{LimitMin: 30, ResolutionM: 50})
	if err != nil {
		t.Fatal(err)
	}
	bands, err := Bands(r, []float64{15, 30})
	if err != nil {
		t.Fatal(err)
	}
	// 15 minutes at 1.2 m/s is 1080 m: the disc of that radius is
	// 3.7 km², and streets that wind, the lakes on both sides and the
	// rapids in the middle take a share of it.
	b := bands[0]
	if b.AreaKm2 < 1 || b.AreaKm2 > 15 {
		t.Errorf("15 min walk: %.2f km², want 1 to 15", b.AreaKm2)
	}
	if b.AreaKm2 > 3.8 {
		t.Errorf("15 min walk: %.2f km², more than the 1080 m disc (3.7 km²) plus the raster edge", b.AreaKm2)
	}
	e, n := geo.ToTM35(tampereLon, tampereLat)
	if geo.NewPolygonIndex([]orb.MultiPolygon{b.Geom}).Locate(orb.Point{e, n}) < 0 {
		t.Error("the 15 min band does not hold its start point")
	}
	if bands[1].AreaKm2 < 2*b.AreaKm2 {
		t.Errorf("30 min walk: %.2f km², want well over the 15 min %.2f km²", bands[1].AreaKm2, b.AreaKm2)
	}
	t.Logf("walk from Keskustori: 15 min %.2f km², 30 min %.2f km² (%d x %d raster)", b.AreaKm2, bands[1].AreaKm2, r.W, r.H)
}

// By car the square itself is closed to traffic: the plain nearest street
// is a 35-vertex piece of service lanes that leads nowhere, and the start
// must go to the street network around it.
func TestTampereCar(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data run skipped in -short mode")
	}
	g := loadGraph(t, sharedData(t, "tampere", "tampere.osm.pbf"), graph.Car)
	comp, sizes := g.Components()
	plain, _ := g.Snap(tampereLon, tampereLat, 1000)
	s, ok := NewSnapper(g, DefaultMinPiece).Snap(tampereLon, tampereLat, 1000)
	if !ok {
		t.Fatal("no car street near the centre of Tampere")
	}
	if n := sizes[comp[g.SegU[s.Snap.Seg]]]; int(n) < DefaultMinPiece {
		t.Fatalf("snapped onto a piece of %d vertices", n)
	}
	if s.Snap.Seg != plain.Seg {
		t.Logf("plain snap on a piece of %d vertices, moved %.0f m -> %.0f m", sizes[comp[g.SegU[plain.Seg]]], plain.ConnM, s.Snap.ConnM)
	}
	r, err := Times(context.Background(), g, []Start{s}, Options{LimitMin: 10})
	if err != nil {
		t.Fatal(err)
	}
	bands, _ := Bands(r, []float64{5, 10})
	// Ten minutes in town traffic (40-50 km/h) cover several km in every
	// direction: far more than 15 minutes on foot, and at most the
	// 18 x 12.5 km extract.
	if bands[1].AreaKm2 < 10 || bands[1].AreaKm2 > 225 {
		t.Errorf("10 min by car: %.1f km², want 10 to 225", bands[1].AreaKm2)
	}
	t.Logf("car from Keskustori: 5 min %.1f km², 10 min %.1f km²", bands[0].AreaKm2, bands[1].AreaKm2)
}
