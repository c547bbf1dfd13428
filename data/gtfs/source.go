package gtfs

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Source is an opened feed: a zip archive or a directory, read through
// the same file system interface.
type Source struct {
	Name   string // base name of the path, used in messages
	FS     fs.FS  // the feed's files at its root
	closer io.Closer
}

// Open opens the feed at p, a .zip archive or a directory. A zip whose
// files all sit in one top folder is read from that folder. A path that is
// neither gives an [*Error] wrapping [ErrNotFeed].
func Open(p string) (*Source, error) {
	name := filepath.Base(p)
	st, err := os.Stat(p)
	if err != nil {
		return nil, &Error{Feed: name, Problem: Problem{Severity: SeverityError, Msg: err.Error(), Err: ErrNotFeed}}
	}
	if st.IsDir() {
		return &Source{Name: name, FS: os.DirFS(p)}, nil
	}
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, &Error{Feed: name, Problem: Problem{Severity: SeverityError,
			Msg: "not a zip archive or a directory (" + err.Error() + ")", Err: ErrNotFeed}}
	}
	return &Source{Name: name, FS: feedRoot(zr), closer: zr}, nil
}

// feedRoot returns the folder of zr holding stops.txt: the root, or a
// single top folder when the archive was made from a directory.
func feedRoot(zr *zip.ReadCloser) fs.FS {
	if _, err := fs.Stat(zr, "stops.txt"); err == nil {
		return zr
	}
	dir := ""
	for _, f := range zr.File {
		d, _, found := cutFirst(f.Name)
		if !found {
			continue
		}
		if dir != "" && d != dir {
			return zr
		}
		dir = d
	}
	if dir == "" {
		return zr
	}
	if _, err := fs.Stat(zr, path.Join(dir, "stops.txt")); err != nil {
		return zr
	}
	sub, err := fs.Sub(zr, dir)
	if err != nil {
		return zr
	}
	return sub
}

// cutFirst splits "a/b/c" into "a" and "b/c".
func cutFirst(p string) (string, string, bool) {
	for i := 0; i < len(p); i++ {
		if p[i] == '/' {
			return p[:i], p[i+1:], true
		}
	}
	return p, "", false
}

// Close releases the archive, if any.
func (s *Source) Close() error {
	if s.closer == nil {
		return nil
	}
	return s.closer.Close()
}

// isNotExist tells whether err says a file is absent.
func isNotExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist)
}
