//go:build unix

package watch_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time, user and system, that the process has used.
// Unlike wall time, it hardly depends on what else the machine runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
