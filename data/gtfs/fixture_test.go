package gtfs

import (
	"archive/zip"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixture returns the path of testdata/gtfs/<name> at the module root.
func fixture(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "testdata", "gtfs", name)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("fixture %s: %v", name, err)
	}
	return p
}

// copyFixture copies a fixture feed into dir/<as>, applying edits: a file
// name mapped to its new content, or to "" to delete the file.
func copyFixture(tb testing.TB, name, as string, edits map[string]string) string {
	tb.Helper()
	src := fixture(tb, name)
	dst := filepath.Join(tb.TempDir(), as)
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		tb.Fatal(err)
	}
	for file, content := range edits {
		p := filepath.Join(dst, file)
		if content == "" {
			if err := os.Remove(p); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dst
}

// readFixtureFile returns a file of a fixture feed.
func readFixtureFile(tb testing.TB, name, file string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(fixture(tb, name), file))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// zipDir writes the files of dir into a zip at path, under the folder
// top when it is not empty.
func zipDir(tb testing.TB, dir, path, top string) string {
	tb.Helper()
	out, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(out)
	err = fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return err
		}
		w, err := zw.Create(strings.TrimPrefix(top+"/"+p, "/"))
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}
