package outdir

import (
	"os"
	"sync"
)

// registry holds what Cleanup must undo: open Dirs and temporary files of
// WriteFileAtomic calls in progress.
var registry struct {
	sync.Mutex
	dirs  map[*Dir]struct{}
	temps map[*temp]struct{}
}

type temp struct {
	path    string
	aborted bool
}

func register(d *Dir) {
	registry.Lock()
	defer registry.Unlock()
	if registry.dirs == nil {
		registry.dirs = map[*Dir]struct{}{}
	}
	registry.dirs[d] = struct{}{}
}

func unregister(d *Dir) {
	registry.Lock()
	defer registry.Unlock()
	delete(registry.dirs, d)
}

func registerTemp(path string) *temp {
	registry.Lock()
	defer registry.Unlock()
	if registry.temps == nil {
		registry.temps = map[*temp]struct{}{}
	}
	t := &temp{path: path}
	registry.temps[t] = struct{}{}
	return t
}

func unregisterTemp(t *temp) {
	registry.Lock()
	defer registry.Unlock()
	delete(registry.temps, t)
}

// rename moves the temporary file into place unless Cleanup has aborted it;
// holding the registry lock keeps Cleanup from running in between.
func (t *temp) rename(from, to string) error {
	registry.Lock()
	defer registry.Unlock()
	if t.aborted {
		return ErrAborted
	}
	return os.Rename(from, to)
}

// Cleanup aborts every open Dir and removes the temporary file of every
// WriteFileAtomic in progress (which then fails with ErrAborted). Call it
// from a SIGINT/SIGTERM handler before exiting. It is safe to call at any
// time and more than once.
func Cleanup() {
	registry.Lock()
	dirs := make([]*Dir, 0, len(registry.dirs))
	for d := range registry.dirs {
		dirs = append(dirs, d)
	}
	for t := range registry.temps {
		t.aborted = true
		os.Remove(t.path)
	}
	registry.Unlock()
	for _, d := range dirs {
		d.Abort()
	}
}
