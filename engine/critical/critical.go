// Package critical marks the sections of a run that must not be cut short:
// from the moment a temporary file or directory is created until it has
// been renamed into place or removed. Outside them a run holds its work in
// memory only, or in a temporary directory it registered with OnEnd, so a
// process stopped by a signal may end at once without leaving anything
// behind; inside them it finishes the section first, which takes moments,
// since every section watches the same context.
//
// The command line keeps one Sections per process and passes it down in
// the context; code that writes calls Enter. Without a Sections in the
// context, Enter and OnEnd do nothing.
package critical

import (
	"context"
	"maps"
	"slices"
	"sync"
)

// Sections counts the critical sections under way.
type Sections struct {
	mu   sync.Mutex
	n    int
	idle *sync.Cond
	// wrote is set once the run has changed what is on disk (Wrote).
	wrote bool
	// ends are what Quiesce cleans up before it ends the run (OnEnd), by
	// the order they were registered in.
	ends   map[int]func()
	nextID int
}

// New returns an empty Sections.
func New() *Sections {
	s := &Sections{}
	s.idle = sync.NewCond(&s.mu)
	return s
}

type key struct{}

// With returns a context that carries s.
func With(ctx context.Context, s *Sections) context.Context {
	return context.WithValue(ctx, key{}, s)
}

// Enter starts a critical section of the run ctx belongs to; the returned
// function ends it.
func Enter(ctx context.Context) (leave func()) {
	s, _ := ctx.Value(key{}).(*Sections)
	if s == nil {
		return func() {}
	}
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			s.n--
			if s.n == 0 {
				s.idle.Broadcast()
			}
			s.mu.Unlock()
		})
	}
}

// Wrote records, inside a critical section, that the run is about to
// change what is on disk for good: a swap, a rename into place, a lock
// file. From then on the process is not ended from outside (Quiesce): only
// the command can say what it wrote.
func Wrote(ctx context.Context) {
	s, _ := ctx.Value(key{}).(*Sections)
	if s == nil {
		return
	}
	s.mu.Lock()
	s.wrote = true
	s.mu.Unlock()
}

// OnEnd registers fn to run if Quiesce ends the run before done is called:
// what lives across sections, such as the temporary directory a build
// fills as it goes (each write a section of its own), is removed by it, so
// that a run ended from outside leaves nothing behind. Without a Sections
// in the context it does nothing.
func OnEnd(ctx context.Context, fn func()) (done func()) {
	s, _ := ctx.Value(key{}).(*Sections)
	if s == nil {
		return func() {}
	}
	s.mu.Lock()
	id := s.nextID
	s.nextID++
	if s.ends == nil {
		s.ends = map[int]func(){}
	}
	s.ends[id] = fn
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		delete(s.ends, id)
		s.mu.Unlock()
	}
}

// Quiesce waits until no section is under way and then, unless the run
// has written something (Wrote), calls fn while holding new sections back,
// so that fn (which ends the process, saying nothing was written) never
// cuts one short and is never wrong. It reports whether it called fn.
func (s *Sections) Quiesce(fn func()) bool {
	s.mu.Lock()
	for s.n > 0 {
		s.idle.Wait()
	}
	if s.wrote {
		s.mu.Unlock()
		return false
	}
	// The lock stays held: no section starts after this point.
	for _, id := range slices.Sorted(maps.Keys(s.ends)) {
		s.ends[id]()
	}
	fn()
	return true
}
