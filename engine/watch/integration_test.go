package watch_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/watch"
	"github.com/ismsforge/ismsforge/templates"
)

// running is a Loop over a real fsnotify watcher.
type running struct {
	dir      string
	outcomes chan watch.Outcome
}

func run(t *testing.T, dir string, rebuild func(context.Context, []string) (*engine.Rebuild, error), quiet time.Duration) *running {
	t.Helper()
	w, err := watch.New(dir, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	r := &running{dir: dir, outcomes: make(chan watch.Outcome, 100)}
	l := &watch.Loop{Quiet: quiet, Rebuild: rebuild, Report: func(o watch.Outcome) { r.outcomes <- o }, Warn: func(err error) { t.Error(err) }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Run(ctx, w) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
		w.Close()
	})
	if o := r.next(t); o.Err != nil {
		t.Fatalf("first build: %v", o.Err)
	}
	return r
}

func (r *running) next(t *testing.T) watch.Outcome {
	t.Helper()
	select {
	case o := <-r.outcomes:
		return o
	case <-time.After(20 * time.Second):
		t.Fatal("no rebuild")
	}
	return watch.Outcome{}
}

func (r *running) none(t *testing.T, wait time.Duration) {
	t.Helper()
	select {
	case o := <-r.outcomes:
		t.Fatalf("unexpected rebuild: %s", o)
	case <-time.After(wait):
	}
}

func write(t *testing.T, path string, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func acme(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile("../../examples/acme-saas/isms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "isms.yaml"), string(src))
	return dir
}

// vimSave saves data to path the way vim does with its default
// backupcopy=auto: probe the directory with 4913, move the original to a
// backup, write the new file, chmod it, remove the backup. JetBrains and
// other "safe write" editors differ only in their temporary names.
func vimSave(t *testing.T, path, data string) {
	t.Helper()
	dir := filepath.Dir(path)
	probe := filepath.Join(dir, "4913")
	write(t, probe, "")
	os.Remove(probe)
	write(t, filepath.Join(dir, "."+filepath.Base(path)+".swp"), "swap")
	backup := path + "~"
	if err := os.Rename(path, backup); err != nil {
		t.Fatal(err)
	}
	write(t, path, data)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(backup)
}

// atomicSave writes to a temporary file and renames it over path, as VS
// Code's and most libraries' atomic writes do.
func atomicSave(t *testing.T, path, data string) {
	t.Helper()
	tmp := path + ".tmp"
	write(t, tmp, data)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// TestAtomicSaveRebuildsTheDocument runs the real builder under a real
// watcher: saving a template through a temporary file re-renders exactly
// that document and rewrites its page.
func TestAtomicSaveRebuildsTheDocument(t *testing.T) {
	dir := acme(t)
	base, err := templates.FS.ReadFile("cryptography.md")
	if err != nil {
		t.Fatal(err)
	}
	tpl := filepath.Join(dir, "templates", "cryptography.md")
	write(t, tpl, string(base))
	b := engine.NewBuilder(engine.Options{Dir: dir, NoPDF: true})
	r := run(t, dir, b.Rebuild, watch.DefaultQuiet)
	page := filepath.Join(dir, "out", "html", "cryptography.html")
	other := filepath.Join(dir, "out", "html", "access-control.html")
	otherBefore, _ := os.Stat(other)

	for i, save := range []func(*testing.T, string, string){atomicSave, vimSave} {
		marker := fmt.Sprintf("Keys are escrowed with counsel, round %d.", i)
		save(t, tpl, string(base)+"\n## Escrow\n\n"+marker+"\n")
		o := r.next(t)
		if o.Err != nil {
			t.Fatalf("rebuild failed: %v", o.Err)
		}
		if !slices.Equal(o.Changed, []string{"templates/cryptography.md"}) {
			t.Errorf("save %d: changed %v, want only the template (no temporary file)", i, o.Changed)
		}
		if !slices.Equal(o.Rebuild.Rerendered, []string{"cryptography"}) {
			t.Errorf("save %d: re-rendered %v", i, o.Rebuild.Rerendered)
		}
		html, _ := os.ReadFile(page)
		if !bytes.Contains(html, []byte(marker)) {
			t.Errorf("save %d: the page does not show the edit", i)
		}
		t.Log(o)
	}
	r.none(t, 300*time.Millisecond)
	if otherAfter, _ := os.Stat(other); !otherAfter.ModTime().Equal(otherBefore.ModTime()) {
		t.Error("an unchanged page was rewritten")
	}
}

// TestBrokenFactsDoNotStopTheWatcher breaks isms.yaml, then fixes it.
func TestBrokenFactsDoNotStopTheWatcher(t *testing.T) {
	dir := acme(t)
	b := engine.NewBuilder(engine.Options{Dir: dir, NoPDF: true})
	r := run(t, dir, b.Rebuild, watch.DefaultQuiet)
	facts := filepath.Join(dir, "isms.yaml")
	good, _ := os.ReadFile(facts)
	page := filepath.Join(dir, "out", "html", "index.html")
	before, _ := os.ReadFile(page)

	atomicSave(t, facts, strings.Replace(string(good), "organization:", "organization: [", 1))
	o := r.next(t)
	if o.Err == nil || !strings.Contains(o.String(), "isms.yaml:") {
		t.Fatalf("broken facts: %s", o)
	}
	if after, _ := os.ReadFile(page); !bytes.Equal(before, after) {
		t.Error("a failed rebuild changed the output")
	}
	atomicSave(t, facts, strings.Replace(string(good), "name: Acme Cloud\n", "name: Acme Renamed\n", 1))
	if o := r.next(t); o.Err != nil || len(o.Rebuild.Written) == 0 {
		t.Fatalf("after the fix: %s", o)
	}
	if after, _ := os.ReadFile(page); !bytes.Contains(after, []byte("Acme Renamed")) {
		t.Error("the fix did not reach the output")
	}
}

// recorder is a rebuild that only records what changed.
func recorder(context.Context, []string) (*engine.Rebuild, error) { return &engine.Rebuild{}, nil }

// TestDirectoriesComeAndGo creates nested directories, renames and removes
// them under a real watcher.
func TestDirectoriesComeAndGo(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "isms.yaml"), "x")
	r := run(t, dir, recorder, 100*time.Millisecond)

	// templates/ did not exist when watching began.
	write(t, filepath.Join(dir, "templates", "local", "deep", "rules.md"), "a")
	o := r.next(t)
	if !slices.Contains(o.Changed, "templates/local/deep/rules.md") {
		t.Fatalf("new nested file: changed %v", o.Changed)
	}
	// The new directories are watched: a later edit is seen.
	write(t, filepath.Join(dir, "templates", "local", "deep", "rules.md"), "b")
	if o := r.next(t); !slices.Equal(o.Changed, []string{"templates/local/deep/rules.md"}) {
		t.Fatalf("edit in new directory: changed %v", o.Changed)
	}
	// A renamed directory reports its new name.
	if err := os.Rename(filepath.Join(dir, "templates", "local"), filepath.Join(dir, "templates", "site")); err != nil {
		t.Fatal(err)
	}
	if o := r.next(t); !slices.Contains(o.Changed, "templates/local") || !slices.Contains(o.Changed, "templates/site/deep/rules.md") {
		t.Fatalf("rename: changed %v", o.Changed)
	}
	write(t, filepath.Join(dir, "templates", "site", "deep", "rules.md"), "c")
	if o := r.next(t); !slices.Equal(o.Changed, []string{"templates/site/deep/rules.md"}) {
		t.Fatalf("edit after rename: changed %v", o.Changed)
	}
	// A deleted file and a deleted tree are changes too.
	os.Remove(filepath.Join(dir, "templates", "site", "deep", "rules.md"))
	if o := r.next(t); !slices.Equal(o.Changed, []string{"templates/site/deep/rules.md"}) {
		t.Fatalf("delete: changed %v", o.Changed)
	}
	os.RemoveAll(filepath.Join(dir, "templates"))
	if o := r.next(t); !slices.Contains(o.Changed, "templates") {
		t.Fatalf("delete tree: changed %v", o.Changed)
	}
	// Output, releases and .git never trigger a rebuild.
	write(t, filepath.Join(dir, "out", "html", "index.html"), "x")
	write(t, filepath.Join(dir, "releases", "1.0", "pack.zip"), "x")
	write(t, filepath.Join(dir, ".git", "index"), "x")
	r.none(t, 400*time.Millisecond)
}

// TestCheckoutOfHundredFilesIsOneRebuild writes 100 templates at once, as
// a git checkout does, under a real watcher.
func TestCheckoutOfHundredFilesIsOneRebuild(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "isms.yaml"), "x")
	write(t, filepath.Join(dir, "templates", "keep.md"), "x")
	// A wide quiet window, so a busy test machine cannot split the storm;
	// the exact window is tested without a clock.
	r := run(t, dir, recorder, 200*time.Millisecond)
	for i := range 100 {
		write(t, filepath.Join(dir, "templates", fmt.Sprintf("t%03d.md", i)), "x")
	}
	o := r.next(t)
	if len(o.Changed) != 100 {
		t.Errorf("first rebuild saw %d files, want 100", len(o.Changed))
	}
	r.none(t, 500*time.Millisecond)
}

