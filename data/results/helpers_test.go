package results

import (
	"os"
	"path/filepath"
	"testing"
)

// fixtureDir is the hand-made results directory shared with the report tests.
const fixtureDir = "../../testdata/report/run"

// copyFixture copies the fixture into a temporary directory, applies edit
// to the named file's content (nil edit deletes the file) and returns the
// directory.
func copyFixture(t *testing.T, file string, edit func([]byte) []byte) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(fixtureDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == file {
			if edit == nil {
				continue
			}
			b = edit(b)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func near(a, b float64) bool {
	d := a - b
	return d < 1e-9 && d > -1e-9
}
