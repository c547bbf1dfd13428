package results

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchDir copies the fixture with its cells repeated to n (ids made
// unique) into a temporary directory.
func benchDir(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	entries, err := os.ReadDir(fixtureDir)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(fixtureDir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		if e.Name() == CellsFile {
			var fc struct {
				Features []json.RawMessage `json:"features"`
			}
			if err := json.Unmarshal(data, &fc); err != nil {
				b.Fatal(err)
			}
			var out bytes.Buffer
			out.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
			for i := 0; i < n; i++ {
				if i > 0 {
					out.WriteString(",\n")
				}
				f := string(fc.Features[i%len(fc.Features)])
				out.WriteString(strings.ReplaceAll(f, `"1kmN`, fmt.Sprintf(`"%d-1kmN`, i/len(fc.Features))))
			}
			out.WriteString("\n]}\n")
			data = out.Bytes()
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{30, 10_000, 100_000} {
		b.Run(fmt.Sprintf("cells=%d", n), func(b *testing.B) {
			dir := benchDir(b, n)
			b.ReportAllocs()
			var count int
			for b.Loop() {
				r, err := Load(dir)
				if err != nil {
					b.Fatal(err)
				}
				count = r.Cells.Count
			}
			if count != n {
				b.Fatalf("loaded %d cells, want %d", count, n)
			}
		})
	}
}
