package prepare

import (
	"os"
	"path/filepath"
	"testing"
)

// repoRoot returns the directory holding go.mod.
func repoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("repository root (go.mod) not found")
		}
		dir = parent
	}
}

// sharedData returns a path under ../shared/data, skipping when absent.
func sharedData(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(repoRoot(tb), "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("real data %s is absent (%v); skipping", p, err)
	}
	return p
}

// fixture returns the path of a file under testdata/prepare.
func fixture(tb testing.TB, name string) string {
	return filepath.Join(repoRoot(tb), "testdata", "prepare", name)
}
