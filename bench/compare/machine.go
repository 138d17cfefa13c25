package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// machine describes where the numbers came from.
type machine struct {
	cpus      int
	cpu       string
	memKB     int64
	os        string
	kernel    string
	goVersion string
	// ismsforge names the binary's version and the commit it was built from.
	ismsforge string
	versions  []string
}

func (m machine) summary() string {
	s := fmt.Sprintf("%d CPUs (nproc), %s", m.cpus, m.cpu)
	if m.memKB > 0 {
		s += fmt.Sprintf(", %.0f GiB RAM", float64(m.memKB)/(1<<20))
	}
	return s + fmt.Sprintf("; %s, Linux %s", m.os, m.kernel)
}

// readMachine gathers the machine, the toolchain and the version of every
// tool that ran.
func readMachine(ctx context.Context, bin string, tools []*tool) machine {
	m := machine{
		cpus:      runtime.NumCPU(),
		cpu:       procField("/proc/cpuinfo", "model name"),
		os:        strings.Trim(procField("/etc/os-release", "PRETTY_NAME"), `"`),
		kernel:    strings.TrimSpace(readFile("/proc/sys/kernel/osrelease")),
		goVersion: firstLine(ctx, "go", "env", "GOVERSION"),
	}
	if kb, err := strconv.ParseInt(strings.TrimSuffix(procField("/proc/meminfo", "MemTotal"), " kB"), 10, 64); err == nil {
		m.memKB = kb
	}
	m.ismsforge = firstLine(ctx, bin, "version") + " at commit " + commit(ctx)
	seen := map[string]bool{}
	for _, t := range tools {
		for _, n := range t.needs {
			if seen[n.bin] {
				continue
			}
			seen[n.bin] = true
			v := firstLine(ctx, n.bin, "--version")
			if v == "" {
				v = n.bin + " (version unknown)"
			}
			m.versions = append(m.versions, v)
		}
	}
	return m
}

// commit names HEAD, flagging uncommitted changes, since the numbers
// belong to the code that was measured.
func commit(ctx context.Context) string {
	c := firstLine(ctx, "git", "rev-parse", "--short", "HEAD")
	if c == "" {
		return "unknown"
	}
	if st := firstLine(ctx, "git", "status", "--porcelain", "--untracked-files=no"); st != "" {
		c += " with uncommitted changes"
	}
	return c
}

// firstLine runs a command and returns the first non-empty line of its
// standard output; stderr is ignored, since Chromium's launcher writes
// noise there.
func firstLine(ctx context.Context, name string, args ...string) string {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	ownGroup(cmd)
	out, err := cmd.Output()
	if cmd.Process != nil {
		killGroup(cmd.Process.Pid)
	}
	if err != nil && len(out) == 0 {
		return ""
	}
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// procField returns the value of the first "key: value" or "key=value"
// line of a file such as /proc/cpuinfo.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			k, v, ok = strings.Cut(sc.Text(), "=")
		}
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func readFile(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}
	return string(b)
}

// loadAverage is the first three fields of /proc/loadavg.
func loadAverage() string {
	f := strings.Fields(readFile("/proc/loadavg"))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
