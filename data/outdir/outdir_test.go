package outdir

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// update is accepted so that `go test ./data/... -update` works; this
// package has no golden files.
var _ = flag.Bool("update", false, "rewrite golden files (none here)")

// snapshot lists every path under root with its content (folders as "/").
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if de.IsDir() {
			out[rel] = "/"
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func writeFile(t *testing.T, d *Dir, name, content string) {
	t.Helper()
	w, err := d.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, content); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestAbortLeavesFolderUnchanged(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "cells.csv"), []byte("old cells"), 0o644)
	os.MkdirAll(filepath.Join(root, "maps"), 0o755)
	os.WriteFile(filepath.Join(root, "maps", "a.geojson"), []byte("old map"), 0o644)
	before := snapshot(t, root)

	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, d, "cells.csv", "new cells")
	writeFile(t, d, "maps/a.geojson", "new map")
	writeFile(t, d, "report.html", "new report")
	open, err := d.Create("unfinished.json") // left open: a run failing mid-write
	if err != nil {
		t.Fatal(err)
	}
	open.Write([]byte("half"))
	if after := snapshot(t, root); len(after) == len(before) {
		t.Fatal("nothing staged: the test would prove nothing")
	}
	d.Abort()
	if after := snapshot(t, root); !sameTree(before, after) {
		t.Errorf("after Abort the folder holds %v, want %v", keys(after), keys(before))
	}
	if _, err := open.Write([]byte("more")); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Abort: %v", err)
	}
	d.Abort() // idempotent
	if err := d.Commit(); !errors.Is(err, ErrClosed) {
		t.Errorf("Commit after Abort = %v", err)
	}
	if _, err := d.Create("x"); !errors.Is(err, ErrClosed) {
		t.Errorf("Create after Abort = %v", err)
	}
}

func TestAbortRemovesCreatedFolders(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out", "run1")
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, d, "a.csv", "a")
	d.Abort()
	if got := snapshot(t, root); !sameTree(got, map[string]string{".": "/"}) {
		t.Errorf("after Abort: %v", keys(got))
	}
}

func TestCommitReplacesFiles(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "cells.csv"), []byte("old cells"), 0o644)
	os.WriteFile(filepath.Join(root, "keep.txt"), []byte("untouched"), 0o644)

	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, d, "cells.csv", "new cells")
	writeFile(t, d, "maps/a.geojson", "map")
	// Nothing is visible before Commit.
	if b, _ := os.ReadFile(filepath.Join(root, "cells.csv")); string(b) != "old cells" {
		t.Errorf("before Commit cells.csv = %q", b)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{".": "/", "cells.csv": "new cells", "keep.txt": "untouched", "maps": "/", "maps/a.geojson": "map"}
	if got := snapshot(t, root); !sameTree(got, want) {
		t.Errorf("after Commit: %v", got)
	}
	d.Abort() // after Commit: does nothing
	if got := snapshot(t, root); !sameTree(got, want) {
		t.Errorf("Abort after Commit changed the folder: %v", got)
	}
	if err := d.Commit(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Commit = %v", err)
	}
}

func TestCommitNeedsClosedFiles(t *testing.T) {
	root := t.TempDir()
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, d, "a.csv", "a")
	w, _ := d.Create("b.csv")
	err = d.Commit()
	if !errors.Is(err, ErrStillOpen) || !strings.Contains(err.Error(), "b.csv") {
		t.Fatalf("Commit with an open file = %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "a.csv")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a file was moved although Commit failed")
	}
	w.Close()
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, root); len(got) != 3 {
		t.Errorf("after Commit: %v", keys(got))
	}
}

func TestCommitOverFolder(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "b.csv"), 0o755)
	d, _ := Open(root)
	writeFile(t, d, "a.csv", "a")
	writeFile(t, d, "b.csv", "b")
	if err := d.Commit(); err == nil || !strings.Contains(err.Error(), "b.csv is a folder") {
		t.Fatalf("Commit = %v", err)
	}
	// The check runs before any rename: a.csv did not move either.
	if _, err := os.Stat(filepath.Join(root, "a.csv")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a.csv moved before the failure")
	}
	d.Abort()
}

func TestCreateNames(t *testing.T) {
	d, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, bad := range []string{"", "/abs.csv", "../up.csv", "a/../../up.csv", ".saavu-tmp-x"} {
		if _, err := d.Create(bad); !errors.Is(err, ErrBadName) {
			t.Errorf("Create(%q) = %v, want ErrBadName", bad, err)
		}
	}
	if _, err := d.Create("a/./b.csv"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Create("a/b.csv"); !errors.Is(err, ErrExists) {
		t.Errorf("second Create of the same name = %v", err)
	}
}

func TestOpenOnFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	os.WriteFile(p, nil, 0o644)
	if _, err := Open(p); err == nil {
		t.Fatal("Open on a file succeeded")
	}
}

func TestConcurrentCreate(t *testing.T) {
	root := t.TempDir()
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	const n = 32
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w, err := d.Create(fmt.Sprintf("part-%02d.csv", i))
			if err != nil {
				errs <- err
				return
			}
			for j := range 100 {
				fmt.Fprintf(w, "%d,%d\n", i, j)
			}
			errs <- w.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, root)
	if len(got) != n+1 {
		t.Fatalf("%d entries after Commit", len(got))
	}
	for i := range n {
		lines := strings.Count(got[fmt.Sprintf("part-%02d.csv", i)], "\n")
		if lines != 100 {
			t.Errorf("part %d has %d lines", i, lines)
		}
	}
}

func TestCleanup(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	before := snapshot(t, a)
	da, _ := Open(a)
	db, _ := Open(b)
	writeFile(t, da, "x.csv", "x")
	writeFile(t, db, "y.csv", "y")
	if err := db.Commit(); err != nil {
		t.Fatal(err)
	}
	Cleanup()
	if got := snapshot(t, a); !sameTree(got, before) {
		t.Errorf("Cleanup left %v", keys(got))
	}
	if got := snapshot(t, b); got["y.csv"] != "y" {
		t.Errorf("Cleanup touched a committed folder: %v", got)
	}
	if err := da.Commit(); !errors.Is(err, ErrClosed) {
		t.Errorf("Commit after Cleanup = %v", err)
	}
}

func TestAbortWhileWriting(t *testing.T) {
	root := t.TempDir()
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	started := make(chan struct{}, 4)
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w, err := d.Create(fmt.Sprintf("w%d.csv", i))
			if err != nil {
				started <- struct{}{}
				return
			}
			started <- struct{}{}
			for {
				if _, err := w.Write([]byte("0123456789\n")); err != nil {
					if !errors.Is(err, ErrClosed) {
						t.Errorf("write error %v, want ErrClosed", err)
					}
					return
				}
			}
		}()
	}
	for range 4 {
		<-started
	}
	d.Abort()
	wg.Wait()
	if got := snapshot(t, root); len(got) != 1 {
		t.Errorf("left behind: %v", keys(got))
	}
}