// TestDeletedAndRenamedInputs deletes a template override, which brings
// the built-in back, and moves isms.yaml away and back.
func TestDeletedAndRenamedInputs(t *testing.T) {
	dir := acme(t)
	base, _ := templates.FS.ReadFile("cryptography.md")
	tpl := filepath.Join(dir, "templates", "cryptography.md")
	write(t, tpl, string(base)+"\nOverridden locally.\n")
	b := engine.NewBuilder(engine.Options{Dir: dir, NoPDF: true})
	r := run(t, dir, b.Rebuild, watch.DefaultQuiet)
	page := filepath.Join(dir, "out", "html", "cryptography.html")
	if html, _ := os.ReadFile(page); !bytes.Contains(html, []byte("Overridden locally.")) {
		t.Fatal("the override is not built")
	}

	os.Remove(tpl)
	if o := r.next(t); o.Err != nil || !slices.Equal(o.Rebuild.Rerendered, []string{"cryptography"}) {
		t.Fatalf("after deleting the override: %s", o)
	}
	if html, _ := os.ReadFile(page); bytes.Contains(html, []byte("Overridden locally.")) {
		t.Error("the page still shows the deleted override")
	}

	facts := filepath.Join(dir, "isms.yaml")
	if err := os.Rename(facts, facts+".old"); err != nil {
		t.Fatal(err)
	}
	if o := r.next(t); o.Err == nil || !strings.Contains(o.String(), "no isms.yaml") {
		t.Fatalf("without isms.yaml: %s", o)
	}
	if err := os.Rename(facts+".old", facts); err != nil {
		t.Fatal(err)
	}
	if o := r.next(t); o.Err != nil {
		t.Fatalf("isms.yaml back: %s", o)
	}
}
