package report

import (
	"bytes"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/saavu/saavu/internal/testutil"

	"github.com/saavu/saavu/data/results"
)

// repoRoot is the folder holding go.mod.
func repoRoot(t testing.TB) string { return testutil.RepoRoot(t) }

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
