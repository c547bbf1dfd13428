package prepare

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"

	"github.com/saavu/saavu/data/netfile"
)

// hashInput returns the size and SHA-256 digest of a file, or of every
// file of a folder (a GTFS feed given as a folder: names and contents in
// name order).
func hashInput(ctx context.Context, role, name, path string) (netfile.Input, error) {
	in := netfile.Input{Role: role, Name: name, Path: path}
	h := sha256.New()
	fi, err := os.Stat(path)
	if err != nil {
		return in, err
	}
	files := []string{path}
	if fi.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return in, err
		}
		files = files[:0]
		for _, e := range entries { // ReadDir sorts by name
			if e.Type().IsRegular() {
				files = append(files, path+string(os.PathSeparator)+e.Name())
				io.WriteString(h, e.Name()+"\x00")
			}
		}
	}
	for _, p := range files {
		n, err := hashFile(ctx, h, p)
		if err != nil {
			return in, err
		}
		in.Size += n
	}
	in.SHA256 = hex.EncodeToString(h.Sum(nil))
	return in, nil
}

func hashFile(ctx context.Context, w io.Writer, path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	var total int64
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		n, err := f.Read(buf)
		w.Write(buf[:n])
		total += int64(n)
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, fmt.Errorf("%s: %w", path, err)
		}
	}
}
