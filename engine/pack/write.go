package pack

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
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
	made := map[string]bool{}
	for _, f := range files.All() {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("write: %w", err)
			}
			made[d] = true
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.Path, err)
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
