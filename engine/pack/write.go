package pack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/ismsforge/ismsforge/engine/critical"
	"github.com/ismsforge/ismsforge/engine/internal/par"
)

// MarkerName marks a directory as ismsforge's output. ismsforge only ever
// replaces a directory that carries it (or that is empty or absent).
const MarkerName = ".ismsforge"

var markerText = []byte("This directory is written by ismsforge. Every build replaces it whole; do not keep your own files here.\n")

// UnsafeOutputError refuses an output directory that would destroy files
// ismsforge did not create.
type UnsafeOutputError struct {
	Out, Reason, Hint string
}

func (e *UnsafeOutputError) Error() string {
	return fmt.Sprintf("refusing to write to %s: %s; %s", e.Out, e.Reason, e.Hint)
}

// CheckOutput refuses an output directory that is the project directory, a
// parent of it, or a non-empty directory that ismsforge did not create.
func CheckOutput(projectDir, out string) error {
	absProject, err := filepath.Abs(projectDir)
	if err != nil {
		return err
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(absOut); err == nil {
		absOut = real
	}
	if real, err := filepath.EvalSymlinks(absProject); err == nil {
		absProject = real
	}
	if absOut == absProject {
		return &UnsafeOutputError{Out: out, Reason: "it is the project directory", Hint: "use -o with a directory of its own, such as out"}
	}
	if rel, err := filepath.Rel(absOut, absProject); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
		return &UnsafeOutputError{Out: out, Reason: "it contains the project directory", Hint: "use -o with a directory inside or beside the project"}
	}
	// Releases are never rewritten: only release writes under releases/,
	// and only a new version.
	releases := filepath.Join(absProject, ReleasesDir)
	if rel, err := filepath.Rel(releases, absOut); err == nil && !strings.HasPrefix(rel, "..") {
		return &UnsafeOutputError{Out: out, Reason: "it is inside " + ReleasesDir + "/, where releases are kept and never rewritten", Hint: "use -o with a directory of its own, such as out; to change a release, make a new one with `ismsforge release`"}
	}
	if r, ok := holdsRelease(out); ok {
		return &UnsafeOutputError{Out: out, Reason: fmt.Sprintf("it holds a release (%s), which is never rewritten", r), Hint: "use -o with a directory of its own, such as out; to change a release, make a new one with `ismsforge release`"}
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return &UnsafeOutputError{Out: out, Reason: "it is a file, not a directory", Hint: "name a directory with -o, such as out"}
	}
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if errors.Is(err, syscall.ENOTDIR) {
		return &UnsafeOutputError{Out: out, Reason: "a part of the path is a file, not a directory", Hint: "name a directory with -o, such as out"}
	}
	if errors.Is(err, fs.ErrPermission) {
		return &UnsafeOutputError{Out: out, Reason: "permission denied", Hint: "pick a directory you can write to, or fix its permissions"}
	}
	if err != nil {
		return fmt.Errorf("check output: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, MarkerName)); err != nil {
		return &UnsafeOutputError{Out: out, Reason: "it is not empty and was not created by ismsforge", Hint: "choose an empty or new directory, or remove this one yourself"}
	}
	return nil
}

// EnsureMarker marks dir as ismsforge's output if it is not yet.
func EnsureMarker(dir string) error {
	p := filepath.Join(dir, MarkerName)
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	return os.WriteFile(p, markerText, 0o644)
}

// ReplaceDir replaces dir, a directory inside an output directory, with
// files, through a temporary directory beside it. The files are written
// as they are, without a marker.
func ReplaceDir(ctx context.Context, dir string, files *Files) (Notes, error) {
	parent := filepath.Dir(filepath.Clean(dir))
	unlock, err := lockDir(ctx, parent)
	if err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	defer unlock()
	defer critical.Enter(ctx)()
	notes, err := cleanStale(dir)
	if err != nil {
		return notes, fmt.Errorf("write: %w", err)
	}
	tmp, err := mkTemp(parent, tempPrefix("new", filepath.Base(dir)))
	if err != nil {
		return notes, err
	}
	defer os.RemoveAll(tmp)
	if err := writeFiles(ctx, tmp, files, dir, false); err != nil {
		return notes, err
	}
	critical.Wrote(ctx)
	more, err := swap(tmp, dir)
	return append(notes, more...), err
}

// Write replaces the output directory with files, all or nothing: the files
// go to a temporary directory beside out, which is then swapped in. A build
// that fails, or is cancelled, leaves the previous output exactly as it
// was. Leftovers of a killed earlier run are removed first (see Notes).
func Write(ctx context.Context, projectDir, out string, files *Files) (Notes, error) {
	s, notes, err := Stage(ctx, projectDir, out)
	if err != nil {
		return notes, err
	}
	defer s.Close()
	more, err := s.Commit(ctx, files)
	return append(notes, more...), err
}

// mkTemp makes a temporary directory readable like any other output.
func mkTemp(parent, prefix string) (string, error) {
	tmp, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return "", fmt.Errorf("write: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return "", fmt.Errorf("write: %w", err)
	}
	return tmp, nil
}

// WriteFiles writes files into the existing directory dir, without a
// marker. It stops when ctx is done. A file the set holds without its data
// (Files.AddWritten) is an error: it was written to another output.
func WriteFiles(ctx context.Context, dir string, files *Files) error {
	return writeFiles(ctx, dir, files, "", false)
}

// writeFiles writes the files of the set into dir, linking those that prev,
// the directory dir replaces ("" for none), holds as they are (see place);
// with staged, the files written there already (Files.AddWritten) are
// skipped.
func writeFiles(ctx context.Context, dir string, files *Files, prev string, staged bool) error {
	var list []File
	for _, f := range files.All() {
		if _, ok := files.WrittenAs(f.Path); ok {
			if !staged {
				return fmt.Errorf("write %s: the file was written to another output and is not kept", f.Path)
			}
			continue
		}
		list = append(list, f)
	}
	if err := makeDirs(dir, list); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return each(len(list), func(i int) string { return path.Dir(list[i].Path) }, func(i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		rel := filepath.FromSlash(list[i].Path)
		old := ""
		if prev != "" {
			old = filepath.Join(prev, rel)
		}
		if err := place(filepath.Join(dir, rel), old, list[i].Data); err != nil {
			return fmt.Errorf("write %s: %w", list[i].Path, err)
		}
		return nil
	})
}

// makeDirs creates the directories that files go into, once each.
func makeDirs(dir string, files []File) error {
	made := map[string]bool{}
	for _, f := range files {
		if d := filepath.Dir(filepath.Join(dir, filepath.FromSlash(f.Path))); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
	}
	return nil
}

// writers is how many directories are written at once.
const writers = 8

// each runs fn for 0..n-1 and returns the error of the lowest index that
// failed. The files of one directory (dir gives each index's) are written
// one after another and directories side by side: threads creating files
// in the same directory wait on its lock, and the kernel spins while they
// wait. Writing acme-saas's 220 files from eight threads at once took
// twice the CPU of one thread for no less time; a thread per directory
// takes about the CPU of one and less time than either.
func each(n int, dir func(i int) string, fn func(i int) error) error {
	errs := make([]error, n)
	var groups [][]int
	at := map[string]int{}
	for i := range n {
		d := dir(i)
		g, ok := at[d]
		if !ok {
			g = len(groups)
			at[d] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	par.For(writers, len(groups), nil, func(g int) {
		for _, i := range groups[g] {
			errs[i] = fn(i)
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// SwapError is a swap that failed, with what the output directory holds
// now: the truth, whichever step failed.
type SwapError struct {
	Out  string
	Step string
	Err  error
	// Now says what Out holds after the failure.
	Now string
}

func (e *SwapError) Error() string {
	return fmt.Sprintf("write: %s: %v; %s", e.Step, e.Err, e.Now)
}

func (e *SwapError) Unwrap() error { return e.Err }

// fileOps are the file system calls swap makes; tests make them fail.
type fileOps struct {
	rename    func(from, to string) error
	removeAll func(string) error
}

var osOps = fileOps{rename: os.Rename, removeAll: os.RemoveAll}

// swap moves dir into place at out, keeping the old out until the new one is
// in place. Once the new output is in place the write has succeeded; a
// previous output that cannot be removed is a note, not a failure.
func swap(dir, out string) (Notes, error) { return swapWith(osOps, dir, out) }

func swapWith(ops fileOps, dir, out string) (Notes, error) {
	old := ""
	if _, err := os.Lstat(out); err == nil {
		o, err := os.MkdirTemp(filepath.Dir(filepath.Clean(out)), tempPrefix("old", filepath.Base(filepath.Clean(out))))
		if err != nil {
			return nil, &SwapError{Out: out, Step: "make room to move the previous output aside", Err: err, Now: out + " still holds the previous output, untouched"}
		}
		if err := os.Remove(o); err != nil {
			return nil, &SwapError{Out: out, Step: "make room to move the previous output aside", Err: err, Now: out + " still holds the previous output, untouched"}
		}
		if err := ops.rename(out, o); err != nil {
			return nil, &SwapError{Out: out, Step: "move the previous output aside", Err: err, Now: out + " still holds the previous output, untouched"}
		}
		old = o
	}
	if err := ops.rename(dir, out); err != nil {
		now := out + " holds nothing: there was no previous output"
		if old != "" {
			if rerr := ops.rename(old, out); rerr != nil {
				now = fmt.Sprintf("%s is missing: the previous output is in %s (move it back with mv %s %s), and the new one could not be kept", out, old, old, out)
			} else {
				now = out + " still holds the previous output, untouched"
			}
		}
		return nil, &SwapError{Out: out, Step: "move the new output into place", Err: err, Now: now}
	}
	if old != "" {
		if err := ops.removeAll(old); err != nil {
			return Notes{fmt.Sprintf("the new output is in %s, but the previous one could not be removed from %s: %v; remove it yourself", out, old, err)}, nil
		}
	}
	return nil, nil
}

// Changes reports what WriteChanged did.
type Changes struct {
	Written, Removed []string
	// Notes tell of leftovers of a killed run that were removed.
	Notes Notes
}

// WriteChanged brings the output directory in line with files, touching only
// what differs: each changed file is written to a temporary file and renamed
// over the old one, so a reader never sees half a file, and an unchanged
// file keeps its bytes and modification time. prev is what the previous call
// wrote; files it listed that are no longer produced are removed. With prev
// nil, the files on disk are compared instead, and nothing is removed.
func WriteChanged(ctx context.Context, projectDir, out string, files, prev *Files) (Changes, error) {
	var ch Changes
	if err := CheckOutput(projectDir, out); err != nil {
		return ch, err
	}
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return ch, err
	}
	unlock, err := lockDir(ctx, parent)
	if err != nil {
		return ch, err
	}
	defer unlock()
	defer critical.Enter(ctx)()
	if prev == nil {
		// The first write of a session: leftovers of a killed run go.
		if ch.Notes, err = cleanStale(out); err != nil {
			return ch, err
		}
		ch.Notes = append(ch.Notes, cleanStaleFiles(out)...)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return ch, err
	}
	if err := EnsureMarker(out); err != nil {
		return ch, err
	}
	changed := differing(out, files.All(), prev)
	if err := writeEach(ctx, out, changed); err != nil {
		return ch, err
	}
	for _, f := range changed {
		ch.Written = append(ch.Written, f.Path)
	}
	if prev != nil {
		for _, f := range prev.All() {
			if _, ok := files.Get(f.Path); ok || f.Path == MarkerName {
				continue
			}
			if err := os.Remove(filepath.Join(out, filepath.FromSlash(f.Path))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return ch, err
			}
			ch.Removed = append(ch.Removed, f.Path)
		}
	}
	return ch, nil
}

// WriteEarly writes, each atomically, those of files whose content differs
// from what the previous write left in out (prev, which must be set: the
// first write of a session goes through WriteChanged). Watch mode writes a
// document's own files this way as soon as they are made, before the
// combined pack; it then passes prev.With(written files) to WriteChanged,
// which skips them. It does not look at out: a file deleted there since the
// previous write is restored by that WriteChanged. Nothing is removed. It
// returns the files written.
func WriteEarly(ctx context.Context, projectDir, out string, files []File, prev *Files) ([]File, error) {
	if prev == nil {
		return nil, errors.New("pack: WriteEarly needs the previous write")
	}
	if err := CheckOutput(projectDir, out); err != nil {
		return nil, err
	}
	var changed []File
	for _, f := range files {
		if old, ok := prev.Get(f.Path); !ok || !bytes.Equal(old, f.Data) {
			changed = append(changed, f)
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	unlock, err := lockDir(ctx, filepath.Dir(filepath.Clean(out)))
	if err != nil {
		return nil, err
	}
	defer unlock()
	defer critical.Enter(ctx)()
	if err := writeEach(ctx, out, changed); err != nil {
		return nil, err
	}
	return changed, nil
}

// differing returns the files whose content differs from what out holds
// (see same).
func differing(out string, files []File, prev *Files) []File {
	var changed []File
	for _, f := range files {
		if !same(filepath.Join(out, filepath.FromSlash(f.Path)), f.Data, prev, f.Path) {
			changed = append(changed, f)
		}
	}
	return changed
}

// writeEach writes files into out, each atomically, making their
// directories first.
func writeEach(ctx context.Context, out string, files []File) error {
	if err := makeDirs(out, files); err != nil {
		return err
	}
	critical.Wrote(ctx)
	return each(len(files), func(i int) string { return path.Dir(files[i].Path) }, func(i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writeAtomic(filepath.Join(out, filepath.FromSlash(files[i].Path)), files[i].Data); err != nil {
			return fmt.Errorf("write %s: %w", files[i].Path, err)
		}
		return nil
	})
}

// same reports whether the file at p already holds data: as the previous
// write left it, or, without one, as read from disk.
func same(p string, data []byte, prev *Files, rel string) bool {
	if prev != nil {
		old, ok := prev.Get(rel)
		if !ok || !bytes.Equal(old, data) {
			return false
		}
		_, err := os.Lstat(p) // someone may have deleted it
		return err == nil
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	return reads(f, data)
}

// writeAtomic writes data to p, in an existing directory, through a
// temporary file in the same directory and a rename.
func writeAtomic(p string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(p), ".ismsforge-tmp-")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = f.Chmod(0o644)
	if err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
