package watch

import (
	"slices"
	"time"
)

// Default batching windows. An editor's save or a `git checkout` of many
// files produces its events within a few milliseconds, so 25 ms of quiet
// ends a burst without adding noticeably to the time a save takes to show.
// A tool that writes without pause still gets a rebuild every MaxWait.
const (
	DefaultQuiet   = 25 * time.Millisecond
	DefaultMaxWait = 500 * time.Millisecond
)

// Batcher gathers changed paths into one batch. A batch is due when no
// path has been added for Quiet, or when MaxWait has passed since its first
// path. A Batcher never reads the clock: every call takes the time, so
// tests drive it with made-up times.
type Batcher struct {
	Quiet, MaxWait time.Duration

	paths       map[string]bool
	first, last time.Time
}

// Add records a changed path at time now. A path added twice counts once.
func (b *Batcher) Add(path string, now time.Time) {
	if b.paths == nil {
		b.paths = map[string]bool{}
	}
	if len(b.paths) == 0 {
		b.first = now
	}
	b.paths[path] = true
	b.last = now
}

// Len returns the number of distinct paths waiting.
func (b *Batcher) Len() int { return len(b.paths) }

// Due returns when the waiting batch is due; ok is false when nothing waits.
func (b *Batcher) Due() (at time.Time, ok bool) {
	if len(b.paths) == 0 {
		return time.Time{}, false
	}
	at = b.last.Add(b.Quiet)
	if b.MaxWait > 0 {
		if limit := b.first.Add(b.MaxWait); limit.Before(at) {
			at = limit
		}
	}
	return at, true
}

// Take returns the waiting paths, sorted, and empties the batcher, if the
// batch is due at now. Otherwise it returns nil and false.
func (b *Batcher) Take(now time.Time) ([]string, bool) {
	at, ok := b.Due()
	if !ok || now.Before(at) {
		return nil, false
	}
	out := make([]string, 0, len(b.paths))
	for p := range b.paths {
		out = append(out, p)
	}
	slices.Sort(out)
	clear(b.paths)
	return out, true
}
