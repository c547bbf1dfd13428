//go:build !unix

package plan

import "time"

// cpuTime is not measured on this system.
func cpuTime() time.Duration { return 0 }
