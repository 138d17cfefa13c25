//go:build !unix

package watch_test

import "time"

// cpuTime is unknown here; the benchmark then reports zero CPU time.
func cpuTime() time.Duration { return 0 }
