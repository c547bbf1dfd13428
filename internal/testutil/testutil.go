// Package testutil holds what the tests of many packages share: finding
// the repository root, hand-made fixtures under testdata/ and the real
// data under ../shared/data (skipping a test when it is absent).
package testutil

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// RepoRoot walks up from the working directory (a test's package folder)
// to the folder holding go.mod.
func RepoRoot(tb testing.TB) string {
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
			tb.Fatal("go.mod not found above the test's folder")
		}
		dir = parent
	}
}

// Fixture returns the path of a hand-made file under testdata/.
func Fixture(tb testing.TB, parts ...string) string {
	tb.Helper()
	return filepath.Join(append([]string{RepoRoot(tb), "testdata"}, parts...)...)
}

// SharedData returns the path of rel under ../shared/data, the real data
// kept beside the repository, and skips the test with a clear message
// when it is absent.
func SharedData(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(RepoRoot(tb), "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("real data %s not available (%v): skipping", rel, err)
	}
	return p
}

// ReadCSV reads a whole CSV file, header first, failing the test when it
// cannot be read, is not CSV or is empty.
func ReadCSV(tb testing.TB, path string) [][]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	if len(rows) == 0 {
		tb.Fatalf("%s: empty", path)
	}
	return rows
}

// SameFiles checks that every file of the folder want (but those named in
// skip) is in got with the same bytes, reporting each that is missing or
// differs, and returns how many were compared.
func SameFiles(tb testing.TB, want, got string, skip ...string) int {
	tb.Helper()
	ents, err := os.ReadDir(want)
	if err != nil {
		tb.Fatal(err)
	}
	compared := 0
	for _, e := range ents {
		if e.IsDir() || slices.Contains(skip, e.Name()) {
			continue
		}
		a, err := os.ReadFile(filepath.Join(want, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(got, e.Name()))
		if err != nil {
			tb.Errorf("%s missing from %s", e.Name(), got)
			continue
		}
		compared++
		if !bytes.Equal(a, b) {
			tb.Errorf("%s differs between %s and %s", e.Name(), want, got)
		}
	}
	return compared
}

// PeakHeapMB runs f and returns the most heap memory in use (live and
// not yet collected objects, in MiB) seen while it ran, sampled every
// 20 ms, less the heap in use before it started: the extra memory f
// needs at its peak.
func PeakHeapMB(f func()) float64 {
	sample := func() uint64 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	runtime.GC()
	base := sample()
	var peak atomic.Uint64
	peak.Store(base)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if s := sample(); s > peak.Load() {
					peak.Store(s)
				}
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	if s := sample(); s > peak.Load() {
		peak.Store(s)
	}
	return float64(peak.Load()-base) / (1 << 20)
}

// Artefacts is the folder for files a test keeps for people to look at
// (screenshots): $SAAVU_ARTEFACTS, relative to the repository root where
// scripts/report-check.sh runs, or the test's temporary folder.
func Artefacts(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("SAAVU_ARTEFACTS")
	if dir == "" {
		return tb.TempDir()
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(RepoRoot(tb), dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}
