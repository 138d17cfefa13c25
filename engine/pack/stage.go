package pack

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/ismsforge/ismsforge/engine/critical"
)

// Staging is a new output directory while a build makes it: a temporary
// directory beside out, which the build fills as it goes (each document's
// files as soon as they are made, so that it need not hold them all in
// memory) and which Commit swaps in for out, all or nothing, as Write
// does. Each step that writes is a critical section of the run; between
// them, a run ended from outside (critical.Quiesce) removes the directory,
// and Close does when the build stops by itself.
type Staging struct {
	out, tmp string
	unlock   func()
	// enter starts a critical section of the run; forget withdraws the
	// directory's removal from the run's end.
	enter  func() (leave func())
	forget func()
	mu     sync.Mutex
	dirs   map[string]bool
}

// Stage checks out (CheckOutput), locks its parent directory, removes
// what killed runs left beside it (see Notes), and makes the temporary
// directory with the output marker. The caller must Close the staging.
func Stage(ctx context.Context, projectDir, out string) (*Staging, Notes, error) {
	if err := CheckOutput(projectDir, out); err != nil {
		return nil, nil, err
	}
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, nil, fmt.Errorf("write: %w", err)
	}
	unlock, err := lockDir(ctx, parent)
	if err != nil {
		return nil, nil, fmt.Errorf("write: %w", err)
	}
	enter := func() func() { return critical.Enter(ctx) }
	leave := enter()
	defer leave()
	notes, err := cleanStale(out)
	if err != nil {
		unlock()
		return nil, notes, fmt.Errorf("write: %w", err)
	}
	tmp, err := mkTemp(parent, tempPrefix("new", filepath.Base(filepath.Clean(out))))
	if err != nil {
		unlock()
		return nil, notes, err
	}
	s := &Staging{out: out, tmp: tmp, unlock: unlock, enter: enter, dirs: map[string]bool{tmp: true}}
	s.forget = critical.OnEnd(ctx, func() { os.RemoveAll(tmp) })
	if err := os.WriteFile(filepath.Join(tmp, MarkerName), markerText, 0o644); err != nil {
		s.close()
		return nil, notes, fmt.Errorf("write: %w", err)
	}
	return s, notes, nil
}

// Write writes files into the new output now. It is safe for concurrent
// use; each path is written once, and Commit does not write a path that
// the set it is given holds without data (Files.AddWritten).
func (s *Staging) Write(ctx context.Context, files []File) error {
	defer s.enter()()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		rel := filepath.FromSlash(f.Path)
		p := filepath.Join(s.tmp, rel)
		if err := s.mkdir(filepath.Dir(p)); err != nil {
			return fmt.Errorf("write %s: %w", f.Path, err)
		}
		if err := place(p, filepath.Join(s.out, rel), f.Data); err != nil {
			return fmt.Errorf("write %s: %w", f.Path, err)
		}
	}
	return nil
}

func (s *Staging) mkdir(dir string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dirs[dir] {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	s.dirs[dir] = true
	return nil
}

// Commit writes the files of fs that Write has not (those it holds with
// their data) and swaps the new output in for out. On an error the
// previous output is as it was, or SwapError says what out holds.
func (s *Staging) Commit(ctx context.Context, fs *Files) (Notes, error) {
	defer s.enter()()
	if err := writeFiles(ctx, s.tmp, fs, s.out, true); err != nil {
		return nil, err
	}
	critical.Wrote(ctx)
	return swap(s.tmp, s.out)
}

// Close removes the new output unless Commit swapped it in, and unlocks
// out's parent.
func (s *Staging) Close() {
	defer s.enter()()
	s.close()
}

func (s *Staging) close() {
	os.RemoveAll(s.tmp) // a no-op once swapped in
	s.forget()
	s.unlock()
}
