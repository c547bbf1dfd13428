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
	s, ok := g.Snap(tampereLon, tampereLat, 1000)
	if !ok {
		t.Fatal("the centre of Tampere does not snap")
	}
	r, err := Times(context.Background(), g, []Start{{Lon: tampereLon, Lat: tampereLat, Snap: s}}, Options{LimitMin: 30, ResolutionM: 50})
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
