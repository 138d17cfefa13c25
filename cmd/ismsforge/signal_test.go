//go:build unix

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine/bundle"
	"github.com/ismsforge/ismsforge/engine/version"
)

// These tests run the ismsforge binary (the test binary under that name,
// see TestMain) as a separate process, stop it with a signal or kill it
// with SIGKILL at several points of its work, and look at what it left.

// exampleProject copies the acme-saas example into a new project.
func exampleProject(t testing.TB) string {
	t.Helper()
	src, err := os.ReadFile("../../examples/acme-saas/isms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "isms.yaml"), string(src))
	return dir
}

// process is a started ismsforge.
type process struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan struct{}
	exited         time.Time
}

func start(t testing.TB, args ...string) *process {
	t.Helper()
	bin, err := exec.LookPath("ismsforge")
	if err != nil {
		t.Fatalf("the test binary is not on PATH as ismsforge: %v", err)
	}
	p := &process{cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.cmd.Wait()
		p.exited = time.Now()
		close(p.done)
	}()
	return p
}

// wait waits for the process, failing after a minute: a hang guard.
func (p *process) wait(t testing.TB) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(time.Minute):
		p.cmd.Process.Kill()
		t.Fatalf("%v did not end", p.cmd.Args)
	}
	return p.cmd.ProcessState.ExitCode()
}

// finishedBy reports whether the process had ended by then.
func (p *process) finishedBy(at time.Time) bool {
	select {
	case <-p.done:
		return p.exited.Before(at)
	default:
		return false
	}
}

// run runs ismsforge to the end and fails the test unless it exits 0.
func runOK(t testing.TB, args ...string) *process {
	t.Helper()
	p := start(t, args...)
	if code := p.wait(t); code != 0 {
		t.Fatalf("%v: exit %d\n%s%s", args, code, p.stdout.String(), p.stderr.String())
	}
	return p
}

// leftovers lists ismsforge's temporary files and directories under dir.
func leftovers(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".ismsforge-") && d.Name() != ".ismsforge-release" || err == nil && strings.HasPrefix(d.Name(), ".isms.lock.tmp-") {
			out = append(out, p)
			if d.IsDir() {
				return fs.SkipDir
			}
		}
		return nil
	})
	return out
}

// duration times a whole run, to place the signals and kills over it.
func duration(t testing.TB, args ...string) time.Duration {
	start := time.Now()
	runOK(t, args...)
	return time.Since(start)
}

// points are the delays, from the start of a run, at which the tests stop
// it: spread over its whole length, loading to writing, and past it.
func points(d time.Duration, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = time.Duration(i) * d * 11 / 10 / time.Duration(n-1)
	}
	return out
}

// signalRuns prepares a project for the signal tests and benchmark: a
// release, a build, then a changed organization name so that every command
// has work to do. It returns the project, the commands to stop, and the
// points of a run (spread over a whole build and past it) at which to stop
// them.
func signalRuns(t testing.TB) (dir string, commands [][]string, at []time.Duration) {
	dir = exampleProject(t)
	runOK(t, "release", dir, "-q", "-m", "Initial release")
	runOK(t, "build", dir, "-q")
	renameOrg(t, dir)
	buildTime := duration(t, "build", dir, "-q", "-o", filepath.Join(t.TempDir(), "probe"))
	commands = [][]string{
		{"build", dir, "-q"},
		{"release", dir, "-q", "-m", "Rename"},
		{"check", dir},
		{"diff", dir},
		{"watch", dir},
		{"serve", dir, "--port", "0"},
	}
	return dir, commands, points(buildTime, 4)
}

// stopResult is what a command did when a signal was sent to it.
type stopResult struct {
	p    *process
	code int
	// signaled is false when the command had ended before the signal.
	signaled bool
	// took is the time from the signal to the end of the process,
	// measured on the process, from outside.
	took time.Duration
}

// stopAt starts a command, sends it sig after the delay, and waits for it
// (a minute at most: a hang guard).
func stopAt(t testing.TB, args []string, after time.Duration, sig syscall.Signal) stopResult {
	p := start(t, args...)
	time.Sleep(after)
	sent := time.Now()
	if p.finishedBy(sent) {
		return stopResult{p: p, code: p.wait(t)}
	}
	p.cmd.Process.Signal(sig)
	code := p.wait(t)
	return stopResult{p: p, code: code, signaled: true, took: p.exited.Sub(sent)}
}

// signalFor alternates SIGINT and SIGTERM over the points of a run.
func signalFor(i int) syscall.Signal {
	return []syscall.Signal{syscall.SIGINT, syscall.SIGTERM}[i%2]
}

