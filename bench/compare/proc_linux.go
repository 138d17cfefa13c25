package main

import (
	"os"
	"os/exec"
	"syscall"
)

// ownGroup starts cmd in a process group of its own, and makes a timeout
// kill the whole group: Chromium's helpers and TeX under pandoc too.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}

// killGroup ends whatever the invocation left running, so that it does not
// eat into the next tool's time.
func killGroup(pid int) {
	syscall.Kill(-pid, syscall.SIGKILL)
}

// maxRSSKB is the peak resident set of the process, or of the largest of
// the children it waited for, in KiB.
func maxRSSKB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss)
	}
	return 0
}
