package pack

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

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
func ReplaceDir(dir string, files *Files) error {
	parent := filepath.Dir(filepath.Clean(dir))
	tmp, err := os.MkdirTemp(parent, ".ismsforge-new-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := writeFiles(tmp, files); err != nil {
		return err
	}
	return swap(tmp, dir)
}

// Write replaces the output directory with files, all or nothing: the files
// go to a temporary directory beside out, which is then swapped in. A build
// that fails leaves the previous output exactly as it was.
func Write(projectDir, out string, files *Files) error {
	if err := CheckOutput(projectDir, out); err != nil {
		return err
	}
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, ".ismsforge-new-")
	if err != nil {
		return fmt.Errorf("write: %w", err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := WriteTree(tmp, files); err != nil {
		return err
	}
	return swap(tmp, out)
}

// WriteTree writes files, and the output marker, into the existing
// directory dir.
func WriteTree(dir string, files *Files) error {
	if err := os.WriteFile(filepath.Join(dir, MarkerName), markerText, 0o644); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return writeFiles(dir, files)
}

func writeFiles(dir string, files *Files) error {
	list := files.All()
	if err := makeDirs(dir, list); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return each(len(list), func(i int) error {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(list[i].Path)), list[i].Data, 0o644); err != nil {
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

// writers is how many files are written at once. Writing is mostly waiting
// on system calls, so it pays beyond the number of cores.
const writers = 8

// each runs fn for 0..n-1 on up to writers goroutines and returns the error
// of the lowest index that failed.
func each(n int, fn func(i int) error) error {
	errs := make([]error, n)
	par.For(writers, n, nil, func(i int) { errs[i] = fn(i) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// swap moves dir into place at out, keeping the old out until the new one is
// in place.
func swap(dir, out string) error {
	old := ""
	if _, err := os.Stat(out); err == nil {
		o, err := os.MkdirTemp(filepath.Dir(filepath.Clean(out)), ".ismsforge-old-")
		if err != nil {
			return fmt.Errorf("write: %w", err)
		}
		if err := os.Remove(o); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		if err := os.Rename(out, o); err != nil {
			return fmt.Errorf("write: move previous output aside: %w", err)
		}
		old = o
	}
	if err := os.Rename(dir, out); err != nil {
		if old != "" {
			_ = os.Rename(old, out)
		}
		return fmt.Errorf("write: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("write: remove previous output %s: %w", old, err)
		}
	}
	return nil
}

// Changes reports what WriteChanged did.
type Changes struct {
	Written, Removed []string
}

// WriteChanged brings the output directory in line with files, touching only
// what differs: each changed file is written to a temporary file and renamed
// over the old one, so a reader never sees half a file, and an unchanged
// file keeps its bytes and modification time. prev is what the previous call
// wrote; files it listed that are no longer produced are removed. With prev
// nil, the files on disk are compared instead, and nothing is removed.
func WriteChanged(projectDir, out string, files, prev *Files) (Changes, error) {
	var ch Changes
	if err := CheckOutput(projectDir, out); err != nil {
		return ch, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return ch, err
	}
	if err := EnsureMarker(out); err != nil {
		return ch, err
	}
	var changed []File
	for _, f := range files.All() {
		if !same(filepath.Join(out, filepath.FromSlash(f.Path)), f.Data, prev, f.Path) {
			changed = append(changed, f)
		}
	}
	if err := makeDirs(out, changed); err != nil {
		return ch, err
	}
	err := each(len(changed), func(i int) error {
		if err := writeAtomic(filepath.Join(out, filepath.FromSlash(changed[i].Path)), changed[i].Data); err != nil {
			return fmt.Errorf("write %s: %w", changed[i].Path, err)
		}
		return nil
	})
	if err != nil {
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
	old, err := os.ReadFile(p)
	return err == nil && bytes.Equal(old, data)
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