// TestSignalsStopCommands sends SIGINT and SIGTERM to build, release,
// check, diff, watch and serve at points spread over their work. Each must
// end with exit 130 or 143 (or have finished its work before the signal),
// leave the previous output and the lock exactly as they were when it
// stopped early, and leave no temporary file. How fast they stop, the
// promise of 200 ms, is measured by BenchmarkSignalStop (bench/targets.sh),
// not here: a unit test that times its process fails on a loaded machine
// and proves nothing on a fast one.
func TestSignalsStopCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs ismsforge dozens of times")
	}
	dir, commands, at := signalRuns(t)
	for _, args := range commands {
		for i, after := range at {
			sig := signalFor(i)
			t.Run(fmt.Sprintf("%s/%s/%v", args[0], sig, after.Round(time.Millisecond)), func(t *testing.T) {
				before := snapshotFiles(t, dir)
				r := stopAt(t, args, after, sig)
				if !r.signaled {
					return // done before the signal: nothing to stop
				}
				if r.code == 0 && args[0] != "watch" && args[0] != "serve" {
					// The work was done when the signal came; it
					// ends as a success would.
					return
				}
				// A signal that comes before the runtime has installed
				// its handler ends the process the default way, which
				// the shell reports as 128+n too.
				ws, _ := r.p.cmd.ProcessState.Sys().(syscall.WaitStatus)
				if r.code != 128+int(sig) && !(ws.Signaled() && ws.Signal() == sig) {
					t.Errorf("exit %d after %s, want %d\n%s", r.code, sig, 128+int(sig), r.p.stderr.String())
				}
				if strings.Contains(r.p.stderr.String(), "internal error") || strings.Contains(r.p.stderr.String(), "goroutine") {
					t.Errorf("stderr:\n%s", r.p.stderr.String())
				}
				if l := leftovers(t, dir); len(l) > 0 {
					t.Errorf("temporary files left behind: %v", l)
				}
				if args[0] != "watch" && args[0] != "serve" {
					sameFiles(t, before, snapshotFiles(t, dir))
				}
			})
		}
	}
}

// BenchmarkSignalStop measures the promise that a signal stops any command
// within 200 ms: each iteration stops build, release, check, diff, watch
// and serve at points spread over a build, as TestSignalsStopCommands
// does, and the benchmark reports the median and the slowest time from a
// signal to the end of the process (p50-stop-ms, max-stop-ms) over every
// stop. A command that stopped early leaves the project as it was, so the
// iterations repeat the same work.
//
//	go test -run '^$' -bench SignalStop -benchtime 3x ./cmd/ismsforge
func BenchmarkSignalStop(b *testing.B) {
	_, commands, at := signalRuns(b)
	var took []time.Duration
	for b.Loop() {
		for _, args := range commands {
			for i, after := range at {
				if r := stopAt(b, args, after, signalFor(i)); r.signaled {
					took = append(took, r.took)
				}
			}
		}
	}
	if len(took) == 0 {
		b.Fatal("every command ended before its signal; nothing was measured")
	}
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(took[len(took)/2]), "p50-stop-ms")
	b.ReportMetric(ms(took[len(took)-1]), "max-stop-ms")
	b.ReportMetric(float64(len(took))/float64(b.N), "stops/op")
	b.ReportMetric(0, "ns/op")
}

// renameOrg changes the organization's name, which every document prints.
func renameOrg(t testing.TB, dir string) {
	t.Helper()
	src := readFile(t, filepath.Join(dir, "isms.yaml"))
	changed := strings.Replace(src, "\n  name: Acme Cloud\n", "\n  name: Acme Cloud Group\n", 1)
	if changed == src {
		t.Fatal("the example's organization name is not where the test expects it")
	}
	write(t, filepath.Join(dir, "isms.yaml"), changed)
}

func readFile(t testing.TB, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// snapshotFiles reads every file under dir.
func snapshotFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			m[p] = string(b)
		}
		return nil
	})
	return m
}

func sameFiles(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			t.Errorf("%s is gone", p)
		case a != b:
			t.Errorf("%s changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s appeared", p)
		}
	}
}

