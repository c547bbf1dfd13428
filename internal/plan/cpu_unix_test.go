//go:build unix

package plan

import (
	"syscall"
	"time"
)

// cpuTime returns the processor time this process has used, user and
// system, all threads. Benchmarks report it beside the wall-clock time,
// which a busy machine inflates.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
