//go:build unix

package isochrone

import (
	"syscall"
	"time"
)

// processTime is the processor time (user and system, every thread) the
// process has used so far: on a busy machine it is steadier than the
// wall-clock time of a benchmark.
func processTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
