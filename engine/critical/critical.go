// Package critical marks the sections of a run that must not be cut short:
// from the moment a temporary file or directory is created until it has
// been renamed into place or removed. Outside them a run holds its work in
// memory only, so a process stopped by a signal may end at once without
// leaving anything behind; inside them it finishes the section first, which
// takes moments, since every section watches the same context.
//
// The command line keeps one Sections per process and passes it down in
// the context; code that writes calls Enter. Without a Sections in the
// context, Enter does nothing.
package critical

import (
	"context"
	"sync"
)

// Sections counts the critical sections under way.
type Sections struct {
	mu   sync.Mutex
	n    int
	idle *sync.Cond
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

// Quiesce waits until no section is under way and then calls fn while
// holding new sections back, so that fn (which ends the process) never
// cuts one short.
func (s *Sections) Quiesce(fn func()) {
	s.mu.Lock()
	for s.n > 0 {
		s.idle.Wait()
	}
	fn() // the lock stays held: no section starts after this point
}
