package engine

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ismsforge/ismsforge/engine/version"
)

// TestFailedReleaseLosesNothing makes the lock write fail after the release
// directory is in place: the release must be taken back, and the lock and
// the earlier release must be byte for byte as they were.
func TestFailedReleaseLosesNothing(t *testing.T) {
	dir := t.TempDir()
	facts := "organization: {name: Lossless Ltd, country: GB}\npeople:\n  - {id: ann, name: Ann, roles: [top-management, isms-owner]}\nrelease: {date: 2026-02-01}\n"
	if err := os.WriteFile(filepath.Join(dir, "isms.yaml"), []byte(facts), 0o644); err != nil {
		t.Fatal(err)
	}
	lib := os.DirFS("../testdata/minilib")
	ctx := context.Background()
	if _, err := Release(ctx, ReleaseOptions{Dir: dir, Summary: "Initial release", NoPDF: true, Library: lib}); err != nil {
		t.Fatal(err)
	}
	lockBefore, _ := os.ReadFile(filepath.Join(dir, version.FileName))
	release1 := tree(t, filepath.Join(dir, ReleasesDir, "1.0"))

	// Change the facts so that a release has something to do.
	os.WriteFile(filepath.Join(dir, "isms.yaml"), []byte(facts+"scope: {services: [{name: Consulting}]}\n"), 0o644)
	boom := errors.New("disk full")
	_, err := Release(ctx, ReleaseOptions{Dir: dir, Summary: "Scope change", NoPDF: true, Library: lib,
		writeLock: func(*version.Lock, string) error { return boom }})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	lockAfter, _ := os.ReadFile(filepath.Join(dir, version.FileName))
	if string(lockBefore) != string(lockAfter) {
		t.Error("the lock changed")
	}
	if _, err := os.Stat(filepath.Join(dir, ReleasesDir, "1.1")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the failed release 1.1 was left behind")
	}
	after := tree(t, filepath.Join(dir, ReleasesDir, "1.0"))
	for k, v := range release1 {
		if after[k] != v {
			t.Errorf("release 1.0 changed: %s", k)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, ReleasesDir))
	if len(entries) != 1 {
		t.Errorf("releases/ holds %d entries, want only 1.0", len(entries))
	}

	// The same release then succeeds, and a second attempt is refused.
	if _, err := Release(ctx, ReleaseOptions{Dir: dir, Summary: "Scope change", NoPDF: true, Library: lib}); err != nil {
		t.Fatal(err)
	}
	var re *ReleaseError
	if _, err := Release(ctx, ReleaseOptions{Dir: dir, Summary: "Again", NoPDF: true, Library: lib}); !errors.As(err, &re) {
		t.Errorf("a release with no changes must be refused, got %v", err)
	}
}

func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			m[p] = string(b)
		}
		return err
	})
	return m
}
