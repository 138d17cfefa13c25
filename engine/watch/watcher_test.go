package watch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsnotify/fsnotify"
)

// fakeDirs records the directories a Watcher watches, in place of fsnotify.
type fakeDirs struct{ watched map[string]bool }

func (f *fakeDirs) Add(p string) error    { f.watched[p] = true; return nil }
func (f *fakeDirs) Remove(p string) error { delete(f.watched, p); return nil }

// list returns the watched directories relative to dir.
func (f *fakeDirs) list(dir string) []string {
	var out []string
	for p := range f.watched {
		r, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(r))
	}
	slices.Sort(out)
	return out
}

// project makes a project directory holding the given files, relative
// paths with forward slashes; a path ending in / is a directory.
func project(t *testing.T, paths ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range paths {
		mk(t, dir, p)
	}
	return dir
}

func mk(t *testing.T, dir, p string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(p))
	if strings.HasSuffix(p, "/") {
		if err := os.MkdirAll(full, 0o755); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(p), 0o644); err != nil {
		t.Fatal(err)
	}
}

func fakeWatcher(t *testing.T, dir string) (*Watcher, *fakeDirs) {
	t.Helper()
	f, err := NewFilter(dir, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	d := &fakeDirs{watched: map[string]bool{}}
	w := newWatcher(f, d, nil, nil, func() error { return nil })
	if _, err := w.addAll(); err != nil {
		t.Fatal(err)
	}
	return w, d
}

func TestWatchesTreesButNotOutput(t *testing.T) {
	dir := project(t,
		"isms.yaml", "README.md",
		"templates/cryptography.md", "templates/partials/footer.md",
		"themes/default/html/style.css",
		"assets/logo.png",
		"out/html/index.html", "releases/1.0/pack.zip", ".git/objects/ab/cd", "node_modules/x/y.js",
	)
	_, d := fakeWatcher(t, dir)
	want := []string{".", "assets", "templates", "templates/partials", "themes", "themes/default", "themes/default/html"}
	if got := d.list(dir); !slices.Equal(got, want) {
		t.Errorf("watching %v, want %v", got, want)
	}
}

func handle(t *testing.T, w *Watcher, name string, op fsnotify.Op) []string {
	t.Helper()
	got, err := w.handle(fsnotify.Event{Name: name, Op: op})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	return got
}

func TestHandleKeepsInputsAndDropsNoise(t *testing.T) {
	dir := project(t, "isms.yaml", "templates/", "themes/", "assets/")
	w, _ := fakeWatcher(t, dir)
	p := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	cases := []struct {
		name string
		op   fsnotify.Op
		want []string
	}{
		{"isms.yaml", fsnotify.Write, []string{"isms.yaml"}},
		{"isms.yaml", fsnotify.Chmod, nil},
		{"isms.yaml", fsnotify.Write | fsnotify.Chmod, []string{"isms.yaml"}},
		{"templates/cryptography.md", fsnotify.Create, []string{"templates/cryptography.md"}},
		{"templates/cryptography.md", fsnotify.Rename, []string{"templates/cryptography.md"}},
		{"templates/cryptography.md", fsnotify.Remove, []string{"templates/cryptography.md"}},
		{"templates/.cryptography.md.swp", fsnotify.Write, nil},
		{"templates/.cryptography.md.swx", fsnotify.Create, nil},
		{"templates/4913", fsnotify.Create, nil},
		{"templates/cryptography.md~", fsnotify.Create, nil},
		{"templates/.#cryptography.md", fsnotify.Create, nil},
		{"templates/cryptography.md.tmp", fsnotify.Write, nil},
		{"isms.yaml.tmp", fsnotify.Rename, nil},
		{"out/html/index.html", fsnotify.Create, nil},
		{"out", fsnotify.Create, nil},
		{".ismsforge-new-1", fsnotify.Create, nil},
		{"README.md", fsnotify.Write, nil},
	}
	for _, c := range cases {
		if got := handle(t, w, p(c.name), c.op); !slices.Equal(got, c.want) {
			t.Errorf("%s %s: changed %v, want %v", c.op, c.name, got, c.want)
		}
	}
}

// A directory that appears is watched with everything under it, and the
// files already in it count as changed: they may have been written before
// the watch existed.
func TestNewDirectoryIsWatchedAndItsFilesCount(t *testing.T) {
	dir := project(t, "isms.yaml")
	w, d := fakeWatcher(t, dir)
	mk(t, dir, "templates/extra/deep/local-rules.md")
	mk(t, dir, "templates/extra/.local-rules.md.swp")
	got := handle(t, w, filepath.Join(dir, "templates"), fsnotify.Create)
	want := []string{"templates", "templates/extra/deep/local-rules.md"}
	if !slices.Equal(got, want) {
		t.Errorf("changed %v, want %v", got, want)
	}
	if got, want := d.list(dir), []string{".", "templates", "templates/extra", "templates/extra/deep"}; !slices.Equal(got, want) {
		t.Errorf("watching %v, want %v", got, want)
	}
	// A directory inside the output is never watched.
	mk(t, dir, "out/html/")
	handle(t, w, filepath.Join(dir, "out"), fsnotify.Create)
	if d.watched[filepath.Join(dir, "out")] {
		t.Error("the output directory is watched")
	}
}

// A removed or renamed directory loses its watches, with those below it;
// the new name is watched afresh when its Create event comes.
func TestRenamedDirectoryIsWatchedUnderItsNewName(t *testing.T) {
	dir := project(t, "isms.yaml", "themes/corp/html/style.css")
	w, d := fakeWatcher(t, dir)
	if err := os.Rename(filepath.Join(dir, "themes", "corp"), filepath.Join(dir, "themes", "brand")); err != nil {
		t.Fatal(err)
	}
	got := handle(t, w, filepath.Join(dir, "themes", "corp"), fsnotify.Rename)
	if !slices.Equal(got, []string{"themes/corp"}) {
		t.Errorf("rename changed %v", got)
	}
	got = handle(t, w, filepath.Join(dir, "themes", "brand"), fsnotify.Create)
	if !slices.Equal(got, []string{"themes/brand", "themes/brand/html/style.css"}) {
		t.Errorf("create changed %v", got)
	}
	if got, want := d.list(dir), []string{".", "themes", "themes/brand", "themes/brand/html"}; !slices.Equal(got, want) {
		t.Errorf("watching %v, want %v", got, want)
	}
	if err := os.RemoveAll(filepath.Join(dir, "themes")); err != nil {
		t.Fatal(err)
	}
	handle(t, w, filepath.Join(dir, "themes"), fsnotify.Remove)
	if got := d.list(dir); !slices.Equal(got, []string{"."}) {
		t.Errorf("after removing themes/, watching %v", got)
	}
}
