package watch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/diag"
)

// Overflow stands for the changed paths when the system dropped events: the
// rebuild then has to assume that anything may have changed.
const Overflow = "(events lost)"

// Outcome is one finished rebuild.
type Outcome struct {
	// Changed are the project paths that triggered the rebuild, sorted;
	// nil for the first, full build.
	Changed []string
	// Rebuild is what the rebuild did; nil when it failed.
	Rebuild *engine.Rebuild
	// Err is why the rebuild failed. The output still holds the last good
	// build.
	Err  error
	Took time.Duration
	// Warnings are the check's warnings that the previous good build did
	// not have: all of them the first time, then only what is new, so
	// that a warning is not repeated after every save.
	Warnings diag.List
}

// String is the report of the outcome: one line for a rebuild that
// succeeded; for one that failed, a line and then the diagnostics.
func (o Outcome) String() string {
	if o.Err == nil {
		s := o.Rebuild.String()
		for _, n := range o.Rebuild.Notes {
			s += "\nnote: " + n
		}
		for _, w := range o.Warnings {
			s += "\n" + w.Error()
		}
		return s
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: rebuild failed after %s; the output keeps the last good build", describe(o.Changed), o.Took.Round(time.Millisecond))
	var list diag.List
	if other := list.Collect(o.Err); other != nil {
		return b.String() + "\n" + other.Error()
	}
	list = list.Errors()
	list.Sort()
	for _, d := range list {
		b.WriteString("\n" + d.Error())
	}
	return b.String()
}

// Wrote reports whether the rebuild succeeded and changed the output.
func (o Outcome) Wrote() bool {
	return o.Err == nil && o.Rebuild != nil && len(o.Rebuild.Written)+len(o.Rebuild.Removed) > 0
}

// describe names the changed paths the way engine.Rebuild does.
func describe(changed []string) string {
	switch {
	case len(changed) == 0:
		return "full build"
	case len(changed) > 3:
		return fmt.Sprintf("%d files", len(changed))
	}
	return fmt.Sprint(changed)
}

// Loop rebuilds a project as its files change.
type Loop struct {
	// Quiet and MaxWait batch events; see Batcher. Zero means
	// DefaultQuiet and DefaultMaxWait.
	Quiet, MaxWait time.Duration
	// Rebuild rebuilds the project; changed is nil for the first build.
	// It is engine.Builder.Rebuild in ismsforge.
	Rebuild func(ctx context.Context, changed []string) (*engine.Rebuild, error)
	// Report receives each finished rebuild, failed or not. It runs on
	// the rebuilding goroutine, before the next rebuild starts.
	Report func(Outcome)
	// Warn receives problems of the watcher itself, such as a directory
	// that could not be watched. It may be nil.
	Warn func(error)
}

// Run makes a full build, then rebuilds after every batch of changes until
// ctx is done. A failed rebuild is reported and the loop goes on, so that
// fixing the file recovers. Rebuilds run one at a time on one goroutine;
// events that arrive during a rebuild are batched for the next one. When
// ctx is done, Run waits for the rebuild under way, which stops before it
// writes or after it has written everything, and returns nil.
func (l *Loop) Run(ctx context.Context, w *Watcher) error {
	b := Batcher{Quiet: l.Quiet, MaxWait: l.MaxWait}
	if b.Quiet == 0 {
		b.Quiet = DefaultQuiet
	}
	if b.MaxWait == 0 {
		b.MaxWait = DefaultMaxWait
	}
	warn := l.Warn
	if warn == nil {
		warn = func(error) {}
	}

	jobs := make(chan []string)
	done := make(chan struct{})
	go l.rebuilder(ctx, jobs, done)
	defer close(jobs)
	busy := true
	jobs <- nil // the full build

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			if busy {
				<-done
			}
			return nil
		case ev, ok := <-w.events:
			if !ok {
				return l.closed(busy, done)
			}
			changed, err := w.handle(ev)
			if err != nil {
				warn(err)
			}
			now := time.Now()
			for _, p := range changed {
				b.Add(p, now)
			}
		case err, ok := <-w.errors:
			if !ok {
				return l.closed(busy, done)
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				warn(fmt.Errorf("watch: %w", err))
				break
			}
			// The kernel dropped events: watch whatever appeared in
			// the meantime and rebuild everything.
			if _, err := w.addAll(); err != nil {
				warn(err)
			}
			b.Add(Overflow, time.Now())
		case <-timer.C:
		case <-done:
			busy = false
		}
		if busy {
			continue // the batch waits for the rebuild under way
		}
		if changed, ok := b.Take(time.Now()); ok {
			busy = true
			jobs <- changed
			continue
		}
		if at, ok := b.Due(); ok {
			timer.Reset(time.Until(at))
		}
	}
}

// rebuilder is the one goroutine that rebuilds.
func (l *Loop) rebuilder(ctx context.Context, jobs <-chan []string, done chan<- struct{}) {
	var warned map[string]bool
	for changed := range jobs {
		start := time.Now()
		r, err := l.Rebuild(ctx, changed)
		if ctx.Err() == nil {
			o := Outcome{Changed: changed, Rebuild: r, Err: err, Took: time.Since(start)}
			if err == nil && r != nil && r.Built != nil {
				o.Warnings, warned = newWarnings(r.Built.Findings, warned)
			}
			l.Report(o)
		}
		done <- struct{}{}
	}
}

// newWarnings returns the warnings among findings that are not in seen,
// and the set of all of them for the next call.
func newWarnings(findings diag.List, seen map[string]bool) (diag.List, map[string]bool) {
	var fresh diag.List
	now := map[string]bool{}
	for _, d := range findings {
		if d.Severity != diag.Warning {
			continue
		}
		k := d.Short()
		now[k] = true
		if !seen[k] {
			fresh = append(fresh, d)
		}
	}
	return fresh, now
}

func (l *Loop) closed(busy bool, done <-chan struct{}) error {
	if busy {
		<-done
	}
	return errors.New("watch: the file watcher stopped")
}
