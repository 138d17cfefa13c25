package engine_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/templates"
)

// rebuildProject copies the acme example into a temporary project and makes
// a first full build with a Builder.
func rebuildProject(t *testing.T) (string, *engine.Builder) {
	t.Helper()
	return rebuildProjectPDF(t, false)
}

// rebuildProjectPDF is rebuildProject, making PDFs when pdf is set.
func rebuildProjectPDF(t *testing.T, pdf bool) (string, *engine.Builder) {
	t.Helper()
	dir := acmeProject(t)
	b := engine.NewBuilder(engine.Options{Dir: dir, NoPDF: !pdf})
	r, err := b.Rebuild(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rerendered) != len(r.Built.Pack.Docs) {
		t.Fatalf("first build rendered %d of %d documents", len(r.Rerendered), len(r.Built.Pack.Docs))
	}
	return dir, b
}

func rebuild(t *testing.T, b *engine.Builder, changed ...string) *engine.Rebuild {
	t.Helper()
	r, err := b.Rebuild(context.Background(), changed)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// mdBodies reads every rendered Markdown file of an output directory.
func mdBodies(t *testing.T, out string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	files, _ := filepath.Glob(filepath.Join(out, "md", "*.md"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		m[strings.TrimSuffix(filepath.Base(f), ".md")] = b
	}
	return m
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestRebuildWithoutChangesRendersNothing(t *testing.T) {
	dir, b := rebuildProject(t)
	page := filepath.Join(dir, "out", "html", "access-control.html")
	before, _ := os.Stat(page)
	time.Sleep(10 * time.Millisecond)
	r := rebuild(t, b, "isms.yaml")
	if len(r.Rerendered) != 0 || len(r.Written) != 0 || len(r.Removed) != 0 {
		t.Errorf("rerendered %v, wrote %v, removed %v; want nothing", r.Rerendered, r.Written, r.Removed)
	}
	after, _ := os.Stat(page)
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
}

// overrideTemplate puts a copy of a built-in template, edited, into the
// project's templates/.
func overrideTemplate(t *testing.T, dir, name string, edit func(string) string) {
	t.Helper()
	b, err := templates.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "templates", name), []byte(edit(string(b))))
}

func TestRebuildAfterTemplateBodyChange(t *testing.T) {
	dir, b := rebuildProject(t)
	overrideTemplate(t, dir, "cryptography.md", func(s string) string {
		return s + "\n## Local note\n\nKeys are also escrowed with counsel.\n"
	})
	r := rebuild(t, b, "templates/cryptography.md")
	if !slices.Equal(r.Rerendered, []string{"cryptography"}) {
		t.Errorf("re-rendered %v, want only cryptography", r.Rerendered)
	}
	if got, want := sorted(r.Written), []string{"docx/cryptography.docx", "html/cryptography.html", "manifest.json", "md/cryptography.md"}; !slices.Equal(got, want) {
		t.Errorf("wrote %v, want %v", got, want)
	}
}

// TestRebuildRestoresDeletedOutput: a rebuild writes the edited
// document's files before the rest, looking only at what it wrote last;
// a file someone deleted from the output since, edited or not, is back
// once the rebuild is done.
func TestRebuildRestoresDeletedOutput(t *testing.T) {
	dir, b := rebuildProject(t)
	want := snapshot(t, b.Out())
	gone := []string{"html/cryptography.html", "md/access-control.md", "html/index.html"}
	for _, f := range gone {
		if len(want[f]) == 0 {
			t.Fatalf("the first build wrote no %s", f)
		}
		if err := os.Remove(filepath.Join(b.Out(), filepath.FromSlash(f))); err != nil {
			t.Fatal(err)
		}
	}
	overrideTemplate(t, dir, "cryptography.md", func(s string) string { return s + "\nKeys are also escrowed with counsel.\n" })
	rebuild(t, b, "templates/cryptography.md")
	got := snapshot(t, b.Out())
	for _, f := range gone[1:] {
		if !bytes.Equal(got[f], want[f]) {
			t.Errorf("%s was not restored", f)
		}
	}
	if !bytes.Contains(got[gone[0]], []byte("escrowed with counsel")) {
		t.Errorf("%s was not written again", gone[0])
	}
}

func TestRebuildAfterTitleChangeReachesLinksAndNavigation(t *testing.T) {
	dir, b := rebuildProject(t)
	before := mdBodies(t, b.Out())
	overrideTemplate(t, dir, "cryptography.md", func(s string) string {
		return strings.Replace(s, "\ntitle: ", "\ntitle: Encryption Standard (was ", 1)
	})
	r := rebuild(t, b, "templates/cryptography.md")
	after := mdBodies(t, b.Out())
	// Every page lists every title in its navigation. (The generated
	// pages, such as the open actions, are made anew on every build and
	// are not counted as re-rendered.)
	if docs := len(before) - len(r.Built.Pack.Generated()); len(r.Rerendered) != docs {
		t.Errorf("re-rendered %d of %d document pages; a title appears on every page", len(r.Rerendered), docs)
	}
	// The Markdown changes exactly where the document is linked or listed.
	var wantMD []string
	for id, md := range after {
		if !bytes.Equal(md, before[id]) {
			wantMD = append(wantMD, "md/"+id+".md")
			if id != "cryptography" && !bytes.Contains(md, []byte("Encryption Standard")) {
				t.Errorf("%s changed without naming the new title", id)
			}
		}
	}
	var gotMD []string
	for _, w := range r.Written {
		if strings.HasPrefix(w, "md/") {
			gotMD = append(gotMD, w)
		}
	}
	if !slices.Equal(sorted(gotMD), sorted(wantMD)) || len(wantMD) < 2 {
		t.Errorf("wrote Markdown %v, want %v", sorted(gotMD), sorted(wantMD))
	}
}

func TestRebuildAfterFactsChangeRendersOnlyWhatChanged(t *testing.T) {
	dir, b := rebuildProject(t)
	before := mdBodies(t, b.Out())
	p := filepath.Join(dir, "isms.yaml")
	y, _ := os.ReadFile(p)
	old := "password_manager: "
	i := bytes.Index(y, []byte(old))
	if i < 0 {
		t.Fatal("the example names no password manager")
	}
	eol := bytes.IndexByte(y[i:], '\n')
	y = append(y[:i:i], append([]byte(old+"Bitwarden Enterprise"), y[i+eol:]...)...)
	writeFile(t, p, y)
	r := rebuild(t, b, "isms.yaml")
	after := mdBodies(t, b.Out())
	var changed []string
	for id, md := range after {
		if !bytes.Equal(md, before[id]) {
			changed = append(changed, id)
		}
	}
	if len(changed) == 0 || len(changed) == len(after) {
		t.Fatalf("%d of %d documents changed; the test needs a fact some documents use", len(changed), len(after))
	}
	if !slices.Equal(sorted(r.Rerendered), sorted(changed)) {
		t.Errorf("re-rendered %v, want exactly the documents whose text changed: %v", sorted(r.Rerendered), sorted(changed))
	}
}

func TestRebuildAfterThemeChange(t *testing.T) {
	dir, b := rebuildProject(t)
	writeFile(t, filepath.Join(dir, "themes", "default", "html", "style.css"), []byte("body { color: navy; }\n"))
	r := rebuild(t, b, "themes/default/html/style.css")
	if got := sorted(r.Written); !slices.Equal(got, []string{"html/style.css", "manifest.json"}) {
		t.Errorf("a stylesheet change wrote %v", got)
	}
	layout, _ := os.ReadFile("../themes/default/html/document.html")
	writeFile(t, filepath.Join(dir, "themes", "default", "html", "document.html"), append(layout, "\n<!-- edited -->\n"...))
	r = rebuild(t, b, "themes/default/html/document.html")
	if len(r.Rerendered) != len(r.Built.Pack.Docs) {
		t.Errorf("a layout change re-rendered %d of %d documents", len(r.Rerendered), len(r.Built.Pack.Docs))
	}
}

func TestFailedRebuildKeepsLastGoodOutputAndRecovers(t *testing.T) {
	dir, b := rebuildProject(t)
	before := snapshot(t, b.Out())
	p := filepath.Join(dir, "isms.yaml")
	good, _ := os.ReadFile(p)
	writeFile(t, p, append(good, "nonsense: [\n"...))
	if _, err := b.Rebuild(context.Background(), []string{"isms.yaml"}); err == nil {
		t.Fatal("a broken isms.yaml must fail the rebuild")
	}
	sameTree(t, before, snapshot(t, b.Out()))
	writeFile(t, p, good)
	r := rebuild(t, b, "isms.yaml")
	if len(r.Rerendered) != 0 || len(r.Written) != 0 {
		t.Errorf("after the fix, rebuild re-rendered %v and wrote %v; the output was already right", r.Rerendered, r.Written)
	}
}

// TestRebuildMatchesFreshBuild walks through the edits of a working session
// (a template's text, a title that the pack's contents list, a partial
// every document uses, a theme's font and then that font's file, a scope
// fact, numbered headings, the pack's language and page size, a release
// that writes the lock, undoing the partial) and after each one compares
// the watch-mode output, PDFs included, built from its caches, with a build
// from scratch.
func TestRebuildMatchesFreshBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the pack many times")
	}
	dir, b := rebuildProjectPDF(t, true)
	partial := filepath.Join(dir, "templates", "partials", "common-profile.md")
	steps := []struct {
		name string
		edit func()
	}{
		{"template", func() {
			overrideTemplate(t, dir, "cryptography.md", func(s string) string {
				return s + "\nKeys are also escrowed with counsel.\n"
			})
		}},
		{"title", func() {
			overrideTemplate(t, dir, "cryptography.md", func(s string) string {
				return strings.Replace(s, "\ntitle: ", "\ntitle: Encryption and ", 1) + "\nKeys are also escrowed with counsel.\n"
			})
		}},
		{"front matter controls", func() {
			// Only the front matter: the PDF's and the Word file's
			// keywords list the document's clauses and controls.
			overrideTemplate(t, dir, "cryptography.md", func(s string) string {
				s = strings.Replace(s, "\ncontrols: [A.8.24]\n", "\ncontrols: [A.8.24, A.5.33]\n", 1)
				return strings.Replace(s, "\ntitle: ", "\ntitle: Encryption and ", 1) + "\nKeys are also escrowed with counsel.\n"
			})
		}},
		{"partial", func() {
			overrideTemplate(t, dir, "partials/common-profile.md", func(s string) string {
				s = strings.Replace(s, `$every := "quarterly"`, `$every := "half-yearly"`, 1)
				return strings.Replace(s, `$every = "monthly"`, `$every = "fortnightly"`, 1)
			})
		}},
		{"theme font", func() {
			// The typesetter is kept between rebuilds with the fonts it was
			// made with: a theme that names a font file must replace it.
			theme := filepath.Join(dir, "themes", "default")
			writeFile(t, filepath.Join(theme, "theme.yaml"), []byte("name: default\nfonts: {regular: fonts/body.ttf}\n"))
			writeFile(t, filepath.Join(theme, "fonts", "body.ttf"), dejavusans.TTF)
		}},
		{"font file", func() {
			// The same file name with other bytes.
			writeFile(t, filepath.Join(dir, "themes", "default", "fonts", "body.ttf"), dejavusansbold.TTF)
		}},
		{"facts", func() { addLocation(t, dir) }},
		{"heading numbers", func() { setOutput(t, dir, "heading_numbers: true") }},
		{"language", func() { setOutput(t, dir, "heading_numbers: true", "language: en-GB") }},
		{"page size", func() { setOutput(t, dir, "heading_numbers: true", "language: en-GB", "page_size: a4") }},
		{"release", func() {
			if _, err := engine.Release(context.Background(), engine.ReleaseOptions{Dir: dir, Summary: "First release"}); err != nil {
				t.Fatal(err)
			}
		}},
		{"undo partial", func() {
			if err := os.Remove(partial); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, s := range steps {
		s.edit()
		rebuild(t, b, "isms.yaml")
		sameAsFreshBuild(t, dir, b.Out(), s.name)
	}
}

// TestRebuildAfterPackFactsMatchesFreshBuild: the facts that every page
// shows, or that decide how dates and references are written, reach each
// output's key: after each edit the watch-mode output, PDFs included, is a
// fresh build's.
func TestRebuildAfterPackFactsMatchesFreshBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the pack many times")
	}
	dir, b := rebuildProjectPDF(t, true)
	p := filepath.Join(dir, "isms.yaml")
	steps := []struct{ name, old, new string }{
		{"classification", "  classification: Internal\n  review_months: 12\n", "  classification: Confidential\n  review_months: 12\n"},
		{"reference prefix", "  prefix: ACME-ISMS\n", "  prefix: AC-ISMS\n"},
		{"country", "  country: US\n  website:", "  country: GB\n  website:"},
		{"scope statement", "scope:\n", "scope:\n  statement: The ISMS covers the Acme Projects platform and the people who run it.\n"},
		{"release date", "  date: 2026-11-02\n", "  date: 2026-11-20\n"},
		{"organization name", "  name: Acme Cloud\n", "  name: Acme Cloud Ltd\n"},
	}
	for _, s := range steps {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(src, []byte(s.old)) {
			t.Fatalf("the example has no %q", s.old)
		}
		writeFile(t, p, bytes.Replace(src, []byte(s.old), []byte(s.new), 1))
		rebuild(t, b, "isms.yaml")
		sameAsFreshBuild(t, dir, b.Out(), s.name)
	}
}

