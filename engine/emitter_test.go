package engine_test

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/internal/plaintext"
	"github.com/ismsforge/ismsforge/engine/pack"
)

// acmeProject makes a project of acme-saas's facts in a new directory.
func acmeProject(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("../examples/acme-saas/isms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "isms.yaml"), src)
	return dir
}

// checkTextFormat checks that the plain-text format's files are in the
// output and in its manifest: one file per document, listed among the
// document's files, and every file marked with its format.
func checkTextFormat(t *testing.T, out string) {
	t.Helper()
	m := readManifest(t, out)
	formats := map[string]string{}
	for _, f := range m.Files {
		formats[f.Path] = f.Format
	}
	if len(m.Documents) < 10 {
		t.Fatalf("the manifest lists %d documents", len(m.Documents))
	}
	for _, d := range m.Documents {
		p := "txt/" + d.ID + ".txt"
		if !slices.Contains(d.Files, p) {
			t.Errorf("manifest: %s lists %v, not %s", d.ID, d.Files, p)
		}
		if formats[p] != "txt" {
			t.Errorf("manifest: %s has format %q, want txt", p, formats[p])
		}
		b, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), d.Title+"\n") || !strings.Contains(string(b), "Reference: "+d.Ref) {
			t.Errorf("%s does not start with the title and the control block:\n%.200s", p, b)
		}
		page, _ := os.ReadFile(filepath.Join(out, "html", d.ID+".html"))
		if !strings.Contains(string(page), `<a href="../`+p+`">Plain text</a>`) {
			t.Errorf("html/%s.html does not link to %s", d.ID, p)
		}
	}
	if formats["txt/index.txt"] != "txt" {
		t.Errorf("manifest: txt/index.txt has format %q", formats["txt/index.txt"])
	}
	for _, f := range []string{"html/index.html", "md/access-control.md", "docx/access-control.docx", "xlsx/risk-register.xlsx", "soa.csv"} {
		if formats[f] == "" {
			t.Errorf("manifest: %s has no format", f)
		}
	}
}

// TestFormatFromOutsideTheEngine registers an output format written in its
// own package, with one line, and finds its files in the output and the
// manifest, in a build and in watch mode.
func TestFormatFromOutsideTheEngine(t *testing.T) {
	ctx := context.Background()
	src, err := os.ReadFile("../examples/acme-saas/isms.yaml")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("build", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "isms.yaml"), src)
		txt := &plaintext.Emitter{}
		res, err := engine.Build(ctx, engine.Options{Dir: dir, NoPDF: true,
			Emitters: []document.Emitter{txt}})
		if err != nil {
			t.Fatal(err)
		}
		checkTextFormat(t, res.Out)
		if want := len(res.Built.Pack.All()); txt.Made != want {
			t.Errorf("made %d text files, want %d", txt.Made, want)
		}
	})

	t.Run("watch", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "isms.yaml"), src)
		txt := &plaintext.Emitter{}
		b := engine.NewBuilder(engine.Options{Dir: dir, NoPDF: true,
			Emitters: []document.Emitter{txt}})
		r, err := b.Rebuild(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkTextFormat(t, b.Out())
		first := txt.Made
		if first != len(r.Built.Pack.All()) {
			t.Fatalf("the first build made %d text files, want %d", first, len(r.Built.Pack.All()))
		}
		// Nothing changed: the format's memos are kept by format and
		// document, generated pages included, so nothing is made again.
		r = rebuild(t, b)
		if made := txt.Made - first; made != 0 {
			t.Errorf("a rebuild without changes made %d text files, want none", made)
		}
		if slices.ContainsFunc(r.Written, func(p string) bool { return strings.HasPrefix(p, "txt/") }) {
			t.Errorf("a rebuild without changes wrote %v", r.Written)
		}
		// A change to one template's body reaches its text file.
		overrideTemplate(t, dir, "access-control.md", func(s string) string {
			return strings.Replace(s, "## Purpose", "## Purpose\n\nA sentence only the text format must show.", 1)
		})
		r = rebuild(t, b, "templates/access-control.md")
		if !slices.Contains(r.Written, "txt/access-control.txt") {
			t.Errorf("the rebuild wrote %v, not txt/access-control.txt", r.Written)
		}
		got, _ := os.ReadFile(filepath.Join(b.Out(), "txt", "access-control.txt"))
		if !strings.Contains(string(got), "A sentence only the text format must show.") {
			t.Error("txt/access-control.txt lacks the new sentence")
		}
		checkTextFormat(t, b.Out())
	})
}

