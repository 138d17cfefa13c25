package watch

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/diag"
)

// loopHarness runs a Loop over a fake event channel. Its windows are wide
// so that a slow test machine cannot split a batch; TestStormOfHundred…
// checks the exact timing without a clock.
type loopHarness struct {
	t      *testing.T
	dir    string
	events chan fsnotify.Event
	errs   chan error

	mu       sync.Mutex
	outcomes []Outcome
	reported chan struct{}
	running  atomic.Int32
	// gate, when set, holds rebuilds until it receives.
	gate chan struct{}
	fail func(changed []string) error
	// findings, when set, are the check's results of each rebuild.
	findings func(changed []string) diag.List

	cancel context.CancelFunc
	ran    chan error
}

func startLoop(t *testing.T, setup func(*loopHarness)) *loopHarness {
	t.Helper()
	dir := project(t, "isms.yaml", "templates/", "themes/", "assets/")
	h := &loopHarness{t: t, dir: dir, events: make(chan fsnotify.Event), errs: make(chan error), reported: make(chan struct{}, 100), ran: make(chan error, 1)}
	if setup != nil {
		setup(h)
	}
	f, err := NewFilter(dir, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	w := newWatcher(f, &fakeDirs{watched: map[string]bool{}}, h.events, h.errs, func() error { return nil })
	l := &Loop{
		Quiet: 150 * time.Millisecond, MaxWait: 5 * time.Second,
		Rebuild: h.rebuild,
		Report: func(o Outcome) {
			h.mu.Lock()
			h.outcomes = append(h.outcomes, o)
			h.mu.Unlock()
			h.reported <- struct{}{}
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.ran <- l.Run(ctx, w) }()
	t.Cleanup(func() {
		cancel()
		if h.gate != nil {
			close(h.gate)
		}
		<-h.ran
	})
	h.waitReports(1) // the full build
	return h
}

func (h *loopHarness) rebuild(ctx context.Context, changed []string) (*engine.Rebuild, error) {
	if n := h.running.Add(1); n != 1 {
		h.t.Errorf("%d rebuilds at once", n)
	}
	defer h.running.Add(-1)
	if h.gate != nil && changed != nil {
		<-h.gate
	}
	if h.fail != nil {
		if err := h.fail(changed); err != nil {
			return nil, err
		}
	}
	r := &engine.Rebuild{Changed: changed}
	if h.findings != nil {
		r.Built = &engine.Built{Findings: h.findings(changed)}
	}
	return r, nil
}

func (h *loopHarness) send(rel string, op fsnotify.Op) {
	h.events <- fsnotify.Event{Name: filepath.Join(h.dir, filepath.FromSlash(rel)), Op: op}
}

func (h *loopHarness) waitReports(n int) []Outcome {
	h.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		h.mu.Lock()
		got := slices.Clone(h.outcomes)
		h.mu.Unlock()
		if len(got) >= n {
			return got
		}
		select {
		case <-h.reported:
		case <-deadline:
			h.t.Fatalf("%d rebuilds reported, want %d", len(got), n)
		}
	}
}

// quiet asserts that no further rebuild is reported for a while.
func (h *loopHarness) quiet(n int) {
	h.t.Helper()
	time.Sleep(500 * time.Millisecond)
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.outcomes) != n {
		var lines []string
		for _, o := range h.outcomes {
			lines = append(lines, describe(o.Changed))
		}
		h.t.Fatalf("%d rebuilds, want %d: %v", len(h.outcomes), n, lines)
	}
}

func TestLoopStormIsOneRebuild(t *testing.T) {
	h := startLoop(t, nil)
	var want []string
	for i := range 100 {
		p := fmt.Sprintf("templates/t%03d.md", i)
		want = append(want, p)
		h.send(p, fsnotify.Create)
		h.send(p, fsnotify.Write)
		h.send(p, fsnotify.Chmod)
	}
	got := h.waitReports(2)
	h.quiet(2)
	if !slices.Equal(got[1].Changed, want) {
		t.Errorf("rebuild for %d files, want the 100", len(got[1].Changed))
	}
}

func TestLoopIgnoresTempFilesAndChmod(t *testing.T) {
	h := startLoop(t, nil)
	h.send("templates/4913", fsnotify.Create)
	h.send("templates/4913", fsnotify.Remove)
	h.send("templates/.cryptography.md.swp", fsnotify.Write)
	h.send("templates/cryptography.md~", fsnotify.Create)
	h.send("isms.yaml", fsnotify.Chmod)
	h.send("out/html/index.html", fsnotify.Create)
	h.quiet(1)
}

