package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/saavu/saavu/data/results"
)

// repoRoot walks up from the package directory to the one holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the package directory")
		}
		dir = parent
	}
}

// fixtureDir is the hand-made results directory of testdata/report.
func fixtureDir(t testing.TB) string {
	return filepath.Join(repoRoot(t), "testdata", "report", "run")
}

func loadFixture(t testing.TB) *results.Results {
	t.Helper()
	r, err := results.Load(fixtureDir(t))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func render(t testing.TB, r *results.Results, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func itoa(n int) string { return strconv.Itoa(n) }
