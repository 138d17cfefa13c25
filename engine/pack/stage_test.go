package pack

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// leftovers lists what a write left beside out.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".ismsforge-") {
			left = append(left, e.Name())
		}
	}
	return left
}

// TestStagedOutputIsAllOrNothing: files written while a build runs and
// the rest given to Commit make the same output as Write; a staging
// closed without Commit leaves the previous output as it was and nothing
// beside it.
func TestStagedOutputIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	project := t.TempDir()
	out := filepath.Join(project, "out")
	if _, err := Write(ctx, project, out, files("old.txt", "previous")); err != nil {
		t.Fatal(err)
	}

	st, _, err := Stage(ctx, project, out)
	if err != nil {
		t.Fatal(err)
	}
	early := []File{{Path: "html/a.html", Data: []byte("<p>a</p>")}, {Path: "pdf/a.pdf", Data: []byte("%PDF a")}}
	if err := st.Write(ctx, early); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if got := read(t, filepath.Join(out, "old.txt")); got != "previous" {
		t.Fatalf("a staging closed without Commit changed the output: %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "html")); err == nil {
		t.Fatal("a staging closed without Commit reached the output")
	}
	if left := leftovers(t, out); len(left) > 0 {
		t.Fatalf("a staging closed without Commit left %v", left)
	}

	st, _, err = Stage(ctx, project, out)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Write(ctx, early); err != nil {
		t.Fatal(err)
	}
	fs := files("index.html", "<p>index</p>")
	for _, f := range early {
		fs.AddWritten(f.Path, Written{SHA256: Sum(f.Data), Bytes: len(f.Data)})
	}
	if err := AddManifest(fs, Manifest{}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Commit(ctx, fs); err != nil {
		t.Fatal(err)
	}
	for _, f := range append(early, File{Path: "index.html", Data: []byte("<p>index</p>")}) {
		if got := read(t, filepath.Join(out, filepath.FromSlash(f.Path))); got != string(f.Data) {
			t.Errorf("%s holds %q, want %q", f.Path, got, f.Data)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "old.txt")); err == nil {
		t.Error("the previous output's file survived the swap")
	}
	if _, err := os.Stat(filepath.Join(out, MarkerName)); err != nil {
		t.Error("the staged output has no marker")
	}
	if left := leftovers(t, out); len(left) > 0 {
		t.Fatalf("the staged write left %v", left)
	}

	// The manifest lists the files written early by the hash they were
	// given, as it lists the others.
	whole := files("index.html", "<p>index</p>")
	for _, f := range early {
		whole.Add(f.Path, f.Data)
	}
	if err := AddManifest(whole, Manifest{}); err != nil {
		t.Fatal(err)
	}
	want, _ := whole.Get(ManifestName)
	if got := read(t, filepath.Join(out, ManifestName)); got != string(want) {
		t.Errorf("the manifest of a staged write differs:\n%s\nwant\n%s", got, want)
	}
}

// TestFilesWrittenElsewhereAreNotWrittenEmpty: a set that holds a file
// by its hash only cannot be written to another directory, where the file
// would be empty.
func TestFilesWrittenElsewhereAreNotWrittenEmpty(t *testing.T) {
	fs := files("a.txt", "a")
	fs.AddWritten("b.txt", Written{SHA256: Sum([]byte("b")), Bytes: 1})
	if data, ok := fs.Get("b.txt"); !ok || data != nil {
		t.Fatalf("Get of a written file: %q, %v", data, ok)
	}
	err := WriteFiles(context.Background(), t.TempDir(), fs)
	if err == nil || !strings.Contains(err.Error(), "b.txt") {
		t.Fatalf("WriteFiles of a set with a file written elsewhere: %v", err)
	}
	fs.Add("b.txt", []byte("b"))
	if _, ok := fs.WrittenAs("b.txt"); ok {
		t.Fatal("a file added again with its data is still held by hash only")
	}
	if err := WriteFiles(context.Background(), t.TempDir(), fs); err != nil {
		t.Fatal(err)
	}
}
