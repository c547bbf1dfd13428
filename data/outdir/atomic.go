package outdir

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes path through write: into a temporary file in the
// same folder, synced, then renamed over path. If write fails (or panics),
// or the process is interrupted and Cleanup runs, path is left as it was
// and the temporary file is removed.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if base == "" {
		return fmt.Errorf("%w %q: no file name", ErrBadName, path)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("outdir: %s is a folder, cannot replace it with a file", path)
	}
	f, tmp, err := createTemp(dir, "."+base+stagingPrefix)
	if err != nil {
		return fmt.Errorf("outdir: write %s: %w", path, err)
	}
	t := registerTemp(tmp)
	done := false
	defer func() {
		unregisterTemp(t)
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()

	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("outdir: write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("outdir: write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("outdir: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("outdir: write %s: %w", path, err)
	}
	if err := t.rename(tmp, path); err != nil {
		return fmt.Errorf("outdir: write %s: %w", path, err)
	}
	done = true
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("outdir: write %s: %w", path, err)
	}
	return nil
}

// createTemp creates a new file named prefix+random in dir with the usual
// permissions (0666 less the umask), unlike os.CreateTemp's 0600.
func createTemp(dir, prefix string) (*os.File, string, error) {
	var b [8]byte
	for range 100 {
		rand.Read(b[:])
		name := filepath.Join(dir, prefix+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, name, err
	}
	return nil, "", errors.New("cannot find an unused temporary file name")
}
