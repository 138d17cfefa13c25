package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// dirWatcher is the part of fsnotify that Watcher drives; tests replace it
// to record which directories are watched.
type dirWatcher interface {
	Add(path string) error
	Remove(path string) error
}

// Watcher turns fsnotify's events for one project into the project paths
// they changed. It watches the project directory and every directory of
// the trees, adding watches as directories appear and dropping them as
// they go.
type Watcher struct {
	filter *Filter
	fs     dirWatcher
	events <-chan fsnotify.Event
	errors <-chan error
	close  func() error
	// dirs are the directories being watched.
	dirs map[string]bool
}

// New watches the project in dir, whose output goes to out.
func New(dir, out string) (*Watcher, error) {
	f, err := NewFilter(dir, out)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := newWatcher(f, fw, fw.Events, fw.Errors, fw.Close)
	if _, err := w.addAll(); err != nil {
		fw.Close()
		return nil, err
	}
	return w, nil
}

func newWatcher(f *Filter, d dirWatcher, events <-chan fsnotify.Event, errs <-chan error, closeFn func() error) *Watcher {
	return &Watcher{filter: f, fs: d, events: events, errors: errs, close: closeFn, dirs: map[string]bool{}}
}

// Close stops watching.
func (w *Watcher) Close() error { return w.close() }

// Dirs returns the number of directories being watched.
func (w *Watcher) Dirs() int { return len(w.dirs) }

// addAll watches the project directory and every tree in it, and returns
// the relevant files found.
func (w *Watcher) addAll() ([]string, error) {
	if err := w.add(w.filter.Dir()); err != nil {
		return nil, err
	}
	var found []string
	for _, t := range Trees {
		f, err := w.addTree(filepath.Join(w.filter.Dir(), t))
		if err != nil {
			return found, err
		}
		found = append(found, f...)
	}
	return found, nil
}

// addTree watches dir and every directory under it that the filter wants,
// and returns the relevant files it holds. Those files may have been
// written before the watch existed, so the caller treats them as changed.
func (w *Watcher) addTree(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone while we looked
			}
			return err
		}
		if d.IsDir() {
			if !w.filter.WatchDir(p) {
				return filepath.SkipDir
			}
			return w.add(p)
		}
		if rel, ok := w.filter.Relevant(p); ok {
			found = append(found, rel)
		}
		return nil
	})
	return found, err
}

func (w *Watcher) add(dir string) error {
	if w.dirs[dir] {
		return nil
	}
	if err := w.fs.Add(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if errors.Is(err, syscall.ENOSPC) {
			return fmt.Errorf("watch %s: the system's limit of watched directories is reached; raise fs.inotify.max_user_watches (sysctl)", dir)
		}
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	w.dirs[dir] = true
	return nil
}

// forget drops the watches on path and every directory under it, after it
// was removed or renamed. A renamed directory's watch would otherwise keep
// reporting its old name.
func (w *Watcher) forget(path string) {
	for d := range w.dirs {
		if within(d, path) {
			_ = w.fs.Remove(d) // fsnotify may have dropped it already
			delete(w.dirs, d)
		}
	}
}

// handle returns the project paths that one event changed, relative to the
// project. It adds watches for a directory that appeared and reports the
// files already in it.
func (w *Watcher) handle(ev fsnotify.Event) ([]string, error) {
	if ev.Op&^fsnotify.Chmod == 0 {
		// A chmod alone changes no content; Spotlight, backup tools and
		// editors send them after writes.
		return nil, nil
	}
	var out []string
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	var err error
	if ev.Has(fsnotify.Create) && w.filter.WatchDir(ev.Name) {
		if st, statErr := os.Lstat(ev.Name); statErr == nil && st.IsDir() {
			out, err = w.addTree(ev.Name)
		}
	}
	if rel, ok := w.filter.Relevant(ev.Name); ok {
		out = append(out, rel)
	}
	return out, err
}
