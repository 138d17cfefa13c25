package pack

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/ismsforge/ismsforge/engine/critical"
)

// Every temporary file and directory ismsforge makes is named
// .ismsforge-<kind>-<name>-<random>, beside or inside what it will become.
// A run killed with kill -9 leaves them behind; the next run into the same
// place, holding the directory's lock (so that no other run is under way),
// removes them, and says so. A previous output moved aside by a swap that
// never finished is put back, so nothing is lost.

// tempPrefix names the temporary directories of output dir name in kind
// ("new", "old").
func tempPrefix(kind, name string) string { return ".ismsforge-" + kind + "-" + name + "-" }

// legacyTemp matches the names of versions that did not put the output's
// name in their temporary directories.
var legacyTemp = regexp.MustCompile(`^\.ismsforge-(new|old)-[0-9]+$`)

// Notes are what a write did besides writing: leftovers of a killed run it
// removed or restored. Commands print them.
type Notes []string

// cleanStale removes the leftovers of killed runs that wrote to out, and
// restores out from a previous output moved aside when out is missing. The
// caller holds the lock of out's parent.
func cleanStale(out string) (Notes, error) {
	parent, name := filepath.Split(filepath.Clean(out))
	if parent == "" {
		parent = "."
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil, err
	}
	var notes Notes
	var olds, news []string
	for _, e := range entries {
		n := e.Name()
		switch {
		case strings.HasPrefix(n, tempPrefix("old", name)) || legacyTemp.MatchString(n) && strings.HasPrefix(n, ".ismsforge-old-"):
			olds = append(olds, filepath.Join(parent, n))
		case strings.HasPrefix(n, tempPrefix("new", name)) || legacyTemp.MatchString(n):
			news = append(news, filepath.Join(parent, n))
		}
	}
	if _, err := os.Lstat(out); os.IsNotExist(err) && len(olds) == 1 {
		// Killed between moving the previous output aside and moving the
		// new one in: the previous output is whole; put it back.
		if err := os.Rename(olds[0], out); err == nil {
			notes = append(notes, fmt.Sprintf("restored %s from %s, where an interrupted run had moved it", out, olds[0]))
			olds = nil
		}
	}
	for _, d := range append(olds, news...) {
		if err := os.RemoveAll(d); err != nil {
			notes = append(notes, fmt.Sprintf("could not remove %s, left by an interrupted run: %v; remove it yourself", d, err))
			continue
		}
		notes = append(notes, fmt.Sprintf("removed %s, left by an interrupted run", d))
	}
	return notes, nil
}

// CleanOutput removes, under the lock of out's parent, what killed runs
// that wrote to out left beside it and inside it (see cleanStale), when out
// is ismsforge's to write; a command that will not write out itself (a
// release refused before it rebuilds out/) cleans up this way.
func CleanOutput(ctx context.Context, projectDir, out string) (Notes, error) {
	if CheckOutput(projectDir, out) != nil {
		return nil, nil // not ours to touch; a write there says why
	}
	parent := filepath.Dir(filepath.Clean(out))
	if _, err := os.Stat(parent); err != nil {
		return nil, nil
	}
	unlock, err := lockDir(ctx, parent)
	if err != nil {
		return nil, err
	}
	defer unlock()
	defer critical.Enter(ctx)()
	notes, err := cleanStale(out)
	if err != nil {
		return notes, err
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		notes = append(notes, cleanStaleFiles(out)...)
	}
	return notes, nil
}

// cleanStaleFiles removes the temporary files of killed atomic writes
// (.ismsforge-tmp-*) anywhere under dir.
func cleanStaleFiles(dir string) Notes {
	var notes Notes
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !d.IsDir() && strings.HasPrefix(d.Name(), ".ismsforge-tmp-") {
			if os.Remove(p) == nil {
				notes = append(notes, fmt.Sprintf("removed %s, left by an interrupted run", p))
			}
		}
		return nil
	})
	return notes
}

// CleanReleaseTemps removes what a killed release left in releases/: its
// temporary directory and a half-written lock beside isms.lock. The caller
// holds the releases lock (see LockReleases).
func CleanReleaseTemps(projectDir string) Notes {
	var notes Notes
	rm := func(pattern string) {
		matches, _ := filepath.Glob(pattern)
		for _, m := range matches {
			if err := os.RemoveAll(m); err != nil {
				notes = append(notes, fmt.Sprintf("could not remove %s, left by an interrupted release: %v; remove it yourself", m, err))
				continue
			}
			notes = append(notes, fmt.Sprintf("removed %s, left by an interrupted release", m))
		}
	}
	rm(filepath.Join(projectDir, ReleasesDir, ".ismsforge-release-*"))
	rm(filepath.Join(projectDir, ".isms.lock.tmp-*"))
	return notes
}

// LockReleases takes the lock of the project's releases directory, creating
// it, so that two releases never run at once. unlock releases it.
func LockReleases(ctx context.Context, projectDir string) (unlock func(), err error) {
	dir := filepath.Join(projectDir, ReleasesDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return lockDir(ctx, dir)
}
