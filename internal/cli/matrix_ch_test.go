package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// writePoints writes n random points in the box as an id,lon,lat CSV,
// every fifth a repeat of an earlier one moved a few metres (so that
// some pairs share a segment).
func writePoints(t *testing.T, path string, seed uint64, n int, minLon, minLat, maxLon, maxLat float64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 15))
	var b bytes.Buffer
	b.WriteString("id,lon,lat\n")
	var pts [][2]float64
	for i := range n {
		p := [2]float64{minLon + rng.Float64()*(maxLon-minLon), minLat + rng.Float64()*(maxLat-minLat)}
		if i%5 == 4 {
			q := pts[rng.IntN(len(pts))]
			p = [2]float64{q[0] + (rng.Float64()-0.5)*1e-4, q[1] + (rng.Float64()-0.5)*5e-5}
		}
		pts = append(pts, p)
		fmt.Fprintf(&b, "p%d,%.6f,%.6f\n", i, p[0], p[1])
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestMatrixCHSameOutput runs saavu matrix with the per-origin searches
// and with the contraction hierarchy and compares the files byte for
// byte: walk, bike and car, CSV and Parquet, with and without a time
// limit, on the hand-made town and on the Monaco extract.
func TestMatrixCHSameOutput(t *testing.T) {
	type area struct {
		name, osm                      string
		minLon, minLat, maxLon, maxLat float64
		n                              int
	}
	areas := []area{{"town", fixture(t, "osm", "town.osm"), 23.695, 61.489, 23.722, 61.504, 40}}
	if !testing.Short() {
		if _, err := os.Stat(filepath.Join(repoRoot(t), "..", "shared", "data", "monaco", "monaco.osm.pbf")); err == nil {
			areas = append(areas, area{"monaco", testutil.SharedData(t, "monaco/monaco.osm.pbf"), 7.409, 43.725, 7.439, 43.750, 120})
		} else {
			t.Log("../shared/data/monaco/monaco.osm.pbf not available: only the hand-made town is compared")
		}
	}
	for _, a := range areas {
		dir := t.TempDir()
		o, d := filepath.Join(dir, "o.csv"), filepath.Join(dir, "d.csv")
		writePoints(t, o, 1, a.n, a.minLon, a.minLat, a.maxLon, a.maxLat)
		writePoints(t, d, 2, a.n+7, a.minLon, a.minLat, a.maxLon, a.maxLat)
		for _, mode := range []string{"walk", "bike", "car"} {
			for _, format := range []string{"csv", "parquet"} {
				for _, maxTime := range []string{"0", "4"} {
					name := fmt.Sprintf("%s/%s/%s/max-time=%s", a.name, mode, format, maxTime)
					t.Run(name, func(t *testing.T) {
						var outs [2][]byte
						for i, method := range []string{"dijkstra", "ch"} {
							out := filepath.Join(dir, fmt.Sprintf("%s-%s-%s-%s.%s", mode, format, maxTime, method, format))
							code, _, stderr := run(t, "matrix", "-q", "--osm", a.osm, "--mode", mode, "--origins", o, "--destinations", d,
								"--format", format, "--max-time", maxTime, "--street-method", method, "--out", out)
							if code != 0 {
								t.Fatalf("%s: exit %d\n%s", method, code, stderr)
							}
							b, err := os.ReadFile(out)
							if err != nil {
								t.Fatal(err)
							}
							outs[i] = b
						}
						if !bytes.Equal(outs[0], outs[1]) {
							t.Fatalf("outputs differ (%d and %d bytes)", len(outs[0]), len(outs[1]))
						}
						if format == "csv" {
							rows := bytes.Count(outs[0], []byte("\n")) - 1
							if empty := bytes.Count(outs[0], []byte(",,\n")); maxTime == "0" && 2*empty > rows {
								t.Fatalf("%d of %d pairs empty: the points miss the streets", empty, rows)
							}
						}
					})
				}
			}
		}
	}
}

func TestMatrixStreetMethodRejected(t *testing.T) {
	code, _, stderr := run(t, "matrix", "--osm", fixture(t, "osm", "town.osm"), "--origins", "x.csv", "--street-method", "fast")
	if code != 2 {
		t.Fatalf("exit %d, want 2\n%s", code, stderr)
	}
}
