//go:build !unix

package isochrone

import "time"

// processTime is not measured here; benchmarks then report 0.
func processTime() time.Duration { return 0 }
