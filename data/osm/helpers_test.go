package osm

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// sharedData returns a path under ../shared/data, skipping the test when absent.
func sharedData(tb testing.TB, rel string) string { return testutil.SharedData(tb, rel) }

// repoTestdata returns the path of a fixture under testdata/osm at the
// repository root.
func repoTestdata(tb testing.TB, name string) string {
	tb.Helper()
	return filepath.Join("..", "..", "testdata", "osm", name)
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
