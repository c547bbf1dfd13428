package osm

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// sharedData returns the path of a file under ../shared/data (next to the
// repository root), skipping the test when it is absent.
func sharedData(tb testing.TB, rel string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("repository root (go.mod) not found")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("real data %s is absent (%v); skipping", p, err)
	}
	return p
}

// repoTestdata returns the path of a fixture under testdata/osm at the
// repository root.
func repoTestdata(tb testing.TB, name string) string {
	tb.Helper()
	return filepath.Join("..", "..", "testdata", "osm", name)
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
