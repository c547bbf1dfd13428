package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/results"
)

// syntheticResults copies the fixture into a temporary directory with its
// cells repeated to n cells (ids made unique) and loads it.
func syntheticResults(b *testing.B, n int) *results.Results {
	b.Helper()
	src := fixtureDir(b)
	dir := b.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		if e.Name() == results.CellsFile {
			data = repeatCells(b, data, n)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	r, err := results.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	return r
}

func repeatCells(b *testing.B, data []byte, n int) []byte {
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	out.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	for i := 0; i < n; i++ {
		f := string(fc.Features[i%len(fc.Features)])
		f = strings.ReplaceAll(f, `"1kmN`, fmt.Sprintf(`"%d-1kmN`, i/len(fc.Features)))
		if i > 0 {
			out.WriteString(",\n")
		}
		out.WriteString(f)
	}
	out.WriteString("\n]}\n")
	return out.Bytes()
}

func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{30, 10_000, 100_000} {
		b.Run(fmt.Sprintf("cells=%d", n), func(b *testing.B) {
			r := syntheticResults(b, n)
			var size int64
			b.ReportAllocs()
			for b.Loop() {
				cw := &countWriter{}
				if err := Write(cw, r, Options{}); err != nil {
					b.Fatal(err)
				}
				size = cw.n
			}
			b.ReportMetric(float64(size)/float64(n), "bytes/cell")
		})
	}
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*countWriter)(nil)