// packGate is an output format with no files of its own whose pack-level
// step fails while fail is set: it stands for a combined pack that cannot
// be made after the documents were.
type packGate struct{ fail bool }

func (g *packGate) Name() string { return "gate" }
func (g *packGate) Begin(context.Context, *document.Build) (document.Run, error) {
	return gateRun{g}, nil
}

type gateRun struct{ g *packGate }

func (gateRun) Document(context.Context, *document.Document, *document.Memo) ([]document.File, error) {
	return nil, nil
}
func (r gateRun) Pack(context.Context) ([]document.File, error) {
	if r.g.fail {
		return nil, errors.New("the pack cannot be made")
	}
	return nil, nil
}

// TestWatchWritesDocumentsBeforeThePack: in watch mode a changed
// document's files are written as soon as every format has made them, before
// the pack-level files, so they are on disk even when the pack then fails;
// the next complete rebuild leaves the output and its manifest in agreement
// and writes each file once.
func TestWatchWritesDocumentsBeforeThePack(t *testing.T) {
	ctx := context.Background()
	dir := acmeProject(t)
	gate := &packGate{}
	b := engine.NewBuilder(engine.Options{Dir: dir, NoPDF: true, Emitters: []document.Emitter{gate}})
	if _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	manifest := func() map[string]string {
		out := map[string]string{}
		for _, f := range readManifest(t, b.Out()).Files {
			out[f.Path] = f.SHA256
		}
		return out
	}
	before := manifest()

	const sentence = "A sentence written before the pack."
	overrideTemplate(t, dir, "access-control.md", func(s string) string {
		return strings.Replace(s, "## Purpose", "## Purpose\n\n"+sentence, 1)
	})
	gate.fail = true
	if _, err := b.Rebuild(ctx, []string{"templates/access-control.md"}); err == nil {
		t.Fatal("the rebuild succeeded although the pack failed")
	}
	for _, f := range []string{"md/access-control.md", "html/access-control.html"} {
		got, _ := os.ReadFile(filepath.Join(b.Out(), f))
		if !strings.Contains(string(got), sentence) {
			t.Errorf("%s was not written before the pack failed", f)
		}
	}
	if !maps.Equal(manifest(), before) {
		t.Error("the failed rebuild rewrote the manifest")
	}

	gate.fail = false
	r := rebuild(t, b, "templates/access-control.md")
	for _, f := range []string{"md/access-control.md", "html/access-control.html"} {
		if n := slicesCount(r.Written, f); n != 1 {
			t.Errorf("the rebuild wrote %s %d times, want once: %v", f, n, r.Written)
		}
	}
	for path, sum := range manifest() {
		data, err := os.ReadFile(filepath.Join(b.Out(), filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		if pack.Sum(data) != sum {
			t.Errorf("%s on disk differs from the manifest", path)
		}
	}
}

func slicesCount(s []string, v string) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

// treeReader is a caller's format whose Pack reads every document's
// syntax tree, as a combined format of a project's own may.
type treeReader struct{ pack *document.Pack }

func (*treeReader) Name() string { return "trees" }

func (r *treeReader) Begin(_ context.Context, b *document.Build) (document.Run, error) {
	r.pack = b.Pack
	return r, nil
}

func (*treeReader) Document(context.Context, *document.Document, *document.Memo) ([]document.File, error) {
	return nil, nil
}

func (r *treeReader) Pack(context.Context) ([]document.File, error) {
	for _, d := range r.pack.All() {
		if d.MD == nil || d.MD.Root == nil {
			return nil, errors.New(d.ID + " has no syntax tree in the Pack phase")
		}
		if len(d.Body) == 0 && !d.Generated {
			return nil, errors.New(d.ID + " has no body map in the Pack phase")
		}
		if len(d.MD.HeadingsByNode()) != len(d.MD.Headings) {
			return nil, errors.New(d.ID + ": a heading lost its node")
		}
	}
	return nil, nil
}

// TestSyntaxTreesAreDroppedOnlyWhenNoFormatNeedsThem: a one-shot build
// drops each document's syntax tree and body map as soon as every format
// has made it, keeping the source and the headings' text; with a format
// of the caller's, which may read them in its Pack, it keeps them.
func TestSyntaxTreesAreDroppedOnlyWhenNoFormatNeedsThem(t *testing.T) {
	ctx := context.Background()
	dir := acmeProject(t)
	res, err := engine.Build(ctx, engine.Options{Dir: dir, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Built.Pack.All() {
		if d.MD.Root != nil || d.Body != nil {
			t.Fatalf("%s kept its syntax tree or body map after the build", d.ID)
		}
		if len(d.MD.Source) == 0 {
			t.Fatalf("%s lost its source", d.ID)
		}
		if n := len(d.MD.HeadingsByNode()); n != 0 {
			t.Fatalf("%s kept %d heading nodes", d.ID, n)
		}
		for _, h := range d.MD.Headings {
			if h.ID == "" || h.Text == "" {
				t.Fatalf("%s: heading %+v", d.ID, h)
			}
		}
	}
	if _, err := engine.Build(ctx, engine.Options{Dir: dir, NoPDF: true, Emitters: []document.Emitter{&treeReader{}}}); err != nil {
		t.Fatal(err)
	}
}

// memoRecorder is an output format with no files that lists the documents
// and pages it had to make, rather than take from its memo, in a build.
type memoRecorder struct {
	mu   sync.Mutex
	made []string
}

func (r *memoRecorder) Name() string { return "memo-recorder" }
func (r *memoRecorder) Begin(context.Context, *document.Build) (document.Run, error) {
	r.made = nil
	return r, nil
}

func (r *memoRecorder) Document(_ context.Context, d *document.Document, m *document.Memo) ([]document.File, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := d.Key()
	if _, ok := m.Reuse(k); !ok {
		r.made = append(r.made, d.ID)
		m.Keep(k, nil)
	}
	return nil, nil
}
func (r *memoRecorder) Pack(context.Context) ([]document.File, error) { return nil, nil }

// TestWatchKeepsGeneratedPages: in watch mode the formats keep what they
// made of the generated pages (the open actions) as they do of the
// documents, so that a template save makes only its document again.
func TestWatchKeepsGeneratedPages(t *testing.T) {
	dir := acmeProject(t)
	rec := &memoRecorder{}
	b := engine.NewBuilder(engine.Options{Dir: dir, NoPDF: true, Emitters: []document.Emitter{rec}})
	r := rebuild(t, b)
	var gen []string
	for _, d := range r.Built.Pack.Generated() {
		gen = append(gen, d.ID)
	}
	if len(gen) == 0 || !slices.Contains(rec.made, gen[0]) {
		t.Fatalf("the first build made %v; the pack's generated pages are %v", rec.made, gen)
	}
	overrideTemplate(t, dir, "cryptography.md", func(s string) string { return s + "\nKeys are also escrowed with counsel.\n" })
	rebuild(t, b, "templates/cryptography.md")
	if !slices.Equal(rec.made, []string{"cryptography"}) {
		t.Errorf("a template save made %v again, want only cryptography", rec.made)
	}

}
