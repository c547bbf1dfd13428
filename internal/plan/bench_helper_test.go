package plan

import "testing"

// benchLoop runs f in the benchmark loop and reports, beside the
// wall-clock time, the processor time per operation (all threads), which
// is steadier on a shared machine.
func benchLoop(b *testing.B, f func()) {
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		f()
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
