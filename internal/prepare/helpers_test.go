package prepare

import (
	"path/filepath"
	"testing"

	"github.com/saavu/saavu/internal/testutil"
)

// repoRoot is the folder holding go.mod.
func repoRoot(tb testing.TB) string { return testutil.RepoRoot(tb) }

// sharedData returns a path under ../shared/data, skipping the test when absent.
func sharedData(tb testing.TB, rel string) string { return testutil.SharedData(tb, rel) }

// fixture returns the path of a file under testdata/prepare.
func fixture(tb testing.TB, name string) string {
	return filepath.Join(repoRoot(tb), "testdata", "prepare", name)
}