// intact checks an output directory against its own manifest: every file
// it lists is there with its hash. A build killed at any point leaves the
// previous output or the new one, never a mix or a half.
func intact(t *testing.T, out string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatalf("%s has no manifest: %v", out, err)
	}
	var m struct {
		Files []struct {
			Path   string `json:"path"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	}
	if err := json.Unmarshal(raw, &m); err != nil || len(m.Files) == 0 {
		t.Fatalf("%s: manifest: %v", out, err)
	}
	for _, f := range m.Files {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
		sum := sha256.Sum256(b)
		if err != nil || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s/%s is missing or not what the manifest says", out, f.Path)
		}
	}
}

// TestKillNineDuringBuild kills build with SIGKILL, which no program can
// catch, at points spread over its work. What is in out/ must be a whole
// pack, the previous or the new one; and the next build must clean up
// what the killed one left, say so, and succeed.
func TestKillNineDuringBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs ismsforge dozens of times")
	}
	dir := exampleProject(t)
	out := filepath.Join(dir, "out")
	runOK(t, "build", dir, "-q")
	renameOrg(t, dir)
	d := duration(t, "build", dir, "-q", "-o", filepath.Join(t.TempDir(), "probe"))
	for _, at := range points(d, 6) {
		t.Run(at.Round(time.Millisecond).String(), func(t *testing.T) {
			p := start(t, "build", dir, "-q")
			time.Sleep(at)
			p.cmd.Process.Kill()
			p.wait(t)
			if _, err := os.Stat(out); err == nil {
				intact(t, out)
			} else if olds, _ := filepath.Glob(filepath.Join(dir, ".ismsforge-old-out-*")); len(olds) != 1 {
				t.Fatalf("out/ is gone and no previous output is kept aside: %v", err)
			}
			litter := leftovers(t, dir)
			next := runOK(t, "build", dir, "-q")
			intact(t, out)
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left behind after the next build: %v", l)
			}
			if len(litter) > 0 && !strings.Contains(next.stderr.String(), "left by an interrupted run") {
				t.Errorf("the next build removed %v without saying so:\n%s", litter, next.stderr.String())
			}
		})
	}
}

// TestKillNineDuringRelease kills release with SIGKILL at points spread
// over its work. Afterwards the lock and releases/ agree, or a whole
// release waits to be recorded; the next release, with --resume when it
// says so, finishes the job; and nothing is left behind.
func TestKillNineDuringRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("runs ismsforge dozens of times")
	}
	base := exampleProject(t)
	runOK(t, "release", base, "-q", "-m", "Initial release", "--date", "2026-11-02")
	renameOrg(t, base)
	probe := copyTree(t, base)
	d := duration(t, "release", probe, "-q", "-m", "Rename", "--date", "2026-12-01")
	for _, at := range points(d, 6) {
		t.Run(at.Round(time.Millisecond).String(), func(t *testing.T) {
			dir := copyTree(t, base)
			p := start(t, "release", dir, "-q", "-m", "Rename", "--date", "2026-12-01")
			time.Sleep(at)
			p.cmd.Process.Kill()
			p.wait(t)

			// Whatever the moment, the lock reads, and release 1.0 is as
			// it was.
			if code := start(t, "check", dir).wait(t); code != 0 {
				t.Fatalf("check after the kill: exit %d", code)
			}
			sameFiles(t, snapshotFiles(t, filepath.Join(base, "releases", "1.0")), rebase(snapshotFiles(t, filepath.Join(dir, "releases", "1.0")), dir, base))

			again := start(t, "release", dir, "-q", "-m", "Rename", "--date", "2026-12-01")
			code := again.wait(t)
			switch {
			case code == 0:
			case strings.Contains(again.stderr.String(), "nothing to release"):
				// The killed release had finished.
			case strings.Contains(again.stderr.String(), "release --resume"):
				runOK(t, "release", dir, "--resume")
			default:
				t.Fatalf("release after the kill: exit %d\n%s", code, again.stderr.String())
			}
			l, err := version.Load(dir)
			if err != nil || l.Pack.Version != "1.1" || len(l.Pack.History) != 2 {
				t.Errorf("the lock does not record 1.0 and 1.1: %v %+v", err, l)
			}
			zips, _ := filepath.Glob(filepath.Join(dir, "releases", "1.1", "*.zip"))
			if len(zips) != 1 {
				t.Fatalf("releases/1.1 holds %d bundles", len(zips))
			}
			data, _ := os.ReadFile(zips[0])
			if _, err := bundle.Verify(data, nil); err != nil {
				t.Errorf("the bundle of 1.1 does not verify: %v", err)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left behind: %v", l)
			}
		})
	}
}

// copyTree copies a project into a new directory.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// rebase renames the paths of a snapshot from one root to another.
func rebase(m map[string]string, from, to string) map[string]string {
	out := map[string]string{}
	for p, b := range m {
		out[to+strings.TrimPrefix(p, from)] = b
	}
	return out
}

var _ = errors.New
