package outdir

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Sentinel errors.
var (
	ErrClosed    = errors.New("outdir: already committed or aborted")
	ErrExists    = errors.New("outdir: file already created in this run")
	ErrBadName   = errors.New("outdir: bad file name")
	ErrStillOpen = errors.New("outdir: file not closed")
	ErrAborted   = errors.New("outdir: aborted by Cleanup")
)

// stagingPrefix starts the name of every staging folder and temporary file.
const stagingPrefix = ".saavu-tmp-"

type state int

const (
	stateOpen state = iota
	stateCommitted
	stateAborted
)

// Dir is an output folder with a staging folder for one run. Its methods
// are safe for concurrent use; each file returned by Create is for one
// goroutine at a time.
type Dir struct {
	mu      sync.Mutex
	dir     string
	staging string
	created string // top-most folder Open created, removed on Abort if empty
	files   map[string]*file
	state   state
}

// Open prepares dir for a run: it creates dir (and missing parents) if
// needed and a staging folder inside it.
func Open(dir string) (*Dir, error) {
	created := firstMissing(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("outdir: create %s: %w", dir, err)
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("outdir: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("outdir: %s is not a folder", dir)
	}
	staging, err := os.MkdirTemp(dir, stagingPrefix)
	if err != nil {
		return nil, fmt.Errorf("outdir: create staging folder in %s: %w", dir, err)
	}
	d := &Dir{dir: dir, staging: staging, created: created, files: map[string]*file{}}
	register(d)
	return d, nil
}

// firstMissing returns the top-most ancestor of dir (or dir itself) that
// does not exist yet, or "" when dir exists.
func firstMissing(dir string) string {
	missing := ""
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil {
			return missing
		}
		missing = p
		if filepath.Dir(p) == p {
			return missing
		}
	}
}

// Path returns the output folder.
func (d *Dir) Path() string { return d.dir }

// StagingPath returns the staging folder, where files made by Create lie
// until Commit. A later stage may read them there (e.g. to build a report
// from the other outputs) before they are committed together.
func (d *Dir) StagingPath() string { return d.staging }

// Create starts file name (a relative path with forward or native
// separators; subfolders are allowed) in the staging folder. The returned
// writer is buffered; its Close flushes, syncs and closes the file, and must
// be called before Commit.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	clean := filepath.Clean(filepath.FromSlash(name))
	if name == "" || !filepath.IsLocal(clean) || strings.HasPrefix(filepath.Base(clean), stagingPrefix) {
		return nil, fmt.Errorf("%w %q: need a relative path inside the output folder", ErrBadName, name)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.state != stateOpen {
		return nil, fmt.Errorf("outdir: create %s: %w", name, ErrClosed)
	}
	if _, dup := d.files[clean]; dup {
		return nil, fmt.Errorf("outdir: create %s: %w", name, ErrExists)
	}
	path := filepath.Join(d.staging, clean)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("outdir: create %s: %w", name, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return nil, fmt.Errorf("outdir: create %s: %w", name, err)
	}
	sf := &file{name: clean, f: f, bw: bufio.NewWriterSize(f, 64<<10)}
	d.files[clean] = sf
	return sf, nil
}

// Commit moves every staged file into the output folder, replacing files
// of the same name, and removes the staging folder. Every file must have
// been closed; otherwise nothing is moved and the error wraps ErrStillOpen.
// Files are moved in name order; if a rename fails the error says which,
// the files before it are in place, and Abort removes the rest.
func (d *Dir) Commit() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.state != stateOpen {
		return fmt.Errorf("outdir: commit %s: %w", d.dir, ErrClosed)
	}
	names := make([]string, 0, len(d.files))
	for name, f := range d.files {
		closed, err := f.status()
		if err != nil {
			return fmt.Errorf("outdir: commit %s: %w", d.dir, err)
		}
		if !closed {
			return fmt.Errorf("outdir: commit %s: %s: %w", d.dir, name, ErrStillOpen)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	// Check every target before moving anything.
	for _, name := range names {
		if st, err := os.Stat(filepath.Join(d.dir, name)); err == nil && st.IsDir() {
			return fmt.Errorf("outdir: commit %s: %s is a folder, cannot replace it with a file", d.dir, name)
		}
	}
	parents := map[string]bool{}
	for _, name := range names {
		target := filepath.Join(d.dir, name)
		parent := filepath.Dir(target)
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return fmt.Errorf("outdir: commit %s: %w", name, err)
		}
		if err := os.Rename(filepath.Join(d.staging, name), target); err != nil {
			return fmt.Errorf("outdir: commit %s: %w", name, err)
		}
		parents[parent] = true
	}
	for parent := range parents {
		if err := syncDir(parent); err != nil {
			return fmt.Errorf("outdir: commit %s: %w", d.dir, err)
		}
	}
	d.state = stateCommitted
	d.created = ""
	unregister(d)
	if err := os.RemoveAll(d.staging); err != nil {
		return fmt.Errorf("outdir: remove staging folder: %w", err)
	}
	return nil
}

// Abort closes and removes every staged file and the staging folder; the
// output folder is left as it was before Open. It is safe to call more
// than once and after Commit (then it does nothing).
func (d *Dir) Abort() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.state != stateOpen {
		return
	}
	d.state = stateAborted
	unregister(d)
	for _, f := range d.files {
		f.abort()
	}
	os.RemoveAll(d.staging)
	if d.created != "" {
		removeEmptyUpTo(d.dir, d.created)
	}
}

// removeEmptyUpTo removes dir and its parents up to and including top, as
// long as they are empty.
func removeEmptyUpTo(dir, top string) {
	top = filepath.Clean(top)
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		if os.Remove(p) != nil || p == top || filepath.Dir(p) == p {
			return
		}
	}
}

func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // folders cannot be synced there; renames are durable on close
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, fs.ErrInvalid) {
		return err
	}
	return nil
}

// file is a staged output file.
type file struct {
	mu      sync.Mutex
	name    string
	f       *os.File
	bw      *bufio.Writer
	closed  bool
	aborted bool
	err     error
}

func (f *file) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.aborted {
		return 0, fmt.Errorf("outdir: write %s: %w", f.name, ErrClosed)
	}
	if f.closed {
		return 0, fmt.Errorf("outdir: write %s: file is closed", f.name)
	}
	return f.bw.Write(p)
}

// Close flushes, syncs and closes the file. Closing twice returns the first
// result.
func (f *file) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return f.err
	}
	if f.aborted {
		return fmt.Errorf("outdir: close %s: %w", f.name, ErrClosed)
	}
	f.closed = true
	err := f.bw.Flush()
	if err == nil {
		err = f.f.Sync()
	}
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		f.err = fmt.Errorf("outdir: close %s: %w", f.name, err)
	}
	return f.err
}

// status reports whether the file was closed, and the error of a failed
// Close.
func (f *file) status() (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.closed, f.err
}

func (f *file) abort() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.closed {
		f.f.Close()
	}
	f.aborted = true
}