func TestLoopBatchesEventsDuringRebuildForNext(t *testing.T) {
	h := startLoop(t, func(h *loopHarness) { h.gate = make(chan struct{}) })
	h.send("isms.yaml", fsnotify.Write)
	// Wait until the rebuild for isms.yaml holds the gate.
	for h.running.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	h.send("templates/a.md", fsnotify.Write)
	h.send("templates/b.md", fsnotify.Write)
	time.Sleep(400 * time.Millisecond) // longer than the quiet window
	h.gate <- struct{}{}
	h.gate <- struct{}{}
	got := h.waitReports(3)
	h.quiet(3)
	if !slices.Equal(got[1].Changed, []string{"isms.yaml"}) || !slices.Equal(got[2].Changed, []string{"templates/a.md", "templates/b.md"}) {
		t.Errorf("batches %v then %v", got[1].Changed, got[2].Changed)
	}
}

func TestLoopRecoversFromFailedRebuild(t *testing.T) {
	broken := diag.Errorf(diag.Pos{File: "isms.yaml", Line: 3, Col: 5}, "close the list with ]", "did not find expected ',' or ']'").WithSource([]byte("organization:\n  name: Acme\n  x: [a\n"))
	var calls atomic.Int32
	h := startLoop(t, func(h *loopHarness) {
		h.fail = func(changed []string) error {
			if changed != nil && calls.Add(1) == 1 {
				return diag.List{broken}
			}
			return nil
		}
	})
	h.send("isms.yaml", fsnotify.Write)
	got := h.waitReports(2)
	if got[1].Err == nil {
		t.Fatal("the broken rebuild was reported as a success")
	}
	report := got[1].String()
	for _, want := range []string{"[isms.yaml]: rebuild failed", "the output keeps the last good build", "isms.yaml:3:5: error", "  3 |   x: [a", "hint: close the list with ]"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	h.send("isms.yaml", fsnotify.Write)
	if got := h.waitReports(3); got[2].Err != nil {
		t.Errorf("the fixed rebuild failed: %v", got[2].Err)
	}
}

// Ctrl-C during a rebuild waits for it, so nothing is left half done, and
// is no error.
func TestLoopStopsAfterRebuildUnderWay(t *testing.T) {
	h := startLoop(t, func(h *loopHarness) { h.gate = make(chan struct{}) })
	h.send("isms.yaml", fsnotify.Write)
	for h.running.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	h.cancel()
	select {
	case err := <-h.ran:
		t.Fatalf("Run returned (%v) while a rebuild was under way", err)
	case <-time.After(100 * time.Millisecond):
	}
	h.gate <- struct{}{}
	select {
	case err := <-h.ran:
		h.ran <- err // for the cleanup
		if err != nil {
			t.Errorf("Run returned %v after cancel, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after the rebuild finished")
	}
}

// When the kernel drops events, the watcher rescans and rebuilds.
func TestLoopRebuildsAfterOverflow(t *testing.T) {
	h := startLoop(t, nil)
	h.errs <- fsnotify.ErrEventOverflow
	got := h.waitReports(2)
	if !slices.Equal(got[1].Changed, []string{Overflow}) {
		t.Errorf("changed %v after an overflow", got[1].Changed)
	}
}

// Warnings are printed once, not after every save.
func TestLoopReportsOnlyNewWarnings(t *testing.T) {
	overdue := diag.Warnf(diag.Pos{File: "isms.yaml", Line: 9}, "review it", "access-control is overdue for review")
	unowned := diag.Warnf(diag.Pos{File: "isms.yaml", Line: 12}, "name an owner", "A.5.9 has no owner")
	h := startLoop(t, func(h *loopHarness) {
		h.findings = func(changed []string) diag.List {
			if slices.Contains(changed, "isms.yaml") {
				return diag.List{overdue, unowned}
			}
			return diag.List{overdue}
		}
	})
	h.send("templates/a.md", fsnotify.Write)
	h.waitReports(2)
	h.send("isms.yaml", fsnotify.Write)
	got := h.waitReports(3)
	if len(got[0].Warnings) != 1 || len(got[1].Warnings) != 0 || len(got[2].Warnings) != 1 || got[2].Warnings[0] != unowned {
		t.Errorf("warnings reported: %d, %d, %d; want 1, 0, 1 (the new one)", len(got[0].Warnings), len(got[1].Warnings), len(got[2].Warnings))
	}
	if s := got[2].String(); !strings.Contains(s, "isms.yaml:12: warning: A.5.9 has no owner") {
		t.Errorf("report:\n%s", s)
	}
}