// sameAsFreshBuild compares the watch-mode output out of the project in dir
// with a fresh build of it, after the named edit.
func sameAsFreshBuild(t *testing.T, dir, out, edit string) {
	t.Helper()
	fresh := t.TempDir()
	if _, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: fresh}); err != nil {
		t.Fatal(err)
	}
	got, want := snapshot(t, out), snapshot(t, fresh)
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("after the %s edit, %s differs from a fresh build", edit, name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("after the %s edit, watch output has %d files, a fresh build %d", edit, len(got), len(want))
	}
}

// TestWatchChecksFollowEachEdit: watch mode keeps the findings of the
// checks that read one document at a time between rebuilds; an edit that
// makes a document name another owner in its text is found, undoing it
// clears the finding, and redoing it finds it again.
func TestWatchChecksFollowEachEdit(t *testing.T) {
	dir, b := rebuildProject(t)
	first := rebuild(t, b)
	var owner string
	for _, d := range first.Built.Pack.Docs {
		if d.ID == "cryptography" {
			owner = d.Control.Owner.Name
		}
	}
	other := "Dana Whitfield"
	if owner == other {
		other = "Marcus Chen"
	}
	claim := func(s string) string { return s + "\n\nThis policy is owned by " + other + ".\n" }
	wantFinding := func(step string) {
		t.Helper()
		_, err := b.Rebuild(context.Background(), []string{"templates/cryptography.md"})
		if err == nil || !strings.Contains(err.Error(), "names "+other+" as its owner") {
			t.Fatalf("%s: got %v, want the document-owner finding", step, err)
		}
	}
	overrideTemplate(t, dir, "cryptography.md", claim)
	wantFinding("the claim added")
	if err := os.Remove(filepath.Join(dir, "templates", "cryptography.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Rebuild(context.Background(), []string{"templates/cryptography.md"}); err != nil {
		t.Fatalf("the claim removed: %v", err)
	}
	overrideTemplate(t, dir, "cryptography.md", claim)
	wantFinding("the claim added again")
}

// TestWatchGlyphFindingsFollowTheFonts: watch mode keeps what characters
// each document has that the fonts lack; a theme that changes the fonts
// must look again. A check mark that DejaVu draws is missing from the Go
// fonts, and found once the theme uses them.
func TestWatchGlyphFindingsFollowTheFonts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the pack with PDFs")
	}
	dir, b := rebuildProjectPDF(t, true)
	overrideTemplate(t, dir, "cryptography.md", func(s string) string { return s + "\nKeys are checked ✓ every year.\n" })
	rebuild(t, b, "templates/cryptography.md")
	theme := filepath.Join(dir, "themes", "default")
	writeFile(t, filepath.Join(theme, "fonts", "go.ttf"), goregular.TTF)
	writeFile(t, filepath.Join(theme, "theme.yaml"), []byte("name: default\nfonts: {regular: fonts/go.ttf, bold: fonts/go.ttf, italic: fonts/go.ttf, bold_italic: fonts/go.ttf, mono: fonts/go.ttf, symbol: fonts/go.ttf}\n"))
	_, err := b.Rebuild(context.Background(), []string{"themes/default/theme.yaml"})
	if err == nil || !regexp.MustCompile(`cryptography\.md:\d+:\d+: .*U\+2713`).MatchString(err.Error()) {
		t.Fatalf("with the Go fonts: got %v, want the missing check mark in cryptography.md", err)
	}
	if err := os.RemoveAll(theme); err != nil {
		t.Fatal(err)
	}
	rebuild(t, b, "themes/default/theme.yaml")
}

// setOutput gives the project's facts an output section with the given
// lines, replacing the one a previous call added.
func setOutput(t *testing.T, dir string, lines ...string) {
	t.Helper()
	p := filepath.Join(dir, "isms.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s, _, _ := strings.Cut(string(b), "\noutput: # setOutput\n")
	s += "\noutput: # setOutput\n"
	for _, l := range lines {
		s += "  " + l + "\n"
	}
	writeFile(t, p, []byte(s))
}
