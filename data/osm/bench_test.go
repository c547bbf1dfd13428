package osm

import (
	"context"
	"fmt"
	"testing"
)

func BenchmarkReadTampere(b *testing.B) {
	path := sharedData(b, "tampere/tampere.osm.pbf")
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				ext, err := Read(context.Background(), path, Options{Workers: workers})
				if err != nil {
					b.Fatal(err)
				}
				n += len(ext.Ways)
			}
			if n == 0 {
				b.Fatal("no ways")
			}
		})
	}
}
