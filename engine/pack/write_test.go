package pack

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func files(kv ...string) *Files {
	f := &Files{}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Add(kv[i], []byte(kv[i+1]))
	}
	return f
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFailedSwapSaysWhatOutHolds makes each step of the swap fail in turn:
// the error, or the note, says truthfully what out/ holds now.
func TestFailedSwapSaysWhatOutHolds(t *testing.T) {
	boom := errors.New("permission denied")
	cases := []struct {
		name     string
		fail     func(from, to string) bool // which rename fails
		failRm   bool
		wantErr  string
		wantNote string
		outHolds string
	}{
		{"previous output cannot move", func(from, to string) bool { return strings.HasSuffix(from, "out") }, false, "out still holds the previous output, untouched", "", "old"},
		{"new output cannot move in", func(from, to string) bool { return strings.Contains(from, ".ismsforge-new-") }, false, "out still holds the previous output, untouched", "", "old"},
		{"new output cannot move in, nor the old back", func(from, to string) bool { return strings.Contains(from, ".ismsforge-") }, false, "is missing: the previous output is in", "", ""},
		{"previous output cannot be removed", func(string, string) bool { return false }, true, "", "the new output is in", "new"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, "f"), []byte("old"), 0o644)
			tmp, _ := os.MkdirTemp(dir, tempPrefix("new", "out"))
			os.WriteFile(filepath.Join(tmp, "f"), []byte("new"), 0o644)
			ops := fileOps{
				rename: func(from, to string) error {
					if c.fail(from, to) {
						return boom
					}
					return os.Rename(from, to)
				},
				removeAll: func(p string) error {
					if c.failRm {
						return boom
					}
					return os.RemoveAll(p)
				},
			}
			notes, err := swapWith(ops, tmp, out)
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
				t.Errorf("error %v, want %q", err, c.wantErr)
			}
			if c.wantNote != "" && (len(notes) != 1 || !strings.Contains(notes[0], c.wantNote)) {
				t.Errorf("notes %q, want %q", notes, c.wantNote)
			}
			got := ""
			if b, err := os.ReadFile(filepath.Join(out, "f")); err == nil {
				got = string(b)
			}
			if got != c.outHolds {
				t.Errorf("out holds %q, want %q", got, c.outHolds)
			}
		})
	}
}

// TestLeftoversOfAKilledRunAreCleaned sets up what a build killed with
// SIGKILL leaves: a half-written new output, a previous output moved aside
// with out/ missing (killed between the two renames of the swap), and a
// temporary directory of an older ismsforge. The next write puts the
// previous output back before replacing it, removes the rest, and says so.
func TestLeftoversOfAKilledRunAreCleaned(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	old := filepath.Join(dir, ".ismsforge-old-out-123")
	os.MkdirAll(old, 0o755)
	os.WriteFile(filepath.Join(old, MarkerName), markerText, 0o644)
	os.WriteFile(filepath.Join(old, "f"), []byte("previous"), 0o644)
	half := filepath.Join(dir, ".ismsforge-new-out-456")
	os.MkdirAll(half, 0o755)
	os.WriteFile(filepath.Join(half, "f"), []byte("hal"), 0o644)
	legacy := filepath.Join(dir, ".ismsforge-new-789")
	os.MkdirAll(legacy, 0o755)
	other := filepath.Join(dir, ".ismsforge-new-other-1") // another output's: not ours to touch
	os.MkdirAll(other, 0o755)

	notes, err := cleanStale(out)
	if err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "f")) != "previous" {
		t.Error("the previous output was not put back")
	}
	all := strings.Join(notes, "\n")
	for _, want := range []string{"restored " + out + " from " + old, "removed " + half, "removed " + legacy} {
		if !strings.Contains(all, want) {
			t.Errorf("notes lack %q:\n%s", want, all)
		}
	}
	for _, p := range []string{old, half, legacy} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("another output's temporary directory was removed")
	}

	// Through Write, the leftovers go and out is replaced.
	os.MkdirAll(half, 0o755)
	notes, err = Write(context.Background(), t.TempDir(), out, files("f", "new"))
	if err != nil || read(t, filepath.Join(out, "f")) != "new" || len(notes) != 1 {
		t.Errorf("write: %v, notes %q", err, notes)
	}

	// Atomic writes killed halfway inside out/ are removed by the first
	// write of a watch session.
	os.WriteFile(filepath.Join(out, ".ismsforge-tmp-1"), []byte("x"), 0o644)
	ch, err := WriteChanged(context.Background(), t.TempDir(), out, files("f", "newer"), nil)
	if err != nil || len(ch.Notes) != 1 || !strings.Contains(ch.Notes[0], ".ismsforge-tmp-1") {
		t.Errorf("write changed: %v, notes %q", err, ch.Notes)
	}
}

// TestOutputNeverInsideReleases refuses to write into releases/ or into a
// directory holding a release.
func TestOutputNeverInsideReleases(t *testing.T) {
	project := t.TempDir()
	rel := filepath.Join(project, ReleasesDir, "1.0")
	os.MkdirAll(rel, 0o755)
	os.WriteFile(filepath.Join(rel, ReleaseMarker), ReleaseMarkerText, 0o644)
	os.WriteFile(filepath.Join(rel, MarkerName), markerText, 0o644)
	// A release made before the release marker: output marker, manifest
	// and bundle.
	oldRel := filepath.Join(t.TempDir(), "copy-of-1.0")
	os.MkdirAll(oldRel, 0o755)
	for _, f := range []string{MarkerName, ManifestName, "acme-isms-1.0.zip"} {
		os.WriteFile(filepath.Join(oldRel, f), []byte("x"), 0o644)
	}
	for _, out := range []string{
		rel,
		filepath.Join(project, ReleasesDir),
		filepath.Join(project, ReleasesDir, "1.1"),
		filepath.Join(project, ReleasesDir, "1.0", "html"),
		oldRel,
		filepath.Dir(oldRel),
	} {
		err := CheckOutput(project, out)
		var u *UnsafeOutputError
		if !errors.As(err, &u) || !strings.Contains(u.Reason, "release") {
			t.Errorf("%s: %v", out, err)
		}
	}
}
