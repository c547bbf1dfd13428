package csvio

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// repoRoot is the folder holding go.mod.
func repoRoot(t testing.TB) string { return testutil.RepoRoot(t) }

// fixture returns the path of a hand-made fixture in testdata/csv.
func fixture(t testing.TB, name string) string {
	return filepath.Join(repoRoot(t), "testdata", "csv", name)
}

// sharedData returns a path under ../shared/data, skipping the test when absent.
func sharedData(t testing.TB, rel string) string { return testutil.SharedData(t, rel) }

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// checkErr fails unless err wraps sentinel and its text contains want.
func checkErr(t *testing.T, err error, sentinel error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	if sentinel != nil && !errors.Is(err, sentinel) {
		t.Errorf("error %v does not wrap %v", err, sentinel)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error\n  %s\nwant it to contain\n  %s", err, want)
	}
}
