package releases

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ismsforge/ismsforge/engine/critical"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/version"
)

// Error is a release refused, or one that cannot be read, for a reason the
// user can fix.
type Error struct{ Msg, Hint string }

func (e *Error) Error() string { return e.Msg + "; " + e.Hint }

// Release is a release made in memory, ready to store.
type Release struct {
	Version string
	// Files are the pack's files; Extra are files of the release
	// directory besides them (the auditor's bundle).
	Files *pack.Files
	Extra map[string][]byte
	// Lock is the lock that records the release.
	Lock *version.Lock
	// WriteLock writes the lock; nil means Lock.Write. Tests replace it
	// to simulate a failure.
	WriteLock func(l *version.Lock, dir string) error
}

// Store writes a release to releases/<version>/ through a temporary
// directory, renames it into place, and only then records it in the lock,
// itself written through a temporary file: a failure or an interrupt
// leaves the lock and every earlier release as they were. From the
// temporary directory to the lock, a signal waits for the release to finish
// or to take everything back. It returns the release directory.
func Store(ctx context.Context, projectDir string, r Release) (string, error) {
	rels := filepath.Join(projectDir, pack.ReleasesDir)
	final := filepath.Join(rels, r.Version)
	if _, err := os.Lstat(final); err == nil {
		// Find reports every directory the lock does not record, so this
		// is a race with something outside ismsforge.
		return "", &Error{Msg: fmt.Sprintf("%s appeared while the release was being made", final), Hint: "a release is never overwritten; find out what wrote it, then release again"}
	}
	lockData, err := r.Lock.Marshal()
	if err != nil {
		return "", err
	}
	defer critical.Enter(ctx)()
	tmp, err := os.MkdirTemp(rels, ".ismsforge-release-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", err
	}
	if err := pack.WriteFiles(ctx, tmp, r.Files); err != nil {
		return "", err
	}
	extra := map[string][]byte{LockName: lockData, pack.ReleaseMarker: pack.ReleaseMarkerText}
	for name, data := range r.Extra {
		extra[name] = data
	}
	for name, data := range extra {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return "", err
		}
	}
	// The last point where an interrupt leaves nothing behind; from here
	// the release completes in a few system calls.
	if err := ctx.Err(); err != nil {
		return "", err
	}
	critical.Wrote(ctx)
	if err := os.Rename(tmp, final); err != nil {
		return "", err
	}
	write := r.WriteLock
	if write == nil {
		write = func(l *version.Lock, dir string) error { return l.Write(dir) }
	}
	if err := write(r.Lock, projectDir); err != nil {
		// Without the lock the release does not exist: take it back.
		if rmErr := os.RemoveAll(final); rmErr != nil {
			return "", fmt.Errorf("write lock: %w (and %s could not be removed: %v; it is a whole release that `ismsforge release --resume` can record)", err, final, rmErr)
		}
		return "", fmt.Errorf("write lock: %w", err)
	}
	return final, nil
}
