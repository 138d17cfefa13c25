package tmpl

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/source"
	"github.com/ismsforge/ismsforge/templates"
)

// TestPartialsAreComplete renders every built-in document from a library
// that holds only the document and the partials Partials names. A partial
// missing from the list fails the render ("no such template"), so that
// `templates eject` never copies a document without what it needs.
func TestPartialsAreComplete(t *testing.T) {
	cat := catalog.Default()
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "acme-saas", "isms.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "isms.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := facts.Load(dir, cat)
	if err != nil {
		t.Fatal(err)
	}
	theme := fstest.MapFS{"default/theme.yaml": {Data: []byte("{}")}}
	full, sel := libraryFrom(t, dir, templates.FS, theme, f, cat)
	m := NewModel(f, cat, f.ReleaseDate(), sel)
	usedAny := false
	for _, doc := range sel {
		deps := full.PartialsOf(doc)
		usedAny = usedAny || len(deps) > 0
		// Every partial is named once, as a logical path.
		for _, d := range deps {
			if !strings.HasPrefix(d, "templates/partials/") {
				t.Errorf("%s: dependency %q is not a partial path", doc.Meta.ID, d)
			}
		}
		if !slices.IsSorted(deps) || len(slices.Compact(slices.Clone(deps))) != len(deps) {
			t.Errorf("%s: dependencies not sorted and unique: %v", doc.Meta.ID, deps)
		}
		only := fstest.MapFS{}
		for _, p := range append([]string{doc.File.Path}, deps...) {
			rel := strings.TrimPrefix(p, "templates/")
			b, err := fs.ReadFile(templates.FS, rel)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			only[rel] = &fstest.MapFile{Data: b}
		}
		lib, _ := libraryFrom(t, dir, only, theme, f, cat)
		var reduced *Template
		for _, d := range lib.Docs {
			if d.Meta.ID == doc.Meta.ID {
				reduced = d
			}
		}
		want, err := full.Render(context.Background(), m, doc, nil, DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", doc.Meta.ID, err)
		}
		got, err := lib.Render(context.Background(), m, reduced, nil, DefaultLimits)
		if err != nil {
			t.Errorf("%s with only %v: %v", doc.Meta.ID, deps, err)
			continue
		}
		if string(got.Markdown) != string(want.Markdown) {
			t.Errorf("%s renders differently with only its partials", doc.Meta.ID)
		}
	}
	if !usedAny {
		t.Fatal("no document uses a partial; the test proves nothing")
	}
}

func libraryFrom(t *testing.T, dir string, lib, theme fs.FS, f *facts.Facts, cat *catalog.Catalog) (*Library, []*Template) {
	t.Helper()
	set, err := source.Open(dir, "default", lib, theme)
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	files, err := set.Templates()
	if err != nil {
		t.Fatal(err)
	}
	l, err := Parse(files, cat)
	if err != nil {
		t.Fatal(err)
	}
	sel, _, err := l.Select(f, cat)
	if err != nil {
		t.Fatal(err)
	}
	return l, sel
}
