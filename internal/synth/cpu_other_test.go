//go:build !unix

package synth

import "time"

// cpuTime is unknown here: benchmarks report 0 processor time.
func cpuTime() time.Duration { return 0 }
