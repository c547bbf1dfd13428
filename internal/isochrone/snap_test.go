package isochrone

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/graph"
)

// A 100 m stub of street 20 m from the start, cut off from the long road
// 60 m away on the other side: the start goes to the road.
func TestSnapperSkipsSmallPieces(t *testing.T) {
	const osmXML = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
%s
<way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="service"/></way>
<way id="2"><nd ref="3"/><nd ref="4"/><nd ref="5"/><nd ref="6"/><tag k="highway" v="residential"/></way>
</osm>`
	pts := [][2]float64{{331700, 6820020}, {331800, 6820020}, // stub, north of the start
		{331000, 6819940}, {331500, 6819940}, {332000, 6819940}, {332500, 6819940}} // road, south
	nodes := ""
	for i, p := range pts {
		lon, lat := geo.FromTM35(p[0], p[1])
		nodes += fmt.Sprintf("<node id=\"%d\" lat=\"%.8f\" lon=\"%.8f\"/>\n", i+1, lat, lon)
	}
	path := filepath.Join(t.TempDir(), "stub.osm")
	if err := os.WriteFile(path, []byte(fmt.Sprintf(osmXML, nodes)), 0o644); err != nil {
		t.Fatal(err)
	}
	g := loadGraph(t, path, graph.Walk)
	lon, lat := geo.FromTM35(331750, 6820000)
	if s, _ := NewSnapper(g, 1).Snap(lon, lat, 500); !near(s.Snap.ConnM, 20, 0.5) {
		t.Fatalf("plain snap %.1f m away, want the stub 20 m away", s.Snap.ConnM)
	}
	s, ok := NewSnapper(g, 3).Snap(lon, lat, 500)
	if !ok || !near(s.Snap.ConnM, 60, 0.5) {
		t.Fatalf("snap skipping pieces under 3 vertices: %.1f m away (ok %v), want the road 60 m away", s.Snap.ConnM, ok)
	}
	// The snap is on g's own segments: a search from it reaches the road.
	r, err := Times(context.Background(), g, []Start{s}, Options{LimitMin: 5, ResolutionM: 10})
	if err != nil {
		t.Fatal(err)
	}
	if v := valueAt(r, 332000, 6819945); math.IsNaN(v) || v > 5 {
		t.Errorf("the road 250 m east: %v min", v)
	}
	if _, ok := NewSnapper(g, 3).Snap(lon, lat, 10); ok {
		t.Error("snapped beyond the snapping distance")
	}
}
