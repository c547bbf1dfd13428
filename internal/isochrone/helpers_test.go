package isochrone

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/internal/testutil"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/graph"
)

// repoRoot walks up from the package directory to the folder with go.mod.
func repoRoot(t testing.TB) string { return testutil.RepoRoot(t) }

// sharedData returns ../shared/data/<parts> from the repository root, or
// skips when it is absent.
func sharedData(t testing.TB, parts ...string) string {
	return testutil.SharedData(t, filepath.Join(parts...))
}

func loadGraph(t testing.TB, path string, mode graph.Mode) *graph.Graph {
	t.Helper()
	ext, err := osm.Read(context.Background(), path, osm.Options{SkipPOIs: true})
	if err != nil {
		t.Fatal(err)
	}
	g, _, err := graph.Build(ext, mode, graph.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func fixtureGraph(t testing.TB, name string, mode graph.Mode) *graph.Graph {
	return loadGraph(t, filepath.Join(repoRoot(t), "testdata", "isochrones", name), mode)
}

// startTM snaps the EPSG:3067 point (e, n) to g.
func startTM(t testing.TB, g *graph.Graph, e, n float64) Start {
	t.Helper()
	lon, lat := geo.FromTM35(e, n)
	s, ok := g.Snap(lon, lat, 1000)
	if !ok {
		s.Seg = -1
	}
	return Start{Lon: lon, Lat: lat, Snap: s}
}

// valueAt returns the raster value of the cell holding (e, n), NaN
// outside the raster.
func valueAt(r geo.Raster, e, n float64) float64 {
	c := int(math.Floor((e - r.Origin[0]) / r.CellSize))
	w := int(math.Floor((n - r.Origin[1]) / r.CellSize))
	if c < 0 || w < 0 || c >= r.W || w >= r.H {
		return math.NaN()
	}
	return r.Values[w*r.W+c]
}

// cellCentre returns the centre of the cell holding (e, n).
func cellCentre(r geo.Raster, e, n float64) (float64, float64) {
	c := math.Floor((e - r.Origin[0]) / r.CellSize)
	w := math.Floor((n - r.Origin[1]) / r.CellSize)
	return r.Origin[0] + (c+0.5)*r.CellSize, r.Origin[1] + (w+0.5)*r.CellSize
}

// writeGridOSM writes an n x n grid of residential streets, spacing
// metres apart in EPSG:3067 around (e0, n0), as OSM XML.
func writeGridOSM(t testing.TB, n int, spacing float64) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n")
	e0, n0 := 320000.0, 6825000.0
	id := func(i, j int) int { return 1 + j*n + i }
	for j := range n {
		for i := range n {
			lon, lat := geo.FromTM35(e0+float64(i)*spacing, n0+float64(j)*spacing)
			fmt.Fprintf(&b, "<node id=\"%d\" lat=\"%.8f\" lon=\"%.8f\"/>\n", id(i, j), lat, lon)
		}
	}
	way := 1
	for j := range n {
		fmt.Fprintf(&b, "<way id=\"%d\">", way)
		for i := range n {
			fmt.Fprintf(&b, "<nd ref=\"%d\"/>", id(i, j))
		}
		b.WriteString("<tag k=\"highway\" v=\"residential\"/></way>\n")
		way++
	}
	for i := range n {
		fmt.Fprintf(&b, "<way id=\"%d\">", way)
		for j := range n {
			fmt.Fprintf(&b, "<nd ref=\"%d\"/>", id(i, j))
		}
		b.WriteString("<tag k=\"highway\" v=\"residential\"/></way>\n")
		way++
	}
	b.WriteString("</osm>\n")
	path := filepath.Join(t.TempDir(), "grid.osm")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// near reports whether a and b differ by at most tol.
func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
