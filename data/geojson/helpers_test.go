package geojson

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// repoRoot is the folder holding go.mod.
func repoRoot(t testing.TB) string { return testutil.RepoRoot(t) }

// fixture returns the path of a hand-made fixture in testdata/geojson.
func fixture(t testing.TB, name string) string {
	return filepath.Join(repoRoot(t), "testdata", "geojson", name)
}

// sharedData returns a path under ../shared/data, skipping the test when absent.
func sharedData(t testing.TB, rel string) string { return testutil.SharedData(t, rel) }

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
