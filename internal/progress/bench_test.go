package progress

import (
	"io"
	"testing"
)

// BenchmarkAdd is the cost a worker pays per finished item, with the bar
// drawn (enabled) and not (disabled); parallel, as workers call it.
func BenchmarkAdd(b *testing.B) {
	for _, enabled := range []bool{false, true} {
		name := "disabled"
		if enabled {
			name = "enabled"
		}
		b.Run(name, func(b *testing.B) {
			bar := New(io.Discard, enabled).Stage("bench", 1<<40)
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					bar.Add(1)
				}
			})
			bar.Done()
		})
	}
}
