package outdir

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "run.json")
	os.WriteFile(path, []byte("old"), 0o644)

	boom := errors.New("boom")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half written")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want boom", err)
	}
	if got := snapshot(t, root); !sameTree(got, map[string]string{".": "/", "run.json": "old"}) {
		t.Errorf("after a failed write: %v", got)
	}

	if err := WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, root); !sameTree(got, map[string]string{".": "/", "run.json": "new"}) {
		t.Errorf("after a write: %v", got)
	}
	// Same permissions as os.Create gives, not os.CreateTemp's 0600.
	ref := filepath.Join(t.TempDir(), "ref")
	f, err := os.Create(ref)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(path)
	rst, _ := os.Stat(ref)
	if st.Mode() != rst.Mode() {
		t.Errorf("mode %v, os.Create gives %v", st.Mode(), rst.Mode())
	}
}

func TestWriteFileAtomicPanic(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "a.txt")
	func() {
		defer func() { recover() }()
		WriteFileAtomic(path, func(w io.Writer) error { panic("caller bug") })
	}()
	if got := snapshot(t, root); len(got) != 1 {
		t.Errorf("temporary file left after a panic: %v", keys(got))
	}
}

func TestWriteFileAtomicCleanup(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "a.txt")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "data")
		Cleanup() // as a signal handler would, mid-write
		return nil
	})
	if !errors.Is(err, ErrAborted) {
		t.Fatalf("error %v, want ErrAborted", err)
	}
	if got := snapshot(t, root); len(got) != 1 {
		t.Errorf("left behind: %v", keys(got))
	}
}

func TestWriteFileAtomicOverFolder(t *testing.T) {
	root := t.TempDir()
	if err := WriteFileAtomic(root, func(io.Writer) error { return nil }); err == nil {
		t.Fatal("writing over a folder succeeded")
	}
	if err := WriteFileAtomic(filepath.Join(root, "missing", "a.txt"), func(io.Writer) error { return nil }); err == nil {
		t.Fatal("writing into a missing folder succeeded")
	}
}
