package pack

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestUnchangedFilesAreLinked: a build's files that the previous output
// holds byte for byte become links to them; every other file is written
// anew, and no file of the previous output is ever written to.
func TestUnchangedFilesAreLinked(t *testing.T) {
	ctx := context.Background()
	project := t.TempDir()
	out := filepath.Join(project, "out")
	if _, err := Write(ctx, project, out, files(
		"same.txt", "unchanged",
		"early.txt", "written early",
		"changed.txt", "before",
		"edited.txt", "as built",
		"mode.txt", "private",
		"link.txt", "outside")); err != nil {
		t.Fatal(err)
	}
	// What users and tools may have done to the output since.
	if err := os.WriteFile(filepath.Join(out, "edited.txt"), []byte("by hand!"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(out, "mode.txt"), 0o600); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(project, "outside.txt")
	if err := os.WriteFile(outside, []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	symlinked := runtime.GOOS != "windows"
	if symlinked {
		os.Remove(filepath.Join(out, "link.txt"))
		if err := os.Symlink(outside, filepath.Join(out, "link.txt")); err != nil {
			t.Fatal(err)
		}
	}
	before := map[string]os.FileInfo{}
	for _, n := range []string{"same.txt", "early.txt", "changed.txt", "edited.txt", "mode.txt"} {
		fi, err := os.Stat(filepath.Join(out, n))
		if err != nil {
			t.Fatal(err)
		}
		before[n] = fi
	}
	if runtime.GOOS == "windows" {
		t.Skip("the link count cannot be read here, so no file is linked")
	}
	// shared.txt has a second name outside the output: it is never linked.
	if err := os.WriteFile(filepath.Join(out, "shared.txt"), []byte("shared"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(out, "shared.txt"), filepath.Join(project, "other-name.txt")); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	fi, err := os.Stat(filepath.Join(out, "shared.txt"))
	if err != nil {
		t.Fatal(err)
	}
	before["shared.txt"] = fi

	st, _, err := Stage(ctx, project, out)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Write(ctx, []File{{Path: "early.txt", Data: []byte("written early")}}); err != nil {
		t.Fatal(err)
	}
	fs := files("same.txt", "unchanged", "changed.txt", "after!", "edited.txt", "as built", "mode.txt", "private", "link.txt", "outside", "shared.txt", "shared")
	fs.AddWritten("early.txt", Written{Bytes: len("written early")})
	_, err = st.Commit(ctx, fs)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	want := map[string]string{"same.txt": "unchanged", "early.txt": "written early", "changed.txt": "after!", "edited.txt": "as built", "mode.txt": "private", "link.txt": "outside", "shared.txt": "shared"}
	for n, w := range want {
		p := filepath.Join(out, n)
		if got := read(t, p); got != w {
			t.Errorf("%s holds %q, want %q", n, got, w)
		}
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o644 {
			t.Errorf("%s is %v, want a regular file of mode 0644", n, fi.Mode())
		}
		linked := before[n] != nil && os.SameFile(before[n], fi)
		if wantLinked := n == "same.txt" || n == "early.txt"; linked != wantLinked {
			t.Errorf("%s: linked to the previous output's file = %v, want %v", n, linked, wantLinked)
		}
	}
	if got := read(t, outside); got != "outside" {
		t.Errorf("the file a symlink in the output pointed to was changed: %q", got)
	}

	// A name kept outside the output for same.txt's file (taken after the
	// build, so the file was linked): the next build changes same.txt, and
	// that file keeps its bytes.
	kept := filepath.Join(project, "kept.txt")
	if err := os.Link(filepath.Join(out, "same.txt"), kept); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(ctx, project, out, files("same.txt", "now changed")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, kept); got != "unchanged" {
		t.Errorf("a file of an earlier output was written to: it holds %q", got)
	}
	if got := read(t, filepath.Join(out, "same.txt")); got != "now changed" {
		t.Errorf("same.txt holds %q", got)
	}
}

// TestHolds compares a file with data, whatever their sizes and however
// the file is read.
func TestHolds(t *testing.T) {
	holds := func(p string, data []byte) bool {
		_, ok := holding(p, data)
		return ok
	}
	dir := t.TempDir()
	big := make([]byte, 200<<10)
	for i := range big {
		big[i] = byte(i * 7)
	}
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, big, 0o644); err != nil {
		t.Fatal(err)
	}
	if !holds(p, big) {
		t.Error("holds: a file does not hold its own bytes")
	}
	other := append([]byte(nil), big...)
	other[len(other)-1]++
	if holds(p, other) {
		t.Error("holds: a file holds bytes that differ in the last one")
	}
	if holds(p, big[:len(big)-1]) {
		t.Error("holds: a file holds a prefix of itself")
	}
	if holds(filepath.Join(dir, "missing"), nil) {
		t.Error("holds: a missing file holds nothing")
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if !holds(empty, nil) || holds(empty, []byte("x")) {
		t.Error("holds: wrong for an empty file")
	}
}
